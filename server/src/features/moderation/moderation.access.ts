import type { FlagTargetType } from '@atelier/contract';
import type { Authorizable } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import { canReadDocument } from '../../policy/documents.policy';
import { canKnowFlag, type FlagTargetFacts } from '../../policy/moderation.policy';
import { type Actor, canReadThreads, type MembershipFacts, type SpaceFacts } from '../../policy/policy';
import { canReadResources } from '../../policy/resources.policy';
import { loadPostContext } from '../discussions/discussions.access';
import { loadDocumentContext } from '../documents/documents.access';
import { loadFileContext } from '../resources/resources.access';
import { findSpaceOrAllianceFacts } from '../spaces/spaces.access';
import { type FlagRecord, findFlag } from './moderation.queries';

/**
 * The context of a flag about to be made: the thing (post, document or file), its space's
 * facts (null: an alliance document), the actor's membership, and what `canFlag` judges —
 * whether the actor may read it and who wrote it. Unknown things → 404, through each
 * feature's own loader, so that flagging reveals no more than reading does.
 */
export interface FlagTargetContext extends Authorizable {
  target: FlagTargetFacts & {
    type: FlagTargetType;
    id: string;
    spaceId: string | null;
    deleted: boolean;
    /** A post's thread (for its room); null for documents and files. */
    threadId: string | null;
  };
  facts: SpaceFacts | null;
  membership: MembershipFacts;
}

/** What is flagged through this feature's routes: things of a space (messages have their own). */
export type SpaceFlagTargetType = Exclude<FlagTargetType, 'message'>;

export async function loadFlagTargetContext(
  db: Db,
  type: SpaceFlagTargetType,
  id: string,
  actor: Actor,
): Promise<FlagTargetContext> {
  if (type === 'post') {
    const context = await loadPostContext(db, id, actor);
    return {
      ...context,
      target: {
        type,
        id: context.post.id,
        spaceId: context.space.id,
        threadId: context.thread.id,
        readable: canReadThreads(actor, context.facts, context.membership),
        authorId: context.post.author_id,
        deleted: context.post.deleted_at !== null,
      },
    };
  }
  if (type === 'document') {
    const context = await loadDocumentContext(db, id, actor);
    return {
      ...context,
      target: {
        type,
        id: context.document.id,
        spaceId: context.document.space_id,
        threadId: null,
        readable: canReadDocument(actor, context.facts, context.membership),
        authorId: context.document.created_by,
        deleted: false,
      },
    };
  }
  const context = await loadFileContext(db, id, actor);
  return {
    ...context,
    target: {
      type,
      id: context.file.id,
      spaceId: context.space.id,
      threadId: null,
      readable: canReadResources(actor, context.facts, context.membership),
      authorId: context.file.uploaded_by,
      deleted: false,
    },
  };
}

/**
 * A flag to decide on, with its target's space facts and the actor's membership. A flag of a
 * space the actor may not know of reads as unknown (404), like an id that does not exist.
 */
export interface FlagContext extends Authorizable {
  flag: NonNullable<FlagRecord>;
  facts: SpaceFacts | null;
  membership: MembershipFacts;
}

export async function loadFlagContext(db: Db, flagId: string, actor: Actor): Promise<FlagContext> {
  const flag = isUuid(flagId) ? await findFlag(db, flagId) : undefined;
  const space = flag && (await findSpaceOrAllianceFacts(db, flag.space_id, actor));
  if (!flag || !space) throw notFound('flag');
  const known = canKnowFlag(actor, space.space, space.membership);
  return { actor, flag, facts: space.space, membership: space.membership, known, subject: 'flag' };
}
