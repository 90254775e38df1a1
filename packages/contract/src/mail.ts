import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema } from './common';

/** A message kept in the outbox, as the development mailbox lists it. */
export const OutboxMessageSchema = z.object({
  id: IdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'kept', 'failed']),
  createdAt: IsoDateTimeSchema,
});
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;
export const OutboxListSchema = z.object({ items: z.array(OutboxMessageSchema) });
