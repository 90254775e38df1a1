import type { Flag, FlagCreateBody, FlagTargetType } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import { canFlag } from '../../policy/moderation.policy';
import type { Actor } from '../../policy/policy';
import { toPost } from '../discussions/discussions.content';
import { findPost } from '../discussions/posts.queries';
import { loadFlagTargetContext, type SpaceFlagTargetType } from './moderation.access';
import type { ModerationDeps } from './moderation.deps';
import { countOpenFlaggers, findOpenFlagOf, hidePost, insertFlag, lockPostState } from './moderation.queries';

const toFlag = (row: {
  id: string;
  target_type: FlagTargetType;
  target_id: string;
  reason: Flag['reason'];
  note: string | null;
  created_at: Date;
}): Flag => ({
  id: row.id,
  targetType: row.target_type,
  targetId: row.target_id,
  reason: row.reason,
  note: row.note,
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Tells the readers of a post that it is now hidden (or shown again): `post.updated` in its
 * thread's room, shaped for a reader who sees no hidden body. The author's and moderators'
 * clients keep the body they have and only mark it hidden.
 */
export async function announcePost(trx: Db, publish: Publish, postId: string) {
  const row = await findPost(trx, postId);
  if (!row) return;
  const post = await toPost(trx, row, null);
  await publish(rooms.thread(row.thread_id), 'post.updated', { post });
}

/**
 * `POST /{posts,documents,files}/:id/flags`: signed-in readers who did not write the thing.
 * Flagging again is harmless: the open flag is answered (`created: false`), nothing doubles.
 * A post flagged by `flagHideThreshold` distinct people is hidden pending review, in the same
 * transaction; its row is locked first, so that flags arriving together count each other.
 */
export async function createFlag(
  deps: ModerationDeps,
  input: { actor: Actor; targetType: SpaceFlagTargetType; targetId: string; body: FlagCreateBody },
): Promise<{ flag: Flag; created: boolean }> {
  const context = await loadFlagTargetContext(deps.db, input.targetType, input.targetId, input.actor);
  authorize(context, canFlag(context.actor, context.target), 'one cannot flag what one wrote');
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor flag');
  if (context.target.deleted) throw new AppError('conflict', 'this post was deleted');
  const target = { type: context.target.type, id: context.target.id };
  const note = input.body.note?.trim() ? input.body.note.trim() : null;
  return deps.transaction(async (trx, publish) => {
    const post = target.type === 'post' ? await lockPostState(trx, target.id) : undefined;
    const inserted = await insertFlag(trx, {
      targetType: target.type,
      targetId: target.id,
      spaceId: context.target.spaceId,
      flaggedBy: actor.id,
      reason: input.body.reason,
      note,
    });
    const row = await findOpenFlagOf(trx, target, actor.id);
    if (!row) throw new Error('unreachable: the flag was just written or found open');
    if (inserted && post && post.hidden_at === null && post.deleted_at === null) {
      if ((await countOpenFlaggers(trx, target)) >= deps.flagHideThreshold && (await hidePost(trx, post.id, null))) {
        await announcePost(trx, publish, post.id);
      }
    }
    return { flag: toFlag(row), created: inserted !== undefined };
  });
}
