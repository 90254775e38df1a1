import type { DemoPerson, Home } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { eventsDeps } from '../../test/factories/events';
import { createPerson } from '../../test/factories/people';
import { type Client, sessionCookie } from '../../test/http';
import { findSeriesBySlug } from '../events/events.queries';
import { PERMANENCE_SLUG } from '../events/events.service';
import { seedDemo } from './demo.service';
import { DEMO_ASSEMBLY, DEMO_MEMBERSHIPS, DEMO_PEOPLE, DEMO_THREADS } from './demo-data';
import { seedAlliance } from './seed.service';

const TABLES = [
  'users',
  'memberships',
  'threads',
  'posts',
  'reactions',
  'notifications',
  'documents',
  'document_versions',
  'links',
  'events',
  'registrations',
  'questions',
  'question_votes',
  'attendances',
] as const;

async function counts(ctx: TestContext) {
  const entries = await Promise.all(
    TABLES.map(async (table) => {
      const row = await ctx.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return [table, Number(row.n)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

async function demoPeople(ctx: TestContext): Promise<DemoPerson[]> {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/dev/demo-people' });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

/** One click on the mailbox page: a session as this demo person. */
async function signInAs(ctx: TestContext, person: DemoPerson): Promise<Client> {
  const response = await ctx.app.inject({ method: 'POST', url: `/api/dev/demo-people/${person.id}/session` });
  expect(response.statusCode).toBe(200);
  const { user, csrfToken } = response.json();
  return { cookie: sessionCookie(response), csrfToken, userId: user.id, email: user.email };
}

const get = async (ctx: TestContext, client: Client | null, url: string) => {
  const response = await ctx.app.inject({ method: 'GET', url, headers: client ? { cookie: client.cookie } : {} });
  expect(response.statusCode, url).toBe(200);
  return response.json();
};

describe('the living demo', () => {
  let ctx: TestContext;
  let camille: DemoPerson;
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedAlliance(ctx.database.db);
  });
  afterAll(() => ctx.close());

  it('fills the alliance in one run, well under 5 seconds', async () => {
    const started = performance.now();
    const report = await seedDemo(eventsDeps(ctx));
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(5000);
    expect(report).toEqual({
      people: DEMO_PEOPLE.length,
      threads: DEMO_THREADS.length + 1,
      documents: 4,
      events: 4,
    });
    const people = await demoPeople(ctx);
    expect(people.map((person) => person.displayName)).toEqual(DEMO_PEOPLE.map((person) => person.displayName));
    expect(people.every((person) => person.email.endsWith('@demo.example'))).toBe(true);
    camille = people.find((person) => person.displayName === 'Camille Roux') as DemoPerson;
  });

  it('gives every space of the alliance an animateur·ice and members', async () => {
    const spaces = await ctx.database.db.selectFrom('spaces').select('slug').execute();
    expect(Object.keys(DEMO_MEMBERSHIPS).sort()).toEqual(spaces.map((space) => space.slug).sort());
    for (const { slug } of spaces) {
      const roles = await ctx.database.db
        .selectFrom('memberships')
        .innerJoin('spaces', 'spaces.id', 'memberships.space_id')
        .select('memberships.role')
        .where('spaces.slug', '=', slug)
        .execute();
      expect(
        roles.map((row) => row.role),
        slug,
      ).toContain('animateur');
    }
  });

  it('lands Camille on « Pour vous » with unread threads, her seat and her waitlist place', async () => {
    const client = await signInAs(ctx, camille);
    const { user } = await get(ctx, client, '/api/me');
    expect(user.displayName).toBe('Camille Roux');

    const home: Home = await get(ctx, client, '/api/me/home');
    expect(home.unreadThreads.length).toBeGreaterThanOrEqual(3);
    expect(home.unreadThreads.every((item) => item.thread.unreadCount > 0)).toBe(true);
    const titles = home.unreadThreads.map((item) => item.thread.title);
    expect(titles).toContain('Carte des interdépendances : vos retours sur la version 2');

    const seats = home.nextEvents.map((item) => [item.event.kind, item.registration]);
    expect(seats).toContainEqual(['permanence', { status: 'registered' }]);
    expect(seats).toContainEqual(['initiation', { status: 'waitlisted', position: 1 }]);
    expect(home.documents.length).toBeGreaterThanOrEqual(2);
    expect(home.permanence).not.toBeNull();

    // Mentions became notifications, as they would have from the composer.
    const notifications = await get(ctx, client, '/api/notifications');
    expect(notifications.items.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a past permanence with its questions, compte rendu and follow-up thread', async () => {
    const series = await findSeriesBySlug(ctx.database.db, PERMANENCE_SLUG);
    const past = await ctx.database.db
      .selectFrom('events')
      .select('id')
      .where('series_id', '=', series!.id)
      .where('report_document_id', 'is not', null)
      .execute();
    expect(past).toHaveLength(1);
    const client = await signInAs(ctx, camille);
    const { event } = await get(ctx, client, `/api/events/${past[0]!.id}`);
    expect(new Date(event.endsAt).getTime()).toBeLessThan(Date.now());
    expect(event.followUpThreadId).not.toBeNull();

    const questions = await get(ctx, client, `/api/events/${event.id}/questions`);
    expect(questions.items.map((question: { status: string }) => question.status).sort()).toEqual([
      'answered',
      'answered',
      'transmitted',
    ]);
    expect(questions.items.some((question: { votes: number }) => question.votes >= 3)).toBe(true);

    const report = await get(ctx, client, `/api/documents/${event.reportDocumentId}/text`);
    expect(report.text).toContain('Embarquer un conseil municipal');
    await get(ctx, client, `/api/threads/${event.followUpThreadId}`);
  });

  it('gives documents a history that opens, named and automatic', async () => {
    const document = await ctx.database.db
      .selectFrom('documents')
      .select('id')
      .where('title', '=', "Grille d'analyse des initiatives de mise en récits")
      .executeTakeFirstOrThrow();
    const client = await signInAs(ctx, camille);
    const { items } = await get(ctx, client, `/api/documents/${document.id}/versions`);
    expect(items.map((version: { kind: string }) => version.kind).sort()).toEqual(['auto', 'named']);
    const text = await get(ctx, client, `/api/documents/${document.id}/text`);
    expect(text.text).toContain('carte sensible');
    for (const version of items) {
      const { html } = await get(ctx, client, `/api/documents/${document.id}/versions/${version.id}`);
      expect(html).toContain('<li><p>Mettre en trajectoire');
    }
  });

  it('publishes the validated grid to the commons as it was validated, for visitors', async () => {
    const list = await ctx.app.inject({ method: 'GET', url: '/api/publications?theme=recits' });
    const [grid] = list.json().items;
    expect(grid).toMatchObject({ title: "Grille d'analyse des initiatives de mise en récits", kind: 'fiche' });
    const { publication } = (await ctx.app.inject({ method: 'GET', url: `/api/publications/${grid.id}` })).json();
    expect(publication.html).toContain('dit-on aussi ce qui résiste ?');
    expect(publication.html).not.toContain('ce qui a échoué');
  });

  it('programmes the Assemblée des alliés: questions, parallel workshops, people’s choices', async () => {
    const db = ctx.database.db;
    const assembly = await db
      .selectFrom('events')
      .select(['id', 'registration_questions'])
      .where('title', '=', DEMO_ASSEMBLY.title)
      .executeTakeFirstOrThrow();
    expect(assembly.registration_questions).toEqual(DEMO_ASSEMBLY.questions);
    const sessions = await db
      .selectFrom('events')
      .select(['id', 'title'])
      .where('parent_id', '=', assembly.id)
      .orderBy('starts_at')
      .orderBy('title')
      .execute();
    expect(sessions.map((one) => one.title)).toEqual(DEMO_ASSEMBLY.sessions.map((one) => one.title));
    const answers = await db
      .selectFrom('registrations')
      .select('answers')
      .where('event_id', '=', assembly.id)
      .execute();
    expect(answers).toHaveLength(DEMO_ASSEMBLY.registered.length);
    expect(answers.every(({ answers }) => (answers as { meal?: string }).meal)).toBe(true);
  });

  it('does nothing when run again', async () => {
    const before = await counts(ctx);
    expect(await seedDemo(eventsDeps(ctx))).toBeNull();
    expect(await counts(ctx)).toEqual(before);
  });

  it('signs in only the demo’s people', async () => {
    const someone = await createPerson(ctx);
    for (const id of [someone.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await ctx.app.inject({ method: 'POST', url: `/api/dev/demo-people/${id}/session` });
      expect(response.statusCode).toBe(404);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const bad = await ctx.app.inject({ method: 'POST', url: "/api/dev/demo-people/1' or '1'='1/session" });
    expect(bad.statusCode).toBe(400);
    expect((await demoPeople(ctx)).map((person) => person.id)).not.toContain(someone.id);
  });
});

describe('the living demo, from two processes starting together', () => {
  it('is inserted once', async () => {
    const ctx = await createTestApp();
    try {
      await seedAlliance(ctx.database.db);
      const reports = await Promise.all([seedDemo(eventsDeps(ctx)), seedDemo(eventsDeps(ctx))]);
      expect(reports.filter((report) => report === null)).toHaveLength(1);
      expect(await demoPeople(ctx)).toHaveLength(DEMO_PEOPLE.length);
    } finally {
      await ctx.close();
    }
  });
});
