import { COLLAB_CLOSE_CODES } from '@atelier/contract';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Hocuspocus, isTransactionOrigin } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Db } from '../../../db/database';
import { decideCollabAccess } from '../../../policy/documents.policy';
import type { Actor } from '../../../policy/policy';
import { takeAutoVersion } from '../auto-versions.service';
import { findDocumentContext } from '../documents.access';
import { plainTextOf } from '../documents.content';
import type { LiveDocuments } from '../documents.deps';
import {
  appendUpdates,
  COMPACT_AFTER_UPDATES,
  compactDocument,
  loadStoredDoc,
  loadStoredInto,
  refreshDerived,
} from '../storage.queries';
import { holdAcksUntilStored } from './acks';
import { createAutoVersions } from './auto-versions';
import { applyCollabAccess, decideNow } from './collab.access';
import { closeCollab } from './shutdown';
import { createWriteQueue } from './write-queue';

/** What each `/collab` connection carries into the Hocuspocus hooks. */
export interface CollabContext {
  /** Who opened the socket (session cookie of the upgrade), null for anonymous visitors. */
  actor: Actor;
  /** The session of the upgrade (null: anonymous): re-checked when access changes. */
  sessionId?: string | null;
  /** Set by `onAuthenticate`: the document's space (null: an alliance document). */
  spaceId?: string | null;
  /** Set by `onAuthenticate`: the access epoch its decision was taken at. */
  epoch?: number;
  /** Closes the socket with one of COLLAB_CLOSE_CODES. */
  refuse?: (code: number, reason: string) => void;
  /** The author of server-side changes (restores), through a direct connection. */
  actorId?: string;
}

export interface CollabOptions {
  db: Db;
  log: FastifyBaseLogger;
  redisUrl?: string | undefined;
  /** Store at most this long after a change settles, and at least every `maxDebounceMs`. */
  debounceMs?: number;
  maxDebounceMs?: number;
  /** During continuous editing, an automatic version at least this often (default 5 min). */
  autoVersionEveryMs?: number;
  /** An automatic version once editing has paused this long (default 2 min). */
  autoVersionIdleMs?: number;
  /** See AccessChanges.epoch (`plugins/access.ts`); constant when nothing announces changes. */
  accessEpoch?: () => number;
  /** First delay before retrying a failed write of changes (doubled up to 5 s). */
  retryDelayMs?: number;
}

/** What the debounced store refreshes: whether the content changed since, and by whom last. */
interface Derived {
  dirty: boolean;
  editorId: string | null;
}

/**
 * Whether a change comes from one of this process's clients: what its automatic versions
 * count. Not a change another process relays through Redis (that process counts it), nor a
 * server-side one (a restore, which records its own version).
 */
const isClientChange = (origin: unknown): boolean => isTransactionOrigin(origin) && origin.source === 'connection';

/** The user a Yjs change comes from: a provider's connection or a server-side change. */
function editorOf(origin: unknown): string | null {
  if (!isTransactionOrigin(origin)) return null;
  if (origin.source === 'connection') return (origin.connection.context as CollabContext).actor?.id ?? null;
  if (origin.source === 'local') return (origin.context as CollabContext | undefined)?.actorId ?? null;
  return null;
}

/**
 * The Hocuspocus instance and its persistence, in two parts:
 * - durable: every change applied to a live document (from a client, another process or a
 *   server-side change) is queued from the Yjs `update` event and appended to
 *   `document_updates` by the write queue; a client's ack waits for that commit
 *   (acks.ts), so a change the editor shows as saved survives a crash;
 * - derived, debounced in `onStoreDocument`: plain text, last edit and compaction, which
 *   can all be rebuilt from the stored changes.
 * Automatic versions follow the editing on their own timers (auto-versions.ts).
 */
export function createCollabServer(options: CollabOptions) {
  const { db, log } = options;
  const writes = createWriteQueue({
    append: (documentId, updates) => appendUpdates(db, documentId, updates),
    log,
    retryDelayMs: options.retryDelayMs,
  });
  const derived = new WeakMap<Y.Doc, Derived>();
  const autoVersions = createAutoVersions({
    idleMs: options.autoVersionIdleMs ?? 2 * 60_000,
    everyMs: options.autoVersionEveryMs ?? 5 * 60_000,
    take: (documentName, doc, minGapMs) => takeAutoVersion(db, { documentId: documentName, doc, minGapMs }),
    log,
  });
  const accessEpoch = options.accessEpoch ?? (() => 0);
  let closing = false;
  /** No compaction starts after this instant (epoch ms): set on shutdown, to stay in budget. */
  let compactUntil = Number.POSITIVE_INFINITY;

  /** Refreshes the derived data of a live document if it changed; compacts past the threshold. */
  async function refresh(documentName: string, document: Y.Doc): Promise<void> {
    const state = derived.get(document);
    if (!state?.dirty) return;
    state.dirty = false;
    const now = new Date();
    const plainText = plainTextOf(document);
    let increments: number;
    try {
      increments = await refreshDerived(db, { documentId: documentName, plainText, editorId: state.editorId, at: now });
    } catch (error) {
      state.dirty = true;
      throw error;
    }
    if (increments > COMPACT_AFTER_UPDATES && Date.now() < compactUntil) {
      // Only ever folds rows already committed; a failure leaves them as they were.
      await compactDocument(db, documentName).catch((error) =>
        log.warn({ err: error, documentName }, 'collab: compaction failed'),
      );
    }
  }

  const redisUrl = options.redisUrl;
  const hocuspocus = new Hocuspocus<CollabContext>({
    name: 'atelier-collab',
    quiet: true,
    debounce: options.debounceMs ?? 1000,
    maxDebounce: options.maxDebounceMs ?? 5000,
    extensions: redisUrl
      ? [
          new RedisExtension({
            prefix: 'atelier:collab',
            // The extension bundles its own (older) ioredis typings; the client is the same API.
            createClient: () => new Redis(redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: null }) as never,
          }),
        ]
      : [],

    // The session was read at the upgrade; here the policy decides per document. Refusals
    // also close the socket with the contract's code, so that clients stop retrying.
    async onAuthenticate({ documentName, context, connectionConfig }): Promise<Partial<CollabContext>> {
      const epoch = accessEpoch();
      const refuse = (reason: keyof typeof COLLAB_CLOSE_CODES) => {
        setImmediate(() => context.refuse?.(COLLAB_CLOSE_CODES[reason], reason));
        throw { reason };
      };
      const document = await findDocumentContext(db, documentName, context.actor);
      if (!document) return refuse('not_found');
      const access = decideCollabAccess(context.actor, document.facts, document.membership);
      if (access === 'read') connectionConfig.readOnly = true;
      else if (access !== 'edit') return refuse(access);
      return { spaceId: document.document.space_id, epoch };
    },
    // An access change re-evaluated between the decision above and now did not see this
    // connection yet: decide once more.
    async connected({ connection, context }) {
      if (context.epoch !== accessEpoch()) applyCollabAccess(connection, await decideNow(db, context));
    },

    async onLoadDocument({ documentName, document }) {
      // Changes of this document's previous time in memory may still be on their way to disk.
      await writes.whenStored(documentName).catch(() => undefined);
      if (!(await loadStoredInto(db, documentName, document))) throw new Error(`collab: no document ${documentName}`);
      // From here on, every change is queued for writing: from clients, from other processes
      // (the Redis extension, from its initial sync in afterLoadDocument on) and server-side.
      const state: Derived = { dirty: false, editorId: null };
      derived.set(document, state);
      autoVersions.track(documentName, document);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        writes.push(documentName, update);
        state.dirty = true;
        state.editorId = editorOf(origin) ?? state.editorId;
        if (isClientChange(origin)) autoVersions.changed(document);
      });
    },

    async beforeHandleMessage({ connection }) {
      holdAcksUntilStored(connection, writes);
      // Shutting down: take no more changes (see flush).
      if (closing) connection.readOnly = true;
    },

    async onStoreDocument({ documentName, document }) {
      await refresh(documentName, document);
    },

    // Leaving memory: a version of the changes made here that none holds yet. This runs after
    // the Redis extension's own beforeUnloadDocument (higher priority), which waits for the
    // last changes from other processes. On shutdown, flush has done it within its budget.
    // Never throws: a failing hook here would keep the document in memory.
    async beforeUnloadDocument({ document }) {
      if (closing) return;
      await autoVersions
        .settle(document)
        .catch((error) => log.warn({ err: error, documentName: document.name }, 'collab: final version failed'));
    },

    async afterUnloadDocument({ documentName }) {
      writes.forget(documentName);
      if (closing) return;
      await compactDocument(db, documentName).catch((error) =>
        log.warn({ err: error, documentName }, 'collab: compaction on unload failed'),
      );
    },
  });

  const live: LiveDocuments = {
    async snapshot(documentId) {
      const loaded = hocuspocus.documents.get(documentId);
      if (loaded) {
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(loaded));
        return copy;
      }
      const stored = await loadStoredDoc(db, documentId);
      if (!stored) throw new Error(`collab: no document ${documentId}`);
      return stored;
    },
    async change(documentId, actorId, change) {
      const context: CollabContext = { actor: null, actorId };
      const connection = await hocuspocus.openDirectConnection(documentId, context);
      try {
        // The content about to be replaced stays in the history (as the dialog promises).
        if (connection.document) await autoVersions.keep(connection.document);
        await connection.transact((doc) => change(doc));
        // Like a client's ack: done once the change is committed. Waited for while the
        // connection still holds the document in memory, where its queue is numbered.
        await writes.whenStored(documentId);
      } finally {
        await connection.disconnect();
      }
    },
    disconnect(documentId) {
      hocuspocus.closeConnections(documentId);
    },
  };

  /** Shutdown: see closeCollab (shutdown.ts). */
  async function flush(options: { closeSockets(): void; budgetMs?: number }): Promise<void> {
    closing = true;
    autoVersions.stopTimers();
    await closeCollab({
      hocuspocus,
      writes,
      log,
      budgetMs: options.budgetMs,
      closeSockets: options.closeSockets,
      // Derived data, then the version of what was written here since the last one.
      refresh: (documentName, document) => refresh(documentName, document).finally(() => autoVersions.settle(document)),
      stopCompacting: (at) => {
        compactUntil = at;
      },
    });
  }

  return { hocuspocus, live, flush, autoVersions };
}
