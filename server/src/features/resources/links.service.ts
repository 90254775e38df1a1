import type { LinkCreateBody, ResourceLink } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import { notFound } from '../../errors';
import type { Actor } from '../../policy/policy';
import { canAddLink, canDeleteLink } from '../../policy/resources.policy';
import { loadSpaceContext } from '../spaces/spaces.access';
import { loadLinkContext } from './resources.access';
import { toLink } from './resources.content';
import type { ResourcesDeps } from './resources.deps';
import { findLink, insertLink, markLinkDeleted } from './resources.queries';
import { announceResources } from './resources.realtime';

/** Adds a link to an outside resource; the contract's schema has already refused non-http URLs. */
export async function createLink(
  deps: Pick<ResourcesDeps, 'db' | 'transaction'>,
  input: { actor: Actor; slug: string; body: LinkCreateBody },
): Promise<{ link: ResourceLink }> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canAddLink(context.actor, context.facts, context.membership));
  if (!context.actor) throw notFound('space');
  const actorId = context.actor.id;
  const { id } = await deps.transaction(async (trx, publish) => {
    const inserted = await insertLink(trx, {
      spaceId: context.space.id,
      createdBy: actorId,
      url: input.body.url,
      title: input.body.title,
      description: input.body.description,
    });
    await announceResources(publish, context.space.id);
    return inserted;
  });
  const row = await findLink(deps.db, id);
  if (!row) throw notFound('link');
  return { link: toLink(row) };
}

export async function deleteLink(
  deps: Pick<ResourcesDeps, 'db' | 'transaction'>,
  input: { actor: Actor; linkId: string },
) {
  const context = await loadLinkContext(deps.db, input.linkId, input.actor);
  const allowed = canDeleteLink(context.actor, context.facts, context.membership, {
    sharedBy: context.link.created_by,
  });
  authorize(context, allowed);
  await deps.transaction(async (trx, publish) => {
    if (!(await markLinkDeleted(trx, context.link.id))) throw notFound('link');
    await announceResources(publish, context.space.id);
  });
}
