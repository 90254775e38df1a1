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
  canPostInSpace,
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

// ── Comments ─────────────────────────────────────────────────────────────────────────────
//
// Comment threads anchored to passages of a document, and their replies. Reading them goes
// with reading the document (anonymous visitors of a public space or of an alliance document
// see them, read-only); writing them mirrors posting in the space's discussions; resolving is
// for the thread's author and for those who shape the document. An archived space is kept for
// reading only: nobody comments, resolves or reopens there.

/** Read the threads and follow them live (room `document:<id>`): whoever may read the document. */
export const canReadComments = canReadDocument;

/**
 * Start a thread or reply: signed-in people who may read the document and may write in its
 * space's discussions (`canPostInSpace`: active members and admins, not when archived) —
 * readers too, not only editors. An alliance document has no space: every signed-in person,
 * who has accepted the charter, may comment on it (its editors remain the admins).
 */
export function canCommentOnDocument(actor: Actor, space: DocumentSpaceFacts, membership: MembershipFacts): boolean {
  if (actor === null) return false;
  if (space === null) return true;
  return canReadDocument(actor, space, membership) && canPostInSpace(actor, space, membership);
}

/**
 * Resolve or reopen any thread, whoever started it: the document's editors and the space's
 * animateur·ices (admins are both), while the space is not archived.
 */
export function canResolveAnyComment(actor: Actor, space: DocumentSpaceFacts, membership: MembershipFacts): boolean {
  if (actor === null || space?.status === 'archived') return false;
  if (canEditDocument(actor, space, membership)) return true;
  return space !== null && canManageSpace(actor, space, membership);
}

/** Resolve or reopen this thread: those above, and its author while they may still comment. */
export function canResolveComment(
  actor: Actor,
  space: DocumentSpaceFacts,
  membership: MembershipFacts,
  thread: { authorId: string },
): boolean {
  if (canResolveAnyComment(actor, space, membership)) return true;
  return actor !== null && thread.authorId === actor.id && canCommentOnDocument(actor, space, membership);
}

/**
 * Delete a comment (a reply, or a thread without replies): its author while they may read the
 * document — as with posts, leaving a space does not take away the right to withdraw one's
 * words — or whoever runs the space (animateur·ices, admins; admins for alliance documents).
 */
export function canDeleteComment(
  actor: Actor,
  space: DocumentSpaceFacts,
  membership: MembershipFacts,
  comment: { authorId: string },
): boolean {
  if (actor === null) return false;
  if (space === null ? isAdmin(actor) : canManageSpace(actor, space, membership)) return true;
  return comment.authorId === actor.id && canReadDocument(actor, space, membership);
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
