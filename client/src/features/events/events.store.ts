import { NextPermanenceSchema } from '@atelier/contract';
import { createResource } from 'solid-js';
import { api } from '../../lib/api';
import { session } from '../accounts/session.store';
import { type EventListQuery, eventsApi } from './events.api';

/** The next permanence (first Tuesday of the month, online), or null when none is planned. */
export function createNextPermanence() {
  const [next, { refetch }] = createResource(async () => {
    const body = await api.get('/api/permanence/next', NextPermanenceSchema);
    return body.next;
  });
  return { next, refetch };
}

/**
 * Events matching `query` (null: none asked yet). Read again when the person signs in or out:
 * what they see, and the counts, may depend on who they are.
 */
export function createEventList(query: () => EventListQuery | null) {
  const [events, { refetch }] = createResource(
    () => {
      const wanted = query();
      if (!wanted || session.status() === 'loading') return false;
      return { ...wanted, user: session.user()?.id ?? '' };
    },
    async ({ user: _user, ...wanted }) => (await eventsApi.list(wanted)).items,
  );
  return { events, refetch };
}
