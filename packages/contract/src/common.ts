import { z } from 'zod';

/** Opaque identifiers: clients never parse them. */
export const IdSchema = z.string().min(1).max(64);

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
