/**
 * Signing in through an OpenID provider, and adhering to the charter afterwards. Pure functions.
 */
import type { Actor } from './policy';

/**
 * A provider's identity may join the account that holds the same address only when the
 * provider says it verified that address (`email_verified: true`). Anyone can type any address
 * at some providers: without that word, linking would hand them the account of its owner.
 */
export function canLinkIdentityByEmail(facts: { emailVerified: boolean }): boolean {
  return facts.emailVerified;
}

/** Adhere to the charter: any signed-in person, for themselves only. */
export function canAcceptCharter(actor: Actor): boolean {
  return actor !== null;
}
