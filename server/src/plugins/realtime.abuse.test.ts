import type { EphemeralEvent } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { createPerson, type TestPerson } from '../test/factories/people';
import { addMembership, createSpace } from '../test/factories/spaces';
import { connect, listen, request, type TestSocket } from '../test/sockets';

describe('realtime: floods, oversized payloads, typing and presence', () => {
  let ctx: TestContext;
  let url: string;
  let room: string;
  let camille: TestPerson;
  let dominique: TestPerson;
  const sockets: TestSocket[] = [];
  const open = async (person?: TestPerson) => {
    const socket = await connect(url, person ? { cookie: person.headers.cookie ?? '' } : {});
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    // Rate limits are on here, as in production (other tests turn them off).
    ctx = await createTestApp({ RATE_LIMITS: 'on' });
    url = await listen(ctx);
    [camille, dominique] = await Promise.all([
      createPerson(ctx, { displayName: 'Camille' }),
      createPerson(ctx, { displayName: 'Dominique' }),
    ]);
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'open' });
    await addMembership(ctx.database.db, space.id, camille.id);
    await addMembership(ctx.database.db, space.id, dominique.id);
    room = `space:${space.id}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await ctx.close();
  });

  it('answers a flood with rate_limited beyond the burst, and serves the socket again later', async () => {
    const socket = await open(camille);
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => request(socket, 'replay', { room, afterSeq: 0 })),
    );
    const codes = answers.map((answer) => (answer as { ok: boolean; error?: { code: string } }).error?.code ?? 'ok');
    expect(codes.filter((code) => code === 'ok').length).toBeGreaterThanOrEqual(20);
    expect(codes.filter((code) => code === 'rate_limited').length).toBeGreaterThanOrEqual(30);
    expect(new Set(codes)).toEqual(new Set(['ok', 'rate_limited']));
    // The bucket refills: a later request is served again.
    await expect.poll(() => request(socket, 'replay', { room, afterSeq: 0 })).toMatchObject({ ok: true });
  });

  it('refuses a large event with payload_too_large and drops the connection past the hard cap', async () => {
    const socket = await open(camille);
    expect(await request(socket, 'subscribe', { room: `${room}`, padding: 'x'.repeat(6000) })).toEqual({
      ok: false,
      error: { code: 'payload_too_large' },
    });
    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.emit('subscribe', { room: 'x'.repeat(32 * 1024) } as never, () => undefined);
    expect(await closed).toMatch(/transport (close|error)/);
  });

  it('relays typing to the other people in the room, never to the sender or to outsiders', async () => {
    const [writer, reader, elsewhere] = await Promise.all([open(camille), open(dominique), open(dominique)]);
    const seen: EphemeralEvent[] = [];
    const seenElsewhere: EphemeralEvent[] = [];
    const seenByWriter: EphemeralEvent[] = [];
    reader.on('ephemeral', (event) => event.type === 'typing' && seen.push(event));
    elsewhere.on('ephemeral', (event) => event.type === 'typing' && seenElsewhere.push(event));
    writer.on('ephemeral', (event) => event.type === 'typing' && seenByWriter.push(event));
    await request(writer, 'subscribe', { room });
    await request(reader, 'subscribe', { room });
    expect(await request(writer, 'typing', { room })).toEqual({ ok: true });
    await expect
      .poll(() => seen)
      .toEqual([{ room, type: 'typing', data: { userId: camille.id, displayName: 'Camille' } }]);
    expect(seenElsewhere).toEqual([]);
    expect(seenByWriter).toEqual([]);
  });

  it('refuses typing in rooms one does not follow, and from anonymous visitors', async () => {
    const [person, anonymous] = await Promise.all([open(camille), open()]);
    expect(await request(person, 'typing', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await request(anonymous, 'typing', { room })).toEqual({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('counts distinct people in a room, whatever their number of tabs', async () => {
    const space = await createSpace(ctx.database.db, { visibility: 'public', joinPolicy: 'open' });
    const presenceRoom = `space:${space.id}`;
    const [tab1, tab2, other, anonymous] = await Promise.all([open(camille), open(camille), open(dominique), open()]);
    let count = -1;
    other.on('ephemeral', (event) => {
      if (event.type === 'presence' && event.room === presenceRoom) count = (event.data as { count: number }).count;
    });
    for (const socket of [tab1, tab2, other, anonymous]) await request(socket, 'subscribe', { room: presenceRoom });
    await expect.poll(() => count).toBe(3);
    expect(await ctx.app.realtime.presence(presenceRoom)).toBe(3);
    anonymous.close();
    tab1.close();
    await expect.poll(() => count).toBe(2);
  });
});
