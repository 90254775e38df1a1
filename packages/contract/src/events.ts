import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';

export const EventKindSchema = z.enum(['permanence', 'initiation', 'atelier', 'autre']);
/** Online (visioconférence) or in person. */
export const EventModeSchema = z.enum(['visio', 'presentiel']);

/** The next occurrence of a series, computed from its recurrence rule. */
export const NextOccurrenceSchema = z.object({
  seriesId: IdSchema,
  title: z.string(),
  kind: EventKindSchema,
  summary: z.string(),
  startsAt: IsoDateTimeSchema,
  endsAt: IsoDateTimeSchema,
  timezone: z.string(),
  mode: EventModeSchema,
});
export type NextOccurrence = z.infer<typeof NextOccurrenceSchema>;

export const NextPermanenceSchema = z.object({ next: NextOccurrenceSchema.nullable() });
