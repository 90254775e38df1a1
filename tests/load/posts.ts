/**
 * `pnpm bench:posts`: posts per second through `POST /api/threads/:id/posts` (BENCH_CLIENTS
 * concurrent keep-alive clients, each in its own thread, a unique Idempotency-Key per post)
 * against a raw INSERT loop into the same `posts` table, same indexes, same database, in the
 * same run, each for BENCH_SECONDS. Prints one JSON line on stdout; logs go to stderr.
 *
 * Embedded PGlite (default): the server owns its data directory while it runs, so the raw loop
 * runs after it has stopped, in this process, on that same directory opened as the server
 * opens it (one connection: PGlite has only one). DATABASE_URL: a fresh database on that
 * PostgreSQL server; the raw loop uses BENCH_CLIENTS connections, once the server has stopped.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@atelier/server/src/db/database';
import pg from 'pg';
import {
  createThread,
  envNumber,
  httpClient,
  log,
  machine,
  member,
  now,
  openSpace,
  postInThread,
  printResult,
  round,
  startBenchServer,
  summarize,
  watchdog,
} from './common';

const config = {
  clients: Math.round(envNumber('BENCH_CLIENTS', 4)),
  seconds: envNumber('BENCH_SECONDS', 10),
  warmupPosts: Math.round(envNumber('BENCH_WARMUP_POSTS', 20)),
  timeoutSeconds: envNumber('BENCH_TIMEOUT_SECONDS', 300),
};
const BODY = `<p>Compte rendu de la permanence${' — questions, propositions et suites à donner.'.repeat(4)}</p>`;

async function rawInserts(
  insert: (worker: number, n: number) => Promise<void>,
  connections: number,
  firstNumber: number,
  seconds: number,
) {
  let next = firstNumber;
  let done = 0;
  const started = now();
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      while (performance.now() < end) {
        const n = next++;
        await insert(worker, n);
        done += 1;
      }
    }),
  );
  const elapsed = (now() - started) / 1000;
  return { inserts: done, connections, insertsPerSecond: round(done / elapsed, 1) };
}

async function main() {
  const loadBefore = machine();
  const dataDir = await mkdtemp(join(tmpdir(), 'atelier-bench-posts-'));
  const bench = await startBenchServer({ dataDir });
  const http = httpClient(bench.server.url, config.clients);
  const cleanup = async () => {
    http.close();
    await bench.cleanup();
    await rm(dataDir, { recursive: true, force: true });
  };
  const cancel = watchdog(config.timeoutSeconds, cleanup);
  try {
    const baseUrl = bench.server.url;
    log(`server on ${baseUrl} (${bench.database})`);
    const space = await openSpace(http);
    const poster = await member(http, baseUrl, space.slug, 'Poster Mesure');
    const threads: string[] = [];
    for (let i = 0; i < config.clients; i++) threads.push(await createThread(http, poster, space.slug, `Fil ${i + 1}`));
    const rawThread = await createThread(http, poster, space.slug, 'Fil des INSERT bruts');

    log(`HTTP: warm-up (${config.warmupPosts} posts)`);
    for (let i = 0; i < config.warmupPosts; i++) {
      await postInThread(http, poster, threads[i % threads.length] as string, BODY);
    }
    log(`HTTP: ${config.clients} clients for ${config.seconds} s`);
    const latencies: number[] = [];
    let failed = 0;
    const started = now();
    const end = performance.now() + config.seconds * 1000;
    await Promise.all(
      threads.map(async (threadId) => {
        while (performance.now() < end) {
          const sentAt = now();
          const status = await postInThread(http, poster, threadId, BODY).catch(() => 0);
          if (status === 201) latencies.push(now() - sentAt);
          else failed += 1;
        }
      }),
    );
    const httpSeconds = (now() - started) / 1000;
    const httpResult = {
      posts: latencies.length,
      failedPosts: failed,
      postsPerSecond: round(latencies.length / httpSeconds, 1),
      latencyMs: summarize(Float64Array.from(latencies)),
    };
    log('HTTP:', JSON.stringify(httpResult));

    // The server stops first: the raw loop has the machine (and, on PGlite, the data) to itself.
    await bench.stop();
    log(`raw INSERT loop for ${config.seconds} s`);
    let raw: { inserts: number; connections: number; insertsPerSecond: number };
    if (bench.databaseUrl) {
      const clients = Array.from(
        { length: config.clients },
        () => new pg.Client({ connectionString: bench.databaseUrl }),
      );
      await Promise.all(clients.map((client) => client.connect()));
      try {
        raw = await rawInserts(
          async (worker, n) => {
            const client = clients[worker] as pg.Client;
            await client.query('insert into posts (thread_id, number, author_id, body) values ($1, $2, $3, $4)', [
              rawThread,
              n,
              poster.user.id,
              BODY,
            ]);
          },
          config.clients,
          2,
          config.seconds,
        );
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    } else {
      const database = await createDatabase({ dataDir });
      try {
        raw = await rawInserts(
          async (_, n) => {
            await database.db
              .insertInto('posts')
              .values({ thread_id: rawThread, number: n, author_id: poster.user.id, body: BODY })
              .execute();
          },
          1,
          2,
          config.seconds,
        );
      } finally {
        await database.close();
      }
    }
    log('raw:', JSON.stringify(raw));
    const ratio = raw.insertsPerSecond > 0 ? round(httpResult.postsPerSecond / raw.insertsPerSecond, 3) : null;
    printResult(
      {
        bench: 'posts',
        database: bench.database,
        clients: config.clients,
        seconds: config.seconds,
        bodyBytes: Buffer.byteLength(BODY),
        http: httpResult,
        raw,
        ratio,
        goal: { target: 'HTTP posts/s >= 0.5x raw inserts/s', met: ratio !== null && ratio >= 0.5 },
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
    log('posts benchmark failed:', error);
    process.exit(1);
  },
);
