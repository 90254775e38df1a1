import type { Db } from '../../db/database';

const TOKEN_COLUMNS = ['id', 'name', 'scopes', 'prefix', 'created_at', 'last_used_at'] as const;

export async function insertApiToken(
  db: Db,
  input: { userId: string; name: string; tokenHash: string; prefix: string; scopes: Array<'read' | 'write'> },
) {
  return db
    .insertInto('api_tokens')
    .values({
      user_id: input.userId,
      name: input.name,
      token_hash: input.tokenHash,
      prefix: input.prefix,
      scopes: input.scopes,
    })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** One's tokens, newest first. */
export async function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(TOKEN_COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function countApiTokens(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('api_tokens')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revokes one's own token (deleted: it then answers 401 like any unknown one); true when it was there. */
export async function deleteOwnApiToken(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('api_tokens')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** For the person's data export: their tokens as the list shows them (never a hash). */
export const apiTokensOf = (db: Db, userId: string) =>
  db
    .selectFrom('api_tokens')
    .select(['name', 'scopes', 'prefix', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
