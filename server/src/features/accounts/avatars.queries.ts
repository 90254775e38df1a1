import type { Db } from '../../db/database';

/** Whose picture is asked for: what decides who may see it, and where it is stored. */
export const findAvatarOwner = (db: Db, userId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'listed_in_directory', 'avatar_key', 'avatar_updated_at'])
    .where('id', '=', userId)
    .executeTakeFirst();

export type AvatarOwner = NonNullable<Awaited<ReturnType<typeof findAvatarOwner>>>;

/**
 * The spaces a person wrote a post in, each with the viewer's own membership of it (none for
 * an anonymous viewer): who may read those threads reads the person's name, and picture.
 */
export const spacesPostedIn = (db: Db, personId: string, viewerId: string | null) =>
  db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.space_id', '=', 'spaces.id').on('memberships.user_id', '=', viewerId),
    )
    .where('posts.author_id', '=', personId)
    .select([
      'spaces.visibility',
      'spaces.join_policy',
      'spaces.status',
      'memberships.user_id as member_id',
      'memberships.role as member_role',
      'memberships.status as member_status',
    ])
    .distinct()
    .execute();

/** The user's current picture key, the row locked until the transaction ends. */
export const lockAvatarKey = async (db: Db, userId: string) =>
  (await db.selectFrom('users').select('avatar_key').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow())
    .avatar_key;

/** Points the user at a picture (a fresh key), or at none. */
export const setAvatarKey = (db: Db, userId: string, key: string | null) => {
  const now = new Date();
  return db
    .updateTable('users')
    .set({ avatar_key: key, avatar_updated_at: key ? now : null, updated_at: now })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
};
