import type { RealtimeEnvelope } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../test/app';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp } from '../../test/jobs';
import { mailsTo } from '../../test/outbox';
import { connect, request as emit, listen, type TestSocket } from '../../test/sockets';

/** Direct messages over HTTP and socket.io: who may write, reuse, live delivery, unread, mail, reports. */

let ctx: TestContext;
let url: string;
const sockets: TestSocket[] = [];
const person = (displayName?: string) => createPerson(ctx, displayName ? { displayName } : {});
const open = async (who: TestPerson) => {
  const socket = await connect(url, { cookie: who.headers.cookie ?? '' });
  sockets.push(socket);
  return socket;
};
const write = (from: TestPerson, to: TestPerson[], body = '<p>Bonjour</p>') =>
  request(ctx, from, 'POST', '/api/conversations', { participantIds: to.map((p) => p.id), body });

beforeAll(async () => {
  ctx = await createJobsTestApp();
  url = await listen(ctx);
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await ctx?.close();
});

describe('starting a conversation', () => {
  it('reuses the direct conversation between the same two people, whoever writes', async () => {
    const [alice, bruno] = [await person(), await person()];
    const first = await write(alice, [bruno]);
    expect(first.statusCode, first.body).toBe(201);
    const again = await write(bruno, [alice], '<p>Re-bonjour</p>');
    expect(again.statusCode).toBe(201);
    expect(again.json().conversation.id).toBe(first.json().conversation.id);
    expect(again.json().message).toMatchObject({ number: 2, body: '<p>Re-bonjour</p>' });
    expect(
      again
        .json()
        .conversation.participants.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([alice.id, bruno.id].sort());
  });

  it('sanitizes like posts, and refuses nobody named, oneself alone, or more than 10 people', async () => {
    const [alice, bruno] = [await person(), await person()];
    const written = await write(alice, [bruno], '<p onclick="x()">Salut <script>alert(1)</script></p>');
    expect(written.json().message.body).toBe('<p>Salut </p>');
    expect((await write(alice, [alice])).json().error.code).toBe('invalid_input');
    const crowd = await Promise.all(Array.from({ length: 10 }, () => person()));
    expect((await write(alice, crowd)).statusCode).toBe(400);
    expect((await write(alice, [bruno], '<p> </p>')).json().error.code).toBe('post_empty');
  });

  it('follows who may write to me: everyone, people of my spaces, nobody', async () => {
    const [alice, bruno, colleague] = [await person(), await person(), await person()];
    const space = await createSpace(ctx.database.db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(ctx.database.db, space.id, bruno.id);
    await addMembership(ctx.database.db, space.id, colleague.id);
    expect((await request(ctx, bruno, 'PUT', '/api/me/message-settings', { from: 'spaces' })).json()).toEqual({
      from: 'spaces',
      mail: 'each',
    });
    const refused = await write(alice, [bruno]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('recipient_unavailable');
    expect((await write(colleague, [bruno])).statusCode).toBe(201);
    await request(ctx, bruno, 'PUT', '/api/me/message-settings', { from: 'nobody' });
    expect((await write(colleague, [bruno])).statusCode).toBe(403);
  });

  it('keeps a blocked person from writing, in a new or an existing conversation', async () => {
    const [alice, bruno] = [await person(), await person()];
    const started = await write(alice, [bruno]);
    await request(ctx, bruno, 'PUT', `/api/users/${alice.id}/block`);
    expect((await write(alice, [bruno])).json().error.code).toBe('recipient_unavailable');
    const id = started.json().conversation.id;
    const again = await request(ctx, alice, 'POST', `/api/conversations/${id}/messages`, { body: '<p>?</p>' });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('recipient_unavailable');
    // The blocker may still write (and unblock).
    expect(
      (await request(ctx, bruno, 'POST', `/api/conversations/${id}/messages`, { body: '<p>Non.</p>' })).statusCode,
    ).toBe(201);
  });

  it('answers the first result again for the same Idempotency-Key', async () => {
    const [alice, bruno] = [await person(), await person()];
    const headers = { 'idempotency-key': 'cle-message-1' };
    const send = () =>
      request(
        ctx,
        alice,
        'POST',
        '/api/conversations',
        { participantIds: [bruno.id], body: '<p>Une fois</p>' },
        headers,
      );
    const [one, two] = [await send(), await send()];
    expect(two.json().message.id).toBe(one.json().message.id);
    const detail = await request(ctx, bruno, 'GET', `/api/conversations/${one.json().conversation.id}`);
    expect(detail.json().messages.items).toHaveLength(1);
  });
});

describe('reading, live and unread', () => {
  it('delivers message.created live to the participants and refuses the room to a third person', async () => {
    const [alice, bruno, stranger, admin] = [
      await person(),
      await person(),
      await person(),
      await createPerson(ctx, { role: 'admin' }),
    ];
    const started = await write(alice, [bruno]);
    const id = started.json().conversation.id as string;
    const room = `conversation:${id}`;

    const socket = await open(bruno);
    const received: RealtimeEnvelope[] = [];
    socket.on('event', (event) => received.push(event));
    expect(await emit(socket, 'subscribe', { room })).toEqual({ ok: true, seq: 1, room });
    const answer = await request(ctx, alice, 'POST', `/api/conversations/${id}/messages`, {
      body: '<p>Tu es là ?</p>',
    });
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({
      room,
      seq: 2,
      type: 'message.created',
      data: { message: { id: answer.json().message.id } },
    });

    for (const outsider of [stranger, admin]) {
      const other = await open(outsider);
      expect(await emit(other, 'subscribe', { room })).toEqual({ ok: false, error: { code: 'forbidden' } });
      expect(await emit(other, 'replay', { room, afterSeq: 0 })).toEqual({ ok: false, error: { code: 'forbidden' } });
      expect((await request(ctx, outsider, 'GET', `/api/conversations/${id}`)).statusCode).toBe(404);
    }
    // What was missed comes back once, in order.
    const replay = await emit(socket, 'replay', { room, afterSeq: 1 });
    expect(replay).toMatchObject({ ok: true, events: [{ seq: 2, type: 'message.created' }] });
  });

  it('counts others’ unread messages until read, and lists the latest conversation first', async () => {
    const [alice, bruno, chloe] = [await person(), await person(), await person()];
    const withAlice = (await write(alice, [bruno])).json().conversation.id;
    await request(ctx, alice, 'POST', `/api/conversations/${withAlice}/messages`, { body: '<p>Deux</p>' });
    const group = (await write(chloe, [bruno, alice], '<p>À trois</p>')).json().conversation.id;
    const list = (await request(ctx, bruno, 'GET', '/api/conversations')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([group, withAlice]);
    expect(list.items.map((c: { unreadCount: number }) => c.unreadCount)).toEqual([1, 2]);
    expect(list.unreadTotal).toBe(3);
    expect((await request(ctx, alice, 'GET', '/api/conversations')).json().unreadTotal).toBe(1);
    await request(ctx, bruno, 'POST', `/api/conversations/${withAlice}/read`, { lastReadNumber: 99 });
    expect((await request(ctx, bruno, 'GET', '/api/conversations')).json().unreadTotal).toBe(1);
  });

  it('edits and deletes one’s own message, live', async () => {
    const [alice, bruno] = [await person(), await person()];
    const started = (await write(alice, [bruno])).json();
    const edited = await request(ctx, alice, 'PATCH', `/api/messages/${started.message.id}`, {
      body: '<p>Bonjour !</p>',
    });
    expect(edited.json().message).toMatchObject({ body: '<p>Bonjour !</p>', editedAt: expect.any(String) });
    expect(
      (await request(ctx, bruno, 'PATCH', `/api/messages/${started.message.id}`, { body: '<p>x</p>' })).statusCode,
    ).toBe(403);
    expect((await request(ctx, alice, 'DELETE', `/api/messages/${started.message.id}`)).statusCode).toBe(204);
    const detail = (await request(ctx, bruno, 'GET', `/api/conversations/${started.conversation.id}`)).json();
    expect(detail.messages.items[0]).toMatchObject({ body: '', deletedAt: expect.any(String) });
  });
});

describe('mail and reports', () => {
  it('mails the recipient who and how many, never the words', async () => {
    const [alice, bruno] = [await person('Alice Courriel'), await person()];
    await write(alice, [bruno], '<p>Un secret bien gardé</p>');
    await expect.poll(async () => (await mailsTo(ctx.database.db, bruno.email)).length, { timeout: 15_000 }).toBe(1);
    const [mail] = await mailsTo(ctx.database.db, bruno.email);
    expect(mail?.subject).toContain('Alice Courriel');
    expect(mail?.text_body).not.toContain('secret');
    expect(await mailsTo(ctx.database.db, alice.email)).toHaveLength(0);
  });

  it('sends no mail to whoever chose none', async () => {
    const [alice, bruno] = [await person(), await person()];
    await request(ctx, bruno, 'PUT', '/api/me/message-settings', { from: 'everyone', mail: 'off' });
    const sent = (await write(alice, [bruno])).json();
    // A message written afterwards by bruno to alice is mailed: by then bruno's would have been too.
    await request(ctx, bruno, 'POST', `/api/conversations/${sent.conversation.id}/messages`, { body: '<p>Ok</p>' });
    await expect.poll(async () => (await mailsTo(ctx.database.db, alice.email)).length, { timeout: 15_000 }).toBe(1);
    expect(await mailsTo(ctx.database.db, bruno.email)).toHaveLength(0);
  });

  it('puts a reported message, and that message only, in the admins’ queue; deleting it is as its author does', async () => {
    const [alice, bruno, admin] = [await person(), await person(), await createPerson(ctx, { role: 'admin' })];
    const started = (await write(alice, [bruno], '<p>Achetez mes produits</p>')).json();
    const flagged = await request(ctx, bruno, 'POST', `/api/messages/${started.message.id}/flags`, { reason: 'spam' });
    expect(flagged.statusCode).toBe(201);
    const queue = (await request(ctx, admin, 'GET', '/api/admin/moderation')).json();
    const item = queue.items.find((entry: { targetId: string }) => entry.targetId === started.message.id);
    expect(item).toMatchObject({ targetType: 'message', excerpt: 'Achetez mes produits', space: null });
    expect((await request(ctx, admin, 'GET', `/api/conversations/${started.conversation.id}`)).statusCode).toBe(404);
    const decided = await request(ctx, admin, 'POST', `/api/flags/${item.flagId}/decision`, { decision: 'delete' });
    expect(decided.statusCode, decided.body).toBe(200);
    const detail = (await request(ctx, bruno, 'GET', `/api/conversations/${started.conversation.id}`)).json();
    expect(detail.messages.items[0].deletedAt).not.toBeNull();
  });

  it('keeps an erased person’s messages for the others, signed « ancien·ne membre », and nothing of them', async () => {
    const [alice, bruno] = [await person('Alice Partie'), await person()];
    const started = (await write(alice, [bruno], '<p>Avant de partir</p>')).json();
    await request(ctx, bruno, 'PUT', `/api/users/${alice.id}/block`);
    const erased = await request(ctx, alice, 'DELETE', '/api/me', { confirm: 'SUPPRIMER' });
    expect(erased.statusCode, erased.body).toBe(204);
    const detail = (await request(ctx, bruno, 'GET', `/api/conversations/${started.conversation.id}`)).json();
    expect(detail.messages.items[0]).toMatchObject({ body: '<p>Avant de partir</p>' });
    expect(detail.messages.items[0].author.id).not.toBe(alice.id);
    expect(detail.conversation.participants.map((p: { id: string }) => p.id)).toEqual([bruno.id]);
  });
});
