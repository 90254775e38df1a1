import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, lineText, paginated } from './common';
import { PersonRefSchema, PersonWithAvatarSchema } from './spaces';

/**
 * Discussions: threads in a space, posts with replies and quotes, edits with history, soft
 * deletes, reactions, read positions, follows and notifications. Bodies travel as HTML; the
 * server keeps only a safe subset (p, br, strong, em, ul, ol, li, a[href], blockquote, code,
 * pre) and returns the sanitized HTML, which is what clients display.
 */

/** Most characters of HTML a post body may carry before sanitising; more → 413 `post_too_large`. */
export const POST_BODY_MAX_CHARS = 20_000;
/** Longest thread title, after trimming; more → 400 `invalid_input`. */
export const THREAD_TITLE_MAX_CHARS = 200;

/** The small fixed set of reactions. */
export const REACTION_EMOJIS = ['👍', '❤️', '🎉', '💡', '🙏', '👀'] as const;
export const ReactionEmojiSchema = z.enum(REACTION_EMOJIS);
export type ReactionEmoji = z.infer<typeof ReactionEmojiSchema>;

/** Header `Idempotency-Key` of creating requests: the same key from the same user returns the first result. */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });

/**
 * Unread counts stop at this number, so that counting never costs more than a page: a count
 * equal to it reads "this many or more".
 */
export const UNREAD_COUNT_MAX = 100;

export const ThreadSchema = z.object({
  id: IdSchema,
  spaceId: IdSchema,
  title: z.string(),
  /** Posts not deleted, the first one included. */
  postCount: z.number().int().nonnegative(),
  lastPostAt: IsoDateTimeSchema,
  /**
   * Posts after the caller's read position, up to `UNREAD_COUNT_MAX` (0 for anonymous visitors
   * and for one's own posts).
   */
  unreadCount: z.number().int().nonnegative(),
  pinned: z.boolean(),
  locked: z.boolean(),
  createdAt: IsoDateTimeSchema,
  author: PersonRefSchema,
  /** The caller gets notifications of new posts here (posted in it, or followed it). */
  following: z.boolean(),
});
export type Thread = z.infer<typeof ThreadSchema>;

export const ReactionSummarySchema = z.object({
  emoji: ReactionEmojiSchema,
  count: z.number().int().positive(),
  /** The caller reacted with this emoji. */
  mine: z.boolean(),
});
export type ReactionSummary = z.infer<typeof ReactionSummarySchema>;

export const PostSchema = z.object({
  id: IdSchema,
  threadId: IdSchema,
  author: PersonWithAvatarSchema,
  /** Sanitized HTML, safe to display; empty string once deleted. */
  body: z.string(),
  createdAt: IsoDateTimeSchema,
  editedAt: IsoDateTimeSchema.nullable(),
  deletedAt: IsoDateTimeSchema.nullable(),
  /** The post this one answers, in the same thread. */
  replyToId: IdSchema.nullable(),
  /** The post this one quotes, in the same thread. */
  quotePostId: IdSchema.nullable().optional(),
  reactions: z.array(ReactionSummarySchema),
  /** Members of the space named with @displayName in the body. */
  mentions: z.array(PersonRefSchema),
  /**
   * Hidden by moderation (pending review after flags, or by a moderator's decision). The body
   * is then empty for everyone but its author and the space's moderators, who still read it.
   */
  hidden: z.boolean().optional(),
  /** The reader blocked its author: the client collapses it (« Afficher » shows it). Per reader. */
  authorBlocked: z.boolean().optional(),
});
export type Post = z.infer<typeof PostSchema>;

export const PostListSchema = paginated(PostSchema);
export const ThreadListSchema = paginated(ThreadSchema);
export type ThreadList = z.infer<typeof ThreadListSchema>;

const postBody = z.string().max(1_000_000);

/** `POST /api/spaces/:slug/threads` → 201 `{ thread, post }`. */
export const ThreadCreateBodySchema = z.strictObject({
  title: lineText(THREAD_TITLE_MAX_CHARS),
  /** HTML; sanitized. Empty after sanitising → 400 `post_empty`; too long → 413 `post_too_large`. */
  body: postBody,
});
export type ThreadCreateBody = z.infer<typeof ThreadCreateBodySchema>;
export const ThreadCreatedSchema = z.object({ thread: ThreadSchema, post: PostSchema });

/** `POST /api/threads/:id/posts` → 201 `{ post }`; locked thread → 409 `thread_locked`. */
export const PostCreateBodySchema = z.strictObject({
  body: postBody,
  replyToId: IdSchema.optional(),
  quotePostId: IdSchema.optional(),
});
export type PostCreateBody = z.infer<typeof PostCreateBodySchema>;

/** `PATCH /api/posts/:id` (author) → `{ post }`; the previous body is kept as a revision. */
export const PostEditBodySchema = z.strictObject({ body: postBody });
export type PostEditBody = z.infer<typeof PostEditBodySchema>;
export const PostResponseSchema = z.object({ post: PostSchema });

/** `GET /api/posts/:id/revisions` → earlier bodies, newest first. */
export const PostRevisionSchema = z.object({
  id: IdSchema,
  body: z.string(),
  /** When this body was written (the post's creation or an earlier edit). */
  createdAt: IsoDateTimeSchema,
  /** When it was replaced by the next version. */
  replacedAt: IsoDateTimeSchema,
});
export type PostRevision = z.infer<typeof PostRevisionSchema>;
export const PostRevisionListSchema = z.object({ items: z.array(PostRevisionSchema) });

/** `PATCH /api/threads/:id` (animateur·ices, admins) → `{ thread }`. */
export const ThreadUpdateBodySchema = z
  .strictObject({
    title: lineText(THREAD_TITLE_MAX_CHARS).optional(),
    pinned: z.boolean().optional(),
    locked: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'nothing to update');
export type ThreadUpdateBody = z.infer<typeof ThreadUpdateBodySchema>;
export const ThreadResponseSchema = z.object({ thread: ThreadSchema });

/** `GET /api/threads/:id?cursor&limit` — posts oldest first. */
export const ThreadDetailSchema = z.object({
  thread: ThreadSchema,
  posts: PostListSchema,
  /** The first post after the caller's read position ("jump to the first unread"), or null. */
  firstUnreadPostId: IdSchema.nullable(),
});
export type ThreadDetail = z.infer<typeof ThreadDetailSchema>;

export const ListQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** `PUT|DELETE /api/posts/:id/reactions/:emoji` → `{ reactions }` of the post. Idempotent. */
export const ReactionParamsSchema = z.object({ id: IdSchema, emoji: ReactionEmojiSchema });
export const ReactionsResponseSchema = z.object({ reactions: z.array(ReactionSummarySchema) });

/** `POST /api/threads/:id/read` → 204. A position never moves backwards. */
export const ReadBodySchema = z.strictObject({ lastReadPostId: IdSchema });
export type ReadBody = z.infer<typeof ReadBodySchema>;

/** `GET /api/me/unread` — unread posts per space the caller belongs to, each up to `UNREAD_COUNT_MAX`. */
export const UnreadSummarySchema = z.object({
  spaces: z.array(z.object({ spaceId: IdSchema, unreadCount: z.number().int().nonnegative() })),
});
export type UnreadSummary = z.infer<typeof UnreadSummarySchema>;

/**
 * `moderation`: a moderator decided on one's flagged post (the actor is the moderator).
 * `question_transmitted`: an event's question was posted in a space's thread (the actor is who
 * transmitted it), told to the space's animateur·ices and to the person who asked.
 */
export const NotificationKindSchema = z.enum(['mention', 'reply', 'thread_post', 'moderation', 'question_transmitted']);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NotificationSchema = z.object({
  id: IdSchema,
  kind: NotificationKindSchema,
  /** Who wrote the post. */
  actor: PersonRefSchema,
  spaceId: IdSchema,
  threadId: IdSchema,
  threadTitle: z.string(),
  postId: IdSchema,
  /** A short plain-text extract of the post. */
  excerpt: z.string(),
  createdAt: IsoDateTimeSchema,
  readAt: IsoDateTimeSchema.nullable(),
  /** Kind `moderation`: what was decided, and the moderator's note to the author. */
  moderation: z.object({ decision: z.enum(['keep', 'hide', 'delete']), note: z.string().nullable() }).optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;

/** `GET /api/notifications?cursor&limit` — newest first, with the number still unread. */
export const NotificationListSchema = paginated(NotificationSchema).extend({
  unreadCount: z.number().int().nonnegative(),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;
