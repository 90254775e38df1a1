import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { dropTestDatabase, migratedPgliteTemplate } from './database';

export interface ReopenableDatabase {
  /** A new connection to the same data, migrated; close it before opening the next on PGlite. */
  open(): Promise<Database>;
  /** Deletes the data (the temporary directory, or the database on the server). */
  dispose(): Promise<void>;
}

/**
 * A database that outlives the app using it, for restart and crash tests: PGlite in a
 * temporary DATA_DIR (never memory://), or a fresh database on the DATABASE_URL server.
 */
export async function createReopenableDatabase(): Promise<ReopenableDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(join(tmpdir(), 'atelier-test-'));
    let created = false;
    return {
      open: async () => {
        // The first start loads the migrated template: initdb and every migration in
        // WebAssembly take long enough on a busy machine to use up a test's time.
        const loadDataDir = created ? undefined : await migratedPgliteTemplate();
        created = true;
        return migrated(await createDatabase({ dataDir, loadDataDir }));
      },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    open: async () => migrated(await createDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 5 })),
    dispose: () => admin(serverUrl, (client) => dropTestDatabase(client, name)),
  };
}

async function migrated(database: Database) {
  await migrateToLatest(database.db);
  return database;
}

async function admin(serverUrl: string, work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
