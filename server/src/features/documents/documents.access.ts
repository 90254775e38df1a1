import type { Authorizable } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import { canKnowDocument, type DocumentSpaceFacts } from '../../policy/documents.policy';
import type { Actor, MembershipFacts } from '../../policy/policy';
import { findSpaceOrAllianceFacts } from '../spaces/spaces.access';
import { type DocumentRecord, findDocument } from './documents.queries';

/** The facts the documents policy judges for one request (or connection) on one document. */
export interface DocumentContext extends Authorizable {
  document: DocumentRecord;
  facts: DocumentSpaceFacts;
  membership: MembershipFacts;
}

/**
 * The document (not deleted), its space's facts (null: an alliance document) and the actor's
 * membership; null for an unknown or deleted document, a malformed id, or a space gone.
 */
export async function findDocumentContext(db: Db, documentId: string, actor: Actor): Promise<DocumentContext | null> {
  const document = isUuid(documentId) ? await findDocument(db, documentId) : undefined;
  const facts = document && (await findSpaceOrAllianceFacts(db, document.space_id, actor));
  if (!document || !facts) return null;
  return {
    actor,
    document,
    facts: facts.space,
    membership: facts.membership,
    known: canKnowDocument(actor, facts.space, facts.membership),
    subject: 'document',
  };
}

/** `findDocumentContext`, with unknown documents → 404. */
export async function loadDocumentContext(db: Db, documentId: string, actor: Actor): Promise<DocumentContext> {
  const context = await findDocumentContext(db, documentId, actor);
  if (!context) throw notFound('document');
  return context;
}
