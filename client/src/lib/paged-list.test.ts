import { createRoot, createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createPagedList } from './paged-list';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a list read page by page', () => {
  it('appends the next page, then starts over when the query changes', async () => {
    const pages: Record<string, { items: string[]; nextCursor: string | null }> = {
      'a:': { items: ['a1', 'a2'], nextCursor: 'c1' },
      'a:c1': { items: ['a3'], nextCursor: null },
      'b:': { items: ['b1'], nextCursor: null },
    };
    const asked: string[] = [];
    await createRoot(async (dispose) => {
      const [query, setQuery] = createSignal('a');
      const list = createPagedList(
        query,
        async (q, cursor) => {
          asked.push(`${q}:${cursor ?? ''}`);
          return pages[`${q}:${cursor ?? ''}`] ?? { items: [], nextCursor: null };
        },
        '.none',
      );
      await tick();
      expect(list.items()).toEqual(['a1', 'a2']);
      expect(list.nextCursor()).toBe('c1');
      await list.showMore();
      expect(list.items()).toEqual(['a1', 'a2', 'a3']);
      expect(list.nextCursor()).toBeNull();
      setQuery('b');
      await tick();
      expect(list.items()).toEqual(['b1']);
      expect(asked).toEqual(['a:', 'a:c1', 'b:']);
      dispose();
    });
  });
});
