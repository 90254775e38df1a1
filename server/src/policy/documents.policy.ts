/**
 * Access to shared documents: HTTP routes and `/collab` connections both ask these functions.
 * A document belongs to a space, or to the whole alliance when it has none (`space` null):
 * alliance documents are read by everyone, anonymous visitors included, and edited by admins.
 * A space document is read by whoever may read the space's content (as for its threads) and
 * edited by its active members and admins while the space is not archived (an archived
 * space is kept for reading only).
 */
import {
  type Actor,
  canListSpace,
  canManageSpace,
  canViewSpace,
  isActiveMember,
  isAdmin,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';
import { type Refusal, refusalOf } from './refusal';

/** The document's space facts, or null for an alliance document. */
export type DocumentSpaceFacts = SpaceFacts | null;

/** May the actor know the document exists (no → 404, so private spaces leak nothing). */
export function canKnowDocument(actor: Actor, space: DocumentSpaceFacts, membership: MembershipFacts): boolean {
  return space === null || canListSpace(actor, space, membership);
}

/** Read the content, its plain text, exports and history. */
export function canReadDocument(actor: Actor, space: DocumentSpaceFacts, membership: MembershipFacts): boolean {
  return space === null || canViewSpace(actor, space, membership);
}

/** Write the content live, rename, save and restore versions. */
export function canEditDocument(actor: Actor, space: DocumentSpaceFacts, membership: MembershipFacts): boolean {
  if (actor === null) return false;
  if (space === null) return isAdmin(actor);
  if (space.status === 'archived' || !canListSpace(actor, space, membership)) return false;
  return isAdmin(actor) || isActiveMember(actor, membership);
}

/** Create a document in the space (or, with null, for the whole alliance): who may edit there. */
export const canCreateDocument = canEditDocument;

/**
 * Delete a document (softly): its author while they may still edit it, or whoever runs the
 * space (animateur·ices, admins). Alliance documents: admins.
 */
export function canDeleteDocument(
  actor: Actor,
  space: DocumentSpaceFacts,
  membership: MembershipFacts,
  document: { createdBy: string },
): boolean {
  if (actor === null) return false;
  if (space === null) return isAdmin(actor);
  if (canManageSpace(actor, space, membership)) return true;
  return document.createdBy === actor.id && canEditDocument(actor, space, membership);
}

/** What a `/collab` connection gets, or why it is refused (the contract's close codes). */
export type CollabAccess = 'edit' | 'read' | Refusal;

/**
 * Editors get a writable connection, readers a read-only one (their updates are refused).
 * Others are refused by the same rule as the HTTP routes (`refusalOf`): `not_found` for a
 * document of a space they may not even know of — anonymous visitors included, so that the
 * answer to an unknown id and to a private one is the same — else `unauthenticated` for
 * anonymous visitors and `forbidden` for signed-in people.
 */
export function decideCollabAccess(actor: Actor, space: DocumentSpaceFacts, membership: MembershipFacts): CollabAccess {
  if (canEditDocument(actor, space, membership)) return 'edit';
  if (canReadDocument(actor, space, membership)) return 'read';
  return refusalOf(actor, canKnowDocument(actor, space, membership));
}
