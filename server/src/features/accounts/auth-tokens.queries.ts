import { randomInt } from 'node:crypto';
import { hashSecret, newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';

type Purpose = 'mail_login' | 'password_reset';

/** A one-time secret for mail: the link token, and for sign-in also a 6-digit code. */
export async function createAuthToken(db: Db, userId: string, purpose: Purpose, ttlMs: number) {
  const token = newSecret();
  const code = purpose === 'mail_login' ? randomCode() : null;
  const row = await db
    .insertInto('auth_tokens')
    .values({
      user_id: userId,
      purpose,
      token_hash: hashSecret(token),
      code_hash: code ? hashSecret(`${userId}:${code}`) : null,
      expires_at: new Date(Date.now() + ttlMs),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, code };
}

const randomCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Marks a token used and returns its user — atomically, so two simultaneous clicks on the
 * same link cannot both sign in.
 */
export const consumeTokenByHash = (db: Db, purpose: Purpose, token: string) =>
  db
    .updateTable('auth_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashSecret(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst();

export const MAX_CODE_ATTEMPTS = 5;

/**
 * Redeems a typed code: only the person's newest live sign-in token counts, each wrong try
 * is counted, and after five the token is dead, so guessing a 6-digit code is hopeless.
 */
export async function consumeCode(db: Db, userId: string, code: string) {
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('auth_tokens')
      .select(['id', 'code_hash', 'attempts'])
      .where('user_id', '=', userId)
      .where('purpose', '=', 'mail_login')
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('created_at', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!live || live.attempts >= MAX_CODE_ATTEMPTS) return false;
    if (live.code_hash !== hashSecret(`${userId}:${code}`)) {
      await trx
        .updateTable('auth_tokens')
        .set({ attempts: live.attempts + 1 })
        .where('id', '=', live.id)
        .execute();
      return false;
    }
    await trx.updateTable('auth_tokens').set({ used_at: new Date() }).where('id', '=', live.id).execute();
    return true;
  });
}

/** Links of this purpose the person holds that still work: not used, not expired. */
export async function countLiveTokens(db: Db, userId: string, purpose: Purpose) {
  const row = await db
    .selectFrom('auth_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** After a reset, every other pending reset link for the person stops working. */
export const revokeTokens = (db: Db, userId: string, purpose: Purpose) =>
  db
    .updateTable('auth_tokens')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
