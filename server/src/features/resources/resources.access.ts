import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { forbidden, notFound, unauthenticated } from '../../errors';
import { type Actor, canListSpace, type MembershipFacts } from '../../policy/policy';
import { findMembership } from '../spaces/memberships.queries';
import { loadSpaceContext, type SpaceContext, spaceFacts } from '../spaces/spaces.access';
import { findSpaceById } from '../spaces/spaces.queries';
import { type FileRecord, findFile, findLink, type LinkRecord } from './resources.queries';

export type { SpaceContext };
export { loadSpaceContext };

async function spaceContextById(db: Db, spaceId: string, actor: Actor): Promise<SpaceContext> {
  const space = await findSpaceById(db, spaceId);
  if (!space) throw notFound('space');
  const row = actor ? await findMembership(db, space.id, actor.id) : undefined;
  const membership: MembershipFacts = row ? { userId: row.user_id, role: row.role, status: row.status } : null;
  return { actor, space, facts: spaceFacts(space), membership };
}

/** The file, its space and the actor's membership; unknown or deleted ids → 404. */
export async function loadFileContext(db: Db, fileId: string, actor: Actor) {
  if (!isUuid(fileId)) throw notFound('file');
  const file: FileRecord | undefined = await findFile(db, fileId);
  if (!file) throw notFound('file');
  return { ...(await spaceContextById(db, file.space_id, actor)), file };
}

export async function loadLinkContext(db: Db, linkId: string, actor: Actor) {
  if (!isUuid(linkId)) throw notFound('link');
  const link: LinkRecord | undefined = await findLink(db, linkId);
  if (!link) throw notFound('link');
  return { ...(await spaceContextById(db, link.space_id, actor)), link };
}

/**
 * Turns a policy answer into the API's answer: a resource of a space the actor may not know
 * of is 404 like an unknown one; anonymous visitors get 401, anyone else 403.
 */
export function ensure(context: Pick<SpaceContext, 'actor' | 'facts' | 'membership'>, allowed: boolean, what: string) {
  if (!canListSpace(context.actor, context.facts, context.membership)) throw notFound(what);
  if (allowed) return;
  throw context.actor ? forbidden() : unauthenticated();
}
