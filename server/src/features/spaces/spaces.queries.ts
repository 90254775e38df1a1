import type { Db } from '../../db/database';

/** Every space with its number of active members; the policy filters, the service orders. */
export async function listSpacesWithMemberCount(db: Db) {
  return db
    .selectFrom('spaces')
    .select((eb) => [
      'spaces.id',
      'spaces.slug',
      'spaces.kind',
      'spaces.title',
      'spaces.summary',
      'spaces.visibility',
      'spaces.join_policy',
      'spaces.status',
      eb
        .selectFrom('memberships')
        .select((sub) => sub.fn.countAll<number>().as('count'))
        .whereRef('memberships.space_id', '=', 'spaces.id')
        .where('memberships.status', '=', 'active')
        .as('member_count'),
    ])
    .execute();
}

/** A user's memberships (any status), keyed by the space they belong to. */
export async function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('memberships')
    .select(['space_id', 'user_id', 'role', 'status'])
    .where('user_id', '=', userId)
    .execute();
}
