import type {
  JoinPolicy,
  Member,
  Membership,
  MembershipRole,
  PersonRef,
  SpacePermissions,
  SpaceSummary,
} from '@atelier/contract';

/**
 * What the membership area of a space page offers, decided from the server's answer alone
 * (membership, join policy, permissions): the client never re-decides access, it only picks
 * the words and the button.
 */
export type MembershipAction =
  /** "Rejoindre": an open space, or any space for an admin. */
  | { kind: 'join' }
  /** "Demander à rejoindre": the animateur·ices decide. */
  | { kind: 'request' }
  /** A visitor: sign in first, then join or ask. */
  | { kind: 'signIn'; policy: Exclude<JoinPolicy, 'invite'> }
  /** "Demande envoyée — en attente", with "Annuler la demande". */
  | { kind: 'pending' }
  /** An active member, who may always leave (the last animateur·ice names a successor). */
  | { kind: 'member'; role: MembershipRole }
  /** "Sur invitation": nobody joins by themselves. */
  | { kind: 'inviteOnly' }
  /** Archived: nobody joins any more. */
  | { kind: 'archived' }
  /** Nothing to offer (e.g. the server refuses for a reason the page cannot act on). */
  | { kind: 'none' };

export interface MembershipInput {
  signedIn: boolean;
  isAdmin: boolean;
  space: Pick<SpaceSummary, 'joinPolicy' | 'status'>;
  membership: Membership | null;
  permissions: Pick<SpacePermissions, 'join'>;
}

export function membershipAction(input: MembershipInput): MembershipAction {
  const { space, membership, permissions } = input;
  // The membership decides first: right after an optimistic join the permissions still
  // describe the visitor until the server's fresh answer arrives.
  if (membership?.status === 'active') return { kind: 'member', role: membership.role };
  if (membership?.status === 'pending') return { kind: 'pending' };
  if (space.status === 'archived') return { kind: 'archived' };
  if (!input.signedIn) {
    return space.joinPolicy === 'invite' ? { kind: 'inviteOnly' } : { kind: 'signIn', policy: space.joinPolicy };
  }
  if (permissions.join) {
    // The server lets admins in at once whatever the policy; everyone else asks when asked to.
    return space.joinPolicy === 'request' && !input.isAdmin ? { kind: 'request' } : { kind: 'join' };
  }
  if (space.joinPolicy === 'invite') return { kind: 'inviteOnly' };
  return { kind: 'none' };
}

/** The membership the server is about to create, shown at once while the request travels. */
export function expectedMembership(policy: JoinPolicy, isAdmin: boolean): Membership {
  return { status: policy === 'open' || isAdmin ? 'active' : 'pending', role: 'membre' };
}

/** The member count as it will be once this membership change is done. */
export function countAfter(count: number, before: Membership | null, after: Membership | null): number {
  const active = (membership: Membership | null) => (membership?.status === 'active' ? 1 : 0);
  return Math.max(0, count + active(after) - active(before));
}

/**
 * How leaving goes: withdrawing a request, a plain leave, or — for the last active
 * animateur·ice — naming a successor first (the server refuses otherwise).
 */
export type LeavePlan = 'cancelRequest' | 'leave' | 'chooseSuccessor';

export function leavePlan(membership: Membership, animateurs: PersonRef[], meId: string): LeavePlan {
  if (membership.status === 'pending') return 'cancelRequest';
  if (membership.role !== 'animateur') return 'leave';
  return animateurs.some((person) => person.id !== meId) ? 'leave' : 'chooseSuccessor';
}

/** Whether taking this person out of the animateur·ices (removal or demotion) leaves none. */
export function isLastAnimateur(userId: string, animateurs: PersonRef[]): boolean {
  return animateurs.length > 0 && animateurs.every((person) => person.id === userId);
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/**
 * Who may take over from a departing animateur·ice: any other active member, by name. An
 * empty list means nobody can: the space would be left without anyone to run it.
 */
export function successorCandidates(members: Member[], leavingId: string): Member[] {
  return members
    .filter((member) => member.status === 'active' && member.user.id !== leavingId)
    .sort(
      (a, b) =>
        Number(b.role === 'animateur') - Number(a.role === 'animateur') ||
        collator.compare(a.user.displayName, b.user.displayName),
    );
}
