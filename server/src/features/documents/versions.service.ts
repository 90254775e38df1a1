import type { DocumentVersion } from '@atelier/contract';
import * as Y from 'yjs';
import { authorize } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import { notFound } from '../../errors';
import { canEditDocument, canReadDocument } from '../../policy/documents.policy';
import type { Actor } from '../../policy/policy';
import { webhookEvents } from '../webhooks/webhooks.content';
import { queueWebhooks } from '../webhooks/webhooks.service';
import { type DocumentContext, loadDocumentContext } from './documents.access';
import { docFromState, htmlOf, plainTextOf, replaceContent, toVersion } from './documents.content';
import type { DocumentsDeps } from './documents.deps';
import { changeContent, currentContent } from './documents.service';
import { findVersion, insertVersion, listVersions } from './versions.queries';

async function editableContext(deps: DocumentsDeps, actor: Actor, documentId: string) {
  const context = await loadDocumentContext(deps.db, documentId, actor);
  authorize(context, canEditDocument(context.actor, context.facts, context.membership));
  const actorId = context.actor?.id;
  if (!actorId) throw new Error('unreachable: the policy lets no anonymous visitor edit');
  return { context, actorId };
}

async function readableVersion(deps: DocumentsDeps, context: DocumentContext, versionId: string) {
  const version = isUuid(versionId) ? await findVersion(deps.db, context.document.id, versionId) : undefined;
  if (!version) throw notFound('version');
  return version;
}

/** `GET /documents/:id/versions`: newest first (readers). */
export async function listDocumentVersions(deps: DocumentsDeps, input: { actor: Actor; documentId: string }) {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canReadDocument(context.actor, context.facts, context.membership));
  return { items: (await listVersions(deps.db, context.document.id)).map(toVersion) };
}

/** `POST /documents/:id/versions`: keep the current content under a name (editors). */
export async function saveNamedVersion(
  deps: DocumentsDeps,
  input: { actor: Actor; documentId: string; name: string },
): Promise<{ version: DocumentVersion }> {
  const { context, actorId } = await editableContext(deps, input.actor, input.documentId);
  const doc = await currentContent(deps, context.document.id);
  const { document } = context;
  const version = await deps.db.transaction().execute(async (trx) => {
    const saved = await insertVersion(trx, {
      documentId: document.id,
      kind: 'named',
      name: input.name,
      state: Y.encodeStateAsUpdate(doc),
      plainText: plainTextOf(doc),
      createdBy: actorId,
    });
    // A named version is news for the space's webhooks (automatic ones are not).
    if (document.space_id) {
      await queueWebhooks(trx, { spaceId: document.space_id }, webhookEvents.documentVersionCreated(document, saved));
    }
    return saved;
  });
  return { version: toVersion(version) };
}

/** `GET /documents/:id/versions/:versionId`: its content as sanitized HTML and plain text. */
export async function getVersion(deps: DocumentsDeps, input: { actor: Actor; documentId: string; versionId: string }) {
  const context = await loadDocumentContext(deps.db, input.documentId, input.actor);
  authorize(context, canReadDocument(context.actor, context.facts, context.membership));
  const version = await readableVersion(deps, context, input.versionId);
  const doc = docFromState(version.state);
  return { version: toVersion(version), html: htmlOf(doc), text: version.plain_text };
}

/**
 * `POST /documents/:id/versions/:versionId/restore`: the old content comes back as a new
 * change on top of the current one (editors receive it live; nothing earlier is rewritten),
 * and a `restore` version records the result.
 */
export async function restoreVersion(
  deps: DocumentsDeps,
  input: { actor: Actor; documentId: string; versionId: string },
): Promise<{ version: DocumentVersion }> {
  const { context, actorId } = await editableContext(deps, input.actor, input.documentId);
  const old = await readableVersion(deps, context, input.versionId);
  const source = docFromState(old.state);
  let restored: { state: Uint8Array; plainText: string } | null = null;
  await changeContent(deps, {
    documentId: context.document.id,
    actorId,
    change: (doc) => {
      replaceContent(doc, source);
      restored = { state: Y.encodeStateAsUpdate(doc), plainText: plainTextOf(doc) };
    },
  });
  const result = restored as { state: Uint8Array; plainText: string } | null;
  if (!result) throw notFound('document');
  const version = await insertVersion(deps.db, {
    documentId: context.document.id,
    kind: 'restore',
    name: old.name,
    state: result.state,
    plainText: result.plainText,
    createdBy: actorId,
  });
  return { version: toVersion(version) };
}
