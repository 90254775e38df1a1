import { ERROR_CODES } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/database';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent, createRegistration } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';

/**
 * The authorisation matrix of questions, attendance, compte rendu and follow-up: every route ×
 * every kind of person × every visibility of the event's space. Each case runs on a fresh space
 * and event where the member holds a seat and asked a question, so cases never depend on each
 * other. A refused write must leave the event, its questions, votes and attendance as they were.
 */

const ACTORS = ['anonymous', 'outsider', 'member', 'animateur', 'admin'] as const;
type ActorName = (typeof ACTORS)[number];
const VISIBILITIES = ['public', 'members', 'private'] as const;
type Visibility = (typeof VISIBILITIES)[number];
const JOIN_POLICY = { public: 'open', members: 'request', private: 'invite' } as const;

interface Fixture {
  eventId: string;
  questionId: string;
  memberId: string;
}

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url(f: Fixture): string;
  payload?: object;
  expect: Record<Visibility, readonly number[]>;
}

/** Reading questions: whoever may see the event; events of private spaces stay hidden. */
const read = (ok: number) => ({
  public: [ok, ok, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [404, 404, ok, ok, ok],
});
/** Asking and voting: people registered (the member) and those who run the event. */
const participate = (ok: number) => ({
  public: [401, 403, ok, ok, ok],
  members: [401, 403, ok, ok, ok],
  private: [401, 404, ok, ok, ok],
});
/** Running the event: its space's animateur·ices and admins. */
const manage = (ok: number) => ({
  public: [401, 403, 403, ok, ok],
  members: [401, 403, 403, ok, ok],
  private: [401, 404, 403, ok, ok],
});
const everyone = (statuses: readonly number[]) => ({ public: statuses, members: statuses, private: statuses });

const ROUTES: Route[] = [
  {
    name: 'GET /events/:id/questions',
    method: 'GET',
    url: (f) => `/api/events/${f.eventId}/questions`,
    expect: read(200),
  },
  {
    name: 'POST /events/:id/questions',
    method: 'POST',
    url: (f) => `/api/events/${f.eventId}/questions`,
    payload: { body: 'Peut-on proposer un atelier ?' },
    expect: participate(201),
  },
  {
    name: 'POST /questions/:id/vote',
    method: 'POST',
    url: (f) => `/api/questions/${f.questionId}/vote`,
    expect: participate(200),
  },
  {
    name: 'PATCH /questions/:id',
    method: 'PATCH',
    url: (f) => `/api/questions/${f.questionId}`,
    payload: { status: 'current' },
    expect: manage(200),
  },
  {
    name: 'GET /events/:id/attendance',
    method: 'GET',
    url: (f) => `/api/events/${f.eventId}/attendance`,
    expect: manage(200),
  },
  {
    name: 'PUT /events/:id/attendance/:userId',
    method: 'PUT',
    url: (f) => `/api/events/${f.eventId}/attendance/${f.memberId}`,
    payload: { attended: true },
    expect: manage(204),
  },
  {
    name: 'POST /events/:id/report',
    method: 'POST',
    url: (f) => `/api/events/${f.eventId}/report`,
    expect: manage(201),
  },
  {
    name: 'POST /events/:id/follow-up',
    method: 'POST',
    url: (f) => `/api/events/${f.eventId}/follow-up`,
    payload: { title: 'Suites de la permanence', body: '<p>Ce que nous avons retenu.</p>' },
    expect: manage(201),
  },
  {
    name: 'GET /users/:id/attended-permanences',
    method: 'GET',
    url: (f) => `/api/users/${f.memberId}/attended-permanences`,
    // The member's own list: themselves and admins only, whatever the space.
    expect: everyone([401, 403, 200, 403, 200]),
  },
];

let ctx: TestContext;
const people = {} as Record<Exclude<ActorName, 'anonymous'>, TestPerson>;

beforeAll(async () => {
  ctx = await createTestApp();
  people.outsider = await createPerson(ctx);
  people.member = await createPerson(ctx);
  people.animateur = await createPerson(ctx);
  people.admin = await createPerson(ctx, { role: 'admin' });
});
afterAll(async () => ctx.close());

async function fixture(visibility: Visibility): Promise<Fixture> {
  const db = ctx.database.db;
  const space = await createSpace(db, { visibility, joinPolicy: JOIN_POLICY[visibility] });
  await addMembership(db, space.id, people.member.id);
  await addMembership(db, space.id, people.animateur.id, { role: 'animateur' });
  const event = await createEvent(db, { spaceId: space.id });
  await createRegistration(db, event.id, people.member.id);
  const question = await db
    .insertInto('questions')
    .values({ event_id: event.id, author_id: people.member.id, body: 'Une première question' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { eventId: event.id, questionId: question.id, memberId: people.member.id };
}

/** Everything a refused request could have changed. */
const snapshot = async (db: Db, eventId: string) => ({
  event: await db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst(),
  questions: await db.selectFrom('questions').selectAll().where('event_id', '=', eventId).orderBy('id').execute(),
  votes: await db
    .selectFrom('question_votes')
    .innerJoin('questions', 'questions.id', 'question_votes.question_id')
    .select(['question_votes.question_id', 'question_votes.user_id'])
    .where('questions.event_id', '=', eventId)
    .execute(),
  attendances: await db.selectFrom('attendances').selectAll().where('event_id', '=', eventId).execute(),
});

describe('questions, attendance and report access matrix', () => {
  for (const route of ROUTES) {
    for (const visibility of VISIBILITIES) {
      ACTORS.forEach((actor, index) => {
        const expected = route.expect[visibility][index];
        it(`${route.name} · ${visibility} space · ${actor} → ${expected}`, async () => {
          const f = await fixture(visibility);
          const before = await snapshot(ctx.database.db, f.eventId);
          const person = actor === 'anonymous' ? null : people[actor];
          const response = await request(ctx, person, route.method, route.url(f), route.payload);
          expect(response.statusCode, response.body).toBe(expected);
          if (expected !== undefined && expected >= 400) {
            const code = response.json().error.code as keyof typeof ERROR_CODES;
            expect(ERROR_CODES[code]).toBe(expected);
            expect(await snapshot(ctx.database.db, f.eventId)).toEqual(before);
          }
        });
      });
    }
  }
});

describe('alliance-wide events', () => {
  it('are read by everyone and run by admins only', async () => {
    const db = ctx.database.db;
    const event = await createEvent(db, { spaceId: null });
    await createRegistration(db, event.id, people.member.id);
    expect((await request(ctx, null, 'GET', `/api/events/${event.id}/questions`)).statusCode).toBe(200);
    const asked = await request(ctx, people.member, 'POST', `/api/events/${event.id}/questions`, { body: 'Une idée' });
    expect(asked.statusCode).toBe(201);
    const questionId = asked.json().question.id;
    const patch = (person: TestPerson) =>
      request(ctx, person, 'PATCH', `/api/questions/${questionId}`, { status: 'answered' });
    expect((await patch(people.animateur)).statusCode).toBe(403);
    expect((await patch(people.admin)).statusCode).toBe(200);
    const outsiderAsks = await request(ctx, people.outsider, 'POST', `/api/events/${event.id}/questions`, {
      body: 'Moi ?',
    });
    expect(outsiderAsks.statusCode).toBe(403);
    expect(outsiderAsks.json().error.code).toBe('not_registered');
  });
});
