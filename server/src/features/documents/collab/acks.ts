import { type Connection, IncomingMessage, MessageType } from '@hocuspocus/server';
import type { WriteQueue } from './write-queue';

/**
 * Acknowledgements only for what is stored.
 *
 * Hocuspocus answers every update it applies with SyncStatus(true), sent synchronously right
 * after applying it (MessageReceiver: `readUpdate(…)` then `connection.send(writeSyncStatus
 * (true))`; the same after a SyncStep2). The provider counts these acks to clear its
 * `unsyncedChanges`: a change whose ack arrived is one the client no longer keeps as pending,
 * and the editor says "Enregistré". Stock Hocuspocus acks what is in memory, which a crash loses.
 *
 * So each connection's `send` is wrapped: a SyncStatus(true) is held back until every change
 * applied to the document so far is committed (the write queue's number at the time of the
 * ack), and released in order after the commit. Applying an update emits the Y.Doc `update`
 * event synchronously, before the ack is sent, so by then the change is already queued.
 * Waiting for everything applied so far, not only for this connection's own changes, also
 * covers an update that added nothing because another connection (or process) had just
 * brought the same content, which is stored by that change's write.
 *
 * The wrap is installed from `beforeHandleMessage`, which Hocuspocus runs before it applies
 * any message of the connection; the hook does not wait for the write, so the connection
 * keeps applying the next messages meanwhile and their changes join the next batch. Held acks
 * of a connection that closes are simply dropped: its client still counts those changes as
 * unsynced and sends them again when it reconnects (Yjs applies a change only once).
 */

const gated = new WeakSet<Connection>();

/** Whether an outgoing message is a SyncStatus(true), the ack the provider counts. */
export function isStoredAck(message: Uint8Array): boolean {
  try {
    const decoded = new IncomingMessage(message);
    // The document's address (a string) comes first: skip its bytes without decoding them.
    const addressLength = decoded.readVarUint();
    decoded.decoder.pos += addressLength;
    return decoded.readVarUint() === MessageType.SyncStatus && decoded.readVarUint() === 1;
  } catch {
    return false;
  }
}

/** Wraps the connection's `send` so that its acks wait for the write queue (once per connection). */
export function holdAcksUntilStored(connection: Connection, queue: WriteQueue): void {
  if (gated.has(connection)) return;
  gated.add(connection);
  const documentId = connection.document.name;
  const send = connection.send.bind(connection);
  const held: { seq: number; message: Uint8Array }[] = [];

  const release = () => {
    const stored = queue.storedSeq(documentId);
    while (held.length > 0 && (held[0]?.seq ?? 0) <= stored) send((held.shift() as { message: Uint8Array }).message);
    const next = held[0];
    // A rejection means the queue stopped (shutdown): the acks stay held, the changes unsynced.
    if (next) queue.whenStored(documentId, next.seq).then(release, () => undefined);
  };

  connection.send = (message: Uint8Array) => {
    if (!isStoredAck(message)) return send(message);
    const seq = queue.lastSeq(documentId);
    if (held.length === 0 && seq <= queue.storedSeq(documentId)) return send(message);
    held.push({ seq, message });
    if (held.length === 1) queue.whenStored(documentId, seq).then(release, () => undefined);
  };
}
