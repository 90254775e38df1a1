import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '@atelier/migrations';
import pg from 'pg';
import { createDatabase, type Database } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * created on the server named by DATABASE_URL (dropped again by `close`). Tests never rely on
 * what another run left behind.
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return createMigratedPglite();
  const name = `atelier_test_${randomBytes(6).toString('hex')}`;
  const template = await migratedServerTemplate(serverUrl);
  await withAdmin(serverUrl, (client) => client.query(`create database ${name} template ${template}`));
  const database = await createDatabase({
    databaseUrl: databaseUrlOf(serverUrl, name),
    dataDir: 'unused',
    poolSize: 5,
  });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin(serverUrl, (client) => dropTestDatabase(client, name));
    },
  };
}

const databaseUrlOf = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The migrations' own text, so that any change to them makes new templates. */
const migrationsHash = () =>
  createHash('sha256')
    .update(
      Object.entries(migrations)
        .map(([name, migration]) => `${name}\n${migration.up}\n${migration.down}`)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 16);

/** The prefix of the migrated templates on the server; the suite's global teardown drops them. */
export const SERVER_TEMPLATE_PREFIX = 'atelier_template_';

/**
 * A database on the server migrated once per run and per state of the migrations, that test
 * databases are copied from (`create database … template`): copying takes a fraction of
 * running every migration for each test file. Made under an advisory lock, so the first file
 * makes it and the others wait; nobody stays connected to it, as copying requires.
 */
async function migratedServerTemplate(serverUrl: string): Promise<string> {
  const name = `${SERVER_TEMPLATE_PREFIX}${migrationsHash()}`;
  await withAdmin(serverUrl, async (client) => {
    await client.query('select pg_advisory_lock(hashtext($1))', [name]);
    try {
      const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) return;
      await client.query(`create database ${name}`);
      const database = await createDatabase({
        databaseUrl: databaseUrlOf(serverUrl, name),
        dataDir: 'unused',
        poolSize: 1,
      });
      try {
        await migrateToLatest(database.db);
      } finally {
        await database.close();
      }
      await untilUnused(client, name);
    } finally {
      await client.query('select pg_advisory_unlock(hashtext($1))', [name]);
    }
  });
  return name;
}

async function withAdmin(serverUrl: string, work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once its connections are gone. pg's `pool.end()` resolves before the
 * sockets have closed; a forced drop would kill those backends mid-goodbye, and the client
 * would report the kill as an uncaught error in whichever test file runs next.
 */
export async function dropTestDatabase(client: pg.Client, name: string) {
  await untilUnused(client, name);
  await client.query(`drop database if exists ${name} with (force)`);
}

/** Waits (up to 5 seconds) until no connection to the database is left. */
async function untilUnused(client: pg.Client, name: string) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [name],
    );
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Drops the migrated templates (the server suite's global set-up and teardown). */
export async function dropServerTemplates(serverUrl: string) {
  await withAdmin(serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${SERVER_TEMPLATE_PREFIX}%`,
    ]);
    for (const { datname } of rows) await dropTestDatabase(client, datname);
  });
}

/**
 * Starting PGlite runs initdb in WebAssembly, which takes most of a test file's set-up; loading
 * a data directory dumped once after the migrations skips both. It runs in the test's own
 * thread: starting a thread (and TypeScript in it) for each file would double the set-up.
 */
async function createMigratedPglite(): Promise<Database> {
  return createDatabase({ dataDir: 'memory://', loadDataDir: await migratedPgliteTemplate(), inPlace: true });
}

/**
 * A PGlite data directory dumped once after the migrations. The dump sits in the system's
 * temporary folder, named by a hash of the migrations, so any change to them makes a new one.
 */
export async function migratedPgliteTemplate(): Promise<Blob> {
  const path = join(tmpdir(), `atelier-test-pglite-${migrationsHash()}.tar`);
  const template = await readFile(path).catch(() => null);
  if (template) return new Blob([template]);

  const database = await createDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    const dump = Buffer.from(await (await database.dumpDataDir!()).arrayBuffer());
    // Written aside then renamed: files starting together never read a half-written dump.
    const partial = `${path}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, dump);
    await rename(partial, path);
    return new Blob([dump]);
  } finally {
    await database.close();
  }
}
