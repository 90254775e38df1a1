import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { activeMemberCount, SPACE_SUMMARY_COLUMNS } from './spaces.queries';

type Role = 'animateur' | 'membre';
type Status = 'active' | 'pending';

export const findMembership = (db: Db, spaceId: string, userId: string) =>
  db
    .selectFrom('memberships')
    .select(['space_id', 'user_id', 'role', 'status', 'created_at'])
    .where('space_id', '=', spaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();

/**
 * Creates the membership unless one exists. The primary key (space, user) makes this the
 * one arbiter between simultaneous joins: exactly one insert wins, the others get undefined.
 */
export const insertMembership = (
  db: Db,
  values: { spaceId: string; userId: string; role: Role; status: Status; decidedBy?: string | null },
) =>
  db
    .insertInto('memberships')
    .values({
      space_id: values.spaceId,
      user_id: values.userId,
      role: values.role,
      status: values.status,
      decided_by: values.decidedBy ?? null,
      decided_at: values.decidedBy ? new Date() : null,
    })
    .onConflict((conflict) => conflict.columns(['space_id', 'user_id']).doNothing())
    .returning(['role', 'status', 'created_at'])
    .executeTakeFirst();

export const deleteMembership = (db: Db, spaceId: string, userId: string, status?: Status) => {
  let query = db.deleteFrom('memberships').where('space_id', '=', spaceId).where('user_id', '=', userId);
  if (status) query = query.where('status', '=', status);
  return query.returning(['role', 'status']).executeTakeFirst();
};

/** Turns a pending request into an active membership; undefined when no request is pending. */
export const activatePendingMembership = (db: Db, spaceId: string, userId: string, decidedBy: string) =>
  db
    .updateTable('memberships')
    .set({ status: 'active', decided_by: decidedBy, decided_at: new Date() })
    .where('space_id', '=', spaceId)
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .returning(['role', 'status', 'created_at'])
    .executeTakeFirst();

/** Sets role (and optionally status) of an existing membership; used by invitations and role changes. */
export const updateMembership = (
  db: Db,
  spaceId: string,
  userId: string,
  values: { role?: Role; status?: Status; decidedBy?: string | null },
) =>
  db
    .updateTable('memberships')
    .set({
      ...(values.role ? { role: values.role } : {}),
      ...(values.status ? { status: values.status } : {}),
      ...(values.decidedBy !== undefined ? { decided_by: values.decidedBy, decided_at: new Date() } : {}),
    })
    .where('space_id', '=', spaceId)
    .where('user_id', '=', userId)
    .returning(['role', 'status', 'created_at'])
    .executeTakeFirst();

export async function countActiveAnimateurs(db: Db, spaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('space_id', '=', spaceId)
    .where('status', '=', 'active')
    .where('role', '=', 'animateur')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

const MEMBER_USER_COLUMNS = [
  'users.id',
  'users.display_name',
  'users.organisation_name',
  'users.organisation_kind',
  'users.territory',
  'users.fantastic_role',
] as const;

/** A membership with its person, as member lists and a single member show them. */
const MEMBER_COLUMNS = [
  ...MEMBER_USER_COLUMNS,
  'memberships.role',
  'memberships.status',
  'memberships.created_at',
  'memberships.decided_at',
] as const;

/** Where a page of members stopped: animateur·ices first, then by name, then arrival, then id. */
export interface MemberPosition {
  rank: number;
  name: string;
  at: string;
  id: string;
}

const roleRank = sql<number>`case when memberships.role = 'animateur' then 0 else 1 end`;
// Collation "C" so that every server orders (and pages) alike.
const nameKey = sql<string>`(lower(users.display_name) collate "C")`;

/**
 * A page of the space's members (active ones animateur·ices first, then by name; pending
 * requests by date), after `after`: a keyset, so the last page costs what the first does.
 */
export const listMembersPage = (
  db: Db,
  spaceId: string,
  status: Status,
  page: { after: MemberPosition | null; limit: number },
) => {
  const active = status === 'active';
  const rank = active ? roleRank : sql<number>`0`;
  const name = active ? nameKey : sql<string>`''`;
  return (
    db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select([
        ...MEMBER_COLUMNS,
        rank.as('sort_rank'),
        name.as('sort_name'),
        sql<string>`memberships.created_at::text`.as('sort_at'),
      ])
      .where('memberships.space_id', '=', spaceId)
      .where('memberships.status', '=', status)
      .$if(page.after !== null, (query) =>
        query.where(
          sql<boolean>`(${rank}, ${name}, memberships.created_at, users.id)
          > (${page.after?.rank}, ${page.after?.name}, ${page.after?.at}::timestamptz, ${page.after?.id}::uuid)`,
        ),
      )
      // Pending requests have constant rank and name: ordering by a bare constant means "by column N".
      .$if(active, (query) => query.orderBy(rank).orderBy(name))
      .orderBy('memberships.created_at')
      .orderBy('users.id')
      .limit(page.limit + 1)
      .execute()
  );
};

export const findMember = (db: Db, spaceId: string, userId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(MEMBER_COLUMNS)
    .where('memberships.space_id', '=', spaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();

export type MemberRecord = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** The people to tell about a new request: the space's active animateur·ices. */
export const listAnimateurContacts = (db: Db, spaceId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.email', 'users.display_name', 'users.locale'])
    .where('memberships.space_id', '=', spaceId)
    .where('memberships.status', '=', 'active')
    .where('memberships.role', '=', 'animateur')
    .execute();

/** A user's memberships of any status, with the space they belong to. */
export const listMembershipsWithSpaces = (db: Db, userId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('spaces', 'spaces.id', 'memberships.space_id')
    .select((eb) => [
      ...SPACE_SUMMARY_COLUMNS,
      'memberships.role',
      'memberships.status as membership_status',
      'memberships.created_at',
      'memberships.decided_at',
      activeMemberCount(eb),
    ])
    .where('memberships.user_id', '=', userId)
    .execute();

/**
 * Claims the right to mail the animateur·ices about this person's request to join: true when
 * none was sent in the last `intervalMs`, and the claim is recorded in the caller's
 * transaction. The upsert locks the row, so concurrent requests claim it once.
 */
export async function claimJoinRequestNotice(db: Db, spaceId: string, userId: string, intervalMs: number) {
  const now = new Date();
  const claimed = await db
    .insertInto('join_request_notices')
    .values({ space_id: spaceId, user_id: userId, notified_at: now })
    .onConflict((conflict) =>
      conflict
        .columns(['space_id', 'user_id'])
        .doUpdateSet({ notified_at: now })
        .where('join_request_notices.notified_at', '<=', new Date(now.getTime() - intervalMs)),
    )
    .returning('space_id')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** These people's memberships of the space (any status); people without one are absent. */
export const listMembershipsIn = async (db: Db, spaceId: string, userIds: string[]) =>
  userIds.length === 0
    ? []
    : db
        .selectFrom('memberships')
        .select(['user_id', 'role', 'status'])
        .where('space_id', '=', spaceId)
        .where('user_id', 'in', userIds)
        .execute();

/** The space's active members, as `@displayName` candidates. */
/**
 * Active members of the space whose name is one of `names` (any case): the people a post may
 * mention, found through the index on `lower(display_name)` whatever the space's size.
 */
export async function findActiveMembersNamed(db: Db, spaceId: string, names: string[]) {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'users.display_name'])
    .where(
      sql<string>`lower(users.display_name)`,
      'in',
      names.map((name) => sql<string>`lower(${name})`),
    )
    .where('memberships.space_id', '=', spaceId)
    .where('memberships.status', '=', 'active')
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}

export const listActiveMemberNames = async (db: Db, spaceId: string) =>
  (
    await db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.display_name'])
      .where('memberships.space_id', '=', spaceId)
      .where('memberships.status', '=', 'active')
      .execute()
  ).map((row) => ({ id: row.id, displayName: row.display_name }));
