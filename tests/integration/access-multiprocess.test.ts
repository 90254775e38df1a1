import { randomBytes } from 'node:crypto';
import type { Revoked } from '@atelier/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, canCluster, startCluster } from '../support/cluster';
import { openCollab } from '../support/collab';
import { registerUser, type Session } from '../support/http';
import { ask, type ClientSocket, openSocket } from '../support/realtime';
import type { RunningServer } from '../support/server';

/** Within this long of the change, every process has applied it (the promise). */
const AT_ONCE_MS = 1000;

/**
 * Access changed through process A reaches the connections held by process B, through Redis,
 * and nothing about B's sockets ever has to travel to A (which used to crash B).
 */
describe.skipIf(!canCluster)('access changes reach every process', () => {
  let cluster: Cluster;
  let a: RunningServer;
  let b: RunningServer;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    cluster = await startCluster();
    ({ a, b } = cluster);
  });
  afterAll(async () => {
    for (const close of closers) close();
    await cluster?.close();
  });

  const call = async (server: RunningServer, session: Session, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: body === undefined ? '{}' : JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };

  /** A members-only space with an animateur and a member (only admins create spaces by API). */
  async function spaceWith(animateur: Session, member: Session) {
    const slug = `espace-${randomBytes(4).toString('hex')}`;
    const { rows } = await cluster.sql(
      `insert into spaces (slug, kind, title, summary, visibility, join_policy)
       values ($1, 'chantier', 'Chantier à deux process', 'Test', 'members', 'open') returning id`,
      [slug],
    );
    const spaceId = rows[0].id as string;
    await cluster.sql(
      `insert into memberships (space_id, user_id, role, status) values ($1, $2, 'animateur', 'active'), ($1, $3, 'membre', 'active')`,
      [spaceId, animateur.user.id, member.user.id],
    );
    const created = (await call(a, animateur, 'POST', `/api/spaces/${slug}/documents`, { title: 'Notes' })) as {
      document: { id: string };
    };
    return { slug, spaceId, documentId: created.document.id };
  }

  /** The member's socket on B, following the space's room, and their editor on B. */
  async function connectOnB(member: Session, space: { spaceId: string; documentId: string }) {
    const socket: ClientSocket = openSocket(b.url, { cookie: member.cookie });
    closers.push(() => socket.close());
    const revoked: Revoked[] = [];
    socket.on('revoked', (payload) => revoked.push(payload));
    await expect.poll(() => socket.connected, { timeout: 30_000 }).toBe(true);
    const room = `space:${space.spaceId}`;
    expect(await ask(socket, 'subscribe', { room })).toEqual({ ok: true, seq: 0, room });
    const editor = openCollab(b.url, space.documentId, member);
    closers.push(editor.destroy);
    await editor.settled();
    return { socket, revoked, editor, room };
  }

  const healthy = async (server: RunningServer) => (await fetch(`${server.url}/api/health`)).status;

  it('a member who leaves on A loses their room and their editor on B at once; both processes live on', async () => {
    const [animateur, member] = await Promise.all([registerUser(a.url), registerUser(a.url)]);
    const space = await spaceWith(animateur, member);
    const onB = await connectOnB(member, space);

    const started = Date.now();
    await call(a, member, 'DELETE', `/api/spaces/${space.slug}/membership`);
    await expect.poll(() => onB.revoked.length, { timeout: AT_ONCE_MS }).toBe(1);
    await expect.poll(() => onB.editor.closedReason(), { timeout: AT_ONCE_MS }).toBe('forbidden');
    console.info(`access change reached B in ${Date.now() - started} ms`);
    expect(onB.revoked).toEqual([{ room: onB.room, code: 'forbidden' }]);
    expect([await healthy(a), await healthy(b)]).toEqual([200, 200]);
  });

  it('signing out on A closes that session’s socket and editor on B', async () => {
    const [animateur, member] = await Promise.all([registerUser(a.url), registerUser(b.url)]);
    const space = await spaceWith(animateur, member);
    const onB = await connectOnB(member, space);

    await call(a, member, 'POST', '/api/auth/logout');
    await expect.poll(() => onB.socket.connected, { timeout: AT_ONCE_MS }).toBe(false);
    await expect.poll(() => onB.editor.closedReason(), { timeout: AT_ONCE_MS }).toBe('unauthenticated');
    expect(onB.revoked).toEqual([{ room: onB.room, code: 'unauthenticated' }]);
  });

  it('archiving on A turns editors on B into readers (the refusal itself is in the server suite)', async () => {
    const [animateur, member] = await Promise.all([registerUser(a.url), registerUser(a.url)]);
    const space = await spaceWith(animateur, member);
    const onB = await connectOnB(member, space);

    await call(a, animateur, 'PATCH', `/api/spaces/${space.slug}`, { status: 'archived' });
    await expect.poll(() => onB.editor.stateless.length, { timeout: AT_ONCE_MS }).toBe(1);
    expect(onB.editor.stateless).toEqual([{ type: 'access', access: 'read' }]);
  });
});
