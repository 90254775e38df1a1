/**
 * Access to the alliance's organisations. Their pages (and logos) are public (the allies
 * list); creating one is an admin's act; editing one, its logo, confirming who belongs to it
 * and naming its referents are its referents' and the admins'. Pure functions over the facts
 * below, as in `policy.ts`.
 */
import { type Actor, isAdmin } from './policy';

/** The actor's link to the organisation, or null when they have none. */
export type AffiliationFacts = {
  userId: string;
  status: 'pending' | 'confirmed';
  referent: boolean;
} | null;

const isReferent = (actor: Actor, affiliation: AffiliationFacts): boolean =>
  actor !== null &&
  affiliation !== null &&
  affiliation.userId === actor.id &&
  affiliation.status === 'confirmed' &&
  affiliation.referent;

/** Anyone, signed in or not, reads the list of allies and an organisation's page. */
export const canReadOrganisations = (_actor: Actor): boolean => true;

export const canCreateOrganisation = (actor: Actor): boolean => isAdmin(actor);

/**
 * Edit the organisation and its logo, confirm or decline the links people ask for, make
 * confirmed people referents or not — themselves included: a referent may step down, and an
 * admin can always name another.
 */
export const canManageOrganisation = (actor: Actor, affiliation: AffiliationFacts): boolean =>
  isAdmin(actor) || isReferent(actor, affiliation);

/** Who may be made a referent: a person whose link to the organisation is confirmed. */
export const canBecomeReferent = (link: AffiliationFacts): boolean => link !== null && link.status === 'confirmed';

/** Ask to be linked to an organisation, or withdraw one's own link: any signed-in person. */
export const canAskAffiliation = (actor: Actor): boolean => actor !== null;
