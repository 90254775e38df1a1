import { authorize } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import type { Actor } from '../../policy/policy';
import { canManageWebhooks } from '../../policy/webhooks.policy';
import { loadSpaceContext } from '../spaces/spaces.access';
import { findSpaceWebhook } from './webhooks.queries';

/** The space, once the actor is known to run it (else 401 / 403, or 404 for a space they may not know). */
export async function loadManagedSpace(db: Db, slug: string, actor: Actor) {
  const context = await loadSpaceContext(db, { slug }, actor);
  authorize(context, canManageWebhooks(context.actor, context.facts, context.membership));
  return context.space;
}

/** One webhook of a space the actor runs; another space's id reads as unknown. */
export async function loadManagedWebhook(db: Db, slug: string, id: string, actor: Actor) {
  const space = await loadManagedSpace(db, slug, actor);
  const webhook = isUuid(id) ? await findSpaceWebhook(db, space.id, id) : undefined;
  if (!webhook) throw notFound('webhook');
  return { space, webhook };
}
