import { randomBytes } from 'node:crypto';
import { COLLAB_FIELD, COLLAB_PATH } from '@atelier/contract';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { registerUser, type Session } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

const { REDIS_URL, DATABASE_URL } = process.env;

async function waitFor(what: string, probe: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function admin(work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A provider on `server` for the document, carrying the person's session cookie. */
function provider(server: RunningServer, documentId: string, session: Session) {
  const headers = { cookie: session.cookie, origin: server.url };
  const socket = new HocuspocusProviderWebsocket({
    url: `${server.url.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    WebSocketPolyfill: class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers });
        this.on('error', () => undefined);
      }
    },
  });
  const doc = new Y.Doc();
  const p = new HocuspocusProvider({ websocketProvider: socket, name: documentId, document: doc, token: 'unused' });
  p.attach();
  return {
    doc,
    provider: p,
    settled: () => waitFor('provider synced', () => p.isSynced && !p.hasUnsyncedChanges),
    destroy: () => {
      p.destroy();
      socket.destroy();
    },
  };
}

const write = (doc: Y.Doc, text: string) => {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  fragment.insert(fragment.length, [paragraph]);
};
const texts = (doc: Y.Doc) =>
  doc
    .getXmlFragment(COLLAB_FIELD)
    .toArray()
    .map((node) => (node as Y.XmlElement).toArray().join(''))
    .sort();

/** Two server processes on one PostgreSQL database and one Redis, as behind a load balancer. */
describe.skipIf(!REDIS_URL || !DATABASE_URL)('shared documents across two processes (Hocuspocus Redis)', () => {
  const name = `atelier_collab_${randomBytes(6).toString('hex')}`;
  let a: RunningServer;
  let b: RunningServer;
  const opened: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    await admin((client) => client.query(`create database ${name}`));
    const url = new URL(DATABASE_URL as string);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), REDIS_URL: REDIS_URL as string };
    // One after the other: the first migrates and seeds, the second finds it done.
    a = await startServer({ ...env, SEED: 'on' });
    b = await startServer({ ...env, SEED: 'off' });
  });

  afterAll(async () => {
    for (const p of opened) p.destroy();
    await a?.stop();
    await b?.stop();
    await admin(async (client) => {
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
          name,
        ]);
        if (rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`drop database if exists ${name} with (force)`);
    });
  });

  it('shares live edits between a provider on each process, and stores them all', async () => {
    const spaces = (await (await fetch(`${a.url}/api/spaces`)).json()) as {
      items: { slug: string; visibility: string; joinPolicy: string }[];
    };
    const open = spaces.items.find((space) => space.visibility === 'public' && space.joinPolicy === 'open');
    if (!open) throw new Error('the seed has no public space open to all');
    const join = async (session: Session) => {
      const response = await fetch(`${a.url}/api/spaces/${open.slug}/join`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(200);
    };
    const awa = await registerUser(a.url, { displayName: 'Awa Deux-Process' });
    const basile = await registerUser(b.url, { displayName: 'Basile Deux-Process' });
    await join(awa);
    await join(basile);
    const created = await fetch(`${a.url}/api/spaces/${open.slug}/documents`, {
      method: 'POST',
      headers: { cookie: awa.cookie, 'x-csrf-token': awa.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Récit commun' }),
    });
    expect(created.status).toBe(201);
    const { document } = (await created.json()) as { document: { id: string } };

    const onA = provider(a, document.id, awa);
    const onB = provider(b, document.id, basile);
    opened.push(onA, onB);
    await Promise.all([onA.settled(), onB.settled()]);
    write(onA.doc, 'Écrit sur A');
    write(onB.doc, 'Écrit sur B');
    await waitFor('both processes converge', () => texts(onA.doc).length === 2 && texts(onB.doc).length === 2);
    expect(texts(onA.doc)).toEqual(['Écrit sur A', 'Écrit sur B']);
    expect(texts(onB.doc)).toEqual(texts(onA.doc));
    await Promise.all([onA.settled(), onB.settled()]);

    // Both processes store what they hold; a third reader through either one sees everything.
    onA.destroy();
    onB.destroy();
    const check = async (server: RunningServer) => {
      let text = '';
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const response = await fetch(`${server.url}/api/documents/${document.id}/text`, {
          headers: { cookie: awa.cookie },
        });
        text = ((await response.json()) as { text: string }).text;
        if (text.includes('Écrit sur A') && text.includes('Écrit sur B')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return text.split('\n').sort();
    };
    expect(await check(a)).toEqual(['Écrit sur A', 'Écrit sur B']);
    expect(await check(b)).toEqual(['Écrit sur A', 'Écrit sur B']);
  });
});
