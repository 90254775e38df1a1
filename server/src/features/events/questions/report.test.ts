import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';
import { reportTitle } from './report.service';

/** After the session: the compte rendu document and the follow-up thread, each made and linked once. */

let ctx: TestContext;
let animateur: TestPerson;
let admin: TestPerson;
let space: { id: string; slug: string };

beforeAll(async () => {
  ctx = await createTestApp();
  animateur = await createPerson(ctx, { displayName: 'Anna Compte-Rendu' });
  admin = await createPerson(ctx, { role: 'admin' });
  space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
  await addMembership(ctx.database.db, space.id, animateur.id, { role: 'animateur' });
});
afterAll(async () => ctx.close());

const documentsOf = (title: string) =>
  ctx.database.db
    .selectFrom('documents')
    .select(['id', 'space_id', 'title', 'created_by'])
    .where('title', '=', title)
    .execute();
const eventRow = (id: string) =>
  ctx.database.db
    .selectFrom('events')
    .select(['report_document_id', 'follow_up_thread_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('reportTitle', () => {
  it('names the event and its date in its own time zone', () => {
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(
      reportTitle({ title: 'Permanence', starts_at: new Date('2026-11-30T23:30:00Z'), timezone: 'Europe/Paris' }),
    ).toBe('Compte rendu — Permanence — 1 décembre 2026');
  });
});

describe('the compte rendu', () => {
  it('creates a document of the event’s space, links it, and refuses a second one', async () => {
    const event = await createEvent(ctx.database.db, {
      spaceId: space.id,
      title: 'Atelier récits',
      startsInHours: -3,
    });
    const response = await request(ctx, animateur, 'POST', `/api/events/${event.id}/report`);
    expect(response.statusCode).toBe(201);
    const linked = response.json().event;
    const title = reportTitle({ title: 'Atelier récits', starts_at: event.starts_at, timezone: 'Europe/Paris' });
    const documents = await documentsOf(title);
    expect(documents).toEqual([{ id: linked.reportDocumentId, space_id: space.id, title, created_by: animateur.id }]);
    expect(linked).toMatchObject({ id: event.id, canManage: true, followUpThreadId: null });

    const document = await request(ctx, animateur, 'GET', `/api/documents/${linked.reportDocumentId}`);
    expect(document.statusCode).toBe(200);

    const again = await request(ctx, animateur, 'POST', `/api/events/${event.id}/report`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect(await documentsOf(title)).toHaveLength(1);
  });

  it('makes exactly one document when two requests arrive at once', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: space.id, title: 'Double clic' });
    const responses = await Promise.all([
      request(ctx, animateur, 'POST', `/api/events/${event.id}/report`),
      request(ctx, admin, 'POST', `/api/events/${event.id}/report`),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const title = reportTitle({ title: 'Double clic', starts_at: event.starts_at, timezone: 'Europe/Paris' });
    const documents = await documentsOf(title);
    expect(documents).toHaveLength(1);
    expect((await eventRow(event.id)).report_document_id).toBe(documents[0]?.id);
  });

  it('makes an alliance document for an alliance event, and none for a cancelled event', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: null, title: 'Assemblée' });
    const response = await request(ctx, admin, 'POST', `/api/events/${event.id}/report`);
    expect(response.statusCode).toBe(201);
    const [document] = await documentsOf(
      reportTitle({ title: 'Assemblée', starts_at: event.starts_at, timezone: 'Europe/Paris' }),
    );
    expect(document?.space_id).toBeNull();

    const cancelled = await createEvent(ctx.database.db, { spaceId: space.id, cancelled: true });
    const refused = await request(ctx, animateur, 'POST', `/api/events/${cancelled.id}/report`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('event_cancelled');
    expect((await eventRow(cancelled.id)).report_document_id).toBeNull();
  });
});

describe('the follow-up thread', () => {
  const body = { title: 'Suites de la permanence', body: '<p>Voici ce que nous avons retenu.</p>' };

  it('opens a thread in the event’s space, links it, and refuses a second one', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: space.id });
    const response = await request(ctx, animateur, 'POST', `/api/events/${event.id}/follow-up`, body);
    expect(response.statusCode).toBe(201);
    const threadId = response.json().event.followUpThreadId as string;
    expect(threadId).toBeTruthy();

    const thread = await request(ctx, animateur, 'GET', `/api/threads/${threadId}`);
    expect(thread.statusCode).toBe(200);
    expect(thread.json().thread).toMatchObject({ spaceId: space.id, title: body.title });
    expect(thread.json().posts.items[0].body).toContain('Voici ce que nous avons retenu.');

    const again = await request(ctx, animateur, 'POST', `/api/events/${event.id}/follow-up`, body);
    expect(again.statusCode).toBe(409);
    const threads = await ctx.database.db.selectFrom('threads').select('id').where('title', '=', body.title).execute();
    expect(threads.map((t) => t.id)).toContain(threadId);
    expect((await eventRow(event.id)).follow_up_thread_id).toBe(threadId);
  });

  it('needs a space for an alliance event, one the caller may post in', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: null });
    const missing = await request(ctx, admin, 'POST', `/api/events/${event.id}/follow-up`, body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('invalid_input');

    const unknown = await request(ctx, admin, 'POST', `/api/events/${event.id}/follow-up`, {
      ...body,
      spaceId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);

    const named = await request(ctx, admin, 'POST', `/api/events/${event.id}/follow-up`, {
      ...body,
      spaceId: space.id,
    });
    expect(named.statusCode).toBe(201);
    const thread = await request(ctx, admin, 'GET', `/api/threads/${named.json().event.followUpThreadId}`);
    expect(thread.json().thread.spaceId).toBe(space.id);
  });

  it('refuses a space the animateur·ice may not post in, and leaves no thread behind', async () => {
    const event = await createEvent(ctx.database.db, { spaceId: space.id });
    const elsewhere = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    const secret = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    const forbidden = await request(ctx, animateur, 'POST', `/api/events/${event.id}/follow-up`, {
      ...body,
      title: 'Ailleurs',
      spaceId: elsewhere.id,
    });
    expect(forbidden.statusCode).toBe(403);
    const hidden = await request(ctx, animateur, 'POST', `/api/events/${event.id}/follow-up`, {
      ...body,
      title: 'Ailleurs',
      spaceId: secret.id,
    });
    expect(hidden.statusCode).toBe(404);
    const empty = await request(ctx, animateur, 'POST', `/api/events/${event.id}/follow-up`, {
      ...body,
      body: '<p> </p>',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('post_empty');
    expect(await ctx.database.db.selectFrom('threads').select('id').where('title', '=', 'Ailleurs').execute()).toEqual(
      [],
    );
    expect((await eventRow(event.id)).follow_up_thread_id).toBeNull();
  });
});
