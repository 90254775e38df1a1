import { z } from 'zod';
import { IdSchema } from './common';
import { ThreadSchema } from './discussions';
import { DocumentSchema } from './documents';
import { EventSchema, MyRegistrationSchema, NextOccurrenceSchema } from './events';

/** The space a « Pour vous » item belongs to, to name it and link to it. */
export const HomeSpaceSchema = z.object({ id: IdSchema, slug: z.string(), title: z.string() });

/**
 * `GET /api/me/home` → « Pour vous », the signed-in home page: threads of my spaces with posts
 * I have not read (most recent first), my next events with my seat or waitlist rank, the
 * documents of my spaces others edited lately, and the next permanence. Reading it marks
 * nothing read.
 */
export const HomeSchema = z.object({
  unreadThreads: z.array(z.object({ thread: ThreadSchema, space: HomeSpaceSchema })),
  nextEvents: z.array(z.object({ event: EventSchema, registration: MyRegistrationSchema })),
  documents: z.array(z.object({ document: DocumentSchema, space: HomeSpaceSchema })),
  permanence: NextOccurrenceSchema.nullable(),
});
export type Home = z.infer<typeof HomeSchema>;

/** How many items each part of « Pour vous » shows at most. */
export const HOME_LIMITS = { unreadThreads: 8, nextEvents: 5, documents: 5 } as const;
