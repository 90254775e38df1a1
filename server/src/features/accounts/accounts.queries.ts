import type { ProfileUpdate } from '@atelier/contract';
import type { Db } from '../../db/database';

/** The account of an email address, any case; `lock` holds its row until the transaction ends. */
/** The account of an address; a guest (an address that only holds event seats) is no account. */
export function findUserByEmail(db: Db, email: string, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('is_guest', '=', false);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export const findUserById = (db: Db, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const insertUser = (
  db: Db,
  values: {
    email: string;
    passwordHash: string | null;
    displayName: string;
    locale?: 'fr' | 'en';
    role?: 'member' | 'admin';
  },
) =>
  db
    .insertInto('users')
    .values({
      email: values.email.toLowerCase(),
      password_hash: values.passwordHash,
      display_name: values.displayName,
      locale: values.locale ?? 'fr',
      role: values.role ?? 'member',
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/**
 * Turns the guest of this address into the account being created, with its seats: creating an
 * account is how a guest finds their registrations. Undefined when the address has no guest.
 */
export const upgradeGuest = (
  db: Db,
  values: { email: string; passwordHash: string | null; displayName: string; locale?: 'fr' | 'en' },
) =>
  db
    .updateTable('users')
    .set({
      password_hash: values.passwordHash,
      display_name: values.displayName,
      locale: values.locale ?? 'fr',
      is_guest: false,
      updated_at: new Date(),
    })
    .where((eb) => eb(eb.fn('lower', ['email']), '=', values.email.toLowerCase()))
    .where('is_guest', '=', true)
    .returningAll()
    .executeTakeFirst();

export const setPasswordHash = (db: Db, userId: string, passwordHash: string) =>
  db
    .updateTable('users')
    .set({ password_hash: passwordHash, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();

export const setRole = (db: Db, userId: string, role: 'member' | 'admin') =>
  db.updateTable('users').set({ role, updated_at: new Date() }).where('id', '=', userId).execute();

export function updateProfile(db: Db, userId: string, update: ProfileUpdate) {
  const columns = {
    display_name: update.displayName,
    locale: update.locale,
    organisation_name: update.organisationName,
    organisation_kind: update.organisationKind,
    territory: update.territory,
    fantastic_role: update.fantasticRole,
    themes: update.themes,
    bio: update.bio === '' ? null : update.bio,
    listed_in_directory: update.listedInDirectory,
  };
  const set = Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
  return db
    .updateTable('users')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const acceptCharter = (db: Db, userId: string, version: string) =>
  db
    .insertInto('charter_acceptances')
    .values({ user_id: userId, version })
    .onConflict((oc) => oc.doNothing())
    .execute();

export const latestCharterAcceptance = (db: Db, userId: string) =>
  db
    .selectFrom('charter_acceptances')
    .select(['version', 'accepted_at'])
    .where('user_id', '=', userId)
    .orderBy('accepted_at', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Whether an account with this id exists (acting on an unknown person → 404). */
export const userExists = async (db: Db, userId: string) =>
  (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
