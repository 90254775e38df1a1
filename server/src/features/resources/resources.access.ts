import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import type { Actor } from '../../policy/policy';
import { findSpaceContext, type SpaceContext } from '../spaces/spaces.access';
import { type FileRecord, findFile, findLink, type LinkRecord } from './resources.queries';

/**
 * The file (or link), its space's facts and the actor's membership; unknown or deleted ids →
 * 404. A resource of a space the actor may not know of reads as unknown through `authorize`.
 */
export async function loadFileContext(
  db: Db,
  fileId: string,
  actor: Actor,
): Promise<SpaceContext & { file: FileRecord }> {
  const file = isUuid(fileId) ? await findFile(db, fileId) : undefined;
  const space = file && (await findSpaceContext(db, { id: file.space_id }, actor));
  if (!space) throw notFound('file');
  return { ...space, file, subject: 'file' };
}

export async function loadLinkContext(
  db: Db,
  linkId: string,
  actor: Actor,
): Promise<SpaceContext & { link: LinkRecord }> {
  const link = isUuid(linkId) ? await findLink(db, linkId) : undefined;
  const space = link && (await findSpaceContext(db, { id: link.space_id }, actor));
  if (!space) throw notFound('link');
  return { ...space, link, subject: 'link' };
}
