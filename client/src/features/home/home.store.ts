import { HomeSchema } from '@atelier/contract';
import { createResource, createSignal } from 'solid-js';
import { api } from '../../lib/api';
import { session } from '../accounts/session.store';

/**
 * « Pour vous », read once per signed-in person when the home page opens (again when someone
 * else signs in). A snapshot: the page says so and offers to read it again.
 */
export function createHomeStore() {
  const [readAt, setReadAt] = createSignal<Date | null>(null);
  const [home, { refetch }] = createResource(
    () => session.user()?.id ?? false,
    async () => {
      const answer = await api.get('/api/me/home', HomeSchema);
      setReadAt(new Date());
      return answer;
    },
  );
  return { home, readAt, reload: () => refetch() };
}
