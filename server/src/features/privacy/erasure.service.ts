import { FORMER_MEMBER_NAME } from '@atelier/contract';
import { actorOnly, authorize } from '../../core/authorize';
import { unauthenticated } from '../../errors';
import { canEraseOwnAccount } from '../../policy/audit.policy';
import type { Actor } from '../../policy/policy';
import { recordAudit } from '../audit/audit.service';
import { removePost } from '../discussions/posts.service';
import { withdrawIn } from '../events/registrations/registrations.service';
import {
  activeRegistrationsOf,
  deleteAddressedRows,
  deletePersonalRoom,
  deleteUser,
  formerMemberId,
  livePostsOf,
  lockUser,
  reassignAuthorship,
  scrubCopies,
  scrubTransmittedQuestions,
} from './erasure.queries';
import { exportKeysOf } from './export.queries';
import type { PrivacyDeps } from './privacy.deps';

/**
 * `DELETE /me` `{ confirm: "SUPPRIMER", deletePosts? }` → 204: the account is erased, in one
 * transaction, so that it is either all done or not at all:
 *
 * 1. the audit entry `erasure`, with the name at that moment (then the only row naming them);
 * 2. every seat and waitlist place cancelled as if withdrawn by hand — the waitlist promoted
 *    and mailed, the seats announced;
 * 3. posts deleted as their author deletes them when asked (`deletePosts`);
 * 4. threads, posts, documents, files, links and questions others rely on moved to the one
 *    « ancien·ne membre » account; mentions of the person removed, and their name in the posts
 *    quoting their transmitted questions replaced;
 * 5. mail to their address, invitations to it and replies from it deleted; their name and id
 *    in stored realtime events and others' mails replaced by the former member's, their own
 *    realtime room's events deleted;
 * 6. the `users` row deleted: sessions, mailed links, identities at OpenID providers, calendar feeds, push devices, reply
 *    addresses, memberships, reactions, votes, settings and exports cascade, and the
 *    directory's search entry goes with it (its trigger).
 *
 * After the commit: live connections are closed, the avatar and export ZIPs leave the storage.
 */
export async function eraseAccount(deps: PrivacyDeps, input: { actor: Actor; deletePosts: boolean }): Promise<void> {
  authorize(actorOnly(input.actor, 'account'), canEraseOwnAccount(input.actor));
  const userId = input.actor!.id;
  const storedKeys = await deps.transaction(async (trx, publish) => {
    const person = await lockUser(trx, userId);
    // Erased meanwhile (another tab): this session no longer names anyone.
    if (!person) throw unauthenticated();
    await recordAudit(trx, {
      actorId: userId,
      action: 'erasure',
      subjectType: 'user',
      subjectId: userId,
      targetUserId: userId,
      details: { deletePosts: input.deletePosts },
    });
    for (const { event_id: eventId } of await activeRegistrationsOf(trx, userId)) {
      await withdrawIn(deps.events, trx, publish, eventId, userId);
    }
    if (input.deletePosts) {
      for (const post of await livePostsOf(trx, userId)) {
        await removePost(trx, publish, {
          spaceId: post.space_id,
          threadId: post.thread_id,
          postId: post.id,
          deletedBy: userId,
        });
      }
    }
    const formerId = await formerMemberId(trx);
    await scrubTransmittedQuestions(trx, { id: userId, name: person.display_name }, FORMER_MEMBER_NAME);
    await reassignAuthorship(trx, userId, formerId);
    await deleteAddressedRows(trx, person.email);
    const keys = [
      ...(person.avatar_key ? [person.avatar_key] : []),
      ...(await exportKeysOf(trx, userId)).map((row) => row.storage_key as string),
    ];
    await deletePersonalRoom(trx, userId);
    await deleteUser(trx, userId);
    // Last: the events published above (seats, deleted posts) are scrubbed too.
    await scrubCopies(
      trx,
      { id: userId, name: person.display_name, email: person.email },
      { id: formerId, name: FORMER_MEMBER_NAME },
    );
    return keys;
  });
  await deps.accessChanged({ scope: 'user', userId });
  for (const key of storedKeys) await deps.storage.delete(key);
}
