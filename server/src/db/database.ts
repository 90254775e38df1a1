import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
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

const BYTEA_OID = 17;
// PGlite's own bytea codec goes byte by byte through JavaScript strings: 3.6 s to write a 2 MB
// document snapshot, about as long to read it back. Node's hex codec does the same in a few
// milliseconds; values still come back as plain Uint8Arrays of their own, as before.
const serializeBytea = (value: Uint8Array | string) =>
  typeof value === 'string'
    ? value
    : `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
const parseBytea = (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex'));

/**
 * The one factory: a pg pool when `databaseUrl` is set, otherwise embedded PGlite stored in
 * `dataDir` (or in memory when `dataDir` is `memory://`, for tests).
 */
export async function createDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** Embedded only: start from this `dumpDataDir` tarball instead of an empty cluster. */
  loadDataDir?: Blob;
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
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir: options.loadDataDir,
    extensions: { unaccent },
    parsers: { [INT8_OID]: parseInt8, [BYTEA_OID]: parseBytea },
    serializers: { [BYTEA_OID]: serializeBytea },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
    dumpDataDir: () => pglite.dumpDataDir('none'),
  };
}
