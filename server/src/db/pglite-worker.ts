import { parentPort, workerData } from 'node:worker_threads';
import { openPGlite } from './pglite-engine';
import type { PGliteOptions, WorkerReply, WorkerRequest } from './pglite-thread';

/**
 * The embedded database's own thread: it serves the main thread's driver, which keeps
 * transactions exclusive, in arrival order; rows are parsed here and cross as structured clones.
 */

const port = parentPort;
if (!port) throw new Error('pglite-worker: must run in a worker thread');
const pglite = await openPGlite(workerData as PGliteOptions);

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
    case 'query':
      return { id: request.id, ok: true, ...(await pglite.query(request.sql, request.parameters)) };
    case 'exec':
      return { id: request.id, ok: true, ...(await pglite.exec(request.sql)) };
    case 'dump':
      return { id: request.id, ok: true, dump: await (await pglite.dumpDataDir()).arrayBuffer() };
    case 'close':
      await pglite.close();
      return { id: request.id, ok: true };
  }
}

port.on('message', async (request: WorkerRequest) => {
  const reply = await handle(request).catch((error) => ({
    id: request.id,
    ok: false as const,
    error: plainError(error),
  }));
  port.postMessage(reply, reply.ok && 'dump' in reply && reply.dump ? [reply.dump] : []);
});
port.postMessage({ ready: true });
