import type { Db } from '../../db/database';

/** Sign-ins under way (state, nonce, PKCE verifier) and the identities linked to accounts. */

export async function insertSignIn(
  db: Db,
  values: { cookieHash: string; state: string; nonce: string; codeVerifier: string; returnTo: string; expiresAt: Date },
) {
  // Expired sign-ins are swept by the next one to start: the table stays as small as the traffic.
  await db.deleteFrom('oidc_sign_ins').where('expires_at', '<', new Date()).execute();
  await db
    .insertInto('oidc_sign_ins')
    .values({
      cookie_hash: values.cookieHash,
      state: values.state,
      nonce: values.nonce,
      code_verifier: values.codeVerifier,
      return_to: values.returnTo,
      expires_at: values.expiresAt,
    })
    .execute();
}

/**
 * Takes the sign-in named by a cookie's hash, once: the row is deleted as it is read, so a
 * second callback with the same cookie (a replayed answer) finds nothing. Null when unknown or expired.
 */
export async function takeSignIn(db: Db, cookieHash: string) {
  const row = await db
    .deleteFrom('oidc_sign_ins')
    .where('cookie_hash', '=', cookieHash)
    .returning(['state', 'nonce', 'code_verifier', 'return_to', 'expires_at'])
    .executeTakeFirst();
  return row && row.expires_at.getTime() > Date.now() ? row : null;
}

/** The account an identity at `issuer` is linked to, if any; notes the sign-in. */
export async function findLinkedUser(db: Db, issuer: string, subject: string) {
  const link = await db
    .updateTable('oidc_identities')
    .set({ last_used_at: new Date() })
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .returning('user_id')
    .executeTakeFirst();
  if (!link) return undefined;
  return db.selectFrom('users').selectAll().where('id', '=', link.user_id).executeTakeFirst();
}

export const linkIdentity = (db: Db, values: { userId: string; issuer: string; subject: string; email: string }) =>
  db
    .insertInto('oidc_identities')
    .values({ user_id: values.userId, issuer: values.issuer, subject: values.subject, email: values.email })
    .execute();

/** A guest (known by a confirmed address only) whose address a provider vouches for becomes a full account. */
export const endGuestStatus = (db: Db, userId: string) =>
  db.updateTable('users').set({ is_guest: false, updated_at: new Date() }).where('id', '=', userId).execute();

/** The organisation of a SIREN, for the profile of a person whose provider named their SIRET. */
export const findOrganisationBySiren = (db: Db, siren: string) =>
  db.selectFrom('organisations').select(['slug', 'name', 'kind']).where('siren', '=', siren).executeTakeFirst();

export const setProfileOrganisation = (db: Db, userId: string, organisation: { name: string; kind: string }) =>
  db
    .updateTable('users')
    .set({ organisation_name: organisation.name, organisation_kind: organisation.kind, updated_at: new Date() })
    .where('id', '=', userId)
    .where('organisation_name', 'is', null)
    .execute();
