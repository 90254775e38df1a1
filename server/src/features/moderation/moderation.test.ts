import { randomUUID } from 'node:crypto';
import type { ModerationItem, Notification, Post } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createDocument } from '../../test/factories/documents';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { insertFile } from '../resources/resources.queries';

/**
 * Flags, the queue and its decisions through the API: bad input, flagging twice, the
 * threshold hiding a post (from readers and from search), keep / hide / delete with the
 * author told by mail and in the app and an audit entry, deciding twice.
 */

let ctx: JobsTestApp;
beforeAll(async () => {
  ctx = await createJobsTestApp({ env: { FLAG_HIDE_THRESHOLD: '2' } });
});
afterAll(() => ctx?.close());
const db = () => ctx.database.db;

/** A members-only space with an animateur·ice, an author and three readers. */
async function community() {
  const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request', title: 'Mise en récits' });
  const animateur = await createPerson(ctx, { displayName: 'Anne Animatrice' });
  const author = await createPerson(ctx, { displayName: 'Hector Hostile' });
  const readers = [
    await createPerson(ctx, { displayName: 'Rita Lectrice' }),
    await createPerson(ctx, { displayName: 'Rémi Lecteur' }),
    await createPerson(ctx, { displayName: 'Rose Lectrice' }),
  ];
  await addMembership(db(), space.id, animateur.id, { role: 'animateur' });
  for (const person of [author, ...readers]) await addMembership(db(), space.id, person.id);
  const { thread } = await createThread(ctx, animateur, space.slug, { title: 'Récits du territoire' });
  const post = await createPost(ctx, author, thread.id, '<p>Un message franchement insultant zyzzyva</p>');
  return { space, animateur, author, readers, thread, post };
}

const flag = (who: TestPerson | null, type: 'posts' | 'documents' | 'files', id: string, body: object) =>
  request(ctx, who, 'POST', `/api/${type}/${id}/flags`, body);

const postsSeenBy = async (who: TestPerson | null, threadId: string) => {
  const response = await request(ctx, who, 'GET', `/api/threads/${threadId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().posts.items as Post[];
};

const queueOf = async (who: TestPerson, slug: string) => {
  const response = await request(ctx, who, 'GET', `/api/spaces/${slug}/moderation`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as ModerationItem[];
};

const mailsTo = (address: string) =>
  db()
    .selectFrom('mail_outbox')
    .select(['subject', 'text_body'])
    .where('to_address', '=', address)
    .orderBy('created_at')
    .execute();

describe('flagging', () => {
  it('refuses bad input, one’s own post, and anonymous visitors', async () => {
    const { author, readers, post } = await community();
    const [reader] = readers as [TestPerson];
    for (const body of [
      {},
      { reason: 'boring' },
      { reason: 'spam', note: 'x'.repeat(1001) },
      { reason: 'spam', x: 1 },
    ]) {
      const response = await flag(reader, 'posts', post.id, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    expect((await flag(author, 'posts', post.id, { reason: 'spam' })).statusCode).toBe(403);
    expect((await flag(null, 'posts', post.id, { reason: 'spam' })).statusCode).toBe(401);
    expect((await flag(reader, 'posts', randomUUID(), { reason: 'spam' })).statusCode).toBe(404);
    expect((await flag(reader, 'posts', 'pas-un-id', { reason: 'spam' })).statusCode).toBe(404);
    expect(await db().selectFrom('flags').selectAll().where('target_id', '=', post.id).execute()).toEqual([]);
  });

  it('counts the same person once: flagging again answers 200 with the open flag', async () => {
    const { readers, post, animateur, space } = await community();
    const [reader] = readers as [TestPerson];
    const first = await flag(reader, 'posts', post.id, { reason: 'abuse', note: 'Propos blessants' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().flag).toMatchObject({ targetType: 'post', targetId: post.id, reason: 'abuse' });
    const again = await flag(reader, 'posts', post.id, { reason: 'spam' });
    expect(again.statusCode).toBe(200);
    expect(again.json().flag.id).toBe(first.json().flag.id);
    const [item] = await queueOf(animateur, space.slug);
    expect(item).toMatchObject({ targetId: post.id, count: 1, hidden: false, reasons: ['abuse'] });
    expect(item?.flags).toEqual([expect.objectContaining({ note: 'Propos blessants' })]);
    expect(item?.excerpt).toContain('franchement insultant');
    expect(item?.url).toContain(`#message-${post.id}`);
    // The queue never names who flagged.
    expect(JSON.stringify(item)).not.toContain(reader.id);
  });

  it('hides a post flagged by the threshold’s number of people, from readers and from search', async () => {
    const { readers, post, author, animateur, thread } = await community();
    const [rita, remi, rose] = readers as [TestPerson, TestPerson, TestPerson];
    const found = async () => {
      const response = await request(ctx, rose, 'GET', '/api/search?q=zyzzyva');
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().items as { type: string }[]).filter((item) => item.type === 'post').length;
    };
    expect(await found()).toBe(1);
    await flag(rita, 'posts', post.id, { reason: 'abuse' });
    expect((await postsSeenBy(rose, thread.id)).find((p) => p.id === post.id)?.hidden).toBeUndefined();
    await flag(remi, 'posts', post.id, { reason: 'charter' });

    const seen = (await postsSeenBy(rose, thread.id)).find((p) => p.id === post.id);
    expect(seen).toMatchObject({ hidden: true, body: '' });
    for (const who of [author, animateur]) {
      const own = (await postsSeenBy(who, thread.id)).find((p) => p.id === post.id);
      expect(own?.hidden).toBe(true);
      expect(own?.body).toContain('franchement insultant');
    }
    expect(await found()).toBe(0);

    // Readers of the thread's room hear of it, shaped for a reader: no body.
    const { rows } = await sql<{ data: { post: Post } }>`select p.data from realtime_events e
      join realtime_payloads p on p.id = e.payload_id
      where e.room = ${`thread:${thread.id}`} and p.type = 'post.updated' order by e.seq`.execute(db());
    expect(rows.map((row) => row.data.post)).toEqual([
      expect.objectContaining({ id: post.id, hidden: true, body: '' }),
    ]);
  });

  it('takes documents and files, and refuses them to who may not read them', async () => {
    const { space, author, readers, animateur } = await community();
    const [reader] = readers as [TestPerson];
    const documentId = await createDocument(ctx, author, space.slug, 'Notes douteuses');
    const fileId = randomUUID();
    await insertFile(db(), {
      id: fileId,
      spaceId: space.id,
      uploadedBy: author.id,
      name: 'tract.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 10,
      storageKey: `test/${fileId}`,
      sha256: 'a'.repeat(64),
      hasPreview: false,
    });
    const outsider = await createPerson(ctx);
    expect((await flag(outsider, 'documents', documentId, { reason: 'spam' })).statusCode).toBe(403);
    expect((await flag(reader, 'documents', documentId, { reason: 'spam' })).statusCode).toBe(201);
    expect((await flag(reader, 'files', fileId, { reason: 'other', note: 'Publicité' })).statusCode).toBe(201);
    const items = await queueOf(animateur, space.slug);
    expect(items.map((item) => [item.targetType, item.title])).toEqual([
      ['document', 'Notes douteuses'],
      ['file', 'tract.pdf'],
    ]);
    const file = items.find((item) => item.targetType === 'file');
    const hide = await request(ctx, animateur, 'POST', `/api/flags/${file?.flagId}/decision`, { decision: 'hide' });
    expect(hide.statusCode).toBe(400);
    const remove = await request(ctx, animateur, 'POST', `/api/flags/${file?.flagId}/decision`, {
      decision: 'delete',
      note: 'Publicité hors charte',
    });
    expect(remove.statusCode, remove.body).toBe(200);
    const row = await db().selectFrom('files').select('deleted_at').where('id', '=', fileId).executeTakeFirst();
    expect(row?.deleted_at).not.toBeNull();
    expect((await mailsTo(author.email)).at(-1)?.text_body).toContain('Publicité hors charte');

    const document = items.find((item) => item.targetType === 'document');
    const removed = await request(ctx, animateur, 'POST', `/api/flags/${document?.flagId}/decision`, {
      decision: 'delete',
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await request(ctx, reader, 'GET', `/api/documents/${documentId}`)).statusCode).toBe(404);
    expect(await queueOf(animateur, space.slug)).toEqual([]);
  });
});

describe('decisions', () => {
  it('hide: hidden for readers, the author told by mail and in the app, unnamed flaggers, an audit entry; twice → 409', async () => {
    const { readers, post, author, animateur, space, thread } = await community();
    const [reader] = readers as [TestPerson];
    await flag(reader, 'posts', post.id, { reason: 'abuse', note: 'Insultes' });
    const [item] = await queueOf(animateur, space.slug);
    const decide = (body: object) => request(ctx, animateur, 'POST', `/api/flags/${item?.flagId}/decision`, body);
    expect((await decide({ decision: 'bury' })).statusCode).toBe(400);
    expect(
      (await request(ctx, reader, 'POST', `/api/flags/${item?.flagId}/decision`, { decision: 'hide' })).statusCode,
    ).toBe(403);

    const decided = await decide({ decision: 'hide', note: 'Merci de rester courtois.' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ decision: 'hide', targetId: post.id, closedFlags: 1 });
    expect((await decide({ decision: 'keep' })).statusCode).toBe(409);
    expect(await queueOf(animateur, space.slug)).toEqual([]);
    expect((await postsSeenBy(reader, thread.id)).find((p) => p.id === post.id)).toMatchObject({
      hidden: true,
      body: '',
    });

    const [mail] = await mailsTo(author.email);
    expect(mail?.subject).toBe('Modération : votre message a été masqué');
    expect(mail?.text_body).toContain('Merci de rester courtois.');
    expect(mail?.text_body).not.toContain(reader.displayName);
    const notifications = (await request(ctx, author, 'GET', '/api/notifications')).json().items as Notification[];
    expect(notifications[0]).toMatchObject({
      kind: 'moderation',
      postId: post.id,
      moderation: { decision: 'hide', note: 'Merci de rester courtois.' },
      actor: { id: animateur.id },
    });

    const { rows } = await sql<{ action: string; subject_id: string; target_user_id: string }>`
      select action, subject_id, target_user_id from audit_log where subject_id = ${post.id}`.execute(db());
    expect(rows).toEqual([{ action: 'moderation_hide', subject_id: post.id, target_user_id: author.id }]);
  });

  it('keep: a post hidden by the threshold is shown again, and back in search', async () => {
    const { readers, post, animateur, space, thread, author } = await community();
    const [rita, remi] = readers as [TestPerson, TestPerson];
    await flag(rita, 'posts', post.id, { reason: 'spam' });
    await flag(remi, 'posts', post.id, { reason: 'spam' });
    const [item] = await queueOf(animateur, space.slug);
    expect(item).toMatchObject({ hidden: true, count: 2 });
    const kept = await request(ctx, animateur, 'POST', `/api/flags/${item?.flagId}/decision`, { decision: 'keep' });
    expect(kept.json()).toMatchObject({ decision: 'keep', closedFlags: 2 });
    const seen = (await postsSeenBy(rita, thread.id)).find((p) => p.id === post.id);
    expect(seen?.hidden).toBeUndefined();
    expect(seen?.body).toContain('franchement insultant');
    const search = await request(ctx, rita, 'GET', '/api/search?q=zyzzyva');
    expect((search.json().items as { id: string }[]).some((hit) => hit.id === post.id)).toBe(true);
    expect((await mailsTo(author.email)).at(-1)?.subject).toBe('Modération : votre contribution reste en ligne');
  });

  it('delete: as a moderator deletes the post; an admin decides from the admin queue', async () => {
    const { readers, post, author, space, thread } = await community();
    const admin = await createPerson(ctx, { role: 'admin' });
    const [reader] = readers as [TestPerson];
    await flag(reader, 'posts', post.id, { reason: 'charter' });
    const all = await request(ctx, admin, 'GET', '/api/admin/moderation');
    expect(all.statusCode).toBe(200);
    const item = (all.json().items as ModerationItem[]).find((entry) => entry.targetId === post.id);
    expect(item?.space?.slug).toBe(space.slug);
    expect((await request(ctx, reader, 'GET', '/api/admin/moderation')).statusCode).toBe(403);
    const deleted = await request(ctx, admin, 'POST', `/api/flags/${item?.flagId}/decision`, { decision: 'delete' });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const seen = (await postsSeenBy(reader, thread.id)).find((p) => p.id === post.id);
    expect(seen?.deletedAt).not.toBeNull();
    expect((await mailsTo(author.email)).at(-1)?.subject).toBe('Modération : votre contribution a été supprimée');
    await notificationsSettled(ctx);
  });
});
