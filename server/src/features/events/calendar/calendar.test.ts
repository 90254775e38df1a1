import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/app';
import { createEvent } from '../../../test/factories/events';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { request } from '../../../test/http';
import { seedAlliance } from '../../seed/seed.service';

/** ICS files and the personal feed: zones, recurrence, and never the visio link. */
describe('calendars', () => {
  let ctx: TestContext;
  let person: TestPerson;
  beforeAll(async () => {
    ctx = await createTestApp();
    await seedAlliance(ctx.database.db);
    person = await createPerson(ctx);
  });
  afterAll(() => ctx.close());

  const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

  it('exports one event with its TZID and VTIMEZONE, without the visio link even to a seat holder', async () => {
    const event = await createEvent(ctx.database.db, { capacity: 10 });
    await request(ctx, person, 'POST', `/api/events/${event.id}/registrations`);
    const response = await request(ctx, person, 'GET', `/api/events/${event.id}/ics`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/calendar/);
    const text = unfold(response.body);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T\d{6}\r\n/);
    expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
    expect(text).toContain('TZOFFSETTO:+0200');
    expect(text).toContain('SUMMARY:Session d’initiation');
    expect(text).not.toContain('initiation-secrete');
    expect(text).not.toContain('visio.exemple.fr');
    // The wall time written is the Paris time of the stored instant.
    const paris = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Paris',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(new Date(event.starts_at))
      .replace(/[-: ]/g, '');
    expect(text).toContain(`DTSTART;TZID=Europe/Paris:${paris.slice(0, 8)}T${paris.slice(8)}00`);
  });

  it('exports the permanence as one recurring event with its RRULE, and cancelled dates as EXDATE', async () => {
    const next = (await request(ctx, null, 'GET', '/api/permanence/next')).json().next;
    const cancelled = await ctx.database.db
      .updateTable('events')
      .set({ cancelled_at: new Date() })
      .where('id', '=', next.eventId)
      .returning('starts_at')
      .executeTakeFirstOrThrow();
    const response = await request(ctx, null, 'GET', `/api/series/${next.seriesId}/ics`);
    expect(response.statusCode).toBe(200);
    const text = unfold(response.body);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20240102T123000');
    expect(text).toContain('DTEND;TZID=Europe/Paris:20240102T133000');
    expect(text).toContain('RRULE:FREQ=MONTHLY;BYDAY=1TU');
    const day = next.startsAt.slice(0, 10).replace(/-/g, '');
    expect(text).toContain(`EXDATE;TZID=Europe/Paris:${day}T123000`);
    expect(new Date(cancelled.starts_at).toISOString()).toBe(new Date(next.startsAt).toISOString());
    expect(text).not.toContain('fabriquedesterritoires');
  });

  it('gives a stable personal feed with what one registered for or follows; rotating revokes the old address', async () => {
    const member = await createPerson(ctx);
    const mine = await createEvent(ctx.database.db, { title: 'Atelier mise en récits' });
    const other = await createEvent(ctx.database.db, { title: 'Atelier non suivi' });
    await request(ctx, member, 'POST', `/api/events/${mine.id}/registrations`);
    const next = (await request(ctx, null, 'GET', '/api/permanence/next')).json().next;
    const follow = await request(ctx, member, 'PUT', `/api/series/${next.seriesId}/follow`);
    expect(follow.json()).toEqual({ following: true });

    const first = (await request(ctx, member, 'GET', '/api/calendar/feed')).json().url as string;
    expect((await request(ctx, member, 'GET', '/api/calendar/feed')).json().url).toBe(first);
    expect(first).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/);
    const path = new URL(first).pathname;
    const feed = await request(ctx, null, 'GET', path);
    expect(feed.statusCode).toBe(200);
    const text = unfold(feed.body);
    expect(text).toContain('SUMMARY:Atelier mise en récits');
    expect(text).toContain('SUMMARY:La permanence');
    expect(text).not.toContain('Atelier non suivi');
    expect(text).not.toContain('initiation-secrete');
    expect(text).not.toContain('fabriquedesterritoires');
    expect(other.id).toBeDefined();
    // The token is stored hashed only.
    const stored = await ctx.database.db
      .selectFrom('calendar_feeds')
      .select('token_hash')
      .where('user_id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(path).not.toContain(stored.token_hash);

    const rotated = (await request(ctx, member, 'POST', '/api/calendar/feed/rotate')).json().url as string;
    expect(rotated).not.toBe(first);
    expect((await request(ctx, null, 'GET', path)).statusCode).toBe(404);
    expect((await request(ctx, null, 'GET', new URL(rotated).pathname)).statusCode).toBe(200);
    expect((await request(ctx, null, 'GET', '/api/calendar/not-a-token')).statusCode).toBe(404);
    expect((await request(ctx, null, 'GET', '/api/calendar/feed')).statusCode).toBe(401);

    // Unfollowing takes the series out of the feed.
    expect((await request(ctx, member, 'DELETE', `/api/series/${next.seriesId}/follow`)).json()).toEqual({
      following: false,
    });
    expect(unfold((await request(ctx, null, 'GET', new URL(rotated).pathname)).body)).not.toContain('La permanence');
  });

  it('shows a waitlist place as tentative in the personal feed, and a seat as confirmed', async () => {
    const [seated, waiting] = [await createPerson(ctx), await createPerson(ctx)];
    const event = await createEvent(ctx.database.db, { title: 'Atelier à une place', capacity: 1 });
    const register = async (who: TestPerson) =>
      (await request(ctx, who, 'POST', `/api/events/${event.id}/registrations`)).json().registration.status;
    expect([await register(seated), await register(waiting)]).toEqual(['registered', 'waitlisted']);
    const vevent = async (who: TestPerson) => {
      const url = (await request(ctx, who, 'GET', '/api/calendar/feed')).json().url as string;
      const text = unfold((await request(ctx, null, 'GET', new URL(url).pathname)).body);
      return text.split('BEGIN:VEVENT').find((block) => block.includes('SUMMARY:Atelier à une place')) ?? '';
    };
    expect(await vevent(waiting)).toContain('STATUS:TENTATIVE');
    const seat = await vevent(seated);
    expect(seat).toContain('SUMMARY:Atelier à une place');
    expect(seat).not.toContain('STATUS:');
  });

  it('keeps events of a private space out of ICS for those who may not see them', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'private', joinPolicy: 'invite' });
    const insider = await createPerson(ctx);
    await addMembership(ctx.database.db, space.id, insider.id);
    const event = await createEvent(ctx.database.db, { spaceId: space.id });
    expect((await request(ctx, person, 'GET', `/api/events/${event.id}/ics`)).statusCode).toBe(404);
    expect((await request(ctx, null, 'GET', `/api/events/${event.id}/ics`)).statusCode).toBe(404);
    expect((await request(ctx, insider, 'GET', `/api/events/${event.id}/ics`)).statusCode).toBe(200);
  });
});
