import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { SpaceFile } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { notFound } from '../../errors';
import type { Actor } from '../../policy/policy';
import { canDeleteFile, canReadResources, canUploadFile } from '../../policy/resources.policy';
import { publishedFileId } from '../publications/publications.service';
import { loadSpaceContext } from '../spaces/spaces.access';
import { cleanFileName } from './file-name';
import { queueTextExtraction } from './file-text.service';
import { loadFileContext } from './resources.access';
import { toFile } from './resources.content';
import type { ResourcesDeps } from './resources.deps';
import { type FileRecord, findFile, insertFile, markFileDeleted } from './resources.queries';
import { announceResources } from './resources.realtime';
import { IMAGE_TYPES, makePreview, PREVIEW_TYPE, type ReceivedFile, sniffAllowedType } from './upload';

/** The preview sits next to the file in the storage, under the file's key and a suffix. */
export const previewKeyOf = (storageKey: string) => `${storageKey}.preview`;

/**
 * Uploads a file to the space. Access is decided before a single byte of the body is read
 * (`receive` streams it to a temporary file), then the type is sniffed from the content, the
 * name cleaned, a preview made for images, the bytes stored and the row written — in that
 * order, so that a row never points at bytes that are not there —, with, for a PDF or an
 * office file, the job that extracts its text for search. If anything fails after the bytes
 * were stored, they are removed again; the temporary file always is.
 */
export async function uploadFile(
  deps: ResourcesDeps,
  input: { actor: Actor; slug: string; receive: () => Promise<ReceivedFile> },
): Promise<{ file: SpaceFile }> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canUploadFile(context.actor, context.facts, context.membership));
  const uploader = context.actor;
  if (!uploader) throw notFound('space');
  const received = await input.receive();
  const stored: string[] = [];
  try {
    const mimeType = await sniffAllowedType(received.path);
    const preview = IMAGE_TYPES.has(mimeType) ? await makePreview(received.path) : null;
    const id = randomUUID();
    const storageKey = id;
    await deps.storage.put(storageKey, createReadStream(received.path), { contentType: mimeType, size: received.size });
    stored.push(storageKey);
    if (preview) {
      await deps.storage.put(previewKeyOf(storageKey), preview, { contentType: PREVIEW_TYPE, size: preview.length });
      stored.push(previewKeyOf(storageKey));
    }
    await deps.transaction(async (trx, publish) => {
      await insertFile(trx, {
        id,
        spaceId: context.space.id,
        uploadedBy: uploader.id,
        name: cleanFileName(received.rawName, mimeType),
        mimeType,
        sizeBytes: received.size,
        storageKey,
        sha256: received.sha256,
        hasPreview: preview !== null,
      });
      await queueTextExtraction(trx, deps, { id, mimeType });
      await announceResources(publish, context.space.id);
    });
    const row = await findFile(deps.db, id);
    if (!row) throw notFound('file');
    return { file: toFile(row) };
  } catch (error) {
    await Promise.all(stored.map((key) => removeStored(deps, key)));
    throw error;
  } finally {
    await rm(received.path, { force: true });
  }
}

/** Removes stored bytes no row points at (any more); a failure is logged, never thrown. */
export async function removeStored(deps: Pick<ResourcesDeps, 'storage' | 'log'>, key: string) {
  try {
    await deps.storage.delete(key);
  } catch (error) {
    // The row is gone or never was: the bytes are an orphan to clean by hand, not a failure.
    deps.log.warn({ err: error, key }, 'could not remove stored file bytes');
  }
}

/** A file's bytes for whoever may read the space's content. */
export async function openFile(
  deps: ResourcesDeps,
  input: { actor: Actor; fileId: string; variant: 'original' | 'preview' },
): Promise<{ file: FileRecord; stream: Readable }> {
  const context = await loadFileContext(deps.db, input.fileId, input.actor);
  authorize(context, canReadResources(context.actor, context.facts, context.membership));
  const { file } = context;
  if (input.variant === 'preview') {
    if (!file.has_preview) throw notFound('preview');
    return { file, stream: await deps.storage.get(previewKeyOf(file.storage_key)) };
  }
  return { file, stream: await deps.storage.get(file.storage_key) };
}

/** A file published to the commons, for anyone: the publication is what opens it. */
export async function openPublishedFile(
  deps: ResourcesDeps,
  publicationId: string,
): Promise<{ file: FileRecord; stream: Readable }> {
  const file = await findFile(deps.db, await publishedFileId(deps.db, publicationId));
  if (!file) throw notFound('file');
  return { file, stream: await deps.storage.get(file.storage_key) };
}

/**
 * Deletes a file: the row is marked deleted (it stays as a trace of what was shared), then
 * the bytes and the preview are removed from the storage.
 */
export async function deleteFile(deps: ResourcesDeps, input: { actor: Actor; fileId: string }): Promise<void> {
  const context = await loadFileContext(deps.db, input.fileId, input.actor);
  const { file } = context;
  authorize(context, canDeleteFile(context.actor, context.facts, context.membership, { sharedBy: file.uploaded_by }));
  await deps.transaction(async (trx, publish) => {
    if (!(await markFileDeleted(trx, file.id))) throw notFound('file');
    await announceResources(publish, context.space.id);
  });
  await removeStored(deps, file.storage_key);
  if (file.has_preview) await removeStored(deps, previewKeyOf(file.storage_key));
}
