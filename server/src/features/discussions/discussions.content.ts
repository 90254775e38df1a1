import type { Notification, Post, ReactionEmoji, ReactionSummary, Thread } from '@atelier/contract';
import { REACTION_EMOJIS } from '@atelier/contract';
import type { Db } from '../../db/database';
import { avatarUrl } from '../accounts/avatars.content';
import { blockedAmong } from '../moderation/blocks.queries';
import type { NotificationRecord } from './notifications.queries';
import { type PostRecord, reactionsOf, usersByIds } from './posts.queries';
import { excerpt } from './sanitize';
import type { ThreadRecord } from './threads.queries';

const iso = (value: Date) => new Date(value).toISOString();

export function toThread(row: ThreadRecord): Thread {
  return {
    id: row.id,
    spaceId: row.space_id,
    title: row.title,
    postCount: Number(row.post_count),
    lastPostAt: iso(row.last_post_at),
    unreadCount: Number(row.unread_count),
    pinned: row.pinned,
    locked: row.locked,
    createdAt: iso(row.created_at),
    author: { id: row.author_id, displayName: row.author_name },
    following: Boolean(row.following),
  };
}

const emojiOrder = (emoji: string) => REACTION_EMOJIS.indexOf(emoji as ReactionEmoji);

/** Reactions of each post, in the fixed order of the emoji set. */
export async function reactionsByPost(db: Db, postIds: string[], viewerId: string | null) {
  const rows = await reactionsOf(db, postIds, viewerId);
  const byPost = new Map<string, ReactionSummary[]>();
  for (const row of rows.sort((a, b) => emojiOrder(a.emoji) - emojiOrder(b.emoji))) {
    const list = byPost.get(row.post_id) ?? [];
    list.push({ emoji: row.emoji as ReactionEmoji, count: Number(row.count), mine: Boolean(row.mine) });
    byPost.set(row.post_id, list);
  }
  return byPost;
}

/** Whose hidden posts the viewer reads (`canSeeHiddenPost`); by default, only their own. */
export interface PostViewing {
  seesHidden?: (authorId: string) => boolean;
}

/**
 * Posts as the API shows them: reactions for the viewer, mentioned people by name. A post
 * hidden by moderation keeps its body only for whom `seesHidden` says (the thread view asks
 * `canSeeHiddenPost`: its author and the space's moderators); a post whose author the viewer
 * blocked says so.
 */
export async function toPosts(
  db: Db,
  rows: PostRecord[],
  viewerId: string | null,
  viewing: PostViewing = {},
): Promise<Post[]> {
  const ids = rows.map((row) => row.id);
  const mentionIds = [...new Set(rows.flatMap((row) => row.mentions))];
  const [reactions, people, blocked] = await Promise.all([
    reactionsByPost(db, ids, viewerId),
    usersByIds(db, mentionIds),
    viewerId === null
      ? new Set<string>()
      : blockedAmong(
          db,
          viewerId,
          rows.map((row) => row.author_id),
        ),
  ]);
  const names = new Map(people.map((person) => [person.id, person.display_name]));
  const bodyOf = (row: PostRecord) => {
    if (row.deleted_at) return '';
    const seesHidden = viewing.seesHidden ?? ((authorId: string) => authorId === viewerId);
    if (row.hidden_at && !seesHidden(row.author_id)) return '';
    return row.body;
  };
  return rows.map((row) => ({
    id: row.id,
    threadId: row.thread_id,
    author: {
      id: row.author_id,
      displayName: row.author_name,
      avatarUrl: avatarUrl(row.author_id, row.author_avatar_updated_at),
    },
    body: bodyOf(row),
    createdAt: iso(row.created_at),
    editedAt: row.edited_at ? iso(row.edited_at) : null,
    deletedAt: row.deleted_at ? iso(row.deleted_at) : null,
    replyToId: row.reply_to_id,
    quotePostId: row.quote_post_id,
    reactions: reactions.get(row.id) ?? [],
    mentions: row.mentions.flatMap((id) => {
      const displayName = names.get(id);
      return displayName === undefined ? [] : [{ id, displayName }];
    }),
    ...(row.hidden_at && !row.deleted_at ? { hidden: true } : {}),
    ...(blocked.has(row.author_id) ? { authorBlocked: true } : {}),
  }));
}

export async function toPost(db: Db, row: PostRecord, viewerId: string | null): Promise<Post> {
  const [post] = await toPosts(db, [row], viewerId);
  if (!post) throw new Error('unreachable: one row maps to one post');
  return post;
}

export function toNotification(row: NotificationRecord): Notification {
  return {
    id: row.id,
    kind: row.kind,
    actor: { id: row.actor_id, displayName: row.actor_name },
    spaceId: row.space_id,
    threadId: row.thread_id,
    threadTitle: row.thread_title,
    postId: row.post_id,
    // A post hidden by moderation shows nothing of itself, but to its author (told of the decision).
    excerpt: row.post_hidden_at && row.kind !== 'moderation' ? '' : excerpt(row.post_body),
    createdAt: iso(row.created_at),
    readAt: row.read_at ? iso(row.read_at) : null,
    ...(row.kind === 'moderation' && row.moderation_decision
      ? { moderation: { decision: row.moderation_decision, note: row.moderation_note } }
      : {}),
  };
}
