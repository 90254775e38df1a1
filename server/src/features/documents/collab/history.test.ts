import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLAB_PATH } from '@atelier/contract';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { loadConfig } from '../../../config';
import type { Database } from '../../../db/database';
import type { Actor } from '../../../policy/policy';
import { appendParagraph, openProvider, paragraphs, settled, type TestProvider } from '../../../test/collab';
import { createTestDatabase } from '../../../test/database';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { createDocument } from '../documents.service';
import { listVersions } from '../versions.queries';
import { restoreVersion, saveNamedVersion } from '../versions.service';
import { type CollabOptions, createCollabServer } from './server';

/**
 * Automatic versions as people edit, through real providers. The app's collab plugin takes no
 * timing options, so the collab server runs here on a bare websocket server (as the plugin
 * mounts it, the session already resolved: the cookie names the actor), with short timings.
 */

const IDLE_MS = 300;
const EVERY_MS = 1000;

const redisUrl = process.env.REDIS_URL;

/** Warnings and errors the collab server logs: a test fails on any. */
const logged: unknown[] = [];
const noop = () => undefined;
const log = {
  level: 'silent',
  info: noop,
  debug: noop,
  trace: noop,
  warn: (...args: unknown[]) => logged.push(args),
  error: (...args: unknown[]) => logged.push(args),
  fatal: (...args: unknown[]) => logged.push(args),
  child: () => log,
} as unknown as FastifyBaseLogger;

interface Host {
  url: string;
  collab: ReturnType<typeof createCollabServer>;
  close(): Promise<void>;
}

/** A collab server on a free port of 127.0.0.1; `actors` maps a session cookie to its actor. */
async function host(
  database: Database,
  actors: Map<string, Actor>,
  options: Partial<CollabOptions> = {},
): Promise<Host> {
  const collab = createCollabServer({
    db: database.db,
    log,
    debounceMs: 50,
    maxDebounceMs: 200,
    autoVersionIdleMs: IDLE_MS,
    autoVersionEveryMs: EVERY_MS,
    ...options,
  });
  const server = createServer();
  const sockets = new WebSocketServer({ server, path: COLLAB_PATH });
  sockets.on('connection', (socket, request) => {
    const connection = collab.hocuspocus.handleConnection(socket, new Request(`http://localhost${COLLAB_PATH}`), {
      actor: actors.get(request.headers.cookie ?? '') ?? null,
      sessionId: null,
      refuse: (code, reason) => socket.close(code, reason),
    });
    socket.on('message', (data: Buffer) => {
      connection.handleMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    });
    socket.on('close', (code, reason) => connection.handleClose({ code, reason: reason.toString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    collab,
    async close() {
      await collab.flush({
        closeSockets: () => {
          for (const socket of sockets.clients) socket.close(1001, 'server shutting down');
        },
      });
      for (const socket of sockets.clients) socket.terminate();
      await new Promise((resolve) => sockets.close(resolve));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('automatic versions follow the editing', () => {
  let database: Database;
  let spaceId: string;
  let awa: TestPerson;
  let basile: TestPerson;
  const actors = new Map<string, Actor>();
  const hosts: Host[] = [];
  const providers: TestProvider[] = [];

  const start = async (options: Partial<CollabOptions> = {}) => {
    const started = await host(database, actors, options);
    hosts.push(started);
    return started;
  };
  const open = (server: Host, id: string, person: TestPerson) => {
    const provider = openProvider(server.url, id, person);
    providers.push(provider);
    return provider;
  };
  const newDocument = async () =>
    (await createDocument({ db: database.db }, { spaceId, title: 'Compte rendu', authorId: awa.id })).id;
  /** The document's automatic versions, oldest first: their paragraphs and when each was taken. */
  const autoVersions = async (id: string) => {
    const rows = await database.db
      .selectFrom('document_versions')
      .select(['plain_text', 'created_at'])
      .where('document_id', '=', id)
      .where('kind', '=', 'auto')
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ lines: row.plain_text.split('\n'), at: row.created_at.getTime() }));
  };
  /** Resolves once no process holds the document in memory any more (final version decided). */
  const unloaded = async (id: string) => {
    await expect
      .poll(() =>
        hosts.some(({ collab }) => collab.hocuspocus.documents.has(id) || collab.hocuspocus.unloadingDocuments.has(id)),
      )
      .toBe(false);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMITS: 'off', SEED: 'off', LOG_LEVEL: 'silent' });
    const ctx = { database, config, app: undefined as never, close: async () => undefined };
    awa = await createPerson(ctx, { displayName: 'Awa Rédactrice' });
    basile = await createPerson(ctx, { displayName: 'Basile Rédacteur' });
    spaceId = (await createSpace(database.db, { visibility: 'members', joinPolicy: 'request' })).id;
    for (const person of [awa, basile]) {
      await addMembership(database.db, spaceId, person.id);
      actors.set(person.headers.cookie ?? '', { id: person.id, role: 'member' });
    }
  });

  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    for (const server of hosts) await server.close();
    await database?.close();
  });

  it('takes versions during continuous editing, each holding the text of its moment, and one at the end', async () => {
    const server = await start();
    const id = await newDocument();
    const writer = open(server, id, awa);
    await settled(writer);
    // Writes a line, waits for its acknowledgement, and goes on (a few per 100 ms: never a
    // pause of IDLE_MS) until two versions were taken while writing.
    let written = 0;
    const startedAt = Date.now();
    let longestStepMs = 0;
    while ((await autoVersions(id)).length < 2) {
      const stepAt = Date.now();
      appendParagraph(writer.doc, `Ligne ${written}`);
      written += 1;
      await settled(writer);
      longestStepMs = Math.max(longestStepMs, Date.now() - stepAt);
      if (written > 2000) throw new Error('no automatic version during continuous editing');
    }
    const duringEditing = await autoVersions(id);
    // Without a pause (a machine busy enough to stall a step makes one), the first version
    // waited for EVERY_MS of editing: it is the periodic one, not an idle one.
    if (longestStepMs < IDLE_MS / 2) expect(duringEditing[0]!.at - startedAt).toBeGreaterThanOrEqual(EVERY_MS - 50);
    // A little more, then the pause.
    for (let i = 0; i < 3; i++) {
      appendParagraph(writer.doc, `Ligne ${written}`);
      written += 1;
      await settled(writer);
    }
    const final = paragraphs(writer.doc);
    // The end of the burst: a version of the whole text.
    await expect.poll(async () => (await autoVersions(id)).at(-1)?.lines).toEqual(final);

    const versions = await autoVersions(id);
    expect(versions.slice(0, duringEditing.length)).toEqual(duringEditing);
    for (const [i, version] of versions.entries()) {
      // A real state of the text: the lines written up to some moment, more each time.
      expect(final.slice(0, version.lines.length)).toEqual(version.lines);
      if (i > 0) expect(version.lines.length).toBeGreaterThan(versions[i - 1]!.lines.length);
    }
    for (const version of duringEditing) expect(version.lines.length).toBeLessThan(final.length);
    expect(logged).toEqual([]);
  });

  it('takes one version of the end of a burst after a pause, and none more while nothing changes', async () => {
    const server = await start();
    const id = await newDocument();
    const writer = open(server, id, awa);
    await settled(writer);
    for (const line of ['Ordre du jour', 'Budget participatif', 'Questions diverses']) {
      appendParagraph(writer.doc, line);
      await settled(writer);
    }
    await expect
      .poll(async () => (await autoVersions(id)).map((version) => version.lines))
      .toEqual([['Ordre du jour', 'Budget participatif', 'Questions diverses']]);
    // Leaving without having changed anything since: the final decision finds it unchanged.
    writer.destroy();
    await unloaded(id);
    expect(await autoVersions(id)).toHaveLength(1);
    expect(logged).toEqual([]);
  });

  it('takes a version when the document leaves memory with changes not in one, and none when nothing changed', async () => {
    // Timers far away: only leaving memory can take a version here.
    const server = await start({ autoVersionIdleMs: 60_000, autoVersionEveryMs: 600_000 });
    const id = await newDocument();
    const writer = open(server, id, awa);
    await settled(writer);
    appendParagraph(writer.doc, 'Relevé de décisions');
    appendParagraph(writer.doc, 'Prochaine réunion le 3 mars');
    await settled(writer);
    expect(await autoVersions(id)).toEqual([]);
    writer.destroy();
    await unloaded(id);
    expect((await autoVersions(id)).map((version) => version.lines)).toEqual([
      ['Relevé de décisions', 'Prochaine réunion le 3 mars'],
    ]);

    // Opened again and left without a change: no new version.
    const reader = open(server, id, basile);
    await settled(reader);
    reader.destroy();
    await unloaded(id);
    expect(await autoVersions(id)).toHaveLength(1);
    expect(server.collab.autoVersions.timers).toBe(0);
    expect(logged).toEqual([]);
  });

  it('keeps what editors wrote since the last version before a restore replaces it', async () => {
    const server = await start({ autoVersionIdleMs: 60_000, autoVersionEveryMs: 600_000 });
    const id = await newDocument();
    const writer = open(server, id, awa);
    await settled(writer);
    appendParagraph(writer.doc, 'Version validée');
    await settled(writer);
    const deps = { db: database.db, live: server.collab.live };
    const actor = { id: awa.id, role: 'member' as const };
    const { version: validated } = await saveNamedVersion(deps, { actor, documentId: id, name: 'Validée' });
    appendParagraph(writer.doc, 'Brouillon à reprendre');
    await settled(writer);

    await restoreVersion(deps, { actor, documentId: id, versionId: validated.id });
    await expect.poll(() => paragraphs(writer.doc)).toEqual(['Version validée']);
    writer.destroy();
    await unloaded(id);
    const versions = (await listVersions(database.db, id)).reverse();
    expect(versions.map((version) => version.kind)).toEqual(['named', 'auto', 'restore']);
    expect((await autoVersions(id)).map((version) => version.lines)).toEqual([
      ['Version validée', 'Brouillon à reprendre'],
    ]);
    expect(logged).toEqual([]);
  });

  // Two processes holding the same document, their live changes shared through Redis, on one
  // database; runs where a Redis is given (REDIS_URL), with PostgreSQL when DATABASE_URL is set.
  it.skipIf(!redisUrl)('takes no duplicate when two processes hold the document', async () => {
    const a = await start({ redisUrl });
    const b = await start({ redisUrl });
    const id = await newDocument();
    const onA = open(a, id, awa);
    const onB = open(b, id, basile);
    await Promise.all([settled(onA), settled(onB)]);
    // Both write, one after the other, until two versions were taken while writing.
    let written = 0;
    while ((await autoVersions(id)).length < 2) {
      const [writer, name] = written % 2 === 0 ? [onA, 'Awa'] : [onB, 'Basile'];
      appendParagraph(writer.doc, `${name} ${written}`);
      written += 1;
      await settled(writer);
      if (written > 2000) throw new Error('no automatic version during continuous editing');
    }
    await expect.poll(() => paragraphs(onB.doc)).toEqual(paragraphs(onA.doc));
    const final = paragraphs(onA.doc);
    onA.destroy();
    onB.destroy();
    await unloaded(id);

    const versions = await autoVersions(id);
    expect(versions.at(-1)?.lines).toEqual(final);
    for (const [i, version] of versions.entries()) {
      if (i === 0) continue;
      const previous = versions[i - 1]!;
      // Never the same text twice in a row, never two versions at the same moment.
      expect(version.lines).not.toEqual(previous.lines);
      expect(version.at - previous.at).toBeGreaterThanOrEqual(IDLE_MS * 0.9);
    }
    expect(logged).toEqual([]);
  });
});
