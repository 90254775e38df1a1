import { z } from 'zod';
import { FantasticRoleSchema } from './alliance';
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

/** A person of the living demo, whom the development mailbox signs in with one click. */
export const DemoPersonSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  email: z.string(),
  organisationName: z.string().nullable(),
  fantasticRole: FantasticRoleSchema.nullable(),
  role: z.enum(['member', 'admin']),
});
export type DemoPerson = z.infer<typeof DemoPersonSchema>;
export const DemoPeopleSchema = z.object({ items: z.array(DemoPersonSchema) });
