import { expect } from 'vitest';
import { createRegistration } from '../factories/events';
import { request } from '../http';
import {
  type Actor,
  byAnimateurs,
  byReaders,
  bySignedInReaders,
  defineMatrix,
  everyone,
  type MatrixRoute,
  type Visibility,
} from '../matrix';

/**
 * The agenda's routes, for the events of the case's space: a weekly series of four the
 * animateur·ice planned through the API, with a video link.
 */

interface Fixture {
  eventId: string;
  seriesId: string;
}

const VIDEO_URL = 'https://visio.exemple.fr/chantier';

/** Who finds the space's events in the agenda: whoever may see them. */
const LISTED: Record<Visibility, readonly Actor[]> = {
  public: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  members: ['member', 'animateur', 'admin'],
  private: ['member', 'animateur', 'admin'],
};

const event = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.eventId });
const series = ({ fixture }: { fixture: Fixture }) => ({ id: fixture.seriesId });

const routes: MatrixRoute<Fixture>[] = [
  {
    method: 'GET',
    path: '/api/events',
    query: (c) => ({ spaceId: c.space.id }),
    expect: everyone([200, 200, 200, 200, 200]),
    check: (response, c) => {
      const ids = (response.json().items as { id: string }[]).map((item) => item.id);
      expect(ids.includes(c.fixture.eventId), 'listed').toBe(LISTED[c.visibility].includes(c.actor));
      // The link is for those holding a seat, never for listings.
      expect(response.body).not.toContain(VIDEO_URL);
    },
  },
  {
    method: 'POST',
    path: '/api/events',
    note: 'in the space',
    body: (c) => ({
      title: `Atelier ${c.actor}`,
      kind: 'atelier',
      spaceId: c.space.id,
      startsAt: '2027-02-01T10:00:00+01:00',
      endsAt: '2027-02-01T12:00:00+01:00',
      timezone: 'Europe/Paris',
    }),
    expect: byAnimateurs(201),
  },
  {
    method: 'GET',
    path: '/api/events/:id',
    params: event,
    expect: byReaders(200),
    check: (response, c) => {
      expect(response.json().event.canManage, 'canManage').toBe(['animateur', 'admin'].includes(c.actor));
    },
  },
  {
    method: 'PATCH',
    path: '/api/events/:id',
    params: event,
    body: () => ({ title: 'Nouveau titre' }),
    expect: byAnimateurs(200),
  },
  {
    method: 'POST',
    path: '/api/events/:id/cancel',
    params: event,
    body: () => ({ reason: 'Test' }),
    expect: byAnimateurs(200),
  },
  { method: 'POST', path: '/api/events/:id/registrations', params: event, expect: bySignedInReaders(201) },
  {
    method: 'DELETE',
    path: '/api/events/:id/registrations/me',
    note: 'holding a seat',
    params: event,
    before: async (c) => {
      if (c.person) await createRegistration(c.db, c.fixture.eventId, c.person.id);
    },
    // Anyone may withdraw their own seat, whatever access they have now.
    expect: everyone([401, 204, 204, 204, 204]),
  },
  {
    method: 'DELETE',
    path: '/api/events/:id/registrations/me',
    note: 'without a seat',
    params: event,
    // Nothing to withdraw from an event one may not know of: as unknown as any other id.
    expect: {
      public: [401, 204, 204, 204, 204],
      members: [401, 204, 204, 204, 204],
      private: [401, 404, 204, 204, 204],
    },
  },
  {
    method: 'POST',
    path: '/api/events/:id/guest-registrations',
    note: 'a space that takes no guests',
    params: event,
    body: (c) => ({ email: `invite-${c.actor}-${c.visibility}@exemple.fr`, displayName: 'Invitée' }),
    // The session plays no part: a guest request is a visitor's.
    expect: {
      public: [403, 403, 403, 403, 403],
      members: [403, 403, 403, 403, 403],
      private: [404, 404, 404, 404, 404],
    },
  },
  {
    method: 'POST',
    path: '/api/events/:id/guest-registrations',
    note: 'a space that takes guests',
    params: event,
    before: async (c) => {
      await c.db.updateTable('spaces').set({ guest_registration: true }).where('id', '=', c.space.id).execute();
    },
    body: (c) => ({ email: `invite-${c.actor}-${c.visibility}@exemple.fr`, displayName: 'Invitée' }),
    // Only events anyone may see take guests.
    expect: {
      public: [202, 202, 202, 202, 202],
      members: [403, 403, 403, 403, 403],
      private: [404, 404, 404, 404, 404],
    },
  },
  { method: 'GET', path: '/api/events/:id/ics', params: event, expect: byReaders(200) },
  { method: 'GET', path: '/api/series/:id/ics', params: series, expect: byReaders(200) },
  { method: 'PUT', path: '/api/series/:id/follow', params: series, expect: bySignedInReaders(200) },
  {
    method: 'DELETE',
    path: '/api/series/:id/follow',
    note: 'following',
    params: series,
    before: async (c) => {
      if (!c.person) return;
      await c.db.insertInto('series_follows').values({ series_id: c.fixture.seriesId, user_id: c.person.id }).execute();
    },
    expect: bySignedInReaders(200),
  },
  { method: 'GET', path: '/api/calendar/feed', expect: everyone([401, 200, 200, 200, 200]) },
  { method: 'POST', path: '/api/calendar/feed/rotate', expect: everyone([401, 200, 200, 200, 200]) },
];

export const eventsMatrix = defineMatrix<Fixture>({
  name: 'event routes × people × visibility',
  actors: ['anonymous', 'outsider', 'member', 'animateur', 'admin'],
  setup: async ({ ctx, people, space }) => {
    const start = new Date(Date.now() + 7 * 24 * 60 * 60_000);
    const created = await request(ctx, people.animateur, 'POST', '/api/events', {
      title: 'Permanence du chantier',
      kind: 'permanence',
      spaceId: space.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 60 * 60_000).toISOString(),
      timezone: 'Europe/Paris',
      videoUrl: VIDEO_URL,
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4' },
    });
    if (created.statusCode !== 201) throw new Error(`event failed: ${created.statusCode} ${created.body}`);
    const { id, seriesId } = created.json().event as { id: string; seriesId: string };
    return { eventId: id, seriesId };
  },
  routes,
  refusals: { 403: ['forbidden', 'guests_not_allowed'] },
  tables: [
    'events',
    'event_series',
    'registrations',
    'guest_requests',
    'series_follows',
    'calendar_feeds',
    'mail_outbox',
    'realtime_rooms',
    'realtime_events',
    'realtime_payloads',
  ],
});
