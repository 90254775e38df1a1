import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { EmbeddedPostgres, PGliteOptions } from './pglite-thread';

const INT8_OID = 20;
const BYTEA_OID = 17;
// Counts come back as int8; both engines return them as plain numbers.
const parseInt8 = (value: string) => Number(value);
// PGlite's own bytea codec goes byte by byte through JavaScript strings (seconds for a 2 MB
// document); Node's hex codec does the same in milliseconds.
const serializeBytea = (value: Uint8Array | string) =>
  typeof value === 'string'
    ? value
    : `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
const parseBytea = (text: string) => new Uint8Array(Buffer.from(text.slice(2), 'hex'));

/**
 * PGlite (Postgres compiled to WebAssembly) in the calling thread, behind the same interface as
 * its thread (pglite-thread.ts). The server runs it in that thread, so that its CPU never blocks
 * the event loop; the server's own tests run it in place, which saves each test file starting a
 * thread. Calls run one at a time, in order: PGlite is one backend with one session.
 */
export async function openPGlite(options: PGliteOptions): Promise<EmbeddedPostgres> {
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir ? new Blob([options.loadDataDir]) : undefined,
    extensions: { unaccent, pg_trgm },
    parsers: { [INT8_OID]: parseInt8, [BYTEA_OID]: parseBytea },
    serializers: { [BYTEA_OID]: serializeBytea },
  });
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = queue.then(work);
    queue = turn.catch(() => {});
    return turn;
  };
  return {
    query: (sql, parameters) =>
      inTurn(async () => {
        const result = await pglite.query(sql, [...parameters]);
        return { rows: result.rows, affectedRows: result.affectedRows };
      }),
    exec: (sql) =>
      inTurn(async () => {
        const last = (await pglite.exec(sql)).at(-1);
        return { rows: last?.rows ?? [], affectedRows: last?.affectedRows };
      }),
    dumpDataDir: () => inTurn(() => pglite.dumpDataDir('none')),
    close: () => inTurn(() => pglite.close()),
  };
}
