import { COLLAB_CLOSE_CODES } from '@atelier/contract';
import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import { Hocuspocus, isTransactionOrigin, type Document as LiveDocument } from '@hocuspocus/server';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import type { Db } from '../../db/database';
import { decideCollabAccess } from '../../policy/documents.policy';
import type { Actor } from '../../policy/policy';
import { isUuid } from '../spaces/spaces.access';
import { applyCollabAccess, decideNow } from './collab.access';
import { loadSpaceFacts } from './documents.access';
import { plainTextOf } from './documents.content';
import type { LiveDocuments } from './documents.deps';
import {
  appendUpdate,
  COMPACT_AFTER_UPDATES,
  compactDocument,
  loadStoredContent,
  loadStoredDoc,
} from './documents.storage';
import { claimAutoVersion, insertVersion } from './versions.queries';

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
  /** At most one automatic version per this interval of editing. */
  autoVersionEveryMs?: number;
  /** See AccessChanges.epoch (`plugins/access.ts`); constant when nothing announces changes. */
  accessEpoch?: () => number;
}

/** Changes applied in memory and not yet stored, per live document. */
interface Pending {
  updates: Uint8Array[];
  editorId: string | null;
}

/** The user a Yjs change comes from: a provider's connection or a server-side change. */
function editorOf(origin: unknown): string | null {
  if (!isTransactionOrigin(origin)) return null;
  if (origin.source === 'connection') return (origin.connection.context as CollabContext).actor?.id ?? null;
  if (origin.source === 'local') return (origin.context as CollabContext | undefined)?.actorId ?? null;
  return null;
}

/**
 * The Hocuspocus instance and its persistence. Every change applied to a live document is
 * buffered (synchronously, in the Yjs update event) and appended to `document_updates` by
 * the debounced `onStoreDocument`; the buffer is only dropped once the append committed, so
 * a failed write is retried by the next store and nothing acknowledged is lost.
 */
export function createCollabServer(options: CollabOptions) {
  const { db, log } = options;
  const pending = new Map<string, Pending>();
  const autoVersionEveryMs = options.autoVersionEveryMs ?? 10 * 60_000;
  const accessEpoch = options.accessEpoch ?? (() => 0);
  let closing = false;

  async function store(documentName: string, document: Y.Doc): Promise<void> {
    const buffer = pending.get(documentName);
    if (!buffer || buffer.updates.length === 0) return;
    const updates = buffer.updates;
    const editorId = buffer.editorId;
    buffer.updates = [];
    const now = new Date();
    let count: number;
    try {
      count = await appendUpdate(db, {
        documentId: documentName,
        update: updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates),
        plainText: plainTextOf(document),
        editorId,
        at: now,
      });
    } catch (error) {
      buffer.updates = [...updates, ...buffer.updates];
      throw error;
    }
    if (count > COMPACT_AFTER_UPDATES) await compactDocument(db, documentName);
    if (await claimAutoVersion(db, documentName, autoVersionEveryMs, now)) {
      await insertVersion(db, {
        documentId: documentName,
        kind: 'auto',
        name: null,
        state: Y.encodeStateAsUpdate(document),
        plainText: plainTextOf(document),
        createdBy: null,
      });
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
      const row = isUuid(documentName)
        ? await db
            .selectFrom('documents')
            .select('space_id')
            .where('id', '=', documentName)
            .where('deleted_at', 'is', null)
            .executeTakeFirst()
        : undefined;
      if (!row) return refuse('not_found');
      const { facts, membership } = await loadSpaceFacts(db, row.space_id, context.actor);
      const access = decideCollabAccess(context.actor, facts, membership);
      if (access === 'read') connectionConfig.readOnly = true;
      else if (access !== 'edit') return refuse(access);
      return { spaceId: row.space_id, epoch };
    },
    // An access change re-evaluated between the decision above and now did not see this
    // connection yet: decide once more.
    async connected({ connection, context }) {
      if (context.epoch !== accessEpoch()) applyCollabAccess(connection, await decideNow(db, context));
    },

    async onLoadDocument({ documentName, document }) {
      const content = await loadStoredContent(db, documentName);
      if (!content) throw new Error(`collab: no document ${documentName}`);
      if (content.update) Y.applyUpdate(document, content.update);
    },

    async afterLoadDocument({ documentName, document }) {
      const buffer: Pending = { updates: [], editorId: null };
      pending.set(documentName, buffer);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        buffer.updates.push(update);
        buffer.editorId = editorOf(origin) ?? buffer.editorId;
      });
    },

    async onStoreDocument({ documentName, document }) {
      await store(documentName, document);
    },

    async afterUnloadDocument({ documentName }) {
      const buffer = pending.get(documentName);
      if (buffer && buffer.updates.length > 0) {
        log.error({ documentName }, 'collab: unloaded with unstored changes');
      }
      pending.delete(documentName);
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
        await connection.transact((doc) => change(doc));
      } finally {
        await connection.disconnect();
      }
    },
    disconnect(documentId) {
      hocuspocus.closeConnections(documentId);
    },
  };

  /**
   * Stores every loaded document now: on shutdown, after the sockets closed and before the
   * database pool closes, so that every change a client saw acknowledged is on disk.
   */
  async function flush(): Promise<void> {
    closing = true;
    hocuspocus.closeConnections();
    const documents: LiveDocument[] = [...hocuspocus.documents.values()];
    for (const document of documents) {
      const debounced = `onStoreDocument-${document.name}`;
      if (hocuspocus.debouncer.isDebounced(debounced)) await hocuspocus.debouncer.executeNow(debounced);
      try {
        await document.saveMutex.runExclusive(() => store(document.name, document));
        await compactDocument(db, document.name);
      } catch (error) {
        log.error({ err: error, documentName: document.name }, 'collab: final store failed');
      }
    }
    await Promise.all([...hocuspocus.unloadingDocuments.values()]);
    await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
  }

  return { hocuspocus, live, flush };
}
