import { hashSecret } from '../../core/secrets';
import type { Db } from '../../db/database';

/** `last_used_at` moves at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The live API token behind a `Bearer` secret, with its owner as the database has them now:
 * rights are never cached in the token, so an owner who lost a membership or a role has lost
 * it for the token too. Null for an unknown (or revoked, hence deleted) token.
 */
export async function findApiToken(db: Db, secret: string, now = new Date()) {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.scopes', 'api_tokens.last_used_at'])
    .selectAll('users')
    .where('api_tokens.token_hash', '=', hashSecret(secret))
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  const { tokenId, scopes, last_used_at: _used, ...user } = row;
  return { token: { id: tokenId, scopes }, user };
}
