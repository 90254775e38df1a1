import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/app';
import { createEvent } from '../../test/factories/events';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';

type Who = 'anonymous' | 'member' | 'nonMember' | 'animateur' | 'admin';
const WHO: Who[] = ['anonymous', 'member', 'nonMember', 'animateur', 'admin'];

/**
 * Every route × anonymous, member, non-member, animateur·ice and admin, for the events of a
 * members-only space (the case where all five differ), plus a private space's secrecy.
 */
describe('events access matrix', () => {
  let ctx: TestContext;
  const people = {} as Record<Who, TestPerson | null>;
  let space: { id: string; slug: string };
  let privateSpace: { id: string; slug: string };
  let eventId: string;
  let seriesId: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    privateSpace = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    people.anonymous = null;
    people.member = await createPerson(ctx);
    people.nonMember = await createPerson(ctx);
    people.animateur = await createPerson(ctx);
    people.admin = await createPerson(ctx, { role: 'admin' });
    await addMembership(ctx.database.db, space.id, people.member.id);
    await addMembership(ctx.database.db, space.id, people.animateur.id, { role: 'animateur' });
    await addMembership(ctx.database.db, privateSpace.id, people.member.id);
    const start = new Date(Date.now() + 7 * 24 * 60 * 60_000);
    const created = await request(ctx, people.animateur, 'POST', '/api/events', {
      title: 'Permanence du chantier',
      kind: 'permanence',
      spaceId: space.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
      timezone: 'Europe/Paris',
      videoUrl: 'https://visio.exemple.fr/chantier',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' },
    });
    expect(created.statusCode).toBe(201);
    eventId = created.json().event.id;
    seriesId = created.json().event.seriesId;
  });
  afterAll(() => ctx.close());

  const statuses = async (request: (who: Who) => Promise<{ statusCode: number }>) => {
    const result = {} as Record<Who, number>;
    for (const who of WHO) result[who] = (await request(who)).statusCode;
    return result;
  };
  const expectStatuses = (actual: Record<Who, number>, expected: [number, number, number, number, number]) =>
    expect(actual).toEqual(Object.fromEntries(WHO.map((who, index) => [who, expected[index]])));

  it('GET /events lists the space’s events to members, its animateur·ices and admins only', async () => {
    for (const who of WHO) {
      const response = await request(ctx, people[who], 'GET', `/api/events?spaceId=${space.id}`);
      expect(response.statusCode).toBe(200);
      const ids = response.json().items.map((item: { id: string }) => item.id);
      expect(ids.includes(eventId), who).toBe(['member', 'animateur', 'admin'].includes(who));
      expect(response.body).not.toContain('visio.exemple.fr');
    }
  });

  it('GET /events/:id, its ICS and the series ICS: 401 anonymous, 403 non-member', async () => {
    for (const url of [`/api/events/${eventId}`, `/api/events/${eventId}/ics`, `/api/series/${seriesId}/ics`]) {
      expectStatuses(await statuses((who) => request(ctx, people[who], 'GET', url)), [401, 200, 403, 200, 200]);
    }
    const canManage = async (who: Who) =>
      (await request(ctx, people[who], 'GET', `/api/events/${eventId}`)).json().event.canManage;
    expect([await canManage('member'), await canManage('animateur'), await canManage('admin')]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('POST /events in the space: its animateur·ices and admins', async () => {
    const body = (title: string) => ({
      title,
      kind: 'atelier',
      spaceId: space.id,
      startsAt: '2027-02-01T10:00:00+01:00',
      endsAt: '2027-02-01T12:00:00+01:00',
      timezone: 'Europe/Paris',
    });
    expectStatuses(
      await statuses((who) => request(ctx, people[who], 'POST', '/api/events', body(`Atelier ${who}`))),
      [401, 403, 403, 201, 201],
    );
  });

  it('PATCH and cancel: its animateur·ices and admins', async () => {
    const events: Record<Who, string> = {} as Record<Who, string>;
    for (const who of WHO) events[who] = (await createEvent(ctx.database.db, { spaceId: space.id })).id;
    expectStatuses(
      await statuses((who) =>
        request(ctx, people[who], 'PATCH', `/api/events/${events[who]}`, { title: 'Nouveau titre' }),
      ),
      [401, 403, 403, 200, 200],
    );
    expectStatuses(
      await statuses((who) =>
        request(ctx, people[who], 'POST', `/api/events/${events[who]}/cancel`, { reason: 'Test' }),
      ),
      [401, 403, 403, 200, 200],
    );
  });

  it('registrations and series follow: signed-in people who see the event', async () => {
    expectStatuses(
      await statuses((who) => request(ctx, people[who], 'POST', `/api/events/${eventId}/registrations`)),
      [401, 201, 403, 201, 201],
    );
    expectStatuses(
      await statuses((who) => request(ctx, people[who], 'DELETE', `/api/events/${eventId}/registrations/me`)),
      [401, 204, 204, 204, 204],
    );
    for (const method of ['PUT', 'DELETE'] as const) {
      expectStatuses(
        await statuses((who) => request(ctx, people[who], method, `/api/series/${seriesId}/follow`)),
        [401, 200, 403, 200, 200],
      );
    }
  });

  it('room event:<id> (the live seat counter): whoever may see the event', async () => {
    const actorOf = (who: Who) => {
      const person = people[who];
      return person ? { id: person.id, role: who === 'admin' ? ('admin' as const) : ('member' as const) } : null;
    };
    const readable = await Promise.all(WHO.map((who) => ctx.app.realtime.canRead(actorOf(who), `event:${eventId}`)));
    expect(readable).toEqual([false, true, false, true, true]);
    expect(await ctx.app.realtime.canRead(actorOf('admin'), 'event:not-a-uuid')).toBe(false);
  });

  it('calendar feed and rotation: any signed-in person, for themselves', async () => {
    expectStatuses(
      await statuses((who) => request(ctx, people[who], 'GET', '/api/calendar/feed')),
      [401, 200, 200, 200, 200],
    );
    expectStatuses(
      await statuses((who) => request(ctx, people[who], 'POST', '/api/calendar/feed/rotate')),
      [401, 200, 200, 200, 200],
    );
  });

  it('keeps a private space’s events secret: 404 to those who may not know of the space', async () => {
    const secret = await createEvent(ctx.database.db, { spaceId: privateSpace.id });
    for (const url of [`/api/events/${secret.id}`, `/api/events/${secret.id}/ics`]) {
      expectStatuses(await statuses((who) => request(ctx, people[who], 'GET', url)), [404, 200, 404, 404, 200]);
    }
    expectStatuses(
      await statuses((who) => request(ctx, people[who], 'POST', `/api/events/${secret.id}/registrations`)),
      [401, 201, 404, 404, 201],
    );
    expect(
      (await request(ctx, people.nonMember, 'DELETE', `/api/events/${secret.id}/registrations/me`)).statusCode,
    ).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await request(ctx, people.admin, 'GET', `/api/events/${unknown}`)).statusCode).toBe(404);
    expect((await request(ctx, people.admin, 'GET', '/api/events/not-an-id')).statusCode).toBe(404);
  });
});
