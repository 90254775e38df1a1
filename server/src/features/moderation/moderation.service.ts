import type { FlagDecisionBody, FlagDecisionResult, FlagTargetType, ModerationQueue } from '@atelier/contract';
import { rooms } from '@atelier/contract';
import { actorOnly, authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Publish } from '../../plugins/realtime/types';
import { canModerate, canSeeAllFlags } from '../../policy/moderation.policy';
import type { Actor } from '../../policy/policy';
import { recordAudit } from '../audit/audit.service';
import { toNotification } from '../discussions/discussions.content';
import { upsertModerationNotification } from '../discussions/notifications.queries';
import { usersByIds } from '../discussions/posts.queries';
import { removePost } from '../discussions/posts.service';
import { softDeleteDocument } from '../documents/documents.queries';
import { messageTargets } from '../messages/messages.queries';
import { removeMessage } from '../messages/messages.service';
import { markFileDeleted } from '../resources/resources.queries';
import { announceResources } from '../resources/resources.realtime';
import { loadSpaceContext } from '../spaces/spaces.access';
import { announcePost } from './flags.service';
import { loadFlagContext } from './moderation.access';
import { targetPath, toQueue } from './moderation.content';
import type { ModerationDeps } from './moderation.deps';
import { sendDecisionMail } from './moderation.mail';
import {
  closeOpenFlags,
  documentTargets,
  fileTargets,
  hidePost,
  listOpenFlags,
  lockFlag,
  lockPostState,
  postTargets,
  unhidePost,
} from './moderation.queries';

/** Open flags read per queue; a queue longer than this is a crisis the list need not show whole. */
const QUEUE_LIMIT = 1000;

async function queueOf(db: Db, spaceId: string | undefined): Promise<ModerationQueue> {
  const flags = await listOpenFlags(db, { ...(spaceId === undefined ? {} : { spaceId }), limit: QUEUE_LIMIT });
  const idsOf = (type: string) => [
    ...new Set(flags.filter((flag) => flag.target_type === type).map((flag) => flag.target_id)),
  ];
  const [posts, documents, files, messages] = await Promise.all([
    postTargets(db, idsOf('post')),
    documentTargets(db, idsOf('document')),
    fileTargets(db, idsOf('file')),
    messageTargets(db, idsOf('message')),
  ]);
  return { items: toQueue(flags, { posts, documents, files, messages }) };
}

/** `GET /spaces/:slug/moderation`: the space's open flags, for its animateur·ices and admins. */
export async function listSpaceQueue(deps: Pick<ModerationDeps, 'db'>, input: { actor: Actor; slug: string }) {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canModerate(context.actor, context.facts, context.membership));
  return queueOf(deps.db, context.space.id);
}

/** `GET /admin/moderation`: every open flag, alliance documents included (admins). */
export async function listAdminQueue(deps: Pick<ModerationDeps, 'db'>, input: { actor: Actor }) {
  authorize(actorOnly(input.actor, 'moderation'), canSeeAllFlags(input.actor), 'only admins see every flag');
  return queueOf(deps.db, undefined);
}

/** What a decision did to its target, for the author's mail and notification. */
interface Applied {
  title: string;
  authorId: string | null;
  /** A post's place, for the in-app notification. */
  post: { spaceId: string; threadId: string; postId: string } | null;
  path: string | null;
}

/**
 * `POST /flags/:id/decision`: keep (flags closed, a hidden post shown again), hide (posts
 * only: hidden for all but author and moderators) or delete (as a moderator deletes a post,
 * a document or a file). Every open flag of the target is closed with it; a flag decided
 * already → 409 `conflict` (its row is locked, so two moderators at once get one 200, one
 * 409). The author is told by mail and, for a post, in the app — flaggers are not named —
 * and the audit log gets an entry, all in the decision's transaction.
 */
export async function decideFlag(
  deps: ModerationDeps,
  input: { actor: Actor; flagId: string; body: FlagDecisionBody },
): Promise<FlagDecisionResult> {
  const context = await loadFlagContext(deps.db, input.flagId, input.actor);
  authorize(context, canModerate(context.actor, context.facts, context.membership));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor moderate');
  const { decision } = input.body;
  const note = input.body.note?.trim() ? input.body.note.trim() : null;
  const target = { type: context.flag.target_type, id: context.flag.target_id };
  if (decision === 'hide' && target.type !== 'post') {
    throw new AppError('invalid_input', 'only posts are hidden; keep or delete documents and files', {
      'body.decision': ['hide applies to posts only'],
    });
  }
  const result = await deps.transaction(async (trx, publish) => {
    const flag = await lockFlag(trx, context.flag.id);
    if (!flag || flag.decided_at !== null) throw new AppError('conflict', 'this flag was already decided');
    const applied = await apply(trx, publish, { target, decision, actorId: actor.id });
    const closed = await closeOpenFlags(trx, target, { decision, decidedBy: actor.id, note });
    await tellAuthor(deps, trx, publish, { applied, decision, note, actorId: actor.id, targetType: target.type });
    await recordAudit(trx, {
      actorId: actor.id,
      action: `moderation_${decision}`,
      subjectType: target.type,
      subjectId: target.id,
      targetUserId: applied.authorId,
      details: {
        title: applied.title,
        flags: closed.length,
        ...(context.flag.space_id ? { spaceId: context.flag.space_id } : {}),
        ...(note ? { note } : {}),
      },
    });
    return {
      decision,
      targetType: target.type,
      targetId: target.id,
      closedFlags: closed.length,
      decidedAt: new Date(closed[0]?.decided_at ?? Date.now()).toISOString(),
    } satisfies FlagDecisionResult;
  });
  if (decision === 'delete' && target.type === 'document') deps.disconnectDocument(target.id);
  return result;
}

/** Carries the decision out on the target, in the decision's transaction. */
async function apply(
  trx: Db,
  publish: Publish,
  input: {
    target: { type: FlagTargetType; id: string };
    decision: FlagDecisionBody['decision'];
    actorId: string;
  },
): Promise<Applied> {
  const { target, decision } = input;
  if (target.type === 'message') {
    // A reported direct message: deleted as its author deletes it; nothing else of the
    // conversation is read or shown.
    const [row] = await messageTargets(trx, [target.id]);
    if (!row) throw new AppError('conflict', 'this message is gone');
    if (decision === 'delete') await removeMessage(trx, publish, row.id);
    return { title: row.title, authorId: row.author_id, post: null, path: null };
  }
  if (target.type === 'post') {
    const [row] = await postTargets(trx, [target.id]);
    if (!row) throw new AppError('conflict', 'this post is gone');
    // Keep and hide lock the post as flagging does; delete locks thread then post, as deleting does.
    if (decision !== 'delete') await lockPostState(trx, target.id);
    const place = { spaceId: row.space_id, threadId: row.thread_id, postId: row.id };
    if (decision === 'keep' && (await unhidePost(trx, row.id))) await announcePost(trx, publish, row.id);
    if (decision === 'hide' && (await hidePost(trx, row.id, input.actorId))) await announcePost(trx, publish, row.id);
    if (decision === 'delete') await removePost(trx, publish, { ...place, deletedBy: input.actorId });
    return {
      title: row.title,
      authorId: row.author_id,
      post: place,
      path:
        decision === 'delete'
          ? null
          : targetPath('post', { id: row.id, space_slug: row.space_slug, thread_id: row.thread_id }),
    };
  }
  if (target.type === 'document') {
    const [row] = await documentTargets(trx, [target.id]);
    if (!row) throw new AppError('conflict', 'this document is gone');
    if (decision === 'delete') await softDeleteDocument(trx, row.id);
    return {
      title: row.title,
      authorId: row.author_id,
      post: null,
      path: decision === 'delete' ? null : targetPath('document', { id: row.id, space_slug: row.space_slug }),
    };
  }
  const [row] = await fileTargets(trx, [target.id]);
  if (!row) throw new AppError('conflict', 'this file is gone');
  // The row is marked deleted as the files' own delete does; its bytes stay until purged.
  if (decision === 'delete' && (await markFileDeleted(trx, row.id))) await announceResources(publish, row.space_id);
  return {
    title: row.title,
    authorId: row.author_id,
    post: null,
    path: decision === 'delete' ? null : targetPath('file', { id: row.id, space_slug: row.space_slug }),
  };
}

/** The author hears of the decision by mail and, for a post, in the app; who flagged is never said. */
async function tellAuthor(
  deps: ModerationDeps,
  trx: Db,
  publish: Publish,
  input: {
    applied: Applied;
    decision: FlagDecisionBody['decision'];
    note: string | null;
    actorId: string;
    targetType: FlagTargetType;
  },
) {
  const { applied } = input;
  if (!applied.authorId || applied.authorId === input.actorId) return;
  const [author] = await usersByIds(trx, [applied.authorId]);
  if (!author) return;
  if (applied.post) {
    const row = await upsertModerationNotification(trx, {
      userId: author.id,
      actorId: input.actorId,
      ...applied.post,
      decision: input.decision,
      note: input.note,
    });
    await publish(rooms.user(author.id), 'notification.created', { notification: toNotification(row) });
  }
  await sendDecisionMail(deps.mail, trx, {
    to: { email: author.email, displayName: author.display_name, locale: author.locale },
    decision: input.decision,
    targetType: input.targetType,
    title: applied.title,
    note: input.note,
    url: applied.path && !applied.path.startsWith('/api/') ? `${deps.publicUrl}${applied.path}` : null,
  });
}
