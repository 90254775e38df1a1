import { CHARTER, EmailSchema, lineText, type OidcErrorCode } from '@atelier/contract';
import * as client from 'openid-client';
import type { OidcSettings } from '../../config';
import { actorOnly, authorize } from '../../core/authorize';
import { hashSecret, newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { AppError } from '../../errors';
import { canAcceptCharter, canLinkIdentityByEmail } from '../../policy/identities.policy';
import type { Actor } from '../../policy/policy';
import * as accounts from '../accounts/accounts.queries';
import * as q from './oidc.queries';

/** How long a person may take at the provider before the sign-in they started expires. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;

/** The provider's configuration, discovered at the first sign-in (not at start-up: a provider down must not stop the site). */
export interface OidcProviderClient {
  settings: OidcSettings;
  configuration(): Promise<client.Configuration>;
}

export interface OidcDeps {
  db: Db;
  provider: OidcProviderClient;
}

/** A refused sign-in: the code the sign-in page shows, and why, for the logs. */
export class OidcError extends AppError {
  constructor(
    readonly oidcCode: OidcErrorCode,
    reason: string,
  ) {
    super(oidcCode, reason);
  }
}

/**
 * Discovery once, cached; a failed discovery is forgotten so that the next sign-in tries again.
 * ID tokens are checked against the provider's keys even though they come straight from its
 * token endpoint (`enableNonRepudiationChecks`): a token altered on the way is refused.
 * Plain http is only allowed outside production (config.ts refuses it there).
 */
export function createProviderClient(settings: OidcSettings, options: { allowHttp: boolean }): OidcProviderClient {
  let discovered: Promise<client.Configuration> | undefined;
  return {
    settings,
    configuration() {
      discovered ??= client
        .discovery(new URL(settings.issuer), settings.clientId, { client_secret: settings.clientSecret }, undefined, {
          execute: [...(options.allowHttp ? [client.allowInsecureRequests] : []), client.enableNonRepudiationChecks],
        })
        .then((configuration) => {
          configuration.timeout = 10;
          return configuration;
        })
        .catch((error: unknown) => {
          discovered = undefined;
          throw error;
        });
      return discovered;
    },
  };
}

/**
 * `returnTo` as a path of this site, or `/`. Absolute and protocol-relative addresses, and
 * backslashes that some browsers read as slashes, would make the sign-in an open redirect.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  const base = 'http://atelier.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}

async function providerConfiguration(provider: OidcProviderClient) {
  try {
    return await provider.configuration();
  } catch (error) {
    throw new OidcError('oidc_unavailable', `discovery failed: ${reasonOf(error)}`);
  }
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `GET /auth/oidc/start`: a new sign-in, remembered server-side under the hash of a random
 * cookie (state, nonce, PKCE verifier never leave the server but in the authorization URL's
 * state and challenge). Returns the cookie to set and the provider's URL to go to.
 */
export async function startSignIn(deps: OidcDeps, input: { returnTo?: string | undefined }) {
  const configuration = await providerConfiguration(deps.provider);
  const cookie = newSecret();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  await q.insertSignIn(deps.db, {
    cookieHash: hashSecret(cookie),
    state,
    nonce,
    codeVerifier,
    returnTo: safeReturnTo(input.returnTo),
    expiresAt: new Date(Date.now() + SIGN_IN_TTL_MS),
  });
  const location = client.buildAuthorizationUrl(configuration, {
    redirect_uri: deps.provider.settings.redirectUri,
    scope: deps.provider.settings.scopes,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { cookie, location: location.href };
}

/** What the provider says about the person, from the ID token and the UserInfo endpoint. */
export interface ProviderClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  /** ProConnect's family name. */
  usual_name?: unknown;
  /** ProConnect: the SIRET of the person's organisation (its first 9 digits are the SIREN). */
  siret?: unknown;
}

export interface SignedInThroughProvider {
  user: UserRow;
  returnTo: string;
  /** Whether the account still has to adhere to the charter (a first sign-in). */
  charterPending: boolean;
  /** The alliance's organisation named by the provider's SIRET, when there is one. */
  organisation: { slug: string; name: string } | null;
}

/**
 * `GET /auth/oidc/callback`: takes the sign-in this browser started (once), has the client
 * library check the answer (state, PKCE, then the ID token: signature, issuer, audience, nonce,
 * expiry), and finds, links or creates the account. The caller opens the session.
 */
export async function finishSignIn(
  deps: OidcDeps,
  input: { cookie: string | undefined; search: string; error?: string | undefined },
): Promise<SignedInThroughProvider> {
  const pending = input.cookie ? await q.takeSignIn(deps.db, hashSecret(input.cookie)) : null;
  if (!pending) throw new OidcError('oidc_expired', 'no sign-in under way for this browser');
  if (input.error) {
    const denied = input.error === 'access_denied' || input.error === 'login_required';
    throw new OidcError(denied ? 'oidc_denied' : 'oidc_failed', `the provider answered ${input.error}`);
  }
  const configuration = await providerConfiguration(deps.provider);
  const currentUrl = new URL(deps.provider.settings.redirectUri);
  currentUrl.search = input.search;
  let claims: ProviderClaims;
  try {
    const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    const userinfo = configuration.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)
      : {};
    // The signed ID token wins where both speak.
    claims = { ...userinfo, ...idToken } as ProviderClaims;
  } catch (error) {
    throw new OidcError('oidc_failed', `the provider's answer was refused: ${reasonOf(error)}`);
  }
  const issuer = configuration.serverMetadata().issuer;
  const { user, created } = await deps.db.transaction().execute((trx) => accountFor(trx, issuer, claims));
  const organisation = await suggestOrganisation(deps.db, user, claims.siret, created);
  const charter = await accounts.latestCharterAcceptance(deps.db, user.id);
  return { user, returnTo: pending.return_to, charterPending: !charter, organisation };
}

/**
 * The account of a provider's identity: the one it is linked to; else the account with the
 * same address, linked now if the provider verified that address (refused otherwise, nothing
 * created); else a new account, without password and without charter (asked next).
 */
async function accountFor(trx: Db, issuer: string, claims: ProviderClaims) {
  const linked = await q.findLinkedUser(trx, issuer, claims.sub);
  if (linked) return { user: linked, created: false };
  const email = EmailSchema.safeParse(claims.email);
  if (!email.success) throw new OidcError('oidc_email_missing', 'the provider gave no usable email address');
  const existing = await accounts.findUserByEmail(trx, email.data, { lock: true });
  if (existing) {
    if (!canLinkIdentityByEmail({ emailVerified: claims.email_verified === true })) {
      throw new OidcError('oidc_email_unverified', 'an account has this address, which the provider did not verify');
    }
    await q.linkIdentity(trx, { userId: existing.id, issuer, subject: claims.sub, email: email.data });
    if (existing.is_guest) await q.endGuestStatus(trx, existing.id);
    return { user: existing, created: false };
  }
  const user = await accounts.insertUser(trx, {
    email: email.data,
    passwordHash: null,
    displayName: displayNameOf(claims, email.data),
  });
  await q.linkIdentity(trx, { userId: user.id, issuer, subject: claims.sub, email: email.data });
  return { user, created: true };
}

/** The name the provider gives (ProConnect: given name and usual name), or the address's local part. */
export function displayNameOf(claims: ProviderClaims, email: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const candidates = [
    text(claims.name),
    [text(claims.given_name), text(claims.usual_name) || text(claims.family_name)].filter(Boolean).join(' '),
    email.split('@')[0] ?? '',
  ];
  for (const candidate of candidates) {
    const parsed = lineText(80).safeParse(candidate.slice(0, 80));
    if (parsed.success) return parsed.data;
  }
  return 'Membre';
}

/**
 * The alliance's organisation whose SIREN starts the provider's SIRET. A new account gets its
 * name in the profile (the person may change it); the person is offered to ask for the link.
 */
async function suggestOrganisation(db: Db, user: UserRow, siret: unknown, created: boolean) {
  if (typeof siret !== 'string' || !/^\d{14}$/.test(siret.replace(/\s/g, ''))) return null;
  const found = await q.findOrganisationBySiren(db, siret.replace(/\s/g, '').slice(0, 9));
  if (!found) return null;
  if (created) await q.setProfileOrganisation(db, user.id, found);
  return { slug: found.slug, name: found.name };
}

/** `POST /me/charter`: the signed-in person adheres to the current charter (idempotent). */
export async function acceptCharter(db: Db, input: { actor: Actor }) {
  authorize(actorOnly(input.actor, 'charter'), canAcceptCharter(input.actor));
  const actor = input.actor!;
  await accounts.acceptCharter(db, actor.id, CHARTER.version);
  return (await accounts.findUserById(db, actor.id))!;
}
