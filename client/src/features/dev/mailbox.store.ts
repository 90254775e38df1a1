import { DemoPeopleSchema, type DemoPerson, OutboxListSchema, type OutboxMessage } from '@atelier/contract';
import { createResource } from 'solid-js';
import { ApiError, api } from '../../lib/api';

/** `unavailable` when the server has no development mailbox (production answers 404). */
export interface Mailbox {
  available: boolean;
  items: OutboxMessage[];
}

export const newestFirst = (items: OutboxMessage[]) =>
  [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));

export function createMailbox() {
  const [mailbox, { refetch }] = createResource(async (): Promise<Mailbox> => {
    try {
      const body = await api.get('/api/dev/mailbox', OutboxListSchema);
      return { available: true, items: newestFirst(body.items) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { available: false, items: [] };
      throw error;
    }
  });
  return { mailbox, refetch };
}

/** The living demo's people; none where the server has no demo (or no development routes). */
export function createDemoPeople() {
  const [people] = createResource(async (): Promise<DemoPerson[]> => {
    try {
      return (await api.get('/api/dev/demo-people', DemoPeopleSchema)).items;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return [];
      throw error;
    }
  });
  return people;
}
