import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { createQuestion, questionRows } from '../../../test/factories/questions';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';

/** The live queue: asking, ordering, and the statuses the animateur·ices set. */

let ctx: TestContext;
let animateur: TestPerson;
let alice: TestPerson;
let bruno: TestPerson;
let spaceId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  animateur = await createPerson(ctx, { displayName: 'Anna Animatrice' });
  alice = await createPerson(ctx, { displayName: 'Alice Question' });
  bruno = await createPerson(ctx, { displayName: 'Bruno Question' });
  const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
  spaceId = space.id;
  await addMembership(ctx.database.db, spaceId, animateur.id, { role: 'animateur' });
});
afterAll(async () => ctx.close());

async function event(options: Parameters<typeof createEvent>[1] = {}) {
  const row = await createEvent(ctx.database.db, { spaceId, ...options });
  await createRegistration(ctx.database.db, row.id, alice.id);
  await createRegistration(ctx.database.db, row.id, bruno.id, 'waitlisted');
  return row;
}

const patch = (questionId: string, payload: object, person = animateur) =>
  request(ctx, person, 'PATCH', `/api/questions/${questionId}`, payload);
const list = async (eventId: string) =>
  (await request(ctx, alice, 'GET', `/api/events/${eventId}/questions`)).json().items as Array<{
    id: string;
    status: string;
    votes: number;
    transmittedTo: { id: string; slug: string; name: string; threadId: string | null } | null;
  }>;

describe('asking', () => {
  it('takes questions from people with a seat or on the waitlist, and gives the author and status', async () => {
    const e = await event();
    const response = await request(ctx, bruno, 'POST', `/api/events/${e.id}/questions`, {
      body: '  Une proposition  ',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().question).toMatchObject({
      eventId: e.id,
      body: 'Une proposition',
      author: { id: bruno.id, displayName: 'Bruno Question' },
      votes: 0,
      voted: false,
      status: 'open',
      transmittedTo: null,
    });
  });

  it('refuses empty or too long bodies, cancelled events, and events that have ended', async () => {
    const e = await event();
    for (const body of ['', '   ', 'x'.repeat(2001)]) {
      const response = await request(ctx, alice, 'POST', `/api/events/${e.id}/questions`, { body });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    const cancelled = await event({ cancelled: true });
    const onCancelled = await request(ctx, alice, 'POST', `/api/events/${cancelled.id}/questions`, {
      body: 'Encore là ?',
    });
    expect(onCancelled.statusCode).toBe(409);
    expect(onCancelled.json().error.code).toBe('event_cancelled');

    const during = await event({ startsInHours: -0.5, durationHours: 1 });
    expect(
      (await request(ctx, alice, 'POST', `/api/events/${during.id}/questions`, { body: 'Pendant' })).statusCode,
    ).toBe(201);
    const ended = await event({ startsInHours: -2, durationHours: 1 });
    const late = await request(ctx, alice, 'POST', `/api/events/${ended.id}/questions`, { body: 'Trop tard' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('questions_closed');
    expect(await questionRows(ctx.database.db, ended.id)).toEqual([]);
    expect(await questionRows(ctx.database.db, cancelled.id)).toEqual([]);
  });

  it('answers 404 for unknown events', async () => {
    const response = await request(ctx, alice, 'POST', '/api/events/00000000-0000-4000-8000-000000000000/questions', {
      body: 'Allô ?',
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('the queue', () => {
  it('lists the current question first, then by votes, then the oldest', async () => {
    const e = await event();
    const first = await createQuestion(ctx, alice, e.id, 'Première');
    const second = await createQuestion(ctx, alice, e.id, 'Deuxième');
    const third = await createQuestion(ctx, alice, e.id, 'Troisième');
    await request(ctx, bruno, 'POST', `/api/questions/${third.id}/vote`);
    expect((await list(e.id)).map((q) => q.id)).toEqual([third.id, first.id, second.id]);
    await patch(second.id, { status: 'current' });
    expect((await list(e.id)).map((q) => q.id)).toEqual([second.id, third.id, first.id]);
  });

  it('keeps one current question: making another current puts the previous one back to open', async () => {
    const e = await event();
    const a = await createQuestion(ctx, alice, e.id, 'A');
    const b = await createQuestion(ctx, alice, e.id, 'B');
    expect((await patch(a.id, { status: 'current' })).json().question.status).toBe('current');
    const response = await patch(b.id, { status: 'current' });
    expect(response.statusCode).toBe(200);
    expect(response.json().question.status).toBe('current');
    const statuses = Object.fromEntries((await list(e.id)).map((q) => [q.id, q.status]));
    expect(statuses).toEqual({ [a.id]: 'open', [b.id]: 'current' });

    // Two animateur·ices clicking at once still leave exactly one current question.
    const c = await createQuestion(ctx, alice, e.id, 'C');
    await Promise.all([patch(a.id, { status: 'current' }), patch(c.id, { status: 'current' })]);
    expect((await list(e.id)).filter((q) => q.status === 'current')).toHaveLength(1);
  });

  it('marks answered, transmits to a space, and reopens', async () => {
    const e = await event();
    const q = await createQuestion(ctx, alice, e.id);
    expect((await patch(q.id, { status: 'answered' })).json().question.status).toBe('answered');

    const chantier = await createSpace(ctx.database.db, {
      visibility: 'public',
      joinPolicy: 'open',
      title: 'Chantier mobilité',
    });
    // The question is posted there in the animateur's name: they must be a member.
    await addMembership(ctx.database.db, chantier.id, animateur.id);
    const transmitted = await patch(q.id, { status: 'transmitted', transmittedToSpaceId: chantier.id });
    expect(transmitted.statusCode).toBe(200);
    expect(transmitted.json().question).toMatchObject({
      status: 'transmitted',
      transmittedTo: { id: chantier.id, slug: chantier.slug, name: 'Chantier mobilité', threadId: expect.any(String) },
    });

    const reopened = await patch(q.id, { status: 'open' });
    expect(reopened.json().question).toMatchObject({ status: 'open', transmittedTo: null });
  });

  it('refuses a transmission without an existing space it may know, and changes nothing', async () => {
    const e = await event();
    const q = await createQuestion(ctx, alice, e.id);
    const before = await questionRows(ctx.database.db, e.id);

    const missing = await patch(q.id, { status: 'transmitted' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('invalid_input');

    const unknown = await patch(q.id, {
      status: 'transmitted',
      transmittedToSpaceId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);

    const secret = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    const hidden = await patch(q.id, { status: 'transmitted', transmittedToSpaceId: secret.id });
    expect(hidden.statusCode).toBe(404);

    const stray = await patch(q.id, { status: 'answered', transmittedToSpaceId: spaceId });
    expect(stray.statusCode).toBe(400);

    const badStatus = await patch(q.id, { status: 'archived' });
    expect(badStatus.statusCode).toBe(400);

    expect(await questionRows(ctx.database.db, e.id)).toEqual(before);
  });

  it('lets those who run the event change statuses after it ended, but not people registered', async () => {
    const e = await event({ startsInHours: -3, durationHours: 1 });
    const q = await ctx.database.db
      .insertInto('questions')
      .values({ event_id: e.id, author_id: alice.id, body: 'À transmettre' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await patch(q.id, { status: 'answered' })).statusCode).toBe(200);
    expect((await patch(q.id, { status: 'open' }, alice)).statusCode).toBe(403);
  });
});
