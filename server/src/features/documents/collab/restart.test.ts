import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../app';
import { loadConfig } from '../../../config';
import type { Database } from '../../../db/database';
import { appendParagraph, openProvider, paragraphs, settled, type TestProvider } from '../../../test/collab';
import { createPerson, type TestPerson } from '../../../test/factories/people';
import { addMembership, createSpace } from '../../../test/factories/spaces';
import { createReopenableDatabase, type ReopenableDatabase } from '../../../test/reopenable-database';
import { createDocument } from '../documents.service';

const config = loadConfig({ NODE_ENV: 'test', RATE_LIMITS: 'off', SEED: 'off', LOG_LEVEL: 'silent' });

async function start(database: Database): Promise<{ app: App; url: string }> {
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

describe('/collab across a restart', () => {
  let store: ReopenableDatabase;
  const providers: TestProvider[] = [];

  beforeAll(async () => {
    store = await createReopenableDatabase();
  });
  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    await store?.dispose();
  });

  // The database and the app start twice: more than the default time on a busy machine.
  it('loses nothing a client saw acknowledged when the app closes', { timeout: 60_000 }, async () => {
    let database = await store.open();
    let { app, url } = await start(database);
    const ctx = { database, config, app, close: async () => undefined };
    const member: TestPerson = await createPerson(ctx);
    const space = await createSpace(database.db, { visibility: 'members', joinPolicy: 'request' });
    await addMembership(database.db, space.id, member.id);
    const { id } = await createDocument(
      { db: database.db },
      { spaceId: space.id, title: 'Relevé', authorId: member.id },
    );

    const writer = openProvider(url, id, member);
    providers.push(writer);
    await settled(writer);
    for (let i = 0; i < 25; i++) appendParagraph(writer.doc, `Ligne ${i}`);
    // Acknowledged by the server (applied in memory); the debounced store may not have run.
    await settled(writer);
    await app.close();
    writer.destroy();
    await database.close();

    database = await store.open();
    ({ app, url } = await start(database));
    try {
      const reader = openProvider(url, id, member);
      providers.push(reader);
      await settled(reader);
      expect(paragraphs(reader.doc)).toEqual(Array.from({ length: 25 }, (_, i) => `Ligne ${i}`));
      const text = await app.inject({ method: 'GET', url: `/api/documents/${id}/text`, headers: member.headers });
      expect(text.json().text).toBe(Array.from({ length: 25 }, (_, i) => `Ligne ${i}`).join('\n'));
    } finally {
      await app.close();
      await database.close();
    }
  });
});
