import type { Db } from '../../db/database';
import type { MailChoice, SpaceMailMode } from '../../db/schema';

export const findMailSettings = (db: Db, userId: string) =>
  db
    .selectFrom('mail_settings')
    .select(['mentions', 'replies', 'reminders'])
    .where('user_id', '=', userId)
    .executeTakeFirst();

/** The lists a person says yes or no to, one column each in `mail_settings`. */
export type MailChoiceChanges = {
  mentions?: MailChoice | undefined;
  replies?: MailChoice | undefined;
  reminders?: MailChoice | undefined;
};

export async function upsertMailSettings(db: Db, userId: string, changes: MailChoiceChanges) {
  const set = {
    ...(changes.mentions ? { mentions: changes.mentions } : {}),
    ...(changes.replies ? { replies: changes.replies } : {}),
    ...(changes.reminders ? { reminders: changes.reminders } : {}),
  };
  await db
    .insertInto('mail_settings')
    .values({ user_id: userId, ...set })
    .onConflict((conflict) => conflict.column('user_id').doUpdateSet({ ...set, updated_at: new Date() }))
    .execute();
}

/** The person's active memberships, with the mode they chose for each space (null: the default). */
export const listSpaceModes = (db: Db, userId: string, spaceId?: string) => {
  let query = db
    .selectFrom('memberships')
    .innerJoin('spaces', 'spaces.id', 'memberships.space_id')
    .leftJoin('space_mail_settings as chosen', (join) =>
      join.onRef('chosen.space_id', '=', 'memberships.space_id').onRef('chosen.user_id', '=', 'memberships.user_id'),
    )
    .select([
      'spaces.id as space_id',
      'spaces.slug',
      'spaces.title',
      'spaces.kind',
      'memberships.role',
      'chosen.mode as chosen_mode',
    ])
    .where('memberships.user_id', '=', userId)
    .where('memberships.status', '=', 'active');
  if (spaceId) query = query.where('spaces.id', '=', spaceId);
  return query.orderBy('spaces.title').execute();
};
export type SpaceModeRow = Awaited<ReturnType<typeof listSpaceModes>>[number];

export async function setSpaceMode(db: Db, userId: string, spaceId: string, mode: SpaceMailMode) {
  await db
    .insertInto('space_mail_settings')
    .values({ user_id: userId, space_id: spaceId, mode })
    .onConflict((conflict) => conflict.columns(['user_id', 'space_id']).doUpdateSet({ mode, updated_at: new Date() }))
    .execute();
}

/** The chosen settings of these people, for the mails of one space (no row: defaults). */
export const mailChoicesOf = (db: Db, spaceId: string, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users')
        .leftJoin('mail_settings as settings', 'settings.user_id', 'users.id')
        .leftJoin('space_mail_settings as chosen', (join) =>
          join.onRef('chosen.user_id', '=', 'users.id').on('chosen.space_id', '=', spaceId),
        )
        .select(['users.id', 'settings.mentions', 'settings.replies', 'chosen.mode as chosen_mode'])
        .where('users.id', 'in', userIds)
        .execute();
