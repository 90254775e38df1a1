import { describe, expect, it } from 'vitest';
import { createEvent } from '../../test/factories/events';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { eventsMatrix } from '../../test/matrices/events';
import { ACTORS, describeMatrix } from '../../test/matrix';

/**
 * The authorisation matrix of the agenda: every route × every kind of person × every
 * visibility of the events' space, with the status each must get, from
 * `test/matrices/events.ts`; then the `event:<id>` room and unknown ids.
 */

const matrix = describeMatrix(eventsMatrix);

describe('room event:<id> (the live seat counter)', () => {
  it('is read by whoever may see the event', async () => {
    const { ctx, people } = matrix;
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(ctx.database.db, space.id, people.member.id);
    await addMembership(ctx.database.db, space.id, people.animateur.id, { role: 'animateur' });
    const event = await createEvent(ctx.database.db, { spaceId: space.id });
    const readable = await Promise.all(
      ACTORS.map((actor) => {
        const person = actor === 'anonymous' ? null : people[actor];
        const who = person && { id: person.id, role: actor === 'admin' ? ('admin' as const) : ('member' as const) };
        return ctx.app.realtime.canRead(who, `event:${event.id}`);
      }),
    );
    expect(Object.fromEntries(ACTORS.map((actor, index) => [actor, readable[index]]))).toEqual({
      anonymous: false,
      outsider: false,
      member: true,
      animateur: true,
      admin: true,
    });
    expect(await ctx.app.realtime.canRead({ id: people.admin.id, role: 'admin' }, 'event:not-a-uuid')).toBe(false);
  });
});

describe('unknown events', () => {
  it('are 404, whatever the id looks like, even to an admin', async () => {
    const { ctx, people } = matrix;
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await request(ctx, people.admin, 'GET', `/api/events/${unknown}`)).statusCode).toBe(404);
    expect((await request(ctx, people.admin, 'GET', '/api/events/not-an-id')).statusCode).toBe(404);
  });
});
