import { COMMENT_BODY_MAX_CHARS, type CommentThread, type RealtimeEnvelope } from '@atelier/contract';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCommentThread, createDocument, sampleAnchor } from '../../test/factories/documents';
import { createPerson, type TestPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { request as emit, socketTestApp } from '../../test/sockets';
import { createDocument as createAllianceDocument } from './documents.service';

/**
 * Comment threads on a document, over HTTP and live: started on a passage, answered, resolved
 * and reopened, by the space's members — readers too — and followed by everyone who has the
 * document open.
 */

const live = socketTestApp();
const db = () => live.ctx.database.db;
let alice: TestPerson; // member of the space
let bruno: TestPerson; // member of the space
let anna: TestPerson; // animateur·ice of the space
let olga: TestPerson; // signed in, not a member

beforeAll(async () => {
  alice = await createPerson(live.ctx, { displayName: 'Alice Commente' });
  bruno = await createPerson(live.ctx, { displayName: 'Bruno Répond' });
  anna = await createPerson(live.ctx, { displayName: 'Anna Anime' });
  olga = await createPerson(live.ctx, { displayName: 'Olga Dehors' });
});

/** A space of that visibility with Alice, Bruno and Anna in it, and a document Alice wrote. */
async function documentIn(visibility: 'public' | 'members' | 'private' = 'members') {
  const joinPolicy = visibility === 'public' ? 'open' : visibility === 'members' ? 'request' : 'invite';
  const space = await createSpace(db(), { visibility, joinPolicy });
  await addMembership(db(), space.id, alice.id);
  await addMembership(db(), space.id, bruno.id);
  await addMembership(db(), space.id, anna.id, { role: 'animateur' });
  const documentId = await createDocument(live.ctx, alice, space.slug, 'Feuille de route');
  return { space, documentId };
}

const list = async (person: TestPerson | null, documentId: string) => {
  const response = await request(live.ctx, person, 'GET', `/api/documents/${documentId}/comments`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: CommentThread[]; canComment: boolean; canResolveAny: boolean };
};

/** Follows the document's room on a socket of `person`; `events` fills as they arrive. */
async function follow(person: TestPerson | null, documentId: string) {
  const socket = await live.open(person);
  const events: RealtimeEnvelope[] = [];
  const revoked: unknown[] = [];
  socket.on('event', (event) => {
    if (event.room === `document:${documentId}`) events.push(event);
  });
  socket.on('revoked', (payload) => revoked.push(payload));
  const ack = (await emit(socket, 'subscribe', { room: `document:${documentId}` })) as { ok: boolean; seq: number };
  expect(ack.ok).toBe(true);
  return { socket, events, revoked, start: ack.seq };
}

describe('comment threads', () => {
  it('are started on a passage, answered, resolved and reopened', async () => {
    const { documentId } = await documentIn();
    const anchor = sampleAnchor('objectifs 2030');
    const created = await request(live.ctx, alice, 'POST', `/api/documents/${documentId}/comments`, {
      body: '  Faut-il citer les chiffres de la Drôme ?\nJe propose oui.  ',
      anchor,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { thread } = created.json() as { thread: CommentThread };
    expect(thread).toMatchObject({
      documentId,
      author: { id: alice.id, displayName: 'Alice Commente' },
      body: 'Faut-il citer les chiffres de la Drôme ?\nJe propose oui.',
      anchor,
      replies: [],
      resolvedAt: null,
      resolvedBy: null,
    });

    const replied = await request(live.ctx, bruno, 'POST', `/api/comments/${thread.id}/replies`, {
      body: 'Oui, @Alice Commente, avec la source.',
    });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json().comment).toMatchObject({
      author: { id: bruno.id },
      body: 'Oui, @Alice Commente, avec la source.',
    });
    expect(replied.json().thread.replies).toHaveLength(1);

    // Bruno may resolve someone else's thread: members edit the document.
    const resolved = await request(live.ctx, bruno, 'POST', `/api/comments/${thread.id}/resolve`);
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().thread).toMatchObject({ resolvedAt: expect.any(String), resolvedBy: { id: bruno.id } });
    // A resolved thread takes no reply until it is reopened.
    const late = await request(live.ctx, alice, 'POST', `/api/comments/${thread.id}/replies`, { body: 'Et aussi…' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('comment_resolved');

    const reopened = await request(live.ctx, alice, 'POST', `/api/comments/${thread.id}/reopen`);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().thread).toMatchObject({ resolvedAt: null, resolvedBy: null });

    const second = await createCommentThread(live.ctx, anna, documentId, 'Un second point');
    const listed = await list(alice, documentId);
    expect(listed).toMatchObject({ canComment: true, canResolveAny: true });
    expect(listed.items.map((item) => [item.id, item.replies.length, item.resolvedAt])).toEqual([
      [thread.id, 1, null],
      [second.id, 0, null],
    ]);
  });

  it('refuses bad input with 400 invalid_input, and unknown ids with 404', async () => {
    const { documentId } = await documentIn();
    const post = (body: unknown) =>
      live.ctx.app.inject({
        method: 'POST',
        url: `/api/documents/${documentId}/comments`,
        headers: { ...alice.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const anchor = sampleAnchor();
    const junk = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]).toString('base64');
    for (const body of [
      {},
      { body: '   ', anchor },
      { body: 'x'.repeat(COMMENT_BODY_MAX_CHARS + 1), anchor },
      { body: 'Bonjour\u0000', anchor },
      { body: 42, anchor },
      { body: 'Bonjour' },
      { body: 'Bonjour', anchor: { ...anchor, start: 'pas du base64 !' } },
      { body: 'Bonjour', anchor: { ...anchor, end: 'A'.repeat(1004) } },
      { body: 'Bonjour', anchor: { ...anchor, start: junk } },
      { body: 'Bonjour', anchor: { ...anchor, quote: '' } },
      { body: 'Bonjour', anchor: { ...anchor, extra: 1 } },
      { body: 'Bonjour', anchor, extra: 1 },
      [],
      null,
    ]) {
      const refused = await post(body);
      expect(refused.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(refused.json().error.code).toBe('invalid_input');
    }
    const malformed = await live.ctx.app.inject({
      method: 'POST',
      url: `/api/documents/${documentId}/comments`,
      headers: { ...alice.headers, 'content-type': 'application/json' },
      payload: '{"body": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect((await list(alice, documentId)).items).toEqual([]);

    // The longest body passes, kept as plain text (never HTML).
    const longest = await post({ body: `<b>${'x'.repeat(COMMENT_BODY_MAX_CHARS - 7)}</b>`, anchor });
    expect(longest.statusCode).toBe(201);
    expect(longest.json().thread.body.startsWith('<b>x')).toBe(true);

    for (const url of [
      '/api/comments/not-a-uuid/replies',
      '/api/comments/00000000-0000-4000-8000-000000000000/replies',
    ]) {
      const unknown = await request(live.ctx, alice, 'POST', url, { body: 'Bonjour' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('not_found');
    }
    const unknownDocument = await request(live.ctx, alice, 'POST', '/api/documents/nope/comments', {
      body: 'Bonjour',
      anchor,
    });
    expect(unknownDocument.statusCode).toBe(404);
  });

  it('are announced live to everyone who has the document open, in order', async () => {
    const { documentId } = await documentIn('public');
    // Bruno as a member, and an anonymous visitor of the public space.
    const watcher = await follow(bruno, documentId);
    const visitor = await follow(null, documentId);

    const thread = await createCommentThread(live.ctx, alice, documentId, 'À relire');
    const replied = await request(live.ctx, anna, 'POST', `/api/comments/${thread.id}/replies`, { body: 'Je relis.' });
    const replyId = replied.json().comment.id as string;
    await request(live.ctx, alice, 'POST', `/api/comments/${thread.id}/resolve`);
    // Resolving again changes nothing and announces nothing.
    expect((await request(live.ctx, anna, 'POST', `/api/comments/${thread.id}/resolve`)).statusCode).toBe(200);
    await request(live.ctx, anna, 'POST', `/api/comments/${thread.id}/reopen`);
    expect((await request(live.ctx, anna, 'DELETE', `/api/comments/${replyId}`)).statusCode).toBe(204);

    for (const { events, start } of [watcher, visitor]) {
      await expect.poll(() => events.length).toBe(5);
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5].map((n) => start + n));
      expect(events.map((event) => event.type)).toEqual([
        'comment.created',
        'comment.created',
        'comment.resolved',
        'comment.reopened',
        'comment.deleted',
      ]);
    }
    const [first, reply, resolved, , deleted] = watcher.events;
    expect(first?.data).toMatchObject({ commentId: thread.id, thread: { id: thread.id, body: 'À relire' } });
    expect(reply?.data).toMatchObject({ commentId: replyId, thread: { replies: [{ body: 'Je relis.' }] } });
    expect(resolved?.data).toMatchObject({ thread: { resolvedBy: { id: alice.id } } });
    expect(deleted?.data).toMatchObject({ threadId: thread.id, commentId: replyId, thread: { replies: [] } });
  });

  it('takes two people commenting at once, each thread and reply once', async () => {
    const { documentId } = await documentIn();
    const watcher = await follow(anna, documentId);
    const [one, two] = await Promise.all([
      createCommentThread(live.ctx, alice, documentId, 'Premier'),
      createCommentThread(live.ctx, bruno, documentId, 'Second'),
    ]);
    const replies = await Promise.all(
      [alice, bruno, alice, bruno].map((person, i) =>
        request(live.ctx, person, 'POST', `/api/comments/${one!.id}/replies`, { body: `Réponse ${i}` }),
      ),
    );
    expect(replies.map((response) => response.statusCode)).toEqual([201, 201, 201, 201]);
    // Resolving while someone replies: the reply either lands before, or is refused after.
    const [resolved, racing] = await Promise.all([
      request(live.ctx, anna, 'POST', `/api/comments/${two!.id}/resolve`),
      request(live.ctx, alice, 'POST', `/api/comments/${two!.id}/replies`, { body: 'Juste à temps ?' }),
    ]);
    expect(resolved.statusCode).toBe(200);
    expect([201, 409]).toContain(racing.statusCode);

    const listed = await list(alice, documentId);
    expect(listed.items.map((item) => item.body).sort()).toEqual(['Premier', 'Second']);
    const first = listed.items.find((item) => item.id === one!.id);
    expect(first?.replies.map((item) => item.body).sort()).toEqual([
      'Réponse 0',
      'Réponse 1',
      'Réponse 2',
      'Réponse 3',
    ]);
    const expected = racing.statusCode === 201 ? 8 : 7;
    await expect.poll(() => watcher.events.length).toBe(expected);
    expect(watcher.events.map((event) => event.seq)).toEqual(
      Array.from({ length: expected }, (_, i) => watcher.start + i + 1),
    );
  });

  it('lets a reader of an alliance document comment, and only admins or the author resolve', async () => {
    const admin = await createPerson(live.ctx, { role: 'admin' });
    const document = await createAllianceDocument(
      { db: db() },
      { spaceId: null, title: 'Compte rendu de la permanence', authorId: admin.id },
    );
    // Olga reads it without editing it.
    expect((await request(live.ctx, olga, 'GET', `/api/documents/${document.id}`)).json().document.canEdit).toBe(false);
    const reader = await list(olga, document.id);
    expect(reader).toMatchObject({ canComment: true, canResolveAny: false });
    const thread = await createCommentThread(live.ctx, olga, document.id, 'Merci pour ce compte rendu');
    // Another reader may answer, not resolve someone else's thread; its author may.
    expect(
      (await request(live.ctx, bruno, 'POST', `/api/comments/${thread.id}/replies`, { body: '+1' })).statusCode,
    ).toBe(201);
    const refused = await request(live.ctx, bruno, 'POST', `/api/comments/${thread.id}/resolve`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect((await request(live.ctx, olga, 'POST', `/api/comments/${thread.id}/resolve`)).statusCode).toBe(200);
    expect((await request(live.ctx, admin, 'POST', `/api/comments/${thread.id}/reopen`)).statusCode).toBe(200);
    // Anonymous visitors read, signed in or not, but never write.
    expect(await list(null, document.id)).toMatchObject({ canComment: false, canResolveAny: false });
    const anonymous = await request(live.ctx, null, 'POST', `/api/documents/${document.id}/comments`, {
      body: 'Bonjour',
      anchor: sampleAnchor(),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses people outside the space, and everyone in an archived one', async () => {
    const { space, documentId } = await documentIn('members');
    const thread = await createCommentThread(live.ctx, alice, documentId);
    const outsider = await request(live.ctx, olga, 'POST', `/api/documents/${documentId}/comments`, {
      body: 'Je passe par là',
      anchor: sampleAnchor(),
    });
    expect(outsider.statusCode).toBe(403);
    expect((await request(live.ctx, olga, 'GET', `/api/documents/${documentId}/comments`)).statusCode).toBe(403);
    expect(
      (await request(live.ctx, olga, 'POST', `/api/comments/${thread.id}/replies`, { body: 'x' })).statusCode,
    ).toBe(403);
    const socket = await live.open(olga);
    expect(await emit(socket, 'subscribe', { room: `document:${documentId}` })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // A public space is read by everyone but commented on by its members only.
    const open = await documentIn('public');
    expect(await list(olga, open.documentId)).toMatchObject({ canComment: false });
    const passerby = await request(live.ctx, olga, 'POST', `/api/documents/${open.documentId}/comments`, {
      body: 'Bonjour',
      anchor: sampleAnchor(),
    });
    expect(passerby.statusCode).toBe(403);

    await db().updateTable('spaces').set({ status: 'archived' }).where('id', '=', space.id).execute();
    expect(await list(alice, documentId)).toMatchObject({ canComment: false, canResolveAny: false, items: [{}] });
    for (const [url, body] of [
      [`/api/documents/${documentId}/comments`, { body: 'Encore ?', anchor: sampleAnchor() }],
      [`/api/comments/${thread.id}/replies`, { body: 'Encore ?' }],
      [`/api/comments/${thread.id}/resolve`, undefined],
    ] as const) {
      const refused = await request(live.ctx, anna, 'POST', url, body);
      expect(refused.statusCode, url).toBe(403);
    }
  });

  it('deletes a reply or a lone thread for its author, never a thread others answered', async () => {
    const { documentId } = await documentIn();
    const thread = await createCommentThread(live.ctx, alice, documentId);
    const replied = await request(live.ctx, bruno, 'POST', `/api/comments/${thread.id}/replies`, { body: 'Réponse' });
    const replyId = replied.json().comment.id as string;
    expect((await request(live.ctx, alice, 'DELETE', `/api/comments/${replyId}`)).statusCode).toBe(403);
    const answered = await request(live.ctx, alice, 'DELETE', `/api/comments/${thread.id}`);
    expect(answered.statusCode).toBe(409);
    expect(answered.json().error.code).toBe('comment_has_replies');
    expect((await request(live.ctx, bruno, 'DELETE', `/api/comments/${replyId}`)).statusCode).toBe(204);
    expect((await request(live.ctx, alice, 'DELETE', `/api/comments/${thread.id}`)).statusCode).toBe(204);
    expect((await request(live.ctx, alice, 'DELETE', `/api/comments/${thread.id}`)).statusCode).toBe(404);
    expect((await list(alice, documentId)).items).toEqual([]);
  });

  it('takes a member who leaves out of the document’s room, by the rooms’ own machinery', async () => {
    const { space, documentId } = await documentIn('members');
    const watcher = await follow(bruno, documentId);
    const left = await request(live.ctx, bruno, 'DELETE', `/api/spaces/${space.slug}/membership`);
    expect(left.statusCode).toBe(204);
    await expect.poll(() => watcher.revoked).toEqual([{ room: `document:${documentId}`, code: 'forbidden' }]);
    await createCommentThread(live.ctx, alice, documentId, 'Après son départ');
    // What the others see meanwhile never reaches the socket that left.
    const stayer = await follow(anna, documentId);
    await createCommentThread(live.ctx, alice, documentId, 'Encore après');
    await expect.poll(() => stayer.events.length).toBe(1);
    expect(watcher.events).toEqual([]);
  });
});
