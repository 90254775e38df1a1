import { createResource } from 'solid-js';
import { session } from '../accounts/session.store';
import { newslettersApi } from './newsletters.api';

/**
 * A space's archive (the « Infolettres » tab): its first page, read again when someone else
 * signs in, older pages added on demand, and the reader's choice to receive the infolettres —
 * shown at once, put back if the server refuses.
 */
export function createNewsletterListStore(slug: () => string) {
  const [list, { mutate, refetch }] = createResource(
    () => ({ slug: slug(), viewer: session.viewerKey() }),
    ({ slug: current }) => newslettersApi.list(current),
  );
  return {
    list,
    reload: () => refetch(),
    async loadMore() {
      const current = list.latest;
      if (!current?.nextCursor) return;
      const page = await newslettersApi.list(slug(), current.nextCursor);
      mutate({ ...current, items: [...current.items, ...page.items], nextCursor: page.nextCursor });
    },
    async setSubscribed(subscribed: boolean) {
      const before = list.latest?.subscribed ?? null;
      mutate((current) => current && { ...current, subscribed });
      try {
        await newslettersApi.subscribe(slug(), subscribed);
      } catch (error) {
        mutate((current) => current && { ...current, subscribed: before });
        throw error;
      }
    },
  };
}
