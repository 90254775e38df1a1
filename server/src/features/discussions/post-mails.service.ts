import type { Db } from '../../db/database';
import { canSeeHiddenPost } from '../../policy/moderation.policy';
import { type Actor, canReadThreads } from '../../policy/policy';
import { mailChoicesOf } from '../mail-settings/mail-settings.queries';
import { blockedAmong, blockersAmong } from '../moderation/blocks.queries';
import { queuePostPushes } from '../push/delivery.service';
import { listMembershipsIn } from '../spaces/memberships.queries';
import { toMembershipFacts } from '../spaces/spaces.access';
import { listMembershipsOfUser } from '../spaces/spaces.queries';
import type { DiscussionsDeps } from './discussions.deps';
import type { PostMailItem } from './discussions.mail';
import {
  insertPendingMails,
  listEachModeMembers,
  lockPendingMails,
  markMailed,
  type PendingMailRow,
  type PendingReason,
} from './pending-mails.queries';
import { usersByIds } from './posts.queries';
import { excerpt } from './sanitize';

/**
 * Mail about posts, in two steps. When a post is announced, the people to tell by mail are
 * queued in `pending_mails` — the mentioned and answered who want those mails, and the members
 * who asked for each message of the space — with a job for the person `groupSeconds` later.
 * The first of a person's jobs to run sends all that waits, one mail per list (mentions,
 * replies, a space), and marks it mailed in the same transaction; the jobs of the posts it
 * took find nothing left. Five posts in a minute make one mail.
 */
export async function queueMails(
  deps: Pick<DiscussionsDeps, 'jobs' | 'mailer'>,
  trx: Db,
  input: { postId: string; spaceId: string; rows: Array<{ userId: string; reason: PendingReason }> },
) {
  if (input.rows.length === 0) return;
  const choices = new Map(
    (
      await mailChoicesOf(
        trx,
        input.spaceId,
        input.rows.map((row) => row.userId),
      )
    ).map((row) => [row.id, row]),
  );
  const wanted = input.rows.filter(({ userId, reason }) => {
    const chosen = choices.get(userId);
    if (reason === 'mention') return (chosen?.mentions ?? 'each') === 'each';
    if (reason === 'reply') return (chosen?.replies ?? 'each') === 'each';
    return chosen?.chosen_mode === 'each';
  });
  await insertPendingMails(
    trx,
    wanted.map((row) => ({ ...row, postId: input.postId })),
  );
  for (const { userId } of wanted) {
    await deps.jobs.enqueue(trx, 'discussions.mail', { userId }, { startAfter: deps.mailer.groupSeconds });
  }
  await queuePostPushes(deps.jobs, trx, input.postId, wanted);
}

/** The members who asked for every message of the space and may read it, but the author. */
export async function queueSpaceMails(
  deps: Pick<DiscussionsDeps, 'jobs' | 'mailer'>,
  trx: Db,
  post: {
    postId: string;
    authorId: string;
    spaceId: string;
    space: Parameters<typeof canReadThreads>[1];
  },
) {
  const ids = (await listEachModeMembers(trx, post.spaceId))
    .map((row) => row.user_id)
    .filter((id) => id !== post.authorId);
  const [users, memberships, blockers] = await Promise.all([
    usersByIds(trx, ids),
    listMembershipsIn(trx, post.spaceId, ids),
    blockersAmong(trx, post.authorId, ids),
  ]);
  const membershipOf = new Map(memberships.map((row) => [row.user_id, row]));
  const readers = users.filter(
    (user) =>
      !blockers.has(user.id) &&
      canReadThreads({ id: user.id, role: user.role }, post.space, toMembershipFacts(membershipOf.get(user.id))),
  );
  await queueMails(deps, trx, {
    postId: post.postId,
    spaceId: post.spaceId,
    rows: readers.map((user) => ({ userId: user.id, reason: 'space_post' as const })),
  });
}

const listOf = (row: PendingMailRow) => (row.reason === 'space_post' ? `space:${row.space_id}` : row.reason);

/**
 * The job: what waits for the person, in one transaction with the pending rows locked. Posts
 * deleted since, or in spaces the person may no longer read, are dropped — the policy is asked
 * again at sending time, as rights may have changed during the wait.
 */
export async function sendPendingMails(deps: Pick<DiscussionsDeps, 'db' | 'mailer'>, userId: string) {
  await deps.db.transaction().execute(async (trx) => {
    const [person] = await usersByIds(trx, [userId]);
    const rows = await lockPendingMails(trx, userId);
    if (!person || rows.length === 0) return;
    const actor: Actor = { id: person.id, role: person.role };
    const memberships = new Map((await listMembershipsOfUser(trx, userId)).map((row) => [row.space_id, row]));
    // Someone blocked while the mail waited is dropped too.
    const blocked = await blockedAmong(
      trx,
      userId,
      rows.map((row) => row.author_id),
    );
    const readable = rows.filter((row) => {
      const space = { visibility: row.visibility, joinPolicy: row.join_policy, status: row.status };
      const membership = toMembershipFacts(memberships.get(row.space_id));
      return (
        row.deleted_at === null &&
        !blocked.has(row.author_id) &&
        canReadThreads(actor, space, membership) &&
        // Hidden by moderation while the mail waited: it leaves the mail as it left the thread.
        (row.hidden_at === null || canSeeHiddenPost(actor, space, membership, { authorId: row.author_id }))
      );
    });
    const lists = new Map<string, PendingMailRow[]>();
    for (const row of readable) lists.set(listOf(row), [...(lists.get(listOf(row)) ?? []), row]);
    for (const items of lists.values()) {
      await deps.mailer.sendPosts(trx, {
        to: { id: person.id, email: person.email, displayName: person.display_name, locale: person.locale },
        reason: (items[0] as PendingMailRow).reason,
        items: items.map(toItem),
      });
    }
    await markMailed(
      trx,
      userId,
      rows.map((row) => row.post_id),
    );
  });
}

const toItem = (row: PendingMailRow): PostMailItem => ({
  authorName: row.author_name,
  space: { id: row.space_id, slug: row.space_slug, title: row.space_title },
  thread: { id: row.thread_id, title: row.thread_title },
  postId: row.post_id,
  excerpt: excerpt(row.body, 300),
});
