/**
 * `pnpm bench:collab`: shared documents through the real server (Hocuspocus on `/collab`),
 * against a plain Hocuspocus server (plain-collab-server.ts: no authentication, documents in
 * memory) run in the same benchmark. Prints one JSON line on stdout; logs go to stderr.
 *
 * 1. History: one editor types a document of BENCH_COLLAB_CHARS (SIZE, 100 000) characters
 *    of edit history (small inserts, some deletions) through the server.
 * 2. Editors: BENCH_EDITORS (100) providers on one new document, over BENCH_PROCESSES (2)
 *    processes (editors.ts), each writing a paragraph every BENCH_EDIT_INTERVAL_MS (1000),
 *    staggered, BENCH_EDITS (5) each per run; edit-to-all is the time from an edit until every
 *    editor has it. The same on the plain server.
 * 3. The server is stopped (it stores and compacts) and started again: storage figures, then
 *    every paragraph of step 2 is looked for; a missing one is a lost update.
 * 4. Cold load: a fresh provider's connect → synced for the history document that nobody has
 *    open (the real server reads it from the database), against the plain server holding the
 *    same document in memory, alternately; then the same while someone has it open (warm).
 *
 * Every figure is the median of BENCH_RUNS (3) runs. Goals: cold load ≤ 1.5× the plain
 * server; edit-to-all p99 ≤ 250 ms; nothing lost; stored bytes ≤ 2× the compacted state.
 * DATABASE_URL: the server runs on a fresh database of that PostgreSQL server instead of PGlite.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { COLLAB_FIELD } from '@atelier/contract';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { openCollab } from '../support/collab';
import type { Session } from '../support/http';
import {
  envNumber,
  type Figure,
  figureOf,
  goal,
  type Http,
  httpClient,
  log,
  machine,
  member,
  now,
  openRaw,
  openSpace,
  printResult,
  RUNS,
  ratio,
  repeat,
  round,
  runBenchmark,
  sessionHeaders,
  sleep,
  startBenchServer,
  watchdog,
} from './common';
import { crowd } from './editor-pool';
import type { FromPlainServer, ToPlainServer } from './plain-collab-server';

const sizeArg = process.argv.find((arg) => arg.startsWith('--size='))?.slice('--size='.length);
const config = {
  chars: Math.round(sizeArg ? Number(sizeArg) : envNumber('BENCH_COLLAB_CHARS', envNumber('SIZE', 100_000))),
  editors: Math.round(envNumber('BENCH_EDITORS', 100)),
  processes: Math.round(envNumber('BENCH_PROCESSES', 2)),
  edits: Math.round(envNumber('BENCH_EDITS', 5)),
  editIntervalMs: envNumber('BENCH_EDIT_INTERVAL_MS', 1000),
  /** An edit not seen by every editor this long after it was made counts as lost. */
  lossTimeoutMs: envNumber('BENCH_LOSS_TIMEOUT_MS', 15_000),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 600),
};
if (!Number.isFinite(config.chars) || config.chars <= 0) throw new Error('SIZE must be a positive number');

/** Resolves when the provider has synced (an event, not a poll: load times are measured with it). */
const synced = (provider: HocuspocusProvider) =>
  provider.isSynced ? Promise.resolve() : new Promise<void>((resolve) => provider.on('synced', () => resolve()));

const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(COLLAB_FIELD);
const paragraphText = (node: unknown) => String(((node as Y.XmlElement).get(0) as Y.XmlText | undefined) ?? '');

const WORDS = 'la transition écologique des territoires se construit ensemble pas à pas '.split(' ');

/**
 * Types `chars` characters of history: one word per change, in paragraphs of 40 words, every
 * tenth change taking a few characters back. Yields now and then, so that changes leave in
 * many messages as they would from a person typing.
 */
async function typeHistory(doc: Y.Doc, chars: number): Promise<void> {
  const fragment = fragmentOf(doc);
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

/** connect → synced of a fresh provider, in ms; checks the document arrived whole. */
async function loadOnce(url: string, name: string, session: Session | null, paragraphs: number) {
  const started = now();
  const reader = openCollab(url, name, session);
  try {
    await synced(reader.provider);
    const elapsed = now() - started;
    // A fast load of a document that lost its content would be no result at all.
    if (fragmentOf(reader.doc).length !== paragraphs) throw new Error(`${url}: the document loaded incomplete`);
    return elapsed;
  } finally {
    reader.destroy();
  }
}

async function startPlainServer() {
  const script = fileURLToPath(new URL('./plain-collab-server.ts', import.meta.url));
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromPlainServer['type']>(type: T) =>
    new Promise<Extract<FromPlainServer, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the plain Hocuspocus server exited with code ${code}`));
      const onMessage = (raw: unknown) => {
        const reply = raw as FromPlainServer;
        if (reply.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply as Extract<FromPlainServer, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { port } = await next('listening');
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (name: string, update: Uint8Array) => child.send({ cmd: 'document', name, update } satisfies ToPlainServer),
    loads: () => {
      const answer = next('loads');
      child.send({ cmd: 'loads' } satisfies ToPlainServer);
      return answer;
    },
    stop: () => {
      if (child.connected) child.send({ cmd: 'exit' } satisfies ToPlainServer);
    },
  };
}

async function main() {
  const loadBefore = machine();
  const bench = await startBenchServer();
  let http = httpClient(bench.server.url, 8);
  let plain: Awaited<ReturnType<typeof startPlainServer>> | undefined;
  const cleanup = async () => {
    http.close();
    plain?.stop();
    await bench.cleanup();
  };
  const cancel = watchdog(config.timeoutSeconds, cleanup);
  try {
    log(`server on ${bench.server.url} (${bench.database}); history of ${config.chars} characters`);
    plain = await startPlainServer();
    const space = await openSpace(http);
    const author = await member(http, bench.server.url, space.slug, 'Autrice Mesure');
    const historyId = await createDocument(http, author, space.slug, 'Grand document');

    // 1. Write the history through the server, edit by edit.
    const writer = openCollab(bench.server.url, historyId, author);
    await writer.settled(120_000);
    const typingStarted = now();
    await typeHistory(writer.doc, config.chars);
    await writer.settled(300_000);
    const typingMs = now() - typingStarted;
    const state = Y.encodeStateAsUpdate(writer.doc);
    const paragraphs = fragmentOf(writer.doc).length;
    const textChars = fragmentOf(writer.doc)
      .toArray()
      .reduce((sum, node) => sum + paragraphText(node).length, 0);
    writer.destroy();
    log(`typed in ${round(typingMs)} ms; state ${state.byteLength} bytes, text ${textChars} characters`);
    plain.hold('history', state);

    // 2. Many editors at once, on the server and on the plain one.
    const accounts: Session[] = [];
    for (let i = 0; i < Math.min(10, config.editors); i++) {
      accounts.push(await member(http, bench.server.url, space.slug, `Éditrice Mesure ${i}`));
    }
    const busyId = await createDocument(http, author, space.slug, 'Document à cent mains');
    const appCrowd = await crowd(config, bench.server.url, busyId, 'app', (i) => accounts[i % accounts.length]!);
    const plainCrowd = await crowd(config, plain.url, 'crowd', 'plain', () => null);

    // 3. Stop (the server stores and compacts), read what is stored, start again.
    http.close();
    await bench.stop();
    const raw = await openRaw(bench, 1);
    let stored: { bytes: number; snapshotBytes: number; increments: number };
    try {
      const [row] = await raw.connections[0]!.query<Record<string, number | string>>(
        `select coalesce(octet_length(d.state), 0) as snapshot,
          (select count(*) from document_updates u where u.document_id = d.id) as increments,
          (select coalesce(sum(octet_length(u.update)), 0) from document_updates u where u.document_id = d.id) as bytes
        from documents d where d.id = $1`,
        [historyId],
      );
      const snapshotBytes = Number(row?.snapshot ?? 0);
      stored = { bytes: snapshotBytes + Number(row?.bytes ?? 0), snapshotBytes, increments: Number(row?.increments) };
    } finally {
      await raw.close();
    }
    log(`stored ${stored.bytes} bytes (${stored.increments} increments after compaction)`);
    const server = await bench.restart();
    http = httpClient(server.url, 8);
    const reloaded = openCollab(server.url, busyId, author);
    await reloaded.settled(120_000);
    const kept = new Set(
      fragmentOf(reloaded.doc)
        .toArray()
        .map((node) => paragraphText(node).split('|')[0]),
    );
    reloaded.destroy();
    const lostStored = appCrowd.keys.filter((key) => !kept.has(key)).length;

    // 4. Cold loads, the real server and the plain one in turn; then warm loads.
    const cold = await repeat(async () => {
      const app = await loadOnce(server.url, historyId, author, paragraphs);
      const before = await plain!.loads();
      if (before.open > 0) throw new Error('the plain server still holds the document: not a cold load');
      const plainMs = await loadOnce(plain!.url, 'history', null, paragraphs);
      if ((await plain!.loads()).loads !== before.loads + 1) throw new Error('the plain server did not load');
      // Let both servers unload it, so that the next load is cold again.
      await sleep(300);
      return { app, plain: plainMs };
    });
    const warm = async (url: string, name: string, session: Session | null) => {
      const holder = openCollab(url, name, session);
      try {
        await synced(holder.provider);
        return await repeat(() => loadOnce(url, name, session, paragraphs));
      } finally {
        holder.destroy();
      }
    };
    const warmApp = await warm(server.url, historyId, author);
    const warmPlain = await warm(plain.url, 'history', null);
    const inProcess = await repeat(async () => {
      const started = now();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const elapsed = now() - started;
      doc.destroy();
      return elapsed;
    });

    const load: Record<string, Figure> = {
      appColdMs: figureOf(cold, (r) => r.app),
      plainColdMs: figureOf(cold, (r) => r.plain),
      appWarmMs: figureOf(warmApp, (ms) => ms),
      plainWarmMs: figureOf(warmPlain, (ms) => ms),
      inProcessApplyMs: figureOf(inProcess, (ms) => ms, 3),
    };
    const coldRatio = ratio(load.appColdMs!.median, load.plainColdMs!.median, 2);
    const storedRatio = round(stored.bytes / state.byteLength, 3);
    const editP99 = appCrowd.result.editToAllMs.p99.median;
    const lost = appCrowd.result.lost + lostStored;
    printResult(
      {
        bench: 'collab',
        database: bench.database,
        runs: RUNS,
        history: {
          chars: config.chars,
          textChars,
          paragraphs,
          stateBytes: state.byteLength,
          typingMs: round(typingMs),
        },
        // Cold: nobody had the document open (the server reads it from the database, the plain
        // server applies it from memory); warm: someone has it open. Both include connecting the
        // websocket, and on the real server the session and access checks.
        load: { ...load, coldRatio },
        storage: { ...stored, compactedBytes: state.byteLength, ratio: storedRatio },
        editors: { app: appCrowd.result, plain: plainCrowd.result, lostAfterRestart: lostStored },
        goals: {
          coldLoad: goal(
            'cold load <= 1.5x the plain Hocuspocus server',
            coldRatio,
            coldRatio !== null && coldRatio <= 1.5,
          ),
          editToAll: goal(`edit-to-all p99 <= 250 ms with ${config.editors} editors`, editP99, editP99 <= 250),
          lost: goal('no update lost, live or after a restart', lost, lost === 0),
          storage: goal('stored bytes <= 2x encodeStateAsUpdate', storedRatio, storedRatio <= 2),
        },
      },
      loadBefore,
    );
  } finally {
    cancel();
    await cleanup();
  }
}

runBenchmark('collab', main);
