import type * as Y from 'yjs';
import type { Db } from '../../db/database';
import type { Transactional } from '../../plugins/realtime/types';

/**
 * The live side of documents, served by the collab plugin (Hocuspocus). Services use it so
 * that reads see what editors wrote a moment ago and restores reach connected editors.
 */
export interface LiveDocuments {
  /** The document's current content: the live one when loaded, else the stored one. */
  snapshot(documentId: string): Promise<Y.Doc>;
  /**
   * Applies `change` to the document as `actorId` — to the live copy (connected editors get
   * it at once) or, when nobody has it open, to a copy loaded for the occasion — and waits
   * until the change is stored. The content it replaces gets an automatic version first,
   * unless the latest version holds it; the change itself counts for none: the caller
   * records it (a restore version).
   */
  change(documentId: string, actorId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** Closes every connection to the document (after it was deleted). */
  disconnect(documentId: string): void;
}

export interface DocumentsDeps {
  db: Db;
  /** Absent where no collab server runs (unit tests): content is then read from the database. */
  live?: LiveDocuments | undefined;
}

/** What comment services take: the database and a transaction that publishes in rooms once committed. */
export interface CommentsDeps {
  db: Db;
  transaction: Transactional;
}
