import type { SpaceResources } from '@atelier/contract';
import type { Actor } from '../../policy/policy';
import { canReadResources } from '../../policy/resources.policy';
import { ensure, loadSpaceContext } from './resources.access';
import type { ResourcesDeps } from './resources.deps';
import { toFile, toLink } from './resources.mappers';
import { listFiles, listLinks } from './resources.queries';

/** The space's "Ressources" tab: its documents, files and links, each newest first. */
export async function listResources(
  deps: Pick<ResourcesDeps, 'db' | 'listDocuments'>,
  input: { actor: Actor; slug: string },
): Promise<SpaceResources> {
  const context = await loadSpaceContext(deps.db, input.slug, input.actor);
  ensure(context, canReadResources(context.actor, context.facts, context.membership), 'space');
  const spaceId = context.space.id;
  const [documents, files, links] = await Promise.all([
    deps.listDocuments({ spaceId, actor: context.actor }),
    listFiles(deps.db, spaceId),
    listLinks(deps.db, spaceId),
  ]);
  return { documents, files: files.map(toFile), links: links.map(toLink) };
}
