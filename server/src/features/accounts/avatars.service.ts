import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { notFound } from '../../errors';
import { type Actor, canSeeAvatar } from '../../policy/policy';
import type { FileStorage } from '../resources/file-storage';
import { removeStored } from '../resources/files.service';
import type { ReceivedFile } from '../resources/upload';
import { makeAvatar, PICTURE_TYPE, redrawUpload } from './avatar-image';
import { loadAvatarContext } from './avatars.access';
import { avatarVersion } from './avatars.content';
import { lockAvatarKey, setAvatarKey } from './avatars.queries';

export interface AvatarsDeps {
  db: Db;
  /** The same storage as a space's files (disk under DATA_DIR, or S3). */
  storage: FileStorage;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

/**
 * Points the user at `key` (or at no picture) and removes the picture it replaces. The row is
 * locked while the old key is read, so that two changes at once each remove the one they
 * replaced and never the one in use. The old bytes go only once the row no longer names them.
 */
async function replaceAvatar(deps: AvatarsDeps, userId: string, key: string | null): Promise<UserRow> {
  const { user, previous } = await deps.db.transaction().execute(async (trx) => {
    const previous = await lockAvatarKey(trx, userId);
    return { user: await setAvatarKey(trx, userId, key), previous };
  });
  if (previous) await removeStored(deps, previous);
  return user;
}

/**
 * `PUT /me/avatar`: the upload is streamed to a temporary file (413 `file_too_large` past
 * AVATAR_MAX_BYTES, nothing kept), its type sniffed from the bytes (415), then redrawn as a
 * 256 px WebP (400 `image_unreadable` if it cannot be decoded) — all before anything is stored.
 * The picture gets a fresh key, so a cached URL never shows another picture; if the row cannot
 * be written, the new bytes are removed again.
 */
export async function setAvatar(
  deps: AvatarsDeps,
  input: { userId: string; receive: () => Promise<ReceivedFile> },
): Promise<UserRow> {
  const image = await redrawUpload(await input.receive(), makeAvatar);
  const key = `avatar-${randomUUID()}`;
  await deps.storage.put(key, image, { contentType: PICTURE_TYPE, size: image.length });
  try {
    return await replaceAvatar(deps, input.userId, key);
  } catch (error) {
    await removeStored(deps, key);
    throw error;
  }
}

/** `DELETE /me/avatar`: back to the initials; harmless when there is no picture. */
export const removeAvatar = (deps: AvatarsDeps, userId: string) => replaceAvatar(deps, userId, null);

/** A person's picture for whoever may see it (canSeeAvatar), with its current version. */
export async function openAvatar(
  deps: AvatarsDeps,
  input: { actor: Actor; userId: string },
): Promise<{ stream: Readable; version: string }> {
  const context = await loadAvatarContext(deps.db, input.userId, input.actor);
  authorize(context, canSeeAvatar(context.actor, context.facts));
  const { avatar_key: key, avatar_updated_at: updatedAt } = context.owner;
  if (!key || !updatedAt) throw notFound('avatar');
  return { stream: await deps.storage.get(key), version: avatarVersion(updatedAt) };
}
