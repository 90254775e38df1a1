/**
 * Personal API tokens: what a request that rides on one may reach. A token acts with its
 * owner's rights, asked of this policy at every request like a session's (so a lost membership
 * or role is lost for the token at once), and narrowed here: by its scopes, and never to the
 * account itself. Pure functions, as in `policy.ts`.
 */
import type { Actor } from './policy';

export type TokenScope = 'read' | 'write';

/**
 * What a token never reaches, whatever its scopes: the account itself. Signing in and out, the
 * session probe and `/me` (they hand out the session's CSRF token, and `PATCH /me` changes the
 * profile), the password, deleting the account (`DELETE /me`), exporting its data, and the
 * tokens themselves — so that a leaked token can neither lock its owner out nor mint another.
 * The development routes too. Matched on the route's path as the router knows it.
 */
const ACCOUNT_LEVEL = [
  /^\/api\/auth\//,
  /^\/api\/dev\//,
  /^\/api\/session$/,
  /^\/api\/me$/,
  /^\/api\/me\/password$/,
  /^\/api\/me\/email(\/|$)/,
  /^\/api\/me\/export(\/|$)/,
  /^\/api\/me\/tokens(\/|$)/,
];

const READ_METHODS = new Set(['GET', 'HEAD']);

export type TokenDecision = 'allowed' | 'account_level' | 'read_only';

/** May a request with a token of these scopes call `method route` (the router's path)? */
export function decideTokenRequest(scopes: readonly TokenScope[], method: string, route: string): TokenDecision {
  if (ACCOUNT_LEVEL.some((pattern) => pattern.test(route))) return 'account_level';
  if (!READ_METHODS.has(method.toUpperCase()) && !scopes.includes('write')) return 'read_only';
  return 'allowed';
}

/** Creating, listing and revoking one's own tokens: any signed-in person (with a session). */
export const canManageOwnTokens = (actor: Actor): boolean => actor !== null;
