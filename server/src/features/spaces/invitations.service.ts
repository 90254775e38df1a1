import {
  FantasticRoleSchema,
  type Invitation,
  type InvitationAcceptBody,
  type InvitationPreview,
  type Membership,
  type MembershipRole,
  type OpenInvitation,
  type SpaceSummary,
} from '@atelier/contract';
import { authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { AppError, forbidden, unauthenticated } from '../../errors';
import { type Actor, canInviteToSpace, decideInvitationAcceptance } from '../../policy/policy';
import { findUserByEmail, findUserById } from '../accounts/accounts.queries';
import { insertAccount } from '../accounts/accounts.service';
import { hashPassword } from '../accounts/passwords';
import { takeVacantSeat } from '../territories/territories.queries';
import {
  applyInvitedProfile,
  consumeInvitation,
  createInvitation,
  findLiveInvitation,
  findOpenInvitation,
  type InvitedProfile,
  listOpenInvitations,
  revokeOpenInvitation,
} from './invitations.queries';
import { findMembership, insertMembership, updateMembership } from './memberships.queries';
import { loadSpaceContext, spaceArchived } from './spaces.access';
import type { SpacesMailer } from './spaces.mail';
import { countActiveMembers, findSpaceById } from './spaces.queries';
import { toSummary } from './spaces.service';

export interface InvitationsDeps {
  db: Db;
  mailer: SpacesMailer;
}

const VALID_DAYS = 14;
const invalidToken = () => new AppError('invalid_token', 'this invitation has expired or was already used');

/**
 * `POST /spaces/:slug/invitations`: mails a one-time link to the address. Inviting someone
 * who already belongs is a 409 `already_member`; a pending request may be answered by an
 * invitation (accepting it lets them in).
 */
export async function inviteToSpace(
  deps: InvitationsDeps,
  input: { actor: Actor; slug: string; email: string; role?: MembershipRole | undefined },
): Promise<Invitation> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canInviteToSpace(context.actor, context.facts, context.membership));
  if (context.space.status === 'archived') throw spaceArchived();
  const email = input.email.toLowerCase();
  const role = input.role ?? 'membre';
  const [invitee, inviter] = await Promise.all([
    findUserByEmail(deps.db, email),
    findUserById(deps.db, context.actor!.id),
  ]);
  if (invitee) {
    const membership = await findMembership(deps.db, context.space.id, invitee.id);
    if (membership?.status === 'active') {
      throw new AppError('already_member', 'this person already belongs to the space');
    }
  }
  const inviterName = inviter?.display_name ?? 'Atelier des transitions';
  const invitation = await deps.db.transaction().execute((trx) =>
    issueInvitation(trx, deps.mailer, {
      space: context.space,
      email,
      role,
      inviter: { id: context.actor!.id, name: inviterName },
      recipient: { displayName: invitee?.display_name ?? null, locale: invitee?.locale ?? 'fr' },
    }),
  );
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    invitedBy: inviter ? { id: inviter.id, displayName: inviter.display_name } : null,
    createdAt: invitation.created_at.toISOString(),
    expiresAt: invitation.expires_at.toISOString(),
  };
}

/**
 * Writes the invitation and its mail in the caller's transaction: the mail leaves (from the
 * outbox) exactly when the invitation exists.
 */
export async function issueInvitation(
  trx: Db,
  mailer: SpacesMailer,
  input: {
    space: { id: string; slug: string; title: string };
    email: string;
    role: MembershipRole;
    inviter: { id: string; name: string };
    recipient: { displayName: string | null; locale: 'fr' | 'en' };
    profile?: InvitedProfile;
  },
) {
  const created = await createInvitation(trx, {
    spaceId: input.space.id,
    email: input.email,
    role: input.role,
    invitedBy: input.inviter.id,
    ttlMs: VALID_DAYS * 24 * 60 * 60 * 1000,
    profile: input.profile,
  });
  await mailer.sendInvitation(
    trx,
    { email: input.email, ...input.recipient },
    {
      space: input.space,
      inviterName: input.inviter.name,
      role: input.role,
      token: created.token,
      validDays: VALID_DAYS,
    },
  );
  return created;
}

type OpenInvitationRow = Awaited<ReturnType<typeof listOpenInvitations>>[number];

const toOpenInvitation = (row: OpenInvitationRow): OpenInvitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  displayName: row.display_name,
  invitedBy: row.inviter_id && row.inviter_name ? { id: row.inviter_id, displayName: row.inviter_name } : null,
  createdAt: row.created_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
});

/** The space, for those who may invite to it (animateur·ices, admins); 404/403 otherwise. */
async function loadInvitingContext(db: Db, actor: Actor, slug: string) {
  const context = await loadSpaceContext(db, { slug }, actor);
  authorize(context, canInviteToSpace(context.actor, context.facts, context.membership));
  return context;
}

/** `GET /spaces/:slug/invitations`: who was invited and has not come yet. */
export async function listInvitations(deps: Pick<InvitationsDeps, 'db'>, input: { actor: Actor; slug: string }) {
  const context = await loadInvitingContext(deps.db, input.actor, input.slug);
  return { items: (await listOpenInvitations(deps.db, context.space.id)).map(toOpenInvitation) };
}

/** A reminder at most once a day per person: a new link, the earlier one stops working. */
const REMIND_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * `POST /spaces/:slug/invitations/:id/remind`: mails the person a new link (valid 14 days
 * again) with the same role and profile; 409 when the last one left less than a day ago.
 */
export async function remindInvitation(deps: InvitationsDeps, input: { actor: Actor; slug: string; id: string }) {
  const context = await loadInvitingContext(deps.db, input.actor, input.slug);
  if (context.space.status === 'archived') throw spaceArchived();
  const open = await findOpenInvitation(deps.db, context.space.id, input.id);
  if (!open) throw new AppError('not_found', 'no such open invitation');
  if (Date.now() - open.created_at.getTime() < REMIND_AFTER_MS) {
    throw new AppError('conflict', 'this person was invited less than a day ago');
  }
  const [inviter, invitee] = await Promise.all([
    findUserById(deps.db, context.actor!.id),
    findUserByEmail(deps.db, open.email),
  ]);
  const created = await deps.db.transaction().execute((trx) =>
    issueInvitation(trx, deps.mailer, {
      space: context.space,
      email: open.email,
      role: open.role,
      inviter: { id: context.actor!.id, name: inviter?.display_name ?? 'Atelier des transitions' },
      recipient: { displayName: invitee?.display_name ?? open.display_name, locale: invitee?.locale ?? 'fr' },
      profile: {
        displayName: open.display_name,
        organisation: open.organisation_name,
        territory: open.territory,
        fantasticRole: FantasticRoleSchema.safeParse(open.fantastic_role).data ?? null,
        territoryId: open.territory_id,
      },
    }),
  );
  const row = await findOpenInvitation(deps.db, context.space.id, created.id);
  return { invitation: toOpenInvitation(row!) };
}

/** `DELETE /spaces/:slug/invitations/:id`: the link stops working at once. */
export async function revokeInvitation(
  deps: Pick<InvitationsDeps, 'db'>,
  input: { actor: Actor; slug: string; id: string },
) {
  const context = await loadInvitingContext(deps.db, input.actor, input.slug);
  if (!(await revokeOpenInvitation(deps.db, context.space.id, input.id))) {
    throw new AppError('not_found', 'no such open invitation');
  }
}

async function loadInvitation(db: Db, token: string) {
  const invitation = await findLiveInvitation(db, token);
  if (!invitation) throw invalidToken();
  const space = await findSpaceById(db, invitation.space_id);
  if (!space) throw invalidToken();
  return { invitation, space };
}

/**
 * `GET /invitations/:token`: what the invitation page shows. Holding the link is what proves
 * the right to read it (it was mailed to that address), so no session is needed.
 */
export async function previewInvitation(deps: Pick<InvitationsDeps, 'db'>, token: string): Promise<InvitationPreview> {
  const { invitation, space } = await loadInvitation(deps.db, token);
  const account = await findUserByEmail(deps.db, invitation.email);
  return {
    invitation: {
      space: { id: space.id, slug: space.slug, title: space.title, kind: space.kind },
      invitedBy: invitation.inviter_id
        ? { id: invitation.inviter_id, displayName: invitation.inviter_name ?? '' }
        : null,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expires_at.toISOString(),
      accountExists: account !== undefined,
    },
  };
}

export interface AcceptResult {
  space: SpaceSummary;
  membership: Membership;
  /** The account created while accepting; the route signs it in. */
  createdUser: UserRow | null;
}

function accountFields(body: InvitationAcceptBody) {
  const missing: Record<string, string[]> = {};
  if (!body?.displayName) missing['body.displayName'] = ['required to create your account'];
  if (!body?.password) missing['body.password'] = ['required to create your account'];
  if (body?.acceptCharter !== true) missing['body.acceptCharter'] = ['the charter must be accepted'];
  if (Object.keys(missing).length > 0 || !body?.displayName || !body.password) {
    throw new AppError('invalid_input', 'create your account to accept', missing);
  }
  return { displayName: body.displayName, password: body.password, locale: body.locale };
}

/**
 * `POST /invitations/:token/accept`. Only the invited address may accept (policy); a visitor
 * without an account creates it here. The account, the membership and the use of the token
 * are one transaction: a token used concurrently, or a failure half-way, leaves no account
 * and no membership behind.
 */
export async function acceptInvitation(
  deps: InvitationsDeps,
  input: { signedIn: Pick<UserRow, 'id' | 'email'> | null; token: string; body: InvitationAcceptBody },
): Promise<AcceptResult> {
  const { invitation, space } = await loadInvitation(deps.db, input.token);
  const existing = input.signedIn ? undefined : await findUserByEmail(deps.db, invitation.email);
  const decision = decideInvitationAcceptance(input.signedIn, {
    email: invitation.email,
    accountExists: existing !== undefined,
  });
  if (decision === 'wrong_account') throw forbidden('this invitation was sent to another email address');
  if (decision === 'sign_in_first') throw unauthenticated();
  if (space.status === 'archived') throw spaceArchived();
  const account = decision === 'create_account' ? accountFields(input.body) : null;
  const passwordHash = account ? await hashPassword(account.password) : null;

  return deps.db.transaction().execute(async (trx) => {
    const createdUser =
      account && passwordHash ? await insertAccount(trx, { email: invitation.email, passwordHash, ...account }) : null;
    if (createdUser && (invitation.organisation_name || invitation.territory || invitation.fantastic_role)) {
      await applyInvitedProfile(trx, createdUser.id, invitation);
    }
    const userId = createdUser?.id ?? input.signedIn!.id;
    const used = await consumeInvitation(trx, invitation.id, userId);
    if (!used) throw invalidToken();
    const membership = await joinByInvitation(trx, space.id, userId, used);
    const role = FantasticRoleSchema.safeParse(invitation.fantastic_role).data;
    if (invitation.territory_id && role) await takeVacantSeat(trx, invitation.territory_id, role, space.id, userId);
    const summary = toSummary(space, await countActiveMembers(trx, space.id));
    return { space: summary, membership, createdUser };
  });
}

/**
 * Lets the invited person in with the invitation's role. A pending request becomes active; an
 * existing member keeps their membership, promoted if they were invited as animateur·ice.
 */
async function joinByInvitation(
  trx: Db,
  spaceId: string,
  userId: string,
  invitation: { role: MembershipRole; invited_by: string | null },
): Promise<Membership> {
  const current = await findMembership(trx, spaceId, userId);
  if (!current) {
    const row = await insertMembership(trx, {
      spaceId,
      userId,
      role: invitation.role,
      status: 'active',
      decidedBy: invitation.invited_by,
    });
    if (row) return { status: row.status, role: row.role };
  }
  const role = current?.role === 'animateur' || invitation.role === 'animateur' ? 'animateur' : 'membre';
  const activate = current?.status !== 'active';
  const row = await updateMembership(trx, spaceId, userId, {
    role,
    ...(activate ? { status: 'active' as const, decidedBy: invitation.invited_by } : {}),
  });
  return { status: row!.status, role: row!.role };
}
