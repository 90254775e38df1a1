import type { MailSender } from '../../core/mail';
import type { Db } from '../../db/database';
import type { Transactional } from '../../plugins/realtime/types';

/** What the moderation services take; built once by the routes, faked or narrowed by tests. */
export interface ModerationDeps {
  db: Db;
  /** A decision, its realtime events, its notification, mail and audit entry commit together. */
  transaction: Transactional;
  mail: MailSender;
  /** Base of the links in mails. */
  publicUrl: string;
  /** Distinct people whose open flags hide a post pending review (`FLAG_HIDE_THRESHOLD`). */
  flagHideThreshold: number;
  /** Closes the live connections of a document deleted by a decision (the collab server), if one runs. */
  disconnectDocument(documentId: string): void;
}
