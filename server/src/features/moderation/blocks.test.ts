import { randomUUID } from 'node:crypto';
import type { Notification, Post } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost, createThread, notificationsSettled } from '../../test/factories/discussions';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { digestsDepsOf } from '../digests/digests.deps';
import { sendDigests } from '../digests/digests.service';
import { createDiscussionsMailer } from '../discussions/discussions.mail';
import { sendPendingMails } from '../discussions/post-mails.service';
import { setSpaceMode } from '../mail-settings/mail-settings.queries';

/**
 * Blocking through the API: who may, idempotence, the list; then what no longer reaches the
 * blocker — notifications of mentions and replies, their mails, digests — and the posts that
 * come collapsed in the thread view.
 */

let ctx: JobsTestApp;
beforeAll(async () => {
  ctx = await createJobsTestApp();
});
afterAll(() => ctx?.close());
const db = () => ctx.database.db;

const block = (who: TestPerson | null, id: string, on = true) =>
  request(ctx, who, on ? 'PUT' : 'DELETE', `/api/users/${id}/block`);

const notificationsOf = async (who: TestPerson) =>
  (await request(ctx, who, 'GET', '/api/notifications')).json().items as Notification[];

const mailsTo = (address: string) =>
  db().selectFrom('mail_outbox').select(['subject']).where('to_address', '=', address).execute();

describe('blocking a person', () => {
  it('refuses anonymous visitors, oneself and unknown people; is idempotent both ways; lists them', async () => {
    const blocker = await createPerson(ctx);
    const troll = await createPerson(ctx, { displayName: 'Troll Tenace' });
    expect((await block(null, troll.id)).statusCode).toBe(401);
    expect((await block(blocker, blocker.id)).statusCode).toBe(400);
    expect((await block(blocker, randomUUID())).statusCode).toBe(404);
    expect((await block(blocker, 'pas-un-id')).statusCode).toBe(404);
    for (let i = 0; i < 2; i++) {
      const response = await block(blocker, troll.id);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ userId: troll.id, blocked: true });
    }
    const list = await request(ctx, blocker, 'GET', '/api/me/blocks');
    expect(list.json().items).toEqual([expect.objectContaining({ id: troll.id, displayName: 'Troll Tenace' })]);
    for (let i = 0; i < 2; i++) expect((await block(blocker, troll.id, false)).json().blocked).toBe(false);
    expect((await request(ctx, blocker, 'GET', '/api/me/blocks')).json().items).toEqual([]);
    expect((await request(ctx, null, 'GET', '/api/me/blocks')).statusCode).toBe(401);
  });

  it('lets nothing from them reach the blocker: mentions, replies, their mails, unread counts; their posts collapse', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const blocker = await createPerson(ctx, { displayName: 'Berenice Martin' });
    const witness = await createPerson(ctx, { displayName: 'Wanda Martin' });
    const troll = await createPerson(ctx, { displayName: 'Troll Tenace' });
    for (const person of [blocker, witness, troll]) await addMembership(db(), space.id, person.id);
    const { thread, post } = await createThread(ctx, blocker, space.slug, { title: 'Fil calme' });
    expect((await block(blocker, troll.id)).statusCode).toBe(200);

    const mention = await createPost(ctx, troll, thread.id, '<p>@Berenice Martin et @Wanda Martin, regardez</p>', {
      replyToId: post.id,
    });
    await notificationsSettled(ctx);
    expect((await notificationsOf(blocker)).filter((n) => n.postId === mention.id)).toEqual([]);
    expect((await notificationsOf(witness)).filter((n) => n.postId === mention.id).map((n) => n.kind)).toEqual([
      'mention',
    ]);
    expect(await mailsTo(blocker.email)).toEqual([]);
    expect((await mailsTo(witness.email)).length).toBe(1);

    const threads = (await request(ctx, blocker, 'GET', `/api/spaces/${space.slug}/threads`)).json().items;
    expect(threads.find((t: { id: string }) => t.id === thread.id).unreadCount).toBe(0);

    const posts = (await request(ctx, blocker, 'GET', `/api/threads/${thread.id}`)).json().posts.items as Post[];
    expect(posts.find((p) => p.id === mention.id)).toMatchObject({ authorBlocked: true });
    expect(posts.find((p) => p.id === post.id)?.authorBlocked).toBeUndefined();
    const witnessView = (await request(ctx, witness, 'GET', `/api/threads/${thread.id}`)).json().posts.items as Post[];
    expect(witnessView.find((p) => p.id === mention.id)?.authorBlocked).toBeUndefined();

    // Unblocked, they are heard again.
    await block(blocker, troll.id, false);
    const later = await createPost(ctx, troll, thread.id, '<p>Re</p>', { replyToId: post.id });
    await notificationsSettled(ctx);
    expect((await notificationsOf(blocker)).filter((n) => n.postId === later.id).map((n) => n.kind)).toEqual(['reply']);
  });

  it('leaves a post hidden by moderation out of the mail that was waiting to tell of it', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const [author, reader] = [await createPerson(ctx), await createPerson(ctx)];
    for (const person of [author, reader]) await addMembership(db(), space.id, person.id);
    const { thread } = await createThread(ctx, author, space.slug, { title: 'Fil modéré' });
    const [kept, hidden] = [
      await createPost(ctx, author, thread.id, '<p>Message gardé</p>'),
      await createPost(ctx, author, thread.id, '<p>Message masqué</p>'),
    ];
    await notificationsSettled(ctx);
    await db().updateTable('posts').set({ hidden_at: new Date() }).where('id', '=', hidden.id).execute();
    await db()
      .insertInto('pending_mails')
      .values([kept, hidden].map((post) => ({ user_id: reader.id, post_id: post.id, reason: 'space_post' as const })))
      .execute();
    const mailer = createDiscussionsMailer(ctx.app.mail, { publicUrl: 'https://atelier.exemple.fr', groupSeconds: 0 });
    await sendPendingMails({ db: db(), mailer }, reader.id);
    const mails = await db()
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('to_address', '=', reader.email)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text_body).toContain('Message gardé');
    expect(mails[0]?.text_body).not.toContain('Message masqué');
  });

  it('leaves out of digests the threads whose only new posts are theirs', async () => {
    const space = await createSpace(db(), { visibility: 'members', joinPolicy: 'request', title: 'Chantier récits' });
    const blocker = await createPerson(ctx);
    const witness = await createPerson(ctx);
    const troll = await createPerson(ctx);
    for (const person of [blocker, witness, troll]) {
      await addMembership(db(), space.id, person.id);
      await setSpaceMode(db(), person.id, space.id, 'daily');
    }
    await createThread(ctx, troll, space.slug, { title: 'Provocation quotidienne' });
    await block(blocker, troll.id);
    const deps = digestsDepsOf(ctx.app, { publicUrl: ctx.config.publicUrl });
    await sendDigests(deps, { period: 'daily', at: new Date().toISOString(), userIds: [blocker.id, witness.id] });
    const digests = async (who: TestPerson) =>
      (
        await sql<{ text_body: string }>`select text_body from mail_outbox
          where to_address = ${who.email} and subject like 'Votre résumé%'`.execute(db())
      ).rows;
    expect((await digests(witness))[0]?.text_body).toContain('Provocation quotidienne');
    expect(await digests(blocker)).toEqual([]);
  });
});
