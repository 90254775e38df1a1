import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, canCluster, startCluster } from '../support/cluster';
import { openCollab, paragraphTexts, writeParagraph } from '../support/collab';
import { registerUser, type Session } from '../support/http';
import type { RunningServer } from '../support/server';

/** Two server processes on one PostgreSQL database and one Redis, as behind a load balancer. */
describe.skipIf(!canCluster)('shared documents across two processes (Hocuspocus Redis)', () => {
  let cluster: Cluster;
  let a: RunningServer;
  let b: RunningServer;
  const opened: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    cluster = await startCluster();
    ({ a, b } = cluster);
  });

  afterAll(async () => {
    for (const p of opened) p.destroy();
    await cluster?.close();
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

    const onA = openCollab(a.url, document.id, awa);
    const onB = openCollab(b.url, document.id, basile);
    opened.push(onA, onB);
    await Promise.all([onA.settled(), onB.settled()]);
    writeParagraph(onA.doc, 'Écrit sur A');
    writeParagraph(onB.doc, 'Écrit sur B');
    await expect
      .poll(() => [paragraphTexts(onA.doc).length, paragraphTexts(onB.doc).length], { timeout: 30_000 })
      .toEqual([2, 2]);
    expect(paragraphTexts(onA.doc).sort()).toEqual(['Écrit sur A', 'Écrit sur B']);
    expect(paragraphTexts(onB.doc)).toEqual(paragraphTexts(onA.doc));
    await Promise.all([onA.settled(), onB.settled()]);

    // Both processes store what they hold; a third reader through either one sees everything.
    onA.destroy();
    onB.destroy();
    const storedText = async (server: RunningServer) => {
      const response = await fetch(`${server.url}/api/documents/${document.id}/text`, {
        headers: { cookie: awa.cookie },
      });
      return ((await response.json()) as { text: string }).text.split('\n').sort();
    };
    for (const server of [a, b]) {
      await expect.poll(() => storedText(server), { timeout: 30_000 }).toEqual(['Écrit sur A', 'Écrit sur B']);
    }
  });
});
