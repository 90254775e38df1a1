import { DOCUMENT_TITLE_MAX_CHARS, type Document } from '@atelier/contract';
import type * as Y from 'yjs';
import { authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { canCreateDocument, canDeleteDocument, canEditDocument, canReadDocument } from '../../policy/documents.policy';
import type { Actor, MembershipFacts, SpaceFacts } from '../../policy/policy';
import { canPublish } from '../../policy/publications.policy';
import { findUserById } from '../accounts/accounts.queries';
import { loadSpaceContext, loadSpaceOrAllianceFacts } from '../spaces/spaces.access';
import { loadDocumentContext } from './documents.access';
import { htmlOf, markdownOf, plainTextOf, toDocument } from './documents.content';
import type { DocumentsDeps } from './documents.deps';
import {
  findDocument,
  insertDocument,
  listDocumentsOfSpace,
  renameDocument as renameDocumentRow,
  softDeleteDocument,
} from './documents.queries';
import { appendUpdates, loadStoredDoc, refreshDerived } from './storage.queries';

/** What the actor may do with a space's (or the alliance's) documents. */
export const rightsOn = (actor: Actor, space: SpaceFacts | null, membership: MembershipFacts) => ({
  canEdit: canEditDocument(actor, space, membership),
  canPublish: canPublish(actor, space, membership),
});

/** The actor a user id stands for (role from the database). */
async function actorOf(db: Db, userId: string): Promise<Actor> {
  const user = await findUserById(db, userId);
  return user ? { id: user.id, role: user.role } : null;
}

/**
 * Creates an empty document in a space (or, with `spaceId` null, for the whole alliance) on
 * behalf of `authorId`. For other features (an event's compte rendu): the caller has already
 * decided that the author may do so. The title is trimmed and cut to the longest allowed.
 */
export async function createDocument(
  deps: Pick<DocumentsDeps, 'db'>,
  input: { spaceId: string | null; title: string; authorId: string },
): Promise<Document> {
  const title = input.title
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, DOCUMENT_TITLE_MAX_CHARS)
    .trim();
  if (!title) throw new AppError('invalid_input', 'a document needs a title', { title: ['required'] });
  const { id } = await insertDocument(deps.db, { spaceId: input.spaceId, title, authorId: input.authorId });
  const row = await findDocument(deps.db, id);
  if (!row) throw notFound('document');
  const actor = await actorOf(deps.db, input.authorId);
  const { space, membership } = await loadSpaceOrAllianceFacts(deps.db, input.spaceId, actor);
  return toDocument(row, rightsOn(actor, space, membership));
}

/**
 * A space's documents (or the alliance's, with null) as `actor` sees them, most recently
 * edited first; empty when the actor may not read that space's content. For the space's
 * "Ressources" listing.
 */
export async function listSpaceDocuments(
  deps: Pick<DocumentsDeps, 'db'>,
  input: { spaceId: string | null; actor: Actor },
): Promise<Document[]> {
  const { space, membership } = await loadSpaceOrAllianceFacts(deps.db, input.spaceId, input.actor);
  if (!canReadDocument(input.actor, space, membership)) return [];
  const rights = rightsOn(input.actor, space, membership);
  const rows = await listDocumentsOfSpace(deps.db, input.spaceId);
  return rows.map((row) => toDocument(row, rights));
}

/** `POST /spaces/:slug/documents`: members and admins. */
export async function createSpaceDocument(
  deps: DocumentsDeps,
  input: { actor: Actor; slug: string; title: string },
): Promise<{ document: Document }> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canCreateDocument(context.actor, context.facts, context.membership));
  if (!context.actor) throw new Error('unreachable: the policy lets no anonymous visitor create');
  return {
    document: await createDocument(deps, { spaceId: context.space.id, title: input.title, authorId: context.actor.id }),
  };
}

/** `GET /spaces/:slug/documents`: whoever may read the space's content. */
export async function listDocumentsBySlug(deps: DocumentsDeps, input: { actor: Actor; slug: string }) {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canReadDocument(context.actor, context.facts, context.membership));
  return { items: await listSpaceDocuments(deps, { spaceId: context.space.id, actor: input.actor }) };
}

/** `GET /documents/:id`. */
export async function getDocument(deps: DocumentsDeps, input: { actor: Actor; documentId: string }) {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canReadDocument(context.actor, context.facts, context.membership));
  return { document: toDocument(context.document, rightsOn(context.actor, context.facts, context.membership)) };
}

/** `PATCH /documents/:id`: rename (editors). */
export async function renameDocument(deps: DocumentsDeps, input: { actor: Actor; documentId: string; title: string }) {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canEditDocument(context.actor, context.facts, context.membership));
  await renameDocumentRow(deps.db, context.document.id, input.title);
  const row = await findDocument(deps.db, context.document.id);
  if (!row) throw notFound('document');
  return { document: toDocument(row, rightsOn(context.actor, context.facts, context.membership)) };
}

/** `DELETE /documents/:id`: softly; live editors are disconnected and cannot come back. */
export async function deleteDocument(deps: DocumentsDeps, input: { actor: Actor; documentId: string }) {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(
    context,
    canDeleteDocument(context.actor, context.facts, context.membership, { createdBy: context.document.created_by }),
  );
  await softDeleteDocument(deps.db, context.document.id);
  deps.live?.disconnect(context.document.id);
}

/** The current content: live when someone has the document open, else as stored. */
export async function currentContent(deps: DocumentsDeps, documentId: string): Promise<Y.Doc> {
  if (deps.live) return deps.live.snapshot(documentId);
  const doc = await loadStoredDoc(deps.db, documentId);
  if (!doc) throw notFound('document');
  return doc;
}

/**
 * Applies a change to the content as `actorId`: through the live documents when the collab
 * server runs (editors receive it), otherwise straight to the stored increments.
 */
export async function changeContent(
  deps: DocumentsDeps,
  input: { documentId: string; actorId: string; change: (doc: Y.Doc) => void },
): Promise<void> {
  if (deps.live) return deps.live.change(input.documentId, input.actorId, input.change);
  const doc = await loadStoredDoc(deps.db, input.documentId);
  if (!doc) throw notFound('document');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  input.change(doc);
  if (updates.length === 0) return;
  await appendUpdates(deps.db, input.documentId, updates);
  await refreshDerived(deps.db, {
    documentId: input.documentId,
    plainText: plainTextOf(doc),
    editorId: input.actorId,
    at: new Date(),
  });
}

/** `GET /documents/:id/text`: the current plain text. */
export async function getDocumentText(deps: DocumentsDeps, input: { actor: Actor; documentId: string }) {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canReadDocument(context.actor, context.facts, context.membership));
  return { text: plainTextOf(await currentContent(deps, context.document.id)) };
}

/** `GET /documents/:id/export?format=`: the file name, its type and its body. */
export async function exportDocument(
  deps: DocumentsDeps,
  input: { actor: Actor; documentId: string; format: 'markdown' | 'html' },
): Promise<{ fileName: string; contentType: string; body: string }> {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canReadDocument(context.actor, context.facts, context.membership));
  const doc = await currentContent(deps, context.document.id);
  const title = context.document.title;
  const base =
    title
      .replace(/[^\p{L}\p{N} _.-]+/gu, '')
      .trim()
      .slice(0, 100) || 'document';
  if (input.format === 'markdown') {
    return {
      fileName: `${base}.md`,
      contentType: 'text/markdown; charset=utf-8',
      body: `# ${title}\n\n${markdownOf(doc)}\n`,
    };
  }
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    fileName: `${base}.html`,
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escaped}</title></head><body><h1>${escaped}</h1>\n${htmlOf(doc)}\n</body></html>\n`,
  };
}
