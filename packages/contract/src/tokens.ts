import { z } from 'zod';
import { IdSchema, IsoDateTimeSchema, lineText } from './common';

// ── Personal API tokens (`/api/me/tokens`) ──

/**
 * What a token may do with its owner's rights: `read` only reads (GET, HEAD); `write` also
 * changes things. A token never does more than its owner may, and never reaches the account
 * itself (password, email, deletion, export, tokens).
 */
export const TokenScopeSchema = z.enum(['read', 'write']);
export type TokenScope = z.infer<typeof TokenScopeSchema>;

/** How many live tokens one person may hold. */
export const API_TOKENS_MAX = 20;

export const ApiTokenCreateSchema = z.strictObject({
  /** What the token is for, as its owner will recognise it in the list ("Tableur du chantier"). */
  name: lineText(80),
  /** `["read"]`, or `["read", "write"]`: writing implies reading. */
  scopes: z.union([z.tuple([z.literal('read')]), z.tuple([z.literal('read'), z.literal('write')])]),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

/** One token as its owner sees it: never the secret, which is shown once at creation. */
export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  scopes: z.array(TokenScopeSchema),
  /** The first characters of the secret, to tell tokens apart ("atl_3kT9…"). */
  prefix: z.string(),
  createdAt: IsoDateTimeSchema,
  /** When it was last used, to the minute; null when never. */
  lastUsedAt: IsoDateTimeSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** `POST /api/me/tokens` → 201: the secret, shown this once; only its hash is kept. */
export const ApiTokenCreatedSchema = z.object({ token: z.string(), apiToken: ApiTokenSchema });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;

/** `GET /api/me/tokens`: one's live tokens, newest first. */
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;
