import { PROTOCOL_VERSION } from '@atelier/contract';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { createPerson, type TestPerson } from '../test/factories/people';
import { addMembership, createSpace } from '../test/factories/spaces';
import { connect, listen, publishSample, request, sampleData, type TestSocket } from '../test/sockets';
import { personalRoom } from './realtime/types';

describe('realtime: who may follow which room', () => {
  let ctx: TestContext;
  let url: string;
  let member: TestPerson;
  let outsider: TestPerson;
  let admin: TestPerson;
  const rooms = { public: '', members: '', private: '' };
  const sockets: TestSocket[] = [];
  const open = async (person?: TestPerson) => {
    const socket = await connect(url, person ? { cookie: person.headers.cookie ?? '' } : {});
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
    const { db } = ctx.database;
    [member, outsider, admin] = await Promise.all([
      createPerson(ctx),
      createPerson(ctx),
      createPerson(ctx, { role: 'admin' }),
    ]);
    for (const visibility of ['public', 'members', 'private'] as const) {
      const space = await createSpace(db, { visibility, joinPolicy: 'open' });
      await addMembership(db, space.id, member.id);
      rooms[visibility] = `space:${space.id}`;
    }
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await ctx.close();
  });

  it('lets anyone follow a public space, and answers with the current seq', async () => {
    const anonymous = await open();
    expect(await request(anonymous, 'subscribe', { room: rooms.public })).toEqual({
      ok: true,
      seq: 0,
      room: rooms.public,
    });
    await publishSample(ctx.app, rooms.public, 1);
    expect(await request(anonymous, 'subscribe', { room: rooms.public })).toEqual({
      ok: true,
      seq: 1,
      room: rooms.public,
    });
  });

  it('asks anonymous visitors to sign in for members-only and private rooms', async () => {
    const anonymous = await open();
    for (const room of [rooms.members, rooms.private]) {
      expect(await request(anonymous, 'subscribe', { room })).toEqual({
        ok: false,
        error: { code: 'unauthenticated' },
      });
      expect(await request(anonymous, 'replay', { room, afterSeq: 0 })).toEqual({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    }
  });

  it('refuses non-members with forbidden, and lets members and admins in', async () => {
    const [mine, theirs, admins] = await Promise.all([open(member), open(outsider), open(admin)]);
    for (const room of [rooms.members, rooms.private]) {
      expect(await request(theirs, 'subscribe', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
      expect(await request(mine, 'subscribe', { room })).toEqual({ ok: true, seq: 0, room });
      expect(await request(admins, 'subscribe', { room })).toEqual({ ok: true, seq: 0, room });
    }
  });

  it('refuses unknown spaces exactly like forbidden ones', async () => {
    const socket = await open(outsider);
    for (const room of ['space:00000000-0000-4000-8000-000000000000', 'space:not-a-uuid']) {
      expect(await request(socket, 'subscribe', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it("keeps a person's own room for that person only", async () => {
    const [mine, theirs, admins] = await Promise.all([open(member), open(outsider), open(admin)]);
    const room = `user:${member.id}`;
    expect(await request(mine, 'subscribe', { room })).toEqual({ ok: true, seq: 0, room });
    expect(await request(theirs, 'subscribe', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await request(admins, 'subscribe', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses malformed payloads with invalid_input', async () => {
    const socket = await open(member);
    for (const payload of [undefined, 'space:x', { room: 'lobby:1' }, { room: rooms.public, extra: 1 }]) {
      expect(await request(socket, 'subscribe', payload)).toEqual({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await request(socket, 'replay', { room: rooms.public, afterSeq: -1 })).toEqual({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('offers the same replay over HTTP, under the same policy', async () => {
    const get = (room: string, headers: Record<string, string> = {}) =>
      ctx.app.inject({ method: 'GET', url: `/api/realtime/replay?room=${room}&afterSeq=0`, headers });
    const allowed = await get(rooms.public);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toEqual({
      ok: true,
      events: [{ room: rooms.public, seq: 1, type: 'registration.changed', data: sampleData(1) }],
      truncated: false,
    });
    expect((await get(rooms.private)).json().error.code).toBe('unauthenticated');
    expect((await get(rooms.private, outsider.headers)).statusCode).toBe(403);
    expect((await get(rooms.private, member.headers)).statusCode).toBe(200);
    expect((await get('lobby:1', member.headers)).statusCode).toBe(400);
  });

  it('refuses clients of another protocol version, telling them why', async () => {
    for (const auth of [{}, { protocol: PROTOCOL_VERSION + 1 }]) {
      const outdated = io(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth });
      const error = await new Promise<Error>((resolve) => outdated.once('connect_error', resolve));
      outdated.close();
      expect(error.message).toBe('protocol_mismatch');
    }
  });

  it('refuses handshakes from pages of another origin', async () => {
    const polling = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(polling.status).toBe(403);
    expect(await polling.text()).toContain('origin_forbidden');
    await expect(connect(url, { origin: 'https://evil.example' })).rejects.toThrow();
    const sameOrigin = await open();
    expect(sameOrigin.connected).toBe(true);
    const fromPage = await connect(url, { origin: url });
    sockets.push(fromPage);
    expect(fromPage.connected).toBe(true);
  });
});

describe('realtime: losing access', () => {
  let ctx: TestContext;
  let url: string;

  beforeAll(async () => {
    ctx = await createTestApp();
    url = await listen(ctx);
  });
  afterAll(() => ctx.close());

  it('stops sending a members-only room to someone who left or was removed', async () => {
    const { db } = ctx.database;
    const space = await createSpace(db, { visibility: 'members', joinPolicy: 'open' });
    const room = `space:${space.id}`;
    const [leaver, removed, animateur] = await Promise.all([createPerson(ctx), createPerson(ctx), createPerson(ctx)]);
    for (const person of [leaver, removed]) await addMembership(db, space.id, person.id);
    await addMembership(db, space.id, animateur.id, { role: 'animateur' });

    const sockets = await Promise.all([leaver, removed].map((p) => connect(url, { cookie: p.headers.cookie ?? '' })));
    const received = sockets.map(() => [] as number[]);
    sockets.forEach((socket, i) => {
      socket.on('event', (event) => received[i]!.push(event.seq));
    });
    for (const socket of sockets) expect(await request(socket, 'subscribe', { room })).toMatchObject({ ok: true });

    const publish = (n: number) => publishSample(ctx.app, room, n);
    await publish(1);
    const left = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/spaces/${space.slug}/membership`,
      headers: leaver.headers,
    });
    expect(left.statusCode).toBe(204);
    const removal = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/spaces/${space.slug}/members/${removed.id}`,
      headers: animateur.headers,
    });
    expect(removal.statusCode).toBe(204);
    await publish(2);

    // A marker in the person's own room proves every earlier emit has been delivered.
    for (const [i, person] of [leaver, removed].entries()) {
      const marker = new Promise((resolve) => sockets[i]!.once('ephemeral', resolve));
      ctx.app.realtime.emitEphemeral(personalRoom(person.id), 'presence', { count: 0 });
      await marker;
      expect(received[i]).toEqual([1]);
      expect(await request(sockets[i]!, 'subscribe', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    for (const socket of sockets) socket.close();
  });
});
