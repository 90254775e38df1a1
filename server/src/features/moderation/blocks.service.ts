import type { BlockList, BlockState } from '@atelier/contract';
import { actorOnly, authorize } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import { AppError, notFound } from '../../errors';
import { canBlock } from '../../policy/moderation.policy';
import type { Actor } from '../../policy/policy';
import { userExists } from '../accounts/accounts.queries';
import { deleteBlock, insertBlock, listBlocks as listBlockRows } from './blocks.queries';
import type { ModerationDeps } from './moderation.deps';

/**
 * `PUT|DELETE /users/:id/block`: nothing from the person reaches the blocker any more
 * (notifications, mentions, mails about posts, pushes, digests), and their posts come
 * collapsed. Idempotent both ways; oneself → 400; an unknown person → 404.
 */
export async function setBlock(
  deps: Pick<ModerationDeps, 'db'>,
  input: { actor: Actor; userId: string; blocked: boolean },
): Promise<BlockState> {
  authorize(actorOnly(input.actor, 'user'), canBlock(input.actor));
  const actor = input.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor block');
  if (input.userId === actor.id) {
    throw new AppError('invalid_input', 'one cannot block oneself', { 'params.id': ['that is you'] });
  }
  if (!isUuid(input.userId) || !(await userExists(deps.db, input.userId))) throw notFound('user');
  if (input.blocked) await insertBlock(deps.db, actor.id, input.userId);
  else await deleteBlock(deps.db, actor.id, input.userId);
  return { userId: input.userId, blocked: input.blocked };
}

/** `GET /me/blocks`: the people one blocked, by name. */
export async function listBlocks(deps: Pick<ModerationDeps, 'db'>, input: { actor: Actor }): Promise<BlockList> {
  authorize(actorOnly(input.actor, 'blocks'), canBlock(input.actor));
  const rows = await listBlockRows(deps.db, input.actor?.id ?? '');
  return {
    items: rows.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      blockedAt: new Date(row.created_at).toISOString(),
    })),
  };
}
