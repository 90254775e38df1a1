/**
 * `pnpm bench:collab`: shared documents through the real server (Hocuspocus on `/collab`).
 * Prints one JSON line on stdout; logs go to stderr.
 *
 * 1. Load: one editor types a document of BENCH_COLLAB_CHARS (SIZE, 100 000) characters of
 *    edit history (small inserts, some deletions) through the server; the server is stopped
 *    (which stores and compacts) and restarted; then a fresh provider's connect → synced time
 *    is compared with `Y.applyUpdate` of the same state in this process.
 * 2. Storage: bytes stored for the document (snapshot + increments) vs `Y.encodeStateAsUpdate`.
 * 3. Editors: BENCH_EDITORS (100) providers each write BENCH_EDITS (5) paragraphs; the
 *    round trip is the time until an observer provider sees each one. After a restart the
 *    document is loaded again and every paragraph looked for: missing ones are lost updates.
 *
 * Goals: load ≤ 2× in-process, stored ≤ 2× compacted, no lost update. DATABASE_URL: the
 * server runs on a fresh database of that PostgreSQL server instead of PGlite.
 */
import { COLLAB_FIELD, COLLAB_PATH } from '@atelier/contract';
import { createDatabase } from '@atelier/server/src/db/database';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Session } from '../support/http';
import { type RunningServer, startServer } from '../support/server';
import {
  envNumber,
  type Http,
  httpClient,
  log,
  machine,
  member,
  now,
  openSpace,
  percentile,
  printResult,
  round,
  sessionHeaders,
  startBenchServer,
  watchdog,
} from './common';

const sizeArg = process.argv.find((arg) => arg.startsWith('--size='))?.slice('--size='.length);
const config = {
  chars: Math.round(sizeArg ? Number(sizeArg) : envNumber('BENCH_COLLAB_CHARS', envNumber('SIZE', 100_000))),
  editors: Math.round(envNumber('BENCH_EDITORS', 100)),
  edits: Math.round(envNumber('BENCH_EDITS', 5)),
  loads: Math.round(envNumber('BENCH_LOADS', 5)),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 600),
};
if (!Number.isFinite(config.chars) || config.chars <= 0) throw new Error('SIZE must be a positive number');

async function until(what: string, probe: () => boolean, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Editor {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  settled(): Promise<void>;
  destroy(): void;
}

function openEditor(baseUrl: string, documentId: string, session: Session, doc = new Y.Doc()): Editor {
  const headers = { cookie: session.cookie, origin: baseUrl };
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers });
        this.on('error', () => undefined);
      }
    },
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentId,
    document: doc,
    token: 'unused',
  });
  provider.attach();
  return {
    doc,
    provider,
    settled: () => until('provider settled', () => provider.isSynced && !provider.hasUnsyncedChanges),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

const WORDS = 'la transition écologique des territoires se construit ensemble pas à pas '.split(' ');

/**
 * Types `chars` characters of history: one word per change, in paragraphs of 40 words, every
 * tenth change taking a few characters back. Yields now and then, so that changes leave in
 * many messages as they would from a person typing.
 */
async function typeHistory(doc: Y.Doc, chars: number): Promise<void> {
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  let typed = 0;
  let n = 0;
  while (typed < chars) {
    doc.transact(() => {
      if (n % 40 === 0) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('')]);
        fragment.insert(fragment.length, [paragraph]);
      }
      const paragraph = fragment.get(fragment.length - 1) as Y.XmlElement;
      const text = paragraph.get(0) as Y.XmlText;
      const word = `${WORDS[n % WORDS.length]} `;
      text.insert(text.length, word);
      typed += word.length;
      // Every tenth edit takes a few characters back, as people do.
      if (n % 10 === 9 && text.length > 4) text.delete(text.length - 3, 3);
    });
    n += 1;
    if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

async function createDocument(http: Http, session: Session, slug: string, title: string): Promise<string> {
  const answer = await http.send(
    'POST',
    `/api/spaces/${slug}/documents`,
    sessionHeaders(session),
    JSON.stringify({ title }),
  );
  if (answer.status !== 201) throw new Error(`POST documents: ${answer.status} ${answer.text}`);
  return (JSON.parse(answer.text) as { document: { id: string } }).document.id;
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function main() {
  const loadBefore = machine();
  const bench = await startBenchServer();
  const dataDir = bench.dataDir;
  let http = httpClient(bench.server.url, 8);
  let current: RunningServer = bench.server;
  const editors: Editor[] = [];
  const cleanup = async () => {
    for (const editor of editors) editor.destroy();
    http.close();
    if (current !== bench.server) await current.stop().catch((error) => log('stop:', String(error)));
    await bench.cleanup();
  };
  const cancel = watchdog(config.timeoutSeconds, cleanup);
  const env: Record<string, string> = bench.databaseUrl
    ? { DATABASE_URL: bench.databaseUrl, SEED: 'off', LOG_LEVEL: 'warn' }
    : { DATA_DIR: dataDir, SEED: 'off', LOG_LEVEL: 'warn' };
  /** Stops the current server (it stores and compacts), reads the figures, starts another. */
  const restart = async <T>(between: () => Promise<T>): Promise<T> => {
    http.close();
    if (current === bench.server) await bench.stop();
    else await current.stop();
    const result = await between();
    current = await startServer(env);
    http = httpClient(current.url, 8);
    return result;
  };
  const withDatabase = async <T>(work: (db: Awaited<ReturnType<typeof createDatabase>>['db']) => Promise<T>) => {
    const database = bench.databaseUrl
      ? await createDatabase({ databaseUrl: bench.databaseUrl, dataDir: 'unused', poolSize: 1 })
      : await createDatabase({ dataDir });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  };

  try {
    log(`server on ${bench.server.url} (${bench.database}); history of ${config.chars} characters`);
    const space = await openSpace(http);
    const author = await member(http, bench.server.url, space.slug, 'Autrice Mesure');
    const documentId = await createDocument(http, author, space.slug, 'Grand document');

    // 1. Write the history through the server, edit by edit.
    const writer = openEditor(bench.server.url, documentId, author);
    await writer.settled();
    const typingStarted = now();
    await typeHistory(writer.doc, config.chars);
    await writer.settled();
    const typingMs = now() - typingStarted;
    const state = Y.encodeStateAsUpdate(writer.doc);
    const textLength = writer.doc
      .getXmlFragment(COLLAB_FIELD)
      .toArray()
      .reduce((sum, node) => sum + ((node as Y.XmlElement).get(0) as Y.XmlText).length, 0);
    const paragraphCount = writer.doc.getXmlFragment(COLLAB_FIELD).length;
    writer.destroy();
    log(`typed in ${round(typingMs)} ms; state ${state.byteLength} bytes, text ${textLength} characters`);

    // 2. Storage after the shutdown's store and compaction.
    const stored = await restart(() =>
      withDatabase(async (db) => {
        const row = await db
          .selectFrom('documents')
          .select((eb) => eb.fn.coalesce(eb.fn<number>('octet_length', ['state']), eb.lit(0)).as('bytes'))
          .where('id', '=', documentId)
          .executeTakeFirstOrThrow();
        const updates = await db
          .selectFrom('document_updates')
          .select((eb) => [
            eb.fn.countAll<number>().as('count'),
            eb.fn.coalesce(eb.fn.sum<number>(eb.fn<number>('octet_length', ['update'])), eb.lit(0)).as('bytes'),
          ])
          .where('document_id', '=', documentId)
          .executeTakeFirstOrThrow();
        return {
          bytes: Number(row.bytes) + Number(updates.bytes),
          snapshotBytes: Number(row.bytes),
          increments: Number(updates.count),
        };
      }),
    );
    log(`stored ${stored.bytes} bytes (${stored.increments} increments after compaction)`);

    // 3. Load through the server (connect → synced) vs Y.applyUpdate in process.
    const serverLoads: number[] = [];
    for (let i = 0; i < config.loads; i++) {
      const started = now();
      const reader = openEditor(current.url, documentId, author);
      await until('reader synced', () => reader.provider.isSynced);
      serverLoads.push(now() - started);
      // A fast load of a document that lost its content would be no result at all.
      if (reader.doc.getXmlFragment(COLLAB_FIELD).length !== paragraphCount) {
        throw new Error('the document loaded from the database is incomplete');
      }
      reader.destroy();
      // Let the server unload it, so that every load reads the database again.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    // The same while someone already has it open: the server serves its live copy.
    const holder = openEditor(current.url, documentId, author);
    editors.push(holder);
    await until('holder synced', () => holder.provider.isSynced);
    const warmLoads: number[] = [];
    for (let i = 0; i < config.loads; i++) {
      const started = now();
      const reader = openEditor(current.url, documentId, author);
      await until('reader synced', () => reader.provider.isSynced);
      warmLoads.push(now() - started);
      reader.destroy();
    }
    holder.destroy();
    editors.splice(editors.indexOf(holder), 1);
    const localLoads: number[] = [];
    for (let i = 0; i < Math.max(config.loads, 5); i++) {
      const started = now();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      localLoads.push(now() - started);
      doc.destroy();
    }

    // 4. Many editors at once, observed by one more provider.
    const accounts: Session[] = [];
    for (let i = 0; i < Math.min(10, config.editors); i++) {
      accounts.push(await member(http, current.url, space.slug, `Éditrice Mesure ${i}`));
    }
    const busyId = await createDocument(http, author, space.slug, 'Document à cent mains');
    const observer = openEditor(current.url, busyId, author);
    editors.push(observer);
    await observer.settled();
    const roundTrips: number[] = [];
    const seen = new Set<string>();
    observer.doc.getXmlFragment(COLLAB_FIELD).observe((event) => {
      const at = now();
      for (const item of event.changes.added) {
        for (const node of item.content.getContent()) {
          const text = String(((node as Y.XmlElement).get(0) as Y.XmlText | undefined)?.toString() ?? '');
          const [key, sentAt] = text.split('|');
          if (!key || seen.has(key)) continue;
          seen.add(key);
          roundTrips.push(at - Number(sentAt));
        }
      }
    });
    for (let i = 0; i < config.editors; i++) {
      editors.push(openEditor(current.url, busyId, accounts[i % accounts.length] as Session));
    }
    const crowd = editors.slice(1);
    await Promise.all(crowd.map((editor) => editor.settled()));
    log(`${crowd.length} editors connected`);
    const expected = config.editors * config.edits;
    for (let k = 0; k < config.edits; k++) {
      crowd.forEach((editor, i) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`e${i}-${k}|${now()}`)]);
        const fragment = editor.doc.getXmlFragment(COLLAB_FIELD);
        fragment.insert(fragment.length, [paragraph]);
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until('observer saw every edit', () => seen.size >= expected, 60_000).catch((error) => log(String(error)));
    await Promise.all(crowd.map((editor) => editor.settled()));
    for (const editor of editors.splice(0)) editor.destroy();

    // What survives a restart is what counts.
    await restart(async () => undefined);
    const reloaded = openEditor(current.url, busyId, author);
    editors.push(reloaded);
    await until('reloaded', () => reloaded.provider.isSynced);
    const keys = new Set(
      reloaded.doc
        .getXmlFragment(COLLAB_FIELD)
        .toArray()
        .map((node) => String(((node as Y.XmlElement).get(0) as Y.XmlText).toString()).split('|')[0]),
    );
    let lost = 0;
    for (let i = 0; i < config.editors; i++)
      for (let k = 0; k < config.edits; k++) if (!keys.has(`e${i}-${k}`)) lost += 1;

    const sortedTrips = [...roundTrips].sort((a, b) => a - b);
    const load = {
      serverMs: round(median(serverLoads)),
      serverFirstMs: round(serverLoads[0] ?? 0),
      inProcessMs: round(median(localLoads), 3),
    };
    const loadRatio = load.inProcessMs > 0 ? round(load.serverMs / load.inProcessMs, 2) : null;
    const warmMs = round(median(warmLoads));
    const warmRatio = load.inProcessMs > 0 ? round(warmMs / load.inProcessMs, 2) : null;
    const storedRatio = round(stored.bytes / state.byteLength, 3);
    printResult(
      {
        bench: 'collab',
        database: bench.database,
        history: { chars: config.chars, textChars: textLength, typingMs: round(typingMs) },
        // serverMs: the document read from the database (nobody had it open); warmMs: while
        // someone has it open. Both include connecting the websocket and the session check.
        load: { ...load, ratio: loadRatio, warmMs, warmRatio },
        storage: {
          storedBytes: stored.bytes,
          compactedBytes: state.byteLength,
          increments: stored.increments,
          ratio: storedRatio,
        },
        editors: {
          editors: config.editors,
          edits: expected,
          observed: seen.size,
          roundTripMs: {
            p50: round(percentile(sortedTrips, 50)),
            p99: round(percentile(sortedTrips, 99)),
            max: round(sortedTrips.at(-1) ?? 0),
          },
          lost,
        },
        goals: {
          load: {
            target: 'server load <= 2x Y.applyUpdate in process',
            met: loadRatio !== null && loadRatio <= 2,
            metWhenOpen: warmRatio !== null && warmRatio <= 2,
          },
          storage: { target: 'stored bytes <= 2x encodeStateAsUpdate', met: storedRatio <= 2 },
          lost: { target: 'no lost update with 100 editors', met: lost === 0 },
        },
      },
      loadBefore,
    );
  } finally {
    cancel();
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log('collab benchmark failed:', error);
    process.exit(1);
  },
);
