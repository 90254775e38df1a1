import { createRoot, createSignal } from 'solid-js';
import { session } from '../accounts/session.store';
import { moderationApi } from './moderation.api';

/**
 * The people the signed-in person blocked, shared by every page (the thread view collapses
 * their posts, the profile lists them). Loaded once per person on first use; blocking and
 * unblocking update it at once, after the server said yes.
 */
const store = createRoot(() => {
  const [blocked, setBlocked] = createSignal<ReadonlyMap<string, { displayName: string; blockedAt: string }>>(
    new Map(),
  );
  let loadedFor: string | null = null;
  const [loaded, setLoaded] = createSignal(false);

  async function ensureLoaded() {
    const me = session.user()?.id ?? null;
    if (me === null || loadedFor === me) return;
    loadedFor = me;
    try {
      const list = await moderationApi.blocks();
      setBlocked(new Map(list.items.map((item) => [item.id, item])));
      setLoaded(true);
    } catch (error) {
      loadedFor = null;
      console.warn('Could not load the blocked people', error);
    }
  }

  async function setBlock(person: { id: string; displayName: string }, on: boolean) {
    if (on) await moderationApi.block(person.id);
    else await moderationApi.unblock(person.id);
    const next = new Map(blocked());
    if (on) next.set(person.id, { displayName: person.displayName, blockedAt: new Date().toISOString() });
    else next.delete(person.id);
    setBlocked(next);
  }

  return { blocked, loaded, ensureLoaded, setBlock, isBlocked: (id: string) => blocked().has(id) };
});

export const blocks = store;
