import type { JoinRequest, Member, Membership, MemberUser, MySpace } from '@atelier/contract';
import { z } from 'zod';
import { authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { AppError, notFound, unauthenticated } from '../../errors';
import type { AccessChange } from '../../plugins/access';
import {
  type Actor,
  canDecideJoinRequests,
  canLeaveSpace,
  canListSpace,
  canManageMembers,
  canSeeMembers,
  canSeeOwnSpaces,
  decideJoin,
} from '../../policy/policy';
import { findUserById } from '../accounts/accounts.queries';
import { recordAudit } from '../audit/audit.service';
import { vacateSeatsOutsideSpaces } from '../territories/territories.queries';
import {
  activatePendingMembership,
  claimJoinRequestNotice,
  countActiveAnimateurs,
  deleteMembership,
  findMember,
  findMembership,
  insertMembership,
  listAnimateurContacts,
  listMembershipsWithSpaces,
  listMembersPage,
  type MemberPosition,
  type MemberRecord,
  updateMembership,
} from './memberships.queries';
import { loadSpaceContext, notMember, type SpaceContext, spaceArchived } from './spaces.access';
import type { SpacesMailer } from './spaces.mail';
import { lockSpace } from './spaces.queries';
import { compareSpaces, toSummary } from './spaces.service';

export interface MembershipsDeps {
  db: Db;
  mailer: SpacesMailer;
  /** Announces a committed change that may narrow access (`plugins/access.ts`). */
  accessChanged(change: AccessChange): Promise<void>;
}

const lastAnimateur = () =>
  new AppError('last_animateur', 'the last animateur must name a successor (an active member) before leaving');

const toMemberUser = (row: MemberRecord): MemberUser => ({
  id: row.id,
  displayName: row.display_name,
  organisationName: row.organisation_name,
  organisationKind: row.organisation_kind as MemberUser['organisationKind'],
  territory: row.territory,
  fantasticRole: row.fantastic_role as MemberUser['fantasticRole'],
});

/** Active members joined when they were let in; a pending request dates from when it was made. */
const joinedAt = (row: { status: string; created_at: Date; decided_at: Date | null }) =>
  (row.status === 'active' ? (row.decided_at ?? row.created_at) : row.created_at).toISOString();

const toMember = (row: MemberRecord): Member => ({
  user: toMemberUser(row),
  role: row.role,
  status: row.status,
  joinedAt: joinedAt(row),
});

const MemberCursorSchema: z.ZodType<MemberPosition> = z.strictObject({
  rank: z.number().int().min(0).max(1),
  name: z.string().max(400),
  at: z.string().max(64),
  id: z.string().refine(isUuid),
});

async function page(db: Db, spaceId: string, status: 'active' | 'pending', query: { cursor?: string; limit?: number }) {
  const after = decodeCursor(query.cursor, MemberCursorSchema);
  const limit = query.limit ?? 100;
  const rows = await listMembersPage(db, spaceId, status, { after, limit });
  return pageOf(rows, limit, (last) => ({
    rank: Number(last.sort_rank),
    name: last.sort_name,
    at: last.sort_at,
    id: last.id,
  }));
}

/**
 * `POST /spaces/:slug/join`: active at once (open), pending (request), or refused. Asking
 * again (a double click, a second tab) answers with the membership one already has.
 */
export async function joinSpace(deps: MembershipsDeps, input: { actor: Actor; slug: string }): Promise<Membership> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  const decision = decideJoin(context.actor, context.facts, context.membership);
  if (!decision.allowed) {
    if (decision.reason === 'not_found') throw notFound('space');
    if (decision.reason === 'already_member' && context.membership) {
      return { status: context.membership.status, role: context.membership.role };
    }
    throw new AppError(decision.reason);
  }
  const actor = context.actor!;
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertMembership(trx, {
      spaceId: context.space.id,
      userId: actor.id,
      role: 'membre',
      status: decision.status,
    });
    // Another request of the same person got there first: one membership, theirs.
    if (!row) {
      const existing = await findMembership(trx, context.space.id, actor.id);
      if (!existing) throw new AppError('conflict', 'the membership changed meanwhile, try again');
      return { status: existing.status, role: existing.role };
    }
    if (row.status === 'pending') await tellAnimateurs(trx, deps.mailer, context, actor.id);
    return { status: row.status, role: row.role };
  });
}

/** A request, withdrawn and made again, mails the animateur·ices once an hour at most. */
const JOIN_REQUEST_MAIL_INTERVAL_MS = 60 * 60 * 1000;

async function tellAnimateurs(db: Db, mailer: SpacesMailer, context: SpaceContext, requesterId: string) {
  // Durable (a row, not memory): a loop spread over processes or restarts is caught too.
  if (!(await claimJoinRequestNotice(db, context.space.id, requesterId, JOIN_REQUEST_MAIL_INTERVAL_MS))) return;
  const requester = await findUserById(db, requesterId);
  if (!requester) return;
  for (const animateur of await listAnimateurContacts(db, context.space.id)) {
    await mailer.sendJoinRequest(
      db,
      { email: animateur.email, displayName: animateur.display_name, locale: animateur.locale },
      { space: context.space, requesterName: requester.display_name },
    );
  }
}

/**
 * Ends a membership inside the caller's transaction. Keeps at least one active animateur:
 * removing the last one needs a successor (an active member), promoted in the same
 * transaction. The space row is locked first so that two animateurs leaving at once cannot
 * both believe the other stays.
 */
async function endMembership(
  trx: Db,
  spaceId: string,
  userId: string,
  options: { successorId?: string | undefined; onlyActive: boolean },
) {
  await lockSpace(trx, spaceId);
  const target = await findMembership(trx, spaceId, userId);
  if (!target || (options.onlyActive && target.status !== 'active')) throw notMember();
  if (target.status === 'active' && target.role === 'animateur') {
    if (options.successorId !== undefined) await promoteSuccessor(trx, spaceId, userId, options.successorId);
    else if ((await countActiveAnimateurs(trx, spaceId)) <= 1) throw lastAnimateur();
  }
  await deleteMembership(trx, spaceId, userId);
  await vacateSeatsOutsideSpaces(trx, userId);
}

async function promoteSuccessor(trx: Db, spaceId: string, leavingId: string, successorId: string) {
  const successor =
    isUuid(successorId) && successorId !== leavingId ? await findMembership(trx, spaceId, successorId) : undefined;
  if (successor?.status !== 'active') {
    throw new AppError('invalid_input', 'the successor must be an active member of the space', {
      'querystring.successorId': ['not an active member of this space'],
    });
  }
  await updateMembership(trx, spaceId, successorId, { role: 'animateur' });
}

/** `DELETE /spaces/:slug/membership`: leave, or withdraw a pending request. */
export async function leaveSpace(
  deps: MembershipsDeps,
  input: { actor: Actor; slug: string; successorId?: string | undefined },
): Promise<void> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  if (!context.actor) throw unauthenticated();
  if (!canLeaveSpace(context.actor, context.membership)) {
    if (!canListSpace(context.actor, context.facts, context.membership)) throw notFound('space');
    throw notMember('you are not a member of this space');
  }
  const actorId = context.actor.id;
  await deps.db
    .transaction()
    .execute((trx) =>
      endMembership(trx, context.space.id, actorId, { successorId: input.successorId, onlyActive: false }),
    );
  await deps.accessChanged({ scope: 'membership', userId: actorId, spaceId: context.space.id });
}

/** `GET /spaces/:slug/members`: active members, animateur·ices first. */
export async function listMembers(
  deps: MembershipsDeps,
  input: { actor: Actor; slug: string; cursor?: string | undefined; limit?: number | undefined },
) {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canSeeMembers(context.actor, context.facts, context.membership));
  const { rows, nextCursor } = await page(deps.db, context.space.id, 'active', input);
  return { items: rows.map(toMember), nextCursor };
}

async function managedMember(deps: MembershipsDeps, input: { actor: Actor; slug: string; userId: string }) {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canManageMembers(context.actor, context.facts, context.membership));
  return context;
}

/** `PATCH /spaces/:slug/members/:userId`: demoting the last animateur is refused. */
export async function changeMemberRole(
  deps: MembershipsDeps,
  input: { actor: Actor; slug: string; userId: string; role: 'animateur' | 'membre' },
): Promise<Member> {
  const context = await managedMember(deps, input);
  if (!isUuid(input.userId)) throw notMember();
  const member = await deps.db.transaction().execute(async (trx) => {
    await lockSpace(trx, context.space.id);
    const target = await findMembership(trx, context.space.id, input.userId);
    if (target?.status !== 'active') throw notMember();
    if (target.role === 'animateur' && input.role === 'membre') {
      if ((await countActiveAnimateurs(trx, context.space.id)) <= 1) throw lastAnimateur();
    }
    await updateMembership(trx, context.space.id, input.userId, { role: input.role });
    if (target.role !== input.role) {
      await recordAudit(trx, {
        actorId: context.actor!.id,
        action: 'role_change',
        subjectType: 'space',
        subjectId: context.space.id,
        targetUserId: input.userId,
        details: { space: context.space.title, from: target.role, to: input.role },
      });
    }
    return toMember((await findMember(trx, context.space.id, input.userId))!);
  });
  await deps.accessChanged({ scope: 'membership', userId: input.userId, spaceId: context.space.id });
  return member;
}

/** `DELETE /spaces/:slug/members/:userId`: same last-animateur rule as leaving. */
export async function removeMember(
  deps: MembershipsDeps,
  input: { actor: Actor; slug: string; userId: string; successorId?: string | undefined },
): Promise<void> {
  const context = await managedMember(deps, input);
  if (!isUuid(input.userId)) throw notMember();
  await deps.db.transaction().execute(async (trx) => {
    await endMembership(trx, context.space.id, input.userId, { successorId: input.successorId, onlyActive: true });
    await recordAudit(trx, {
      actorId: context.actor!.id,
      action: 'member_removal',
      subjectType: 'space',
      subjectId: context.space.id,
      targetUserId: input.userId,
      details: { space: context.space.title, ...(input.successorId ? { successorId: input.successorId } : {}) },
    });
  });
  await deps.accessChanged({ scope: 'membership', userId: input.userId, spaceId: context.space.id });
}

/** `GET /spaces/:slug/requests`: pending requests, oldest first. */
export async function listJoinRequests(
  deps: MembershipsDeps,
  input: { actor: Actor; slug: string; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: JoinRequest[]; nextCursor: string | null }> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canDecideJoinRequests(context.actor, context.facts, context.membership));
  const { rows, nextCursor } = await page(deps.db, context.space.id, 'pending', input);
  return {
    items: rows.map((row) => ({ user: toMemberUser(row), requestedAt: row.created_at.toISOString() })),
    nextCursor,
  };
}

const noRequest = () => notFound('pending request');

/**
 * Approves or declines a pending request and tells the requester by mail, in their language.
 * The status change is conditional (`where status = 'pending'`), so two animateurs deciding
 * at once cannot both act: the second finds no request (404) and nothing changes.
 */
export async function decideJoinRequest(
  deps: MembershipsDeps,
  input: { actor: Actor; slug: string; userId: string; approve: boolean },
): Promise<Member | null> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canDecideJoinRequests(context.actor, context.facts, context.membership));
  if (!isUuid(input.userId)) throw noRequest();
  const deciderId = context.actor!.id;
  return deps.db.transaction().execute(async (trx) => {
    const request = await findMembership(trx, context.space.id, input.userId);
    if (request?.status !== 'pending') throw noRequest();
    if (input.approve && context.space.status === 'archived') throw spaceArchived();
    const changed = input.approve
      ? await activatePendingMembership(trx, context.space.id, input.userId, deciderId)
      : await deleteMembership(trx, context.space.id, input.userId, 'pending');
    if (!changed) throw noRequest();
    const requester = await findUserById(trx, input.userId);
    if (requester) {
      await deps.mailer.sendRequestDecision(
        trx,
        { email: requester.email, displayName: requester.display_name, locale: requester.locale },
        { space: context.space, approved: input.approve },
      );
    }
    return input.approve ? toMember((await findMember(trx, context.space.id, input.userId))!) : null;
  });
}

/** `GET /me/spaces` — "Mes espaces": every space the actor belongs to or waits for. */
export async function listMySpaces(deps: Pick<MembershipsDeps, 'db'>, input: { actor: Actor }): Promise<MySpace[]> {
  if (!canSeeOwnSpaces(input.actor) || !input.actor) throw unauthenticated();
  const rows = await listMembershipsWithSpaces(deps.db, input.actor.id);
  return rows.sort(compareSpaces).map((row) => ({
    space: toSummary(row, Number(row.member_count ?? 0)),
    membership: {
      status: row.membership_status,
      role: row.role,
      joinedAt: joinedAt({ status: row.membership_status, created_at: row.created_at, decided_at: row.decided_at }),
    },
  }));
}
