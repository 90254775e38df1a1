import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { forbidden, notFound, unauthenticated } from '../../errors';
import { canKnowDocument, type DocumentSpaceFacts } from '../../policy/documents.policy';
import type { Actor, MembershipFacts } from '../../policy/policy';
import { findMembership } from '../spaces/memberships.queries';
import { spaceFacts } from '../spaces/spaces.access';
import { type DocumentRecord, findDocument } from './documents.queries';

/** The facts the documents policy judges for one request on one document. */
export interface DocumentContext {
  actor: Actor;
  document: DocumentRecord;
  facts: DocumentSpaceFacts;
  membership: MembershipFacts;
}

/** The facts about a space (or the alliance, with null) and the actor's membership of it. */
export async function loadSpaceFacts(
  db: Db,
  spaceId: string | null,
  actor: Actor,
): Promise<{ facts: DocumentSpaceFacts; membership: MembershipFacts }> {
  if (spaceId === null) return { facts: null, membership: null };
  const space = await db
    .selectFrom('spaces')
    .select(['visibility', 'join_policy', 'status'])
    .where('id', '=', spaceId)
    .executeTakeFirst();
  if (!space) throw notFound('space');
  const row = actor ? await findMembership(db, spaceId, actor.id) : undefined;
  return {
    facts: spaceFacts(space),
    membership: row ? { userId: row.user_id, role: row.role, status: row.status } : null,
  };
}

/** The document (not deleted), its space's facts and the actor's membership; else 404. */
export async function loadDocumentContext(db: Db, documentId: string, actor: Actor): Promise<DocumentContext> {
  if (!isUuid(documentId)) throw notFound('document');
  const document = await findDocument(db, documentId);
  if (!document) throw notFound('document');
  return { actor, document, ...(await loadSpaceFacts(db, document.space_id, actor)) };
}

/**
 * Turns a policy answer into the API's answer: a document of a space the actor may not know
 * of is 404 like an unknown one; anonymous visitors get 401, anyone else 403.
 */
export function ensure(context: Omit<DocumentContext, 'document'>, allowed: boolean): void {
  if (!canKnowDocument(context.actor, context.facts, context.membership)) throw notFound('document');
  if (allowed) return;
  throw context.actor ? forbidden() : unauthenticated();
}
