import type { RealtimeEnvelope, Revoked } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../features/accounts/passwords';
import { createTestApp, type TestContext } from '../test/app';
import { appendParagraph, openProvider, paragraphs, settled, type TestProvider } from '../test/collab';
import { createThread } from '../test/factories/discussions';
import { createDocument } from '../test/factories/documents';
import { createPerson, type TestPerson } from '../test/factories/people';
import { addMembership, createSpace } from '../test/factories/spaces';
import { PASSWORD } from '../test/http';
import { connect, listen, publishSample, request, type TestSocket } from '../test/sockets';
import { sessionCookieName } from './auth';
import { createSession } from './auth/sessions.queries';

/**
 * "Access changed while connected": the authorization matrix once more, for connections that
 * were open before the change. Each row makes one change through the API, then checks every
 * person's open socket (a space room and a thread room) and open collab connection on a
 * document of the space.
 */

type Who = 'anonymous' | 'outsider' | 'member' | 'animateur' | 'admin';

/** What an open socket keeps: its rooms, or a revocation with that code, or nothing at all. */
type SocketOutcome = 'kept' | 'forbidden' | 'unauthenticated' | 'closed';
/** What an open collab connection keeps. */
type CollabOutcome = 'edit' | 'read' | `closed:${'forbidden' | 'unauthenticated' | 'not_found'}`;

interface Row {
  change: string;
  visibility: 'public' | 'members';
  act(setup: Setup): Promise<void>;
  sockets: Partial<Record<Who, SocketOutcome>>;
  collab: Partial<Record<Who, CollabOutcome>>;
}

interface Setup {
  ctx: TestContext;
  slug: string;
  people: Record<Exclude<Who, 'anonymous'>, TestPerson>;
  call(person: TestPerson, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<void>;
}

const ROWS: Row[] = [
  {
    change: 'the member leaves a members-only space',
    visibility: 'members',
    act: ({ call, slug, people }) => call(people.member, 'DELETE', `/api/spaces/${slug}/membership`),
    sockets: { member: 'forbidden', animateur: 'kept', admin: 'kept' },
    collab: { member: 'closed:forbidden', animateur: 'edit', admin: 'edit' },
  },
  {
    change: 'an animateur removes the member from a members-only space',
    visibility: 'members',
    act: ({ call, slug, people }) =>
      call(people.animateur, 'DELETE', `/api/spaces/${slug}/members/${people.member.id}`),
    sockets: { member: 'forbidden', animateur: 'kept', admin: 'kept' },
    collab: { member: 'closed:forbidden', animateur: 'edit', admin: 'edit' },
  },
  {
    change: 'the member leaves a public space (they may still read it)',
    visibility: 'public',
    act: ({ call, slug, people }) => call(people.member, 'DELETE', `/api/spaces/${slug}/membership`),
    sockets: { anonymous: 'kept', outsider: 'kept', member: 'kept', animateur: 'kept', admin: 'kept' },
    collab: { anonymous: 'read', outsider: 'read', member: 'read', animateur: 'edit', admin: 'edit' },
  },
  {
    change: 'an animateur makes a public space members-only',
    visibility: 'public',
    act: ({ call, slug, people }) => call(people.animateur, 'PATCH', `/api/spaces/${slug}`, { visibility: 'members' }),
    sockets: { anonymous: 'unauthenticated', outsider: 'forbidden', member: 'kept', animateur: 'kept', admin: 'kept' },
    collab: {
      anonymous: 'closed:unauthenticated',
      outsider: 'closed:forbidden',
      member: 'edit',
      animateur: 'edit',
      admin: 'edit',
    },
  },
  {
    change: 'an animateur makes a public space private',
    visibility: 'public',
    act: ({ call, slug, people }) => call(people.animateur, 'PATCH', `/api/spaces/${slug}`, { visibility: 'private' }),
    sockets: { anonymous: 'unauthenticated', outsider: 'forbidden', member: 'kept', animateur: 'kept', admin: 'kept' },
    collab: {
      // A private space is not even known to those outside it, anonymous visitors included:
      // its documents read as not found, as over HTTP.
      anonymous: 'closed:not_found',
      outsider: 'closed:not_found',
      member: 'edit',
      animateur: 'edit',
      admin: 'edit',
    },
  },
  {
    change: 'an animateur archives the space (kept for reading only)',
    visibility: 'public',
    act: ({ call, slug, people }) => call(people.animateur, 'PATCH', `/api/spaces/${slug}`, { status: 'archived' }),
    sockets: { anonymous: 'kept', outsider: 'kept', member: 'kept', animateur: 'kept', admin: 'kept' },
    collab: { anonymous: 'read', outsider: 'read', member: 'read', animateur: 'read', admin: 'read' },
  },
  {
    change: 'the member signs out',
    visibility: 'members',
    act: ({ call, people }) => call(people.member, 'POST', '/api/auth/logout'),
    sockets: { member: 'closed', animateur: 'kept', admin: 'kept' },
    collab: { member: 'closed:unauthenticated', animateur: 'edit', admin: 'edit' },
  },
  {
    change: 'the member changes their password from another session',
    visibility: 'members',
    async act({ ctx, call, people }) {
      const { db } = ctx.database;
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(PASSWORD) })
        .where('id', '=', people.member.id)
        .execute();
      const other = await createSession(db, people.member.id, 'autre appareil', ctx.config.session);
      const elsewhere: TestPerson = {
        ...people.member,
        headers: { cookie: `${sessionCookieName(false)}=${other.token}`, 'x-csrf-token': other.csrfToken },
      };
      await call(elsewhere, 'POST', '/api/me/password', {
        currentPassword: PASSWORD,
        newPassword: 'un-nouveau-mot-de-passe-2031',
      });
    },
    sockets: { member: 'closed', animateur: 'kept', admin: 'kept' },
    collab: { member: 'closed:unauthenticated', animateur: 'edit', admin: 'edit' },
  },
];

describe('access changed while connected', () => {
  let ctx: TestContext;
  let url: string;
  const sockets: TestSocket[] = [];
  const providers: TestProvider[] = [];

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const provider of providers) provider.destroy();
    await ctx.close();
  });

  async function prepare(visibility: Row['visibility']): Promise<Setup> {
    const { db } = ctx.database;
    const space = await createSpace(db, { visibility, joinPolicy: 'open' });
    const [outsider, member, animateur, admin] = await Promise.all([
      createPerson(ctx),
      createPerson(ctx),
      createPerson(ctx),
      createPerson(ctx, { role: 'admin' }),
    ]);
    await addMembership(db, space.id, member.id);
    await addMembership(db, space.id, animateur.id, { role: 'animateur' });
    const call: Setup['call'] = async (person, method, path, payload) => {
      const response = await ctx.app.inject({
        method,
        url: path,
        headers: person.headers,
        ...(payload ? { payload } : {}),
      });
      if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    };
    return { ctx, slug: space.slug, people: { outsider, member, animateur, admin }, call };
  }

  interface Watched {
    socket: TestSocket;
    events: RealtimeEnvelope[];
    revoked: Revoked[];
    rooms: string[];
  }

  async function follow(person: TestPerson | null, rooms: string[]): Promise<Watched> {
    const socket = await connect(url, person ? { cookie: person.headers.cookie ?? '' } : {});
    sockets.push(socket);
    const watched: Watched = { socket, events: [], revoked: [], rooms };
    socket.on('event', (event) => watched.events.push(event));
    socket.on('revoked', (revoked) => watched.revoked.push(revoked));
    for (const room of rooms) expect(await request(socket, 'subscribe', { room })).toMatchObject({ ok: true });
    return watched;
  }

  for (const row of ROWS) {
    it(`${row.change}: every open socket and collab connection follows at once`, async () => {
      const setup = await prepare(row.visibility);
      const { people } = setup;
      const personOf = (who: Who) => (who === 'anonymous' ? null : people[who]);
      const { thread } = await createThread(ctx, people.animateur, setup.slug);
      const spaceRoom = `space:${thread.spaceId}`;
      const rooms = [spaceRoom, `thread:${thread.id}`];
      const documentId = await createDocument(ctx, people.animateur, setup.slug);

      const watched = new Map<Who, Watched>();
      for (const who of Object.keys(row.sockets) as Who[]) watched.set(who, await follow(personOf(who), rooms));
      const editors = new Map<Who, TestProvider>();
      for (const who of Object.keys(row.collab) as Who[]) {
        const provider = openProvider(url, documentId, personOf(who));
        providers.push(provider);
        editors.set(who, provider);
      }
      for (const provider of editors.values()) await settled(provider);

      await row.act(setup);

      // Sockets: one event published after the change reaches exactly those who kept the room.
      const after = await publishSample(ctx.app, spaceRoom, 1);
      for (const [who, outcome] of Object.entries(row.sockets) as [Who, SocketOutcome][]) {
        const { socket, events, revoked } = watched.get(who)!;
        const received = () => events.some((event) => event.room === spaceRoom && event.seq === after.seq);
        if (outcome === 'kept') {
          await expect.poll(received, { message: `${who} receives the event` }).toBe(true);
          expect(revoked, who).toEqual([]);
        } else if (outcome === 'closed') {
          await expect.poll(() => socket.connected, { message: `${who}'s socket closed` }).toBe(false);
          expect(revoked.map((r) => r.code).sort(), who).toEqual(['unauthenticated', 'unauthenticated']);
          expect(received(), who).toBe(false);
        } else {
          // The refused subscribe answers after anything emitted to the socket before it.
          expect(await request(socket, 'subscribe', { room: spaceRoom }), who).toEqual({
            ok: false,
            error: { code: outcome },
          });
          expect(revoked, who).toEqual(rooms.map((room) => ({ room, code: outcome })));
          expect(received(), who).toBe(false);
        }
      }

      // Collab: the connections that may still edit write a marker; the others either see it
      // arrive read-only (and their own change is refused) or were closed with the reason.
      const writer = [...editors.entries()].find(([who]) => row.collab[who] === 'edit');
      const wasEditor = (who: Who) => who === 'member' || who === 'animateur' || who === 'admin';
      const refusedText = `refusé après le changement (${row.change})`;
      for (const [who, outcome] of Object.entries(row.collab) as [Who, CollabOutcome][]) {
        const provider = editors.get(who)!;
        if (outcome.startsWith('closed:')) {
          await expect
            .poll(() => provider.closedReason(), { message: `${who}'s collab closed` })
            .toBe(outcome.slice('closed:'.length));
        } else if (outcome === 'read') {
          // Editors are told they now only read; readers already knew.
          if (wasEditor(who)) {
            await expect.poll(() => provider.stateless.length, { message: `${who} told read-only` }).toBeGreaterThan(0);
          }
          expect(provider.stateless, who).toEqual(wasEditor(who) ? [{ type: 'access', access: 'read' }] : []);
          appendParagraph(provider.doc, `${refusedText} ${who}`);
        } else {
          expect(provider.stateless, who).toEqual([]);
        }
      }
      const marker = `écrit après le changement (${row.change})`;
      if (writer) {
        appendParagraph(writer[1].doc, marker);
        await settled(writer[1]);
      }
      for (const [who, outcome] of Object.entries(row.collab) as [Who, CollabOutcome][]) {
        if (outcome !== 'read' || !writer) continue;
        await expect
          .poll(() => paragraphs(editors.get(who)!.doc), { message: `${who} still receives edits` })
          .toContain(marker);
      }
      const live = paragraphs(await ctx.app.collab.snapshot(documentId));
      expect(live.filter((text) => text.startsWith(refusedText))).toEqual([]);
      if (writer) expect(live).toContain(marker);
      if (Object.values(row.collab).every((outcome) => outcome === 'read')) {
        // Nobody may write any more: the space's later reopening gives the editors back.
        await setup.call(people.animateur, 'PATCH', `/api/spaces/${setup.slug}`, { status: 'active' });
        for (const who of ['member', 'animateur', 'admin'] as Who[]) {
          await expect.poll(() => editors.get(who)!.stateless.length, { message: `${who} may edit again` }).toBe(2);
          expect(editors.get(who)!.stateless.at(-1)).toEqual({ type: 'access', access: 'edit' });
        }
      }
    });
  }
});

describe('a socket whose session ended without a signal', () => {
  let ctx: TestContext;
  let url: string;
  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
  });
  afterAll(() => ctx.close());

  it('is refused when it types: writing events check the session each time', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    const person = await createPerson(ctx);
    const socket = await connect(url, { cookie: person.headers.cookie ?? '' });
    const room = `space:${space.id}`;
    expect(await request(socket, 'subscribe', { room })).toMatchObject({ ok: true });
    expect(await request(socket, 'typing', { room })).toEqual({ ok: true });
    // Expired or deleted by an operator: no access change was announced.
    await ctx.database.db.deleteFrom('sessions').where('user_id', '=', person.id).execute();
    expect(await request(socket, 'typing', { room })).toEqual({ ok: false, error: { code: 'unauthenticated' } });
    socket.close();
  });

  it('follows a room named in upper case as the one its events go to', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    const socket = await connect(url);
    const room = `space:${space.id}`;
    const ack = await request(socket, 'subscribe', { room: `space:${space.id.toUpperCase()}` });
    expect(ack).toEqual({ ok: true, seq: 0, room });
    const received = new Promise<RealtimeEnvelope>((resolve) => socket.once('event', resolve));
    await publishSample(ctx.app, room, 1);
    expect(await received).toMatchObject({ room, seq: 1 });
    socket.close();
  });
});
