import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import type * as Y from 'yjs';
import type { WriteQueue } from './write-queue';

/**
 * Shutdown budget: well inside Fastify's 10 s hook timeout, so that the process exits on its
 * own within 5 s. Draining the write queue comes first and may use all of it but the reserve;
 * refreshing derived data and compacting are best effort in what is left.
 */
const SHUTDOWN_BUDGET_MS = 3500;
const SHUTDOWN_RESERVE_MS = 1000;

/** Resolves with `work`'s outcome, or with undefined once `deadline` (epoch ms) passes. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes the live documents on shutdown, after new sockets are refused and before the HTTP
 * server and the database close; bounded by the budget whatever happens.
 * 1. Take no more changes: every connection turns read-only, so Hocuspocus answers further
 *    updates with SyncStatus(false) without applying them; their clients keep them as
 *    unsynced and send them again to whichever process they reconnect to.
 * 2. Drain the write queue: everything applied is committed and its acks go out. What a
 *    failing database keeps from being written was never acknowledged.
 * 3. Best effort, in the time left: derived data (and compaction, if it can still start
 *    before the reserve) of each live document.
 * 4. Close the sockets, let Hocuspocus unload the documents, stop its extensions (Redis).
 *    The sockets themselves, not only Hocuspocus's connections: a provider told that its
 *    document closed on a socket still open authenticates again on that socket, which would
 *    keep the document loaded. A closed socket it just reconnects, to the next server.
 */
export async function closeCollab(input: {
  hocuspocus: Hocuspocus;
  writes: WriteQueue;
  log: FastifyBaseLogger;
  budgetMs?: number | undefined;
  /** Closes every `/collab` socket (clients reconnect, to another or the restarted process). */
  closeSockets(): void;
  refresh(documentName: string, document: Y.Doc): Promise<void>;
  /** No compaction may start after this instant (epoch ms). */
  stopCompacting(at: number): void;
}): Promise<void> {
  const { hocuspocus, writes, log } = input;
  const started = Date.now();
  const deadline = started + (input.budgetMs ?? SHUTDOWN_BUDGET_MS);
  input.stopCompacting(deadline - SHUTDOWN_RESERVE_MS);
  const documents = [...hocuspocus.documents.values()];
  for (const document of documents) {
    for (const connection of document.getConnections()) connection.readOnly = true;
  }

  const notStored = await writes.drain(deadline - SHUTDOWN_RESERVE_MS);
  if (notStored > 0) log.error({ updates: notStored }, 'collab: closing with changes not stored (never acknowledged)');
  writes.stop();
  const drainedMs = Date.now() - started;

  for (const document of documents) {
    if (Date.now() >= deadline - SHUTDOWN_RESERVE_MS / 2) {
      log.warn({ documentName: document.name }, 'collab: no time left to refresh derived data on shutdown');
      continue;
    }
    const debounced = `onStoreDocument-${document.name}`;
    if (hocuspocus.debouncer.isDebounced(debounced)) void hocuspocus.debouncer.executeNow(debounced);
    // A store running now (or just started above) holds the mutex: ours comes after it.
    const work = document.saveMutex
      .runExclusive(() => input.refresh(document.name, document))
      .catch((error) => log.warn({ err: error, documentName: document.name }, 'collab: final refresh failed'));
    await beforeDeadline(work, deadline);
  }

  // A closed socket runs Hocuspocus's disconnect hooks, which unload each document a few
  // awaits later: wait for the documents to be gone (checking every 20 ms).
  input.closeSockets();
  while (hocuspocus.documents.size > 0 && Date.now() < deadline) {
    const unloading = [...hocuspocus.unloadingDocuments.values()];
    // Never an already-settled promise here: the loop would spin without letting the
    // sockets' close events (which start the unloads) through.
    const next = unloading.length > 0 ? Promise.all(unloading) : new Promise<never>(() => undefined);
    await beforeDeadline(next, Math.min(deadline, Date.now() + 20));
  }
  await beforeDeadline(hocuspocus.hooks('onDestroy', { instance: hocuspocus }), deadline);
  log.info(
    { documents: documents.length, drainedMs, totalMs: Date.now() - started, ...writes.stats() },
    'collab: closed',
  );
}
