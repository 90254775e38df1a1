import { createEffect, createResource, createSignal, on } from 'solid-js';
import { errorText } from './form';

/**
 * A list read page by page with opaque cursors. The first page follows `query`: a new query
 * (filters applied, Back, a retry) starts the list over. « Afficher plus » appends the next
 * page and moves the focus to its first item (`itemSelector` names the items' focusable
 * elements, in order), so that a keyboard or screen-reader user goes on where the list grew.
 */
export function createPagedList<Q, P extends { items: unknown[]; nextCursor: string | null }>(
  query: () => Q,
  load: (query: Q, cursor: string | null) => Promise<P>,
  itemSelector: string,
) {
  type T = P['items'][number];
  const [first, { refetch }] = createResource(query, (current) => load(current, null));
  const [more, setMore] = createSignal<T[]>([]);
  const [cursor, setCursor] = createSignal<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [moreError, setMoreError] = createSignal<string | null>(null);
  createEffect(
    on(
      () => first.latest,
      () => {
        setMore([]);
        setCursor(undefined);
        setMoreError(null);
      },
      { defer: true },
    ),
  );
  const items = (): T[] => [...((first.latest?.items ?? []) as T[]), ...more()];
  const nextCursor = () => (cursor() === undefined ? (first.latest?.nextCursor ?? null) : cursor());
  const showMore = async () => {
    const after = nextCursor();
    if (!after || loadingMore()) return;
    setLoadingMore(true);
    setMoreError(null);
    const shown = items().length;
    const from = first.latest;
    try {
      const page = await load(query(), after);
      // The list started over meanwhile (other filters, Back): this page belongs to the old one.
      if (first.latest !== from) return;
      setMore([...more(), ...(page.items as T[])]);
      setCursor(page.nextCursor);
      document.querySelectorAll<HTMLElement>(itemSelector)[shown]?.focus();
    } catch (error) {
      setMoreError(errorText(error));
    } finally {
      setLoadingMore(false);
    }
  };
  return { first, refetch, items, nextCursor, showMore, loadingMore, moreError };
}
