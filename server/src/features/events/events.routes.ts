import { NextPermanenceSchema } from '@atelier/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getNextPermanence } from './events.service';

export interface EventsRoutesOptions {
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
}

export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesOptions> = async (app, options) => {
  const now = options.now ?? (() => new Date());

  app.get(
    '/permanence/next',
    {
      schema: {
        tags: ['events'],
        summary: 'The permanence in progress or the next one (first Tuesday of the month, 12:30 Paris time)',
        response: { 200: NextPermanenceSchema },
      },
    },
    async () => ({ next: await getNextPermanence({ db: app.db }, { now: now() }) }),
  );
};
