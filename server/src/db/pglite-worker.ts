import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { PGliteOptions, WorkerReply, WorkerRequest } from './pglite-thread';

/**
 * The embedded database's own thread: PGlite (Postgres compiled to WebAssembly) runs here, so
 * its CPU never blocks the event loop that serves requests, sockets and documents. Requests
 * arrive one at a time from the main thread's driver (which keeps transactions exclusive) and
 * are answered in order; rows are parsed here and cross as structured clones.
 */

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

const options = workerData as PGliteOptions;
const port = parentPort;
if (!port) throw new Error('pglite-worker: must run in a worker thread');

const pglite = await PGlite.create({
  dataDir: options.dataDir,
  loadDataDir: options.loadDataDir ? new Blob([options.loadDataDir]) : undefined,
  extensions: { unaccent, pg_trgm },
  parsers: { [INT8_OID]: parseInt8, [BYTEA_OID]: parseBytea },
  serializers: { [BYTEA_OID]: serializeBytea },
});

/** What a PostgreSQL error carries (code, detail, constraint…), as plain data. */
function plainError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'object') continue;
    fields[key] = value;
  }
  return fields;
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
  switch (request.kind) {
    case 'query': {
      const result = await pglite.query(request.sql, request.parameters);
      return { id: request.id, ok: true, rows: result.rows, affectedRows: result.affectedRows };
    }
    case 'exec': {
      const last = (await pglite.exec(request.sql)).at(-1);
      return { id: request.id, ok: true, rows: last?.rows ?? [], affectedRows: last?.affectedRows };
    }
    case 'dump': {
      const dump = await (await pglite.dumpDataDir('none')).arrayBuffer();
      return { id: request.id, ok: true, dump };
    }
    case 'close':
      await pglite.close();
      return { id: request.id, ok: true };
  }
}

// One request at a time, in arrival order: PGlite is one backend with one session.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    const reply = await handle(request).catch((error) => ({
      id: request.id,
      ok: false as const,
      error: plainError(error),
    }));
    port.postMessage(reply, reply.ok && 'dump' in reply && reply.dump ? [reply.dump] : []);
  });
});
port.postMessage({ ready: true });
