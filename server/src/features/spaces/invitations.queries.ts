import { hashSecret, newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';

/**
 * Creates an invitation and returns its secret (sent by mail, never stored). Earlier open
 * invitations of the same person to the same space stop working: only the newest link counts.
 */
export async function createInvitation(
  db: Db,
  values: { spaceId: string; email: string; role: 'animateur' | 'membre'; invitedBy: string; ttlMs: number },
) {
  const now = new Date();
  await db
    .updateTable('space_invitations')
    .set({ expires_at: now })
    .where('space_id', '=', values.spaceId)
    .where('email', '=', values.email)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  const token = newSecret();
  const row = await db
    .insertInto('space_invitations')
    .values({
      space_id: values.spaceId,
      email: values.email,
      role: values.role,
      token_hash: hashSecret(token),
      invited_by: values.invitedBy,
      expires_at: new Date(now.getTime() + values.ttlMs),
    })
    .returning(['id', 'email', 'role', 'created_at', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** A live invitation (not used, not expired) by its link secret, with its space and inviter. */
export const findLiveInvitation = (db: Db, token: string) =>
  db
    .selectFrom('space_invitations')
    .innerJoin('spaces', 'spaces.id', 'space_invitations.space_id')
    .leftJoin('users as inviter', 'inviter.id', 'space_invitations.invited_by')
    .select([
      'space_invitations.id',
      'space_invitations.email',
      'space_invitations.role',
      'space_invitations.expires_at',
      'space_invitations.created_at',
      'space_invitations.space_id',
      'inviter.id as inviter_id',
      'inviter.display_name as inviter_name',
    ])
    .where('space_invitations.token_hash', '=', hashSecret(token))
    .where('space_invitations.accepted_at', 'is', null)
    .where('space_invitations.expires_at', '>', new Date())
    .executeTakeFirst();

/**
 * Marks the invitation used — atomically, so two clicks on the same link cannot both accept.
 * Returns undefined when it was already used or has expired meanwhile.
 */
export const consumeInvitation = (db: Db, id: string, userId: string) =>
  db
    .updateTable('space_invitations')
    .set({ accepted_at: new Date(), accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['id', 'space_id', 'role', 'invited_by'])
    .executeTakeFirst();
