import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COLLAB_FIELD } from '@atelier/contract';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollabClient, openCollab, paragraphTexts, typeLongText, writeParagraph } from '../support/collab';
import { registerUser, type Session } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

const { DATABASE_URL } = process.env;

async function admin(work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** The server's database: a DATA_DIR of its own (PGlite), or a fresh database of DATABASE_URL. */
const backends = [
  { name: 'PGlite', postgres: false },
  ...(DATABASE_URL ? [{ name: 'PostgreSQL', postgres: true }] : []),
];

/**
 * What the editor shows as saved is on disk: a server killed right after an ack, or stopped
 * right after a large burst of acks, loses none of it. Each server here is a real process,
 * restarted on the same data.
 */
describe.each(backends)('acknowledged edits survive the server ($name)', ({ postgres }) => {
  const database = `atelier_durability_${randomBytes(6).toString('hex')}`;
  let env: Record<string, string> = {};
  let dataDir: string;
  let server: RunningServer | undefined;
  let session: Session;
  let slug: string;
  const clients: CollabClient[] = [];

  const start = async () => {
    server = await startServer(env, { dataDir });
    return server;
  };
  const open = (on: RunningServer, documentId: string) => {
    const client = openCollab(on.url, documentId, session);
    clients.push(client);
    return client;
  };
  const createDocument = async (on: RunningServer, title: string) => {
    const response = await fetch(`${on.url}/api/spaces/${slug}/documents`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { document: { id: string } }).document.id;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atelier-durability-'));
    if (postgres) {
      await admin((client) => client.query(`create database ${database}`));
      const url = new URL(DATABASE_URL as string);
      url.pathname = `/${database}`;
      env = { DATABASE_URL: url.toString() };
    }
    const first = await start();
    session = await registerUser(first.url, { displayName: 'Awa Durable' });
    const spaces = (await (await fetch(`${first.url}/api/spaces`)).json()) as {
      items: { slug: string; visibility: string; joinPolicy: string }[];
    };
    const open = spaces.items.find((space) => space.visibility === 'public' && space.joinPolicy === 'open');
    if (!open) throw new Error('the seed has no public space open to all');
    slug = open.slug;
    const joined = await fetch(`${first.url}/api/spaces/${slug}/join`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(joined.status).toBe(200);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (postgres) {
      await admin(async (client) => {
        // The stopped servers' sockets may take a moment to go: drop once they have.
        for (let i = 0; i < 100; i++) {
          const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            database,
          ]);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`drop database if exists ${database} with (force)`);
      });
    }
  });

  it('keeps a paragraph acknowledged right before the server is killed (SIGKILL)', async () => {
    const running = server ?? (await start());
    const documentId = await createDocument(running, 'Relevé de décisions');
    const writer = open(running, documentId);
    await writer.settled();
    writeParagraph(writer.doc, 'Décision : la permanence passe au premier mardi du mois');
    await writer.settled();
    await running.kill();
    writer.destroy();

    const restarted = await start();
    const reader = open(restarted, documentId);
    await expect.poll(() => reader.provider.isSynced, { timeout: 30_000 }).toBe(true);
    expect(paragraphTexts(reader.doc)).toEqual(['Décision : la permanence passe au premier mardi du mois']);
  });

  it('exits 0 within 8 s of SIGTERM right after 2 MB typed in 20,000 changes, and keeps it whole', async () => {
    const running = server ?? (await start());
    const documentId = await createDocument(running, 'Grand récit');
    const writer = open(running, documentId);
    await writer.settled();
    const typingStarted = performance.now();
    await typeLongText(writer.doc, 20_000, 100);
    const typedMs = performance.now() - typingStarted;
    await writer.settled(120_000);
    const ackedMs = performance.now() - typingStarted;
    const expected = writer.doc.getXmlFragment(COLLAB_FIELD).toString();

    const stopping = performance.now();
    // stop() sends SIGTERM and fails unless the process exits with code 0.
    await running.stop();
    const exitMs = performance.now() - stopping;
    writer.destroy();
    console.info(
      `20,000 changes typed in ${Math.round(typedMs)} ms, all acknowledged after ${Math.round(ackedMs)} ms; ` +
        `SIGTERM → exit 0 in ${Math.round(exitMs)} ms`,
    );
    // Inside a container's 10-second grace before SIGKILL, with room for a busy machine.
    expect(exitMs).toBeLessThan(8000);

    const restarted = await start();
    const reader = open(restarted, documentId);
    await expect.poll(() => reader.provider.isSynced, { timeout: 60_000 }).toBe(true);
    const text = reader.doc.getXmlFragment(COLLAB_FIELD);
    expect(text.toString().length).toBe(expected.length);
    expect(text.toString()).toBe(expected);
  }, 180_000);
});
