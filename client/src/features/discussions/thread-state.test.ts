import type { Post, Thread } from '@atelier/contract';
import { describe, expect, it } from 'vitest';
import { addThread, applyReaction, bumpThread, type ShownPost, textToHtml, upsertPost } from './thread-state';

const person = (id: string) => ({ id, displayName: id.toUpperCase(), avatarUrl: null });
const post = (id: string, overrides: Partial<Post> = {}): Post => ({
  id,
  threadId: 't1',
  author: person('a'),
  body: `<p>${id}</p>`,
  createdAt: '2026-11-28T10:00:00.000+00:00',
  editedAt: null,
  deletedAt: null,
  replyToId: null,
  reactions: [],
  mentions: [],
  ...overrides,
});
const thread = (id: string, overrides: Partial<Thread> = {}): Thread => ({
  id,
  spaceId: 's1',
  title: id,
  postCount: 1,
  lastPostAt: '2026-11-28T10:00:00.000+00:00',
  unreadCount: 0,
  pinned: false,
  locked: false,
  createdAt: '2026-11-28T10:00:00.000+00:00',
  author: person('a'),
  following: false,
  ...overrides,
});

describe('upsertPost', () => {
  it('replaces the optimistic post of the same submission, whichever comes first', () => {
    const optimistic: ShownPost = { ...post('tmp'), pendingKey: 'k1' };
    const afterAnswer = upsertPost([post('p1'), optimistic], post('p2'), 'k1');
    expect(afterAnswer.map((item) => item.id)).toEqual(['p1', 'p2']);
    expect(upsertPost(afterAnswer, post('p2')).map((item) => item.id)).toEqual(['p1', 'p2']);
  });

  it('never shows a live post twice', () => {
    const once = upsertPost([], post('p1'));
    expect(upsertPost(once, post('p1'))).toHaveLength(1);
  });

  it('keeps an edit', () => {
    const edited = upsertPost([post('p1')], post('p1', { body: '<p>new</p>', editedAt: '2026-11-28T11:00:00Z' }));
    expect(edited[0]?.body).toBe('<p>new</p>');
  });
});

describe('reactions', () => {
  it('keeps my flag when someone else reacts, and sets it when I do', () => {
    const mine = [{ emoji: '👍' as const, count: 1, mine: true }];
    const posts = [post('p1', { reactions: mine })];
    const other = applyReaction(
      posts,
      {
        postId: 'p1',
        threadId: 't1',
        userId: 'b',
        emoji: '👍',
        added: true,
        reactions: [{ emoji: '👍', count: 2, mine: false }],
      },
      'a',
    );
    expect(other[0]?.reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    const own = applyReaction(
      other,
      {
        postId: 'p1',
        threadId: 't1',
        userId: 'a',
        emoji: '👍',
        added: false,
        reactions: [{ emoji: '👍', count: 1, mine: false }],
      },
      'a',
    );
    expect(own[0]?.reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
  });
});

describe('thread lists', () => {
  it('counts a live post and marks it unread for others only', () => {
    const list = [thread('t1'), thread('t2', { lastPostAt: '2026-11-28T11:00:00Z' })];
    const bumped = bumpThread(list, post('p9', { author: person('b'), createdAt: '2026-11-28T12:00:00Z' }), 'a');
    expect(bumped.map((item) => [item.id, item.postCount, item.unreadCount])).toEqual([
      ['t1', 2, 1],
      ['t2', 1, 0],
    ]);
    expect(bumpThread(list, post('p9'), 'a').find((item) => item.id === 't1')?.unreadCount).toBe(0);
  });

  it('adds a new thread once, pinned ones first', () => {
    const list = addThread([thread('pin', { pinned: true })], thread('t1'));
    expect(addThread(list, thread('t1')).map((item) => item.id)).toEqual(['pin', 't1']);
  });
});

describe('textToHtml', () => {
  it('makes paragraphs and escapes markup', () => {
    expect(textToHtml('Bonjour <b>\nà tous\n\nFin')).toBe('<p>Bonjour &lt;b&gt;<br>à tous</p><p>Fin</p>');
  });
});

describe('posts hidden by moderation or by a block', () => {
  it('keeps the body already read when a broadcast hides the post, and the reader’s authorBlocked', () => {
    const known: ShownPost[] = [post('p1', { authorBlocked: true })];
    const hidden = upsertPost(known, post('p1', { hidden: true, body: '' }));
    expect(hidden[0]).toMatchObject({ hidden: true, body: '<p>p1</p>', authorBlocked: true });
    const shownAgain = upsertPost(hidden, post('p1', { body: '<p>p1</p>' }));
    expect(shownAgain[0]?.hidden).toBeUndefined();
    const deleted = upsertPost(
      hidden,
      post('p1', { hidden: true, body: '', deletedAt: '2026-11-28T11:00:00.000+00:00' }),
    );
    expect(deleted[0]?.body).toBe('');
  });
});
