import type { FantasticRole } from '@atelier/contract';
import { hashSecret, newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';

/** What a bulk invitation knows of the person; the account created from it starts with it. */
export interface InvitedProfile {
  displayName: string | null;
  organisation: string | null;
  territory: string | null;
  fantasticRole: FantasticRole | null;
  /** The accompanied territory the CSV named by its code: accepting takes its vacant seat. */
  territoryId?: string | null;
}

/** People of these addresses who are active members of the space already. */
export const findActiveMemberEmails = (db: Db, spaceId: string, emails: string[]) =>
  emails.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .innerJoin('memberships', 'memberships.user_id', 'users.id')
        .select('users.email')
        .where('memberships.space_id', '=', spaceId)
        .where('memberships.status', '=', 'active')
        .where('users.email', 'in', emails)
        .execute();

/** Addresses invited to the space since `since` whose invitation is still open. */
export const findOpenInvitationEmails = (db: Db, spaceId: string, emails: string[], since: Date) =>
  emails.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('space_invitations')
        .select('email')
        .where('space_id', '=', spaceId)
        .where('email', 'in', emails)
        .where('created_at', '>', since)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', new Date())
        .execute();

/**
 * Creates an invitation and returns its secret (sent by mail, never stored). Earlier open
 * invitations of the same person to the same space stop working: only the newest link counts.
 */
export async function createInvitation(
  db: Db,
  values: {
    spaceId: string;
    email: string;
    role: 'animateur' | 'membre';
    invitedBy: string;
    ttlMs: number;
    profile?: InvitedProfile | undefined;
  },
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
      display_name: values.profile?.displayName ?? null,
      organisation_name: values.profile?.organisation ?? null,
      territory: values.profile?.territory ?? null,
      fantastic_role: values.profile?.fantasticRole ?? null,
      territory_id: values.profile?.territoryId ?? null,
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
      'space_invitations.organisation_name',
      'space_invitations.territory',
      'space_invitations.fantastic_role',
      'space_invitations.territory_id',
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

/** The profile a bulk invitation carried, on the account just created from it. */
export const applyInvitedProfile = (
  db: Db,
  userId: string,
  profile: { organisation_name: string | null; territory: string | null; fantastic_role: string | null },
) =>
  db
    .updateTable('users')
    .set({
      organisation_name: profile.organisation_name,
      territory: profile.territory,
      fantastic_role: profile.fantastic_role,
    })
    .where('id', '=', userId)
    .execute();

/** The space's invitations not used and not expired, with who sent them. */
const openInvitations = (db: Db, spaceId: string) =>
  db
    .selectFrom('space_invitations')
    .leftJoin('users as inviter', 'inviter.id', 'space_invitations.invited_by')
    .select([
      'space_invitations.id',
      'space_invitations.email',
      'space_invitations.role',
      'space_invitations.display_name',
      'space_invitations.organisation_name',
      'space_invitations.territory',
      'space_invitations.fantastic_role',
      'space_invitations.territory_id',
      'space_invitations.created_at',
      'space_invitations.expires_at',
      'inviter.id as inviter_id',
      'inviter.display_name as inviter_name',
    ])
    .where('space_invitations.space_id', '=', spaceId)
    .where('space_invitations.accepted_at', 'is', null)
    .where('space_invitations.expires_at', '>', new Date());

/** The open invitations, newest first. */
export const listOpenInvitations = (db: Db, spaceId: string) =>
  openInvitations(db, spaceId).orderBy('space_invitations.created_at', 'desc').limit(2000).execute();

export const findOpenInvitation = (db: Db, spaceId: string, id: string) =>
  openInvitations(db, spaceId).where('space_invitations.id', '=', id).executeTakeFirst();

/** Ends an open invitation of the space now; false when there was none. */
export async function revokeOpenInvitation(db: Db, spaceId: string, id: string): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable('space_invitations')
    .set({ expires_at: now })
    .where('id', '=', id)
    .where('space_id', '=', spaceId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
