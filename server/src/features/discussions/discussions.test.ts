import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread, notificationsSettled, threadList } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace, joinSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { mailsTo } from '../../test/outbox';

let ctx: TestContext;
let space: { id: string; slug: string };
let alice: TestPerson;
let bruno: TestPerson;
let animatrice: TestPerson;
let outsider: TestPerson;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  space = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
  alice = await createPerson(ctx, { displayName: 'Alice Martin' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Petit', locale: 'en' });
  animatrice = await createPerson(ctx, { displayName: 'Inès Animatrice' });
  outsider = await createPerson(ctx);
  await joinSpace(ctx, alice, space.slug);
  await joinSpace(ctx, bruno, space.slug);
  await addMembership(db(), space.id, animatrice.id, { role: 'animateur' });
});
afterAll(() => ctx.close());

describe('threads and posts', () => {
  it('starts a thread with its first post, lists it and shows it', async () => {
    const { thread, post } = await createThread(ctx, alice, space.slug, { title: 'Mise en récits' });
    expect(thread).toMatchObject({ spaceId: space.id, title: 'Mise en récits', postCount: 1, unreadCount: 0 });
    expect(post.body).toBe('<p>Qui anime la prochaine permanence ?</p>');

    const reply = await createPost(ctx, bruno, thread.id, '<p>Moi !</p>', { replyToId: post.id });
    const shown = await request(ctx, null, 'GET', `/api/threads/${thread.id}`);
    expect(shown.statusCode).toBe(200);
    const body = shown.json();
    expect(body.thread.postCount).toBe(2);
    expect(body.posts.items.map((p: { id: string }) => p.id)).toEqual([post.id, reply.id]);
    expect(body.posts.items[1]).toMatchObject({
      replyToId: post.id,
      author: { id: bruno.id, displayName: 'Bruno Petit' },
    });
    expect(body.posts.nextCursor).toBeNull();

    const list = await threadList(ctx, null, space.slug);
    expect(list.map((t) => t.id)).toContain(thread.id);
  });

  it('pages through posts with the cursor', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    for (let i = 0; i < 4; i++) await createPost(ctx, alice, thread.id, `<p>message ${i}</p>`);
    const first = (await request(ctx, alice, 'GET', `/api/threads/${thread.id}?limit=3`)).json();
    expect(first.posts.items).toHaveLength(3);
    const second = (
      await request(ctx, alice, 'GET', `/api/threads/${thread.id}?limit=3&cursor=${first.posts.nextCursor}`)
    ).json();
    expect(second.posts.items.map((p: { body: string }) => p.body)).toEqual(['<p>message 2</p>', '<p>message 3</p>']);
    expect(second.posts.nextCursor).toBeNull();
    expect((await request(ctx, alice, 'GET', `/api/threads/${thread.id}?cursor=nope`)).statusCode).toBe(400);
  });

  it('refuses posts from people who are not members (403), and unknown threads (404)', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const refused = await request(ctx, outsider, 'POST', `/api/threads/${thread.id}/posts`, { body: 'Bonjour' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const unknown = await request(ctx, alice, 'POST', '/api/threads/00000000-0000-4000-8000-000000000000/posts', {
      body: 'Bonjour',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await request(ctx, alice, 'GET', '/api/threads/not-a-uuid')).statusCode).toBe(404);
  });

  it('hides threads of private spaces from outsiders (404)', async () => {
    const secret = await createSpace(db(), { visibility: 'private', joinPolicy: 'invite' });
    await addMembership(db(), secret.id, alice.id);
    const { thread, post } = await createThread(ctx, alice, secret.slug);
    for (const url of [
      `/api/threads/${thread.id}`,
      `/api/spaces/${secret.slug}/threads`,
      `/api/posts/${post.id}/revisions`,
    ]) {
      const response = await request(ctx, outsider, 'GET', url);
      expect(response.statusCode, url).toBe(404);
    }
    const posting = await request(ctx, outsider, 'POST', `/api/threads/${thread.id}/posts`, { body: 'coucou' });
    expect(posting.statusCode).toBe(404);
  });

  it('refuses posts in a locked thread with 409 thread_locked, and only moderators lock', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    expect((await request(ctx, alice, 'PATCH', `/api/threads/${thread.id}`, { locked: true })).statusCode).toBe(403);
    const locked = await request(ctx, animatrice, 'PATCH', `/api/threads/${thread.id}`, { locked: true, pinned: true });
    expect(locked.statusCode).toBe(200);
    expect(locked.json().thread).toMatchObject({ locked: true, pinned: true });
    const refused = await request(ctx, bruno, 'POST', `/api/threads/${thread.id}/posts`, { body: 'Trop tard ?' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('thread_locked');
    const count = await db()
      .selectFrom('posts')
      .select(db().fn.countAll<number>().as('n'))
      .where('thread_id', '=', thread.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect((await threadList(ctx, bruno, space.slug))[0]?.id).toBe(thread.id);
  });
});

describe('sanitising', () => {
  it('strips scripts, handlers and javascript: links, and marks links as user content', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const post = await createPost(
      ctx,
      alice,
      thread.id,
      '<p onclick="x()">Voir <a href="https://fabrique.fr" target="_blank">la Fabrique</a><script>alert(1)</script>' +
        '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">piège</a></p>',
    );
    expect(post.body).toBe(
      '<p>Voir <a href="https://fabrique.fr" rel="noopener nofollow ugc">la Fabrique</a> <a rel="noopener nofollow ugc">piège</a></p>',
    );
    const stored = await db().selectFrom('posts').select('body').where('id', '=', post.id).executeTakeFirstOrThrow();
    expect(stored.body).toBe(post.body);
  });

  it('answers 400 post_empty, 413 post_too_large and 400 for long titles', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const empty = await request(ctx, alice, 'POST', `/api/threads/${thread.id}/posts`, { body: '<script>x</script>' });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'post_empty']);
    const huge = await request(ctx, alice, 'POST', `/api/threads/${thread.id}/posts`, { body: 'a'.repeat(20_001) });
    expect([huge.statusCode, huge.json().error.code]).toEqual([413, 'post_too_large']);
    const title = await request(ctx, alice, 'POST', `/api/spaces/${space.slug}/threads`, {
      title: 't'.repeat(201),
      body: 'x',
    });
    expect([title.statusCode, title.json().error.code]).toEqual([400, 'invalid_input']);
  });
});

describe('edits, history and deletes', () => {
  it('keeps every earlier version and shows the edit', async () => {
    const { thread, post } = await createThread(ctx, alice, space.slug, { body: '<p>version 1</p>' });
    await request(ctx, alice, 'PATCH', `/api/posts/${post.id}`, { body: '<p>version 2</p>' });
    const edited = await request(ctx, alice, 'PATCH', `/api/posts/${post.id}`, { body: '<p>version 3</p>' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().post).toMatchObject({ body: '<p>version 3</p>', editedAt: expect.any(String) });
    const history = (await request(ctx, bruno, 'GET', `/api/posts/${post.id}/revisions`)).json();
    expect(history.items.map((r: { body: string }) => r.body)).toEqual(['<p>version 2</p>', '<p>version 1</p>']);
    expect((await request(ctx, bruno, 'PATCH', `/api/posts/${post.id}`, { body: 'non' })).statusCode).toBe(403);
    expect(thread.id).toBeTruthy();
  });

  it('soft-deletes by the author or an animateur, not by another member', async () => {
    const { thread } = await createThread(ctx, alice, space.slug);
    const mine = await createPost(ctx, bruno, thread.id, '<p>à retirer</p>');
    const other = await createPost(ctx, bruno, thread.id, '<p>hors sujet</p>');
    expect((await request(ctx, alice, 'DELETE', `/api/posts/${mine.id}`)).statusCode).toBe(403);
    expect((await request(ctx, bruno, 'DELETE', `/api/posts/${mine.id}`)).statusCode).toBe(204);
    expect((await request(ctx, animatrice, 'DELETE', `/api/posts/${other.id}`)).statusCode).toBe(204);
    const shown = (await request(ctx, alice, 'GET', `/api/threads/${thread.id}`)).json();
    const deleted = shown.posts.items.filter((p: { deletedAt: string | null }) => p.deletedAt !== null);
    expect(deleted).toHaveLength(2);
    expect(deleted.every((p: { body: string }) => p.body === '')).toBe(true);
    expect(shown.thread.postCount).toBe(1);
    const again = await request(ctx, bruno, 'PATCH', `/api/posts/${mine.id}`, { body: 'retour' });
    expect(again.statusCode).toBe(409);
  });
});

describe('reactions', () => {
  it('toggles, counts per emoji and says which are mine', async () => {
    const { post } = await createThread(ctx, alice, space.slug);
    const url = `/api/posts/${post.id}/reactions/${encodeURIComponent('👍')}`;
    await request(ctx, bruno, 'PUT', url);
    const twice = await request(ctx, bruno, 'PUT', url);
    expect(twice.json().reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    const alices = await request(ctx, alice, 'PUT', url);
    expect(alices.json().reactions).toEqual([{ emoji: '👍', count: 2, mine: true }]);
    const removed = await request(ctx, bruno, 'DELETE', url);
    expect(removed.json().reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
    expect(
      (await request(ctx, bruno, 'PUT', `/api/posts/${post.id}/reactions/${encodeURIComponent('💩')}`)).statusCode,
    ).toBe(400);
    expect((await request(ctx, outsider, 'PUT', url)).statusCode).toBe(403);
  });
});

describe('mentions and notifications', () => {
  it('notifies the mentioned member, mails them in their language, and notifies replies and followers', async () => {
    const { thread, post } = await createThread(ctx, alice, space.slug, { title: 'Récits du territoire' });
    const mention = await createPost(ctx, animatrice, thread.id, '<p>Merci @Bruno Petit et @Personne Inconnue</p>');
    const stored = await db()
      .selectFrom('posts')
      .select('mentions')
      .where('id', '=', mention.id)
      .executeTakeFirstOrThrow();
    expect(stored.mentions).toEqual([bruno.id]);
    await notificationsSettled(ctx);

    const brunos = (await request(ctx, bruno, 'GET', '/api/notifications')).json();
    expect(brunos.unreadCount).toBe(1);
    expect(brunos.items[0]).toMatchObject({
      kind: 'mention',
      threadId: thread.id,
      postId: mention.id,
      threadTitle: 'Récits du territoire',
    });
    const mails = await mailsTo(db(), bruno.email);
    expect(mails.at(-1)?.subject).toBe('Inès Animatrice mentioned you in “Récits du territoire”');

    // Alice started the thread, so she follows it: the same post notifies her, once, without mail
    // (following is not asking for mail; earlier tests may have mailed her replies).
    const alices = (await request(ctx, alice, 'GET', '/api/notifications')).json();
    expect(
      alices.items.filter((n: { postId: string }) => n.postId === mention.id).map((n: { kind: string }) => n.kind),
    ).toEqual(['thread_post']);
    const aboutThread = async (email: string) =>
      (await mailsTo(db(), email)).filter((mail) => mail.subject.includes('Récits du territoire'));
    expect(await aboutThread(alice.email)).toEqual([]);

    const reply = await createPost(ctx, bruno, thread.id, '<p>Avec plaisir</p>', { replyToId: mention.id });
    await notificationsSettled(ctx);
    const ines = (await request(ctx, animatrice, 'GET', '/api/notifications')).json();
    expect(ines.items[0]).toMatchObject({ kind: 'reply', postId: reply.id });
    // Replies are mailed too, in the person's language (Inès reads French).
    expect((await aboutThread(animatrice.email)).map((mail) => mail.subject)).toEqual([
      'Bruno Petit vous a répondu dans « Récits du territoire »',
    ]);

    // Unfollowing stops thread notifications; marking read clears the count.
    expect((await request(ctx, alice, 'DELETE', `/api/threads/${thread.id}/follow`)).statusCode).toBe(204);
    await createPost(ctx, bruno, thread.id, '<p>Encore un mot</p>');
    await notificationsSettled(ctx);
    const after = (await request(ctx, alice, 'GET', '/api/notifications')).json();
    expect(after.items).toHaveLength(alices.items.length + 1); // Bruno's reply above, not this one
    expect((await request(ctx, alice, 'POST', `/api/notifications/${after.items[0].id}/read`)).statusCode).toBe(204);
    expect((await request(ctx, bruno, 'POST', `/api/notifications/${after.items[0].id}/read`)).statusCode).toBe(404);
    expect((await request(ctx, alice, 'POST', '/api/notifications/read-all')).statusCode).toBe(204);
    expect((await request(ctx, alice, 'GET', '/api/notifications')).json().unreadCount).toBe(0);
    expect(post.id).toBeTruthy();
  });

  it('tells only those who followed when the post was written, however late its job runs', async () => {
    const { thread, post } = await createThread(ctx, alice, space.slug);
    await notificationsSettled(ctx);
    expect((await request(ctx, bruno, 'PUT', `/api/threads/${thread.id}/follow`)).statusCode).toBe(204);
    const before = (await request(ctx, bruno, 'GET', '/api/notifications')).json().items.length;
    // At-least-once delivery: the first post's job runs again after Bruno started following.
    await ctx.app.jobs.enqueue(db(), 'discussions.notify', {
      postId: post.id,
      mentionedIds: [],
      repliedToAuthorId: null,
    });
    await notificationsSettled(ctx);
    expect((await request(ctx, bruno, 'GET', '/api/notifications')).json().items).toHaveLength(before);

    const next = await createPost(ctx, alice, thread.id, '<p>Suite</p>');
    await notificationsSettled(ctx);
    const items = (await request(ctx, bruno, 'GET', '/api/notifications')).json().items;
    expect(items[0]).toMatchObject({ kind: 'thread_post', postId: next.id });
  });
});
