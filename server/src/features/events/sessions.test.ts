import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createEvent, createRegistration } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

/** Gatherings: sessions of an event (« atelier A ou B ») and the questions asked at registration. */

let ctx: TestContext;
let animateur: TestPerson;
let member: TestPerson;
let spaceId: string;

const HOUR = 60 * 60_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

beforeAll(async () => {
  ctx = await createTestApp();
  animateur = await createPerson(ctx, { displayName: 'Anna Programme' });
  member = await createPerson(ctx, { displayName: 'Marc Membre' });
  const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
  spaceId = space.id;
  await addMembership(ctx.database.db, spaceId, animateur.id, { role: 'animateur' });
  await addMembership(ctx.database.db, spaceId, member.id);
});
afterAll(async () => ctx.close());

const QUESTIONS = [
  { key: 'organisation', required: true },
  { key: 'accessibility', required: false },
  { key: 'meal', required: true },
];

/** An assembly of a day, 48 h from now, through the API. */
async function assembly(body: Record<string, unknown> = {}) {
  const response = await request(ctx, animateur, 'POST', '/api/events', {
    title: 'Assemblée des alliés',
    kind: 'autre',
    startsAt: at(48),
    endsAt: at(56),
    timezone: 'Europe/Paris',
    mode: 'presentiel',
    address: 'Halle des transitions, Lyon',
    spaceId,
    registrationQuestions: QUESTIONS,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().event as { id: string; registrationQuestions: unknown };
}

const session = (parentId: string, title: string, body: Record<string, unknown> = {}, person = animateur) =>
  request(ctx, person, 'POST', '/api/events', {
    parentId,
    title,
    kind: 'atelier',
    startsAt: at(50),
    endsAt: at(52),
    timezone: 'Europe/Paris',
    mode: 'presentiel',
    address: 'Salle A',
    ...body,
  });

async function newSession(parentId: string, title: string, body: Record<string, unknown> = {}) {
  const response = await session(parentId, title, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().event as { id: string; parentId: string; space: { id: string } };
}

const register = (person: TestPerson, eventId: string, answers?: Record<string, unknown>) =>
  request(ctx, person, 'POST', `/api/events/${eventId}/registrations`, answers ? { answers } : undefined);
const detail = async (person: TestPerson | null, eventId: string) =>
  (await request(ctx, person, 'GET', `/api/events/${eventId}`)).json();
/** The PDF's content streams, inflated: pdf-lib writes Helvetica text as hexadecimal WinAnsi strings. */
function pageTexts(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf);
  let text = '';
  for (let at = raw.indexOf('stream\n'); at >= 0; at = raw.indexOf('stream\n', raw.indexOf('endstream', at) + 9)) {
    const body = raw.subarray(at + 7, raw.indexOf('endstream', at));
    try {
      text += inflateSync(body).toString('latin1');
    } catch {
      text += body.toString('latin1');
    }
  }
  return text.toUpperCase();
}
const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex').toUpperCase();

const ANSWERS = { organisation: 'Commune de Die', meal: 'vegetarian' };

describe('sessions', () => {
  it('are made by those who manage the event, listed on its page in order, not in the agenda', async () => {
    const parent = await assembly();
    expect(parent.registrationQuestions).toEqual(QUESTIONS);
    const b = await newSession(parent.id, 'Atelier B — mise en récits', { startsAt: at(50), capacity: 20 });
    const a = await newSession(parent.id, 'Atelier A — sobriété foncière', { startsAt: at(49.5), capacity: 1 });
    expect(a.parentId).toBe(parent.id);
    expect(a.space.id).toBe(spaceId);

    const page = await detail(member, parent.id);
    expect(page.sessions.map((one: { event: { id: string } }) => one.event.id)).toEqual([a.id, b.id]);
    expect(page.sessions[0].myRegistration).toBeNull();
    expect(page.parent).toBeNull();
    expect((await detail(member, a.id)).parent).toEqual({ id: parent.id, title: 'Assemblée des alliés' });

    const agenda = await request(ctx, member, 'GET', `/api/events?spaceId=${spaceId}&to=${at(24 * 30)}`);
    const ids = agenda.json().items.map((item: { id: string }) => item.id);
    expect(ids).toContain(parent.id);
    expect(ids).not.toContain(a.id);
  });

  it('refuses a session outside its event, with a recurrence, of a series or by a member, changing nothing', async () => {
    const parent = await assembly();
    const before = (await detail(animateur, parent.id)).sessions;
    const outside = await session(parent.id, 'Trop tard', { startsAt: at(55), endsAt: at(57) });
    expect([outside.statusCode, outside.json().error.code]).toEqual([400, 'event_invalid_dates']);
    const repeating = await session(parent.id, 'Chaque semaine', { recurrence: { rrule: 'FREQ=WEEKLY' } });
    expect([repeating.statusCode, repeating.json().error.details]).toEqual([
      400,
      { 'body.recurrence': ['a session does not repeat'] },
    ]);
    const asking = await session(parent.id, 'Avec questions', { registrationQuestions: QUESTIONS });
    expect(asking.statusCode).toBe(400);
    expect((await session(parent.id, 'Pas à moi', {}, member)).statusCode).toBe(403);
    const unknown = await session('00000000-0000-4000-8000-000000000000', 'Nulle part');
    expect(unknown.statusCode).toBe(404);
    const child = await newSession(parent.id, 'Atelier C');
    const nested = await session(child.id, 'Sous-session');
    expect([nested.statusCode, nested.json().error.details]).toEqual([
      400,
      { 'body.parentId': ['sessions belong to a one-off event'] },
    ]);
    expect((await detail(animateur, parent.id)).sessions).toHaveLength(before.length + 1);
  });

  it('keeps sessions within their event when either moves; cancelling the event cancels them', async () => {
    const parent = await assembly();
    const a = await newSession(parent.id, 'Atelier A');
    const early = await request(ctx, animateur, 'PATCH', `/api/events/${parent.id}`, { startsAt: at(51) });
    expect([early.statusCode, early.json().error.code]).toEqual([400, 'event_invalid_dates']);
    const late = await request(ctx, animateur, 'PATCH', `/api/events/${a.id}`, { endsAt: at(57) });
    expect([late.statusCode, late.json().error.code]).toEqual([400, 'event_invalid_dates']);
    const questions = await request(ctx, animateur, 'PATCH', `/api/events/${a.id}`, {
      registrationQuestions: QUESTIONS,
    });
    expect(questions.statusCode).toBe(400);
    expect((await request(ctx, animateur, 'PATCH', `/api/events/${a.id}`, { endsAt: at(53) })).statusCode).toBe(200);

    const cancelled = await request(ctx, animateur, 'POST', `/api/events/${parent.id}/cancel`, { reason: 'Grève' });
    expect(cancelled.statusCode).toBe(200);
    expect((await detail(animateur, a.id)).event.cancelledAt).not.toBeNull();
  });
});

describe('registration questions', () => {
  it('asks what the organisers chose: required answered, none unasked; answers seen by the person and the organisers only', async () => {
    const parent = await assembly();
    const missing = await register(member, parent.id, { organisation: 'Commune de Die' });
    expect([missing.statusCode, missing.json().error.details]).toEqual([400, { 'body.answers.meal': ['required'] }]);
    const unasked = await register(member, parent.id, { ...ANSWERS, role: 'élue' });
    expect(unasked.json().error.details).toEqual({ 'body.answers.role': ['not_asked'] });
    const badMeal = await register(member, parent.id, { ...ANSWERS, meal: 'carnivore' });
    expect(badMeal.statusCode).toBe(400);
    const hostile = await register(member, parent.id, { ...ANSWERS, organisation: 'x'.repeat(201) });
    expect(hostile.statusCode).toBe(400);
    expect((await detail(member, parent.id)).myRegistration).toBeNull();

    const accepted = await register(member, parent.id, {
      ...ANSWERS,
      accessibility: '  Fauteuil roulant ; boucle magnétique  ',
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const mine = {
      organisation: 'Commune de Die',
      meal: 'vegetarian',
      accessibility: 'Fauteuil roulant ; boucle magnétique',
    };
    expect(accepted.json().registration).toEqual({ status: 'registered', answers: mine });
    expect((await detail(member, parent.id)).myRegistration.answers).toEqual(mine);

    const other = await createPerson(ctx);
    const page = await detail(other, parent.id);
    expect(JSON.stringify(page)).not.toContain('Fauteuil');
    const sheet = await request(ctx, animateur, 'GET', `/api/events/${parent.id}/attendance`);
    expect(sheet.json().items).toEqual([
      expect.objectContaining({ person: { id: member.id, displayName: 'Marc Membre' }, answers: mine }),
    ]);
    expect((await request(ctx, member, 'GET', `/api/events/${parent.id}/attendance`)).statusCode).toBe(403);

    // Withdrawing drops the answers: accessibility needs are kept no longer than the seat.
    expect((await request(ctx, member, 'DELETE', `/api/events/${parent.id}/registrations/me`)).statusCode).toBe(204);
    const row = await ctx.database.db
      .selectFrom('registrations')
      .select('answers')
      .where('event_id', '=', parent.id)
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row.answers).toEqual({});
  });

  it('asks nothing by default, and an event without questions refuses answers', async () => {
    const plain = await assembly({ registrationQuestions: undefined });
    expect(plain.registrationQuestions).toEqual([]);
    const refused = await register(member, plain.id, { meal: 'vegan' });
    expect(refused.json().error.details).toEqual({ 'body.answers.meal': ['not_asked'] });
    expect((await register(member, plain.id)).statusCode).toBe(201);
  });

  it('refuses a question asked twice or an unknown question', async () => {
    for (const registrationQuestions of [
      [QUESTIONS[0], QUESTIONS[0]],
      [{ key: 'shoe_size', required: false }],
      [{ key: 'meal' }],
    ]) {
      const response = await request(ctx, animateur, 'POST', '/api/events', {
        title: 'Questions bizarres',
        kind: 'autre',
        startsAt: at(48),
        endsAt: at(49),
        timezone: 'Europe/Paris',
        spaceId,
        registrationQuestions,
      });
      expect([response.statusCode, response.json().error.code]).toEqual([400, 'invalid_input']);
    }
  });
});

describe('choosing sessions', () => {
  it('needs a seat in the event and one place per time slot; leaving the event leaves its sessions', async () => {
    const parent = await assembly();
    const a = await newSession(parent.id, 'Atelier A', { capacity: 1 });
    const b = await newSession(parent.id, 'Atelier B', { startsAt: at(51), endsAt: at(53) });
    const c = await newSession(parent.id, 'Plénière', { startsAt: at(53), endsAt: at(54) });
    const [first, second] = [await createPerson(ctx), await createPerson(ctx)];

    const early = await register(first, a.id);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'parent_registration_required']);
    expect((await register(first, parent.id, ANSWERS)).statusCode).toBe(201);
    expect((await register(second, parent.id, ANSWERS)).statusCode).toBe(201);

    expect((await register(first, a.id)).json().registration).toEqual({ status: 'registered' });
    const overlap = await register(first, b.id);
    expect([overlap.statusCode, overlap.json().error.code]).toEqual([409, 'session_overlap']);
    expect((await register(first, c.id)).statusCode).toBe(201);
    // A is full: the second person waits for it.
    expect((await register(second, a.id)).json().registration).toEqual({ status: 'waitlisted', position: 1 });

    const page = await detail(first, parent.id);
    expect(page.sessions.map((one: { myRegistration: unknown }) => one.myRegistration)).toEqual([
      { status: 'registered' },
      null,
      { status: 'registered' },
    ]);

    // Leaving the assembly gives up its workshops too: the seat in A goes to the second person.
    expect((await request(ctx, first, 'DELETE', `/api/events/${parent.id}/registrations/me`)).statusCode).toBe(204);
    expect((await detail(first, a.id)).myRegistration).toBeNull();
    expect((await detail(first, c.id)).myRegistration).toBeNull();
    expect((await detail(second, a.id)).myRegistration).toEqual({ status: 'registered' });
  });

  it('never overbooks a session: 12 people racing for 3 seats give 3 seats and a waitlist of 9', async () => {
    const parent = await assembly({ registrationQuestions: [] });
    const workshop = await newSession(parent.id, 'Atelier couru', { capacity: 3 });
    const people = await Promise.all(Array.from({ length: 12 }, () => createPerson(ctx)));
    for (const person of people) await createRegistration(ctx.database.db, parent.id, person.id);
    const answers = await Promise.all(people.map((person) => register(person, workshop.id)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(12).fill(201));
    const statuses = answers.map((answer) => answer.json().registration.status);
    expect(statuses.filter((status) => status === 'registered')).toHaveLength(3);
    const positions = answers.map((answer) => answer.json().registration.position).filter(Boolean);
    expect(positions.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('the organisers’ exports', () => {
  it('puts the answers and each session in the CSV, and the sessions attended on the attestation', async () => {
    const db = ctx.database.db;
    const parent = await createEvent(db, {
      spaceId,
      title: 'Journée du tronc commun',
      startsInHours: -4,
      durationHours: 6,
      registrationQuestions: [
        { key: 'organisation', required: true },
        { key: 'meal', required: false },
      ],
    });
    const a = await createEvent(db, { spaceId, parentId: parent.id, title: 'Atelier A', startsInHours: -3 });
    const b = await createEvent(db, { spaceId, parentId: parent.id, title: 'Atelier B', startsInHours: -3 });
    const lea = await createPerson(ctx, { displayName: 'Léa Participante' });
    await createRegistration(db, parent.id, lea.id, 'registered', { organisation: 'PNR du Vercors', meal: 'vegan' });
    await createRegistration(db, a.id, lea.id);
    for (const eventId of [parent.id, a.id]) {
      const marked = await request(ctx, animateur, 'PUT', `/api/events/${eventId}/attendance/${lea.id}`, {
        attended: true,
      });
      expect(marked.statusCode).toBe(204);
    }

    const csv = await request(ctx, animateur, 'GET', `/api/events/${parent.id}/registrations.csv`);
    const [header, line] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header?.split(';').slice(8)).toEqual([
      'réponse : organisation',
      'réponse : repas',
      'session « Atelier A »',
      'présence « Atelier A »',
      'session « Atelier B »',
      'présence « Atelier B »',
    ]);
    expect(line?.split(';').slice(8)).toEqual(['PNR du Vercors', 'végétalien', 'inscrit·e', 'oui', '', 'non']);

    const own = await request(ctx, lea, 'GET', `/api/events/${parent.id}/attestation.pdf`);
    expect(own.statusCode).toBe(200);
    expect((await PDFDocument.load(own.rawPayload)).getPageCount()).toBe(1);
    const text = pageTexts(own.rawPayload);
    expect(text).toContain(hex('Sessions suivies'));
    expect(text).toContain(hex('Atelier A'));
    expect(text).not.toContain(hex('Atelier B'));
    expect(b.id).not.toBe(a.id);
  });
});
