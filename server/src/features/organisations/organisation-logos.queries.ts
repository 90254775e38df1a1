import type { Db } from '../../db/database';

/** Where an organisation's logo is stored, and when it was set (its version). */
export const findLogo = (db: Db, slug: string) =>
  db.selectFrom('organisations').select(['logo_key', 'logo_updated_at']).where('slug', '=', slug).executeTakeFirst();

/** The organisation's current logo key, the row locked until the transaction ends. */
export const lockLogoKey = async (db: Db, organisationId: string) =>
  (
    await db
      .selectFrom('organisations')
      .select('logo_key')
      .where('id', '=', organisationId)
      .forUpdate()
      .executeTakeFirstOrThrow()
  ).logo_key;

/** Points the organisation at a logo (a fresh key), or at none. */
export const setLogoKey = (db: Db, organisationId: string, key: string | null) => {
  const now = new Date();
  return db
    .updateTable('organisations')
    .set({ logo_key: key, logo_updated_at: key ? now : null, updated_at: now })
    .where('id', '=', organisationId)
    .execute();
};
