import { HomeSchema } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createPost, createThread } from '../../test/factories/discussions';
import { createDocument } from '../../test/factories/documents';
import { createEvent } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { seedAlliance } from '../seed/seed.service';

/** « Pour vous »: what waits for one person, from their own spaces and registrations only. */
describe('GET /api/me/home', () => {
  let ctx: TestContext;
  let camille: TestPerson;
  let dominique: TestPerson;
  let outsider: TestPerson;
  let space: { id: string; slug: string };
  let closed: { id: string; slug: string };

  beforeAll(async () => {
    ctx = await createTestApp();
    await seedAlliance(ctx.database.db);
    [camille, dominique, outsider] = [
      await createPerson(ctx, { displayName: 'Camille Lectrice' }),
      await createPerson(ctx, { displayName: 'Dominique Autrice' }),
      await createPerson(ctx, { displayName: 'Eden Ailleurs' }),
    ];
    space = await createSpace(ctx.database.db, {
      visibility: 'members',
      joinPolicy: 'request',
      title: 'Chantier commun',
    });
    closed = await createSpace(ctx.database.db, {
      visibility: 'private',
      joinPolicy: 'invite',
      title: 'Chantier fermé',
    });
    for (const person of [camille, dominique]) await addMembership(ctx.database.db, space.id, person.id);
    await addMembership(ctx.database.db, closed.id, outsider.id);
  });
  afterAll(() => ctx?.close());

  const home = async (person: TestPerson) => {
    const response = await request(ctx, person, 'GET', '/api/me/home');
    expect(response.statusCode).toBe(200);
    return HomeSchema.parse(response.json());
  };

  it('needs a session', async () => {
    expect((await request(ctx, null, 'GET', '/api/me/home')).statusCode).toBe(401);
  });

  it('lists the threads of my spaces with posts I have not read, and reading it marks nothing read', async () => {
    const { thread } = await createThread(ctx, dominique, space.slug, { title: 'Feuille de route', body: '<p>Un</p>' });
    const last = await createPost(ctx, dominique, thread.id, '<p>Deux</p>');
    await createThread(ctx, camille, space.slug, { title: 'Mon propre fil', body: '<p>Moi</p>' });
    await createThread(ctx, outsider, closed.slug, { title: 'Ailleurs', body: '<p>Secret</p>' });

    const first = await home(camille);
    expect(first.unreadThreads.map((item) => [item.thread.title, item.thread.unreadCount, item.space.slug])).toEqual([
      ['Feuille de route', 2, space.slug],
    ]);
    // Looking twice changes nothing; reading the thread takes it off.
    expect((await home(camille)).unreadThreads).toHaveLength(1);
    const read = await request(ctx, camille, 'POST', `/api/threads/${thread.id}/read`, { lastReadPostId: last.id });
    expect(read.statusCode).toBe(204);
    expect((await home(camille)).unreadThreads).toEqual([]);
    expect((await home(dominique)).unreadThreads.map((item) => item.thread.title)).toEqual(['Mon propre fil']);
  });

  it('lists my next events with my seat or waitlist rank, soonest first, and the next permanence', async () => {
    const later = await createEvent(ctx.database.db, { title: 'Atelier plus tard', startsInHours: 72, capacity: 1 });
    const sooner = await createEvent(ctx.database.db, { title: 'Atelier bientôt', startsInHours: 24 });
    const past = await createEvent(ctx.database.db, { title: 'Atelier passé', startsInHours: -5 });
    await request(ctx, dominique, 'POST', `/api/events/${later.id}/registrations`);
    for (const event of [later, sooner]) await request(ctx, camille, 'POST', `/api/events/${event.id}/registrations`);
    expect(past.id).toBeDefined();

    const { nextEvents, permanence } = await home(camille);
    expect(nextEvents.map((item) => [item.event.title, item.registration])).toEqual([
      ['Atelier bientôt', { status: 'registered' }],
      ['Atelier plus tard', { status: 'waitlisted', position: 1 }],
    ]);
    expect(permanence?.eventId).toBeDefined();
    // No visio link leaks through the home page to a waitlisted person.
    expect(JSON.stringify(nextEvents[1])).not.toContain('initiation-secrete');
  });

  it('lists documents of my spaces others edited lately, not those I edited last', async () => {
    const theirs = await createDocument(ctx, dominique, space.slug, 'Compte rendu');
    await ctx.app.collab.change(theirs, dominique.id, (doc) => doc.getText('probe').insert(0, 'x'));
    const own = await createDocument(ctx, camille, space.slug, 'Mes notes');
    await ctx.app.collab.change(own, camille.id, (doc) => doc.getText('probe').insert(0, 'y'));

    const { documents } = await home(camille);
    expect(documents.map((item) => [item.document.title, item.space.title, item.document.canEdit])).toEqual([
      ['Compte rendu', 'Chantier commun', true],
    ]);
    expect((await home(outsider)).documents).toEqual([]);
  });
});
