import { z } from 'zod';

/** Opaque identifiers: clients never parse them. */
export const IdSchema = z.string().min(1).max(64);

/** `/:id` in a path: the one param of routes about one thing (a thread, an event, a file…). */
export const IdParamsSchema = z.object({ id: IdSchema });

/**
 * A space's URL name: lowercase ASCII words joined by single hyphens ("mise-en-recits").
 * Anything else in a path is refused with 400 `invalid_input` before any query runs.
 */
export const SpaceSlugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens only');

/** `/spaces/:slug/…` in a path. */
export const SpaceSlugParamsSchema = z.object({ slug: SpaceSlugSchema });

/** ISO 8601 instant with offset, as every time on the wire. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

export const LocaleSchema = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

/** Trimmed single-line text without control characters. */
export const lineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'control characters are not allowed');

/** Free text that may span lines but never carries NUL or other control characters. */
export const multilineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      (value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value),
      'control characters are not allowed',
    );

export const paginated = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const HealthSchema = z.object({ status: z.literal('ok'), db: z.literal('ok') });
