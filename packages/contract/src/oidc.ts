import { z } from 'zod';

/**
 * Sign-in with an OpenID Connect provider (ProConnect for public agents), when the server is
 * configured for one: `GET /api/auth/oidc/start?returnTo` → 302 to the provider;
 * `GET /api/auth/oidc/callback` → session, 302 back to the site. Failures come back to
 * `/connexion?erreur=<code>` with one of OIDC_ERROR_CODES.
 */

/** The provider offered on the sign-in page (`GET /api/session` → `oidc`), by its display name. */
export const OidcProviderSchema = z.object({ name: z.string() });
export type OidcProvider = z.infer<typeof OidcProviderSchema>;

/** Where to go once signed in: a path of this site (anything else falls back to `/`). */
export const OidcStartQuerySchema = z.object({ returnTo: z.string().max(2000).optional() });

/** The provider's answer (RFC 6749 §4.1.2, RFC 9207 `iss`); read whole by the OpenID client. */
export const OidcCallbackQuerySchema = z.object({
  code: z.string().max(2000).optional(),
  state: z.string().max(2000).optional(),
  iss: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** The error codes a failed OpenID Connect sign-in brings back to the sign-in page (`?erreur=`). */
export const OIDC_ERROR_CODES = [
  'oidc_unavailable',
  'oidc_failed',
  'oidc_expired',
  'oidc_denied',
  'oidc_email_missing',
  'oidc_email_unverified',
] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];

/** `POST /api/me/charter`: the signed-in person adheres to the current charter (an account made by a provider). */
export const CharterAcceptSchema = z.strictObject({
  /** Must be true, as at sign-up. */
  acceptCharter: z.literal(true),
});
