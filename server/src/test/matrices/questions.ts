import { createEvent, createRegistration } from '../factories/events';
import { byAnimateurs, byMembers, byReaders, defineMatrix, everyone, type MatrixRoute } from '../matrix';

/**
 * The routes of questions, attendance, compte rendu and follow-up, for an event of the case's
 * space where the member holds a seat, and a question someone else asked (one votes only for
 * the questions of others).
 */

interface Fixture {
  eventId: string;
  questionId: string;
}

const event = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.eventId });
const question = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.questionId });

const routes: MatrixRoute<Fixture>[] = [
  { method: 'GET', path: '/api/events/:id/questions', params: event, expect: byReaders(200) },
  {
    method: 'POST',
    path: '/api/events/:id/questions',
    params: event,
    body: () => ({ body: 'Peut-on proposer un atelier ?' }),
    expect: byMembers(201),
  },
  { method: 'POST', path: '/api/questions/:id/vote', params: question, expect: byMembers(200) },
  { method: 'DELETE', path: '/api/questions/:id/vote', params: question, expect: byMembers(200) },
  {
    method: 'PATCH',
    path: '/api/questions/:id',
    params: question,
    body: () => ({ status: 'current' }),
    expect: byAnimateurs(200),
  },
  { method: 'GET', path: '/api/events/:id/attendance', params: event, expect: byAnimateurs(200) },
  {
    method: 'PUT',
    path: '/api/events/:id/attendance/:userId',
    params: (c) => ({ id: c.fixture.eventId, userId: c.people.member.id }),
    body: () => ({ attended: true }),
    expect: byAnimateurs(204),
  },
  { method: 'GET', path: '/api/events/:id/registrations.csv', params: event, expect: byAnimateurs(200) },
  { method: 'GET', path: '/api/events/:id/attestations.pdf', params: event, expect: byAnimateurs(200) },
  {
    method: 'GET',
    path: '/api/events/:id/attestation.pdf',
    note: 'the member was marked present, nobody else',
    params: event,
    expect: {
      public: [401, 403, 200, 403, 403],
      members: [401, 403, 200, 403, 403],
      private: [401, 404, 200, 403, 403],
    },
  },
  { method: 'POST', path: '/api/events/:id/report', params: event, expect: byAnimateurs(201) },
  {
    method: 'POST',
    path: '/api/events/:id/follow-up',
    params: event,
    body: () => ({ title: 'Suites de la permanence', body: '<p>Ce que nous avons retenu.</p>' }),
    expect: byAnimateurs(201),
  },
  {
    method: 'GET',
    path: '/api/users/:id/attended-permanences',
    note: "the member's",
    params: (c) => ({ id: c.people.member.id }),
    // The member's own list: themselves and admins only, whatever the space.
    expect: everyone([401, 403, 200, 403, 200]),
  },
];

export const questionsMatrix = defineMatrix<Fixture>({
  name: 'questions, attendance and report routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ db, people, space }) => {
    // Under way: questions are open and attendance is taken.
    const event = await createEvent(db, { spaceId: space.id, kind: 'permanence', startsInHours: -1, durationHours: 3 });
    await createRegistration(db, event.id, people.member.id);
    await db
      .insertInto('attendances')
      .values({ event_id: event.id, user_id: people.member.id, marked_by: people.animateur.id })
      .execute();
    const question = await db
      .insertInto('questions')
      .values({ event_id: event.id, author_id: people.outsider.id, body: 'Une première question' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { eventId: event.id, questionId: question.id };
  },
  routes,
  tables: [
    'events',
    'questions',
    'question_votes',
    'attendances',
    'registrations',
    'documents',
    'threads',
    'posts',
    'realtime_rooms',
    'realtime_events',
    'realtime_payloads',
  ],
  // Asking or voting without a seat is the participation rule's own refusal.
  refusals: { 403: ['forbidden', 'not_registered'] },
});
