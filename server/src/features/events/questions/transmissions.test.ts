import { FORMER_MEMBER_NAME } from '@atelier/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { notificationsSettled } from '../../../test/factories/discussions';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { createQuestion, questionRows } from '../../../test/factories/questions';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';
import { transmissionPostBody, transmissionThreadTitle } from './transmissions.content';

/** A question handed to a chantier: posted in the space's thread for the event, and told to who should know. */

let ctx: TestContext;
/** Runs the events of the « Atelier » space, and animates the chantier too. */
let anna: TestPerson;
/** The chantier's other animateur·ice. */
let chloe: TestPerson;
let alice: TestPerson;
let bruno: TestPerson;
let eventSpaceId: string;
let chantier: { id: string; slug: string };

const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
  anna = await createPerson(ctx, { displayName: 'Anna Transmet' });
  chloe = await createPerson(ctx, { displayName: 'Chloé Chantier' });
  alice = await createPerson(ctx, { displayName: 'Alice Demande' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Soutient' });
  const eventSpace = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
  eventSpaceId = eventSpace.id;
  await addMembership(db(), eventSpaceId, anna.id, { role: 'animateur' });
  chantier = await createSpace(db(), { visibility: 'public', joinPolicy: 'open', title: 'Chantier mobilité' });
  await addMembership(db(), chantier.id, anna.id, { role: 'animateur' });
  await addMembership(db(), chantier.id, chloe.id, { role: 'animateur' });
});
afterAll(async () => ctx.close());

async function event(title = 'Permanence des chantiers') {
  const row = await createEvent(db(), { spaceId: eventSpaceId, title });
  for (const person of [alice, bruno]) await createRegistration(db(), row.id, person.id);
  return { ...row, timezone: 'Europe/Paris' };
}

const transmit = (questionId: string, spaceId: string, person = anna) =>
  request(ctx, person, 'PATCH', `/api/questions/${questionId}`, {
    status: 'transmitted',
    transmittedToSpaceId: spaceId,
  });

async function postsOf(threadId: string) {
  const response = await request(ctx, chloe, 'GET', `/api/threads/${threadId}`);
  expect(response.statusCode).toBe(200);
  return response.json() as {
    thread: { title: string; spaceId: string };
    posts: { items: { id: string; body: string; author: { id: string }; deletedAt: string | null }[] };
  };
}

const transmittedNotices = async (person: TestPerson) =>
  (
    (await request(ctx, person, 'GET', '/api/notifications')).json().items as {
      kind: string;
      postId: string;
      threadId: string;
      spaceId: string;
      actor: { id: string };
    }[]
  ).filter((item) => item.kind === 'question_transmitted');

const threadsTitled = (title: string) =>
  db().selectFrom('threads').select(['id', 'space_id']).where('title', '=', title).execute();

describe('the thread and its posts', () => {
  it('titles the thread with the event and its day, and quotes the question with its votes', () => {
    const facts = {
      id: '00000000-0000-4000-8000-000000000001',
      title: 'Permanence <de> décembre',
      // 23:30 UTC on 30 November is already 1 December in Paris.
      starts_at: new Date('2026-11-30T23:30:00Z'),
      timezone: 'Europe/Paris',
    };
    expect(transmissionThreadTitle(facts)).toBe('Questions transmises par Permanence <de> décembre (1 décembre 2026)');
    expect(transmissionThreadTitle({ ...facts, title: 'x'.repeat(200) })).toHaveLength(200);
    const body = transmissionPostBody({
      event: facts,
      question: { body: 'Et <b>ça</b> ?', authorName: 'Léa', votes: 2 },
    });
    expect(body).toContain('<blockquote><p>Et &lt;b&gt;ça&lt;/b&gt; ?</p></blockquote>');
    expect(body).toContain('<strong>Léa</strong>');
    expect(body).toContain(`<a href="/evenements/${facts.id}">Permanence &lt;de&gt; décembre</a>`);
    expect(body).toContain('avec 2 soutiens.');
    expect(transmissionPostBody({ event: facts, question: { body: 'Q', authorName: 'Léa', votes: 1 } })).toContain(
      'avec 1 soutien.',
    );
  });

  it('opens the thread once, posts the next question of the event in it, and gives its id', async () => {
    const e = await event('Permanence du premier fil');
    const first = await createQuestion(ctx, alice, e.id, 'Qui porte la navette solidaire ?');
    const second = await createQuestion(ctx, bruno, e.id, 'Et le covoiturage du marché ?');
    expect((await request(ctx, bruno, 'POST', `/api/questions/${first.id}/vote`)).statusCode).toBe(200);

    const handed = await transmit(first.id, chantier.id);
    expect(handed.statusCode).toBe(200);
    const threadId = handed.json().question.transmittedTo.threadId as string;
    expect(handed.json().question).toMatchObject({
      status: 'transmitted',
      transmittedTo: { id: chantier.id, slug: chantier.slug, name: 'Chantier mobilité', threadId: expect.any(String) },
    });

    const opened = await postsOf(threadId);
    const title = transmissionThreadTitle(e);
    expect(opened.thread).toMatchObject({ title, spaceId: chantier.id });
    expect(opened.posts.items).toHaveLength(1);
    const [post] = opened.posts.items;
    expect(post?.author.id).toBe(anna.id);
    expect(post?.body).toContain('Qui porte la navette solidaire ?');
    expect(post?.body).toContain('<strong>Alice Demande</strong>');
    expect(post?.body).toContain('avec 1 soutien.');
    expect(post?.body).toContain(`href="/evenements/${e.id}"`);

    const next = await transmit(second.id, chantier.id);
    expect(next.statusCode).toBe(200);
    expect(next.json().question.transmittedTo.threadId).toBe(threadId);
    const after = await postsOf(threadId);
    expect(after.posts.items).toHaveLength(2);
    expect(after.posts.items[1]?.body).toContain('Et le covoiturage du marché ?');
    expect(after.posts.items[1]?.body).toContain('<strong>Bruno Soutient</strong>');
    expect(after.posts.items[1]?.body).toContain('avec 0 soutien.');
    expect(await threadsTitled(title)).toEqual([{ id: threadId, space_id: chantier.id }]);

    // Everyone reading the event's questions gets the link, live and in lists.
    const listed = (await request(ctx, null, 'GET', `/api/events/${e.id}/questions`)).json().items as {
      id: string;
      transmittedTo: { threadId: string } | null;
    }[];
    expect(listed.map((q) => q.transmittedTo?.threadId)).toEqual([threadId, threadId]);
    const { rows } = await sql<{ data: { question: { id: string; transmittedTo: { threadId: string } | null } } }>`
      select p.data from realtime_events r join realtime_payloads p on p.id = r.payload_id
      where r.room = ${`event:${e.id}`} and p.type = 'question.updated' order by r.seq`.execute(db());
    // The vote's update, then the two transmissions.
    expect(rows.map((row) => row.data.question.transmittedTo?.threadId)).toEqual([undefined, threadId, threadId]);
  });
});

describe('who hears of it', () => {
  it('notifies the chantier’s animateur·ices and the asker, live, once — never the transmitter', async () => {
    const e = await event();
    const q = await createQuestion(ctx, alice, e.id, 'Peut-on mutualiser les vélos cargos ?');
    const handed = await transmit(q.id, chantier.id);
    expect(handed.statusCode).toBe(200);
    const threadId = handed.json().question.transmittedTo.threadId as string;
    const [post] = (await postsOf(threadId)).posts.items;
    await notificationsSettled(ctx);

    for (const person of [chloe, alice]) {
      const notices = (await transmittedNotices(person)).filter((n) => n.postId === post?.id);
      expect(notices).toEqual([
        expect.objectContaining({ threadId, spaceId: chantier.id, actor: expect.objectContaining({ id: anna.id }) }),
      ]);
      // The follower job of the post, run after it, told them nothing more about it.
      const all = (await request(ctx, person, 'GET', '/api/notifications')).json().items as { postId: string }[];
      expect(all.filter((n) => n.postId === post?.id)).toHaveLength(1);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from realtime_events r
        join realtime_payloads p on p.id = r.payload_id
        where r.room = ${`user:${person.id}`} and p.type = 'notification.created'
          and p.data->'notification'->>'postId' = ${post?.id}`.execute(db());
      expect(rows[0]?.n).toBe(1);
    }
    // Anna animates the chantier, but she is the one who transmitted; Bruno has nothing to do with it.
    for (const person of [anna, bruno]) {
      expect((await transmittedNotices(person)).filter((n) => n.postId === post?.id)).toEqual([]);
    }
  });

  it('tells nobody of a space they may not read', async () => {
    const closed = await createSpace(db(), { visibility: 'members', joinPolicy: 'request' });
    const lead = await createPerson(ctx);
    await addMembership(db(), closed.id, anna.id);
    await addMembership(db(), closed.id, lead.id, { role: 'animateur' });
    const e = await event();
    const q = await createQuestion(ctx, alice, e.id, 'Une question pour un espace fermé');
    const handed = await transmit(q.id, closed.id);
    expect(handed.statusCode).toBe(200);
    const threadId = handed.json().question.transmittedTo.threadId;
    expect((await transmittedNotices(lead)).map((n) => n.threadId)).toEqual([threadId]);
    expect((await transmittedNotices(alice)).filter((n) => n.threadId === threadId)).toEqual([]);
  });
});

describe('refusals and repeats', () => {
  it('answers 403 to a transmitter who may not post in the space, and changes nothing', async () => {
    const e = await event();
    const q = await createQuestion(ctx, alice, e.id);
    const elsewhere = await createSpace(db(), { visibility: 'public', joinPolicy: 'open', title: 'Ailleurs' });
    await addMembership(db(), elsewhere.id, chloe.id, { role: 'animateur' });
    const before = await questionRows(db(), e.id);
    const noticesBefore = (await transmittedNotices(chloe)).length;

    const refused = await transmit(q.id, elsewhere.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('join it first'),
    });

    const archived = await createSpace(db(), { visibility: 'public', joinPolicy: 'open', status: 'archived' });
    await addMembership(db(), archived.id, anna.id);
    const closed = await transmit(q.id, archived.id);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('space_archived');

    expect(await questionRows(db(), e.id)).toEqual(before);
    expect(
      await db().selectFrom('threads').select('id').where('space_id', 'in', [elsewhere.id, archived.id]).execute(),
    ).toEqual([]);
    expect(
      await db().selectFrom('event_transmissions').select('thread_id').where('event_id', '=', e.id).execute(),
    ).toEqual([]);
    expect(await transmittedNotices(chloe)).toHaveLength(noticesBefore);
  });

  it('refuses a locked thread, and leaves the question as it was', async () => {
    const e = await event();
    const first = await createQuestion(ctx, alice, e.id, 'Première');
    const second = await createQuestion(ctx, alice, e.id, 'Seconde');
    const threadId = (await transmit(first.id, chantier.id)).json().question.transmittedTo.threadId;
    expect((await request(ctx, chloe, 'PATCH', `/api/threads/${threadId}`, { locked: true })).statusCode).toBe(200);
    const before = await questionRows(db(), e.id);
    const refused = await transmit(second.id, chantier.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('thread_locked');
    expect(await questionRows(db(), e.id)).toEqual(before);
  });

  it('posts once per question and space: repeated, undone and made again, it adds nothing', async () => {
    const e = await event();
    const q = await createQuestion(ctx, alice, e.id, 'Une seule fois, s’il vous plaît');
    const threadId = (await transmit(q.id, chantier.id)).json().question.transmittedTo.threadId as string;
    const again = await transmit(q.id, chantier.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().question.transmittedTo.threadId).toBe(threadId);
    expect((await postsOf(threadId)).posts.items).toHaveLength(1);

    // Undone: the label goes, the post stays (it was said).
    const undone = await request(ctx, anna, 'PATCH', `/api/questions/${q.id}`, { status: 'open' });
    expect(undone.json().question).toMatchObject({ status: 'open', transmittedTo: null });
    const kept = (await postsOf(threadId)).posts.items;
    expect(kept).toHaveLength(1);
    expect(kept[0]?.deletedAt).toBeNull();

    // Made again: the same thread, no second post, nobody told twice.
    const redone = await transmit(q.id, chantier.id);
    expect(redone.json().question).toMatchObject({ status: 'transmitted', transmittedTo: { threadId } });
    expect((await postsOf(threadId)).posts.items).toHaveLength(1);
    expect((await transmittedNotices(alice)).filter((n) => n.threadId === threadId)).toHaveLength(1);

    // Another space is a new transmission there.
    const other = await createSpace(db(), { visibility: 'public', joinPolicy: 'open' });
    await addMembership(db(), other.id, anna.id);
    const moved = await transmit(q.id, other.id);
    expect(moved.statusCode).toBe(200);
    const otherThread = moved.json().question.transmittedTo.threadId as string;
    expect(otherThread).not.toBe(threadId);
    expect((await postsOf(otherThread)).thread.spaceId).toBe(other.id);
    expect((await postsOf(threadId)).posts.items).toHaveLength(1);
  });
});

describe('erasure of the asker', () => {
  it('replaces their name in the post quoting their question', async () => {
    const leaving = await createPerson(ctx, { displayName: 'Maëlle Départ' });
    const e = await event();
    await createRegistration(db(), e.id, leaving.id);
    const q = await createQuestion(ctx, leaving, e.id, 'Que devient ma proposition ?');
    const threadId = (await transmit(q.id, chantier.id)).json().question.transmittedTo.threadId as string;
    expect((await postsOf(threadId)).posts.items[0]?.body).toContain('Maëlle Départ');

    expect((await request(ctx, leaving, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' })).statusCode).toBe(204);
    const [post] = (await postsOf(threadId)).posts.items;
    expect(post?.body).not.toContain('Maëlle Départ');
    expect(post?.body).toContain(`<strong>${FORMER_MEMBER_NAME}</strong>`);
    expect(post?.body).toContain('Que devient ma proposition ?');
  });

  it('leaves alone the same letters elsewhere: a short name, another person quoted', async () => {
    const leaving = await createPerson(ctx, { displayName: 'li' });
    const e = await event();
    await createRegistration(db(), e.id, leaving.id);
    const q = await createQuestion(ctx, leaving, e.id, 'Et si li et Marie lisaient la liste ?');
    const threadId = (await transmit(q.id, chantier.id)).json().question.transmittedTo.threadId as string;
    expect((await request(ctx, leaving, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' })).statusCode).toBe(204);
    const [post] = (await postsOf(threadId)).posts.items.slice(-1);
    expect(post?.body).toContain('Et si li et Marie lisaient la liste ?');
    expect(post?.body).toContain(`<strong>${FORMER_MEMBER_NAME}</strong>`);
  });
});
