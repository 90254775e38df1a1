import { mkdir } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import { openPGlite } from './pglite-engine';
import { startPGliteThread } from './pglite-thread';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Embedded only: the whole data directory as a tarball, to start other databases from. */
  dumpDataDir?(): Promise<Blob>;
}

const INT8_OID = 20;
// Counts come back as int8; both engines return them as plain numbers so that code and tests
// see the same values whichever database runs underneath.
const parseInt8 = (value: string) => Number(value);

/**
 * The one factory: a pg pool when `databaseUrl` is set, otherwise embedded PGlite stored in
 * `dataDir` (or in memory when `dataDir` is `memory://`, for tests), in a thread of its own
 * unless `inPlace`.
 */
export async function createDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** Embedded only: start from this `dumpDataDir` tarball instead of an empty cluster. */
  loadDataDir?: Blob;
  /** Embedded only: run PGlite in the calling thread (the server's tests) instead of its own. */
  inPlace?: boolean;
}): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8_OID
            ? parseInt8
            : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }

  const inMemory = options.dataDir.startsWith('memory://');
  const dataDir = inMemory ? undefined : `${options.dataDir}/pg`;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pgliteOptions = {
    dataDir,
    loadDataDir: options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined,
  };
  const pglite = await (options.inPlace ? openPGlite : startPGliteThread)(pgliteOptions);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
    dumpDataDir: () => pglite.dumpDataDir(),
  };
}
