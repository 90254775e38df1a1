import { API_TOKENS_MAX, type ApiToken, type ApiTokenCreate, type ApiTokenCreated } from '@atelier/contract';
import { actorOnly, authorize } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import { hashSecret, newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../policy/policy';
import { canManageOwnTokens } from '../../policy/tokens.policy';
import { countApiTokens, deleteOwnApiToken, insertApiToken, listApiTokens } from './tokens.queries';

/** Tokens start with this, so that secret scanners (and people) recognise one in a leak. */
export const TOKEN_PREFIX = 'atl_';
/** How much of a token is kept in clear to tell tokens apart: the prefix and 4 random characters. */
const SHOWN_CHARS = TOKEN_PREFIX.length + 4;

export const toApiToken = (row: {
  id: string;
  name: string;
  scopes: Array<'read' | 'write'>;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
}): ApiToken => ({
  id: row.id,
  name: row.name,
  scopes: row.scopes,
  prefix: row.prefix,
  createdAt: new Date(row.created_at).toISOString(),
  lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
});

/**
 * `POST /api/me/tokens`: a new token, whose secret is returned this once. 256 random bits
 * (`newSecret`), stored as their SHA-256 only. At most API_TOKENS_MAX per person: a forgotten
 * token should be revoked rather than piled up.
 */
export async function createApiToken(
  deps: { db: Db },
  input: { actor: Actor; body: ApiTokenCreate },
): Promise<ApiTokenCreated> {
  authorize(actorOnly(input.actor, 'token'), canManageOwnTokens(input.actor));
  const userId = input.actor!.id;
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const row = await deps.db.transaction().execute(async (trx) => {
    if ((await countApiTokens(trx, userId)) >= API_TOKENS_MAX) {
      throw new AppError('conflict', `at most ${API_TOKENS_MAX} tokens; revoke one first`);
    }
    return insertApiToken(trx, {
      userId,
      name: input.body.name,
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, SHOWN_CHARS),
      scopes: [...input.body.scopes],
    });
  });
  return { token: secret, apiToken: toApiToken(row) };
}

export async function listOwnTokens(deps: { db: Db }, actor: Actor): Promise<{ items: ApiToken[] }> {
  authorize(actorOnly(actor, 'token'), canManageOwnTokens(actor));
  return { items: (await listApiTokens(deps.db, actor!.id)).map(toApiToken) };
}

/** `DELETE /api/me/tokens/:id`: one's own token only; anyone else's id reads as unknown. */
export async function revokeApiToken(deps: { db: Db }, input: { actor: Actor; id: string }) {
  authorize(actorOnly(input.actor, 'token'), canManageOwnTokens(input.actor));
  if (!isUuid(input.id) || !(await deleteOwnApiToken(deps.db, input.actor!.id, input.id))) throw notFound('token');
}
