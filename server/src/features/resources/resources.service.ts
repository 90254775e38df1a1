import type { SpaceResources } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import type { Actor } from '../../policy/policy';
import { canReadResources } from '../../policy/resources.policy';
import { loadSpaceContext } from '../spaces/spaces.access';
import { toFile, toLink } from './resources.content';
import type { ResourcesDeps } from './resources.deps';
import { listFiles, listLinks } from './resources.queries';

/** The space's "Ressources" tab: its documents, files and links, each newest first. */
export async function listResources(
  deps: Pick<ResourcesDeps, 'db' | 'listDocuments'>,
  input: { actor: Actor; slug: string },
): Promise<SpaceResources> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canReadResources(context.actor, context.facts, context.membership));
  const spaceId = context.space.id;
  const [documents, files, links] = await Promise.all([
    deps.listDocuments({ spaceId, actor: context.actor }),
    listFiles(deps.db, spaceId),
    listLinks(deps.db, spaceId),
  ]);
  return { documents, files: files.map(toFile), links: links.map(toLink) };
}
