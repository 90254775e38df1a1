/**
 * Access to the accompanied territories. The map and its table are public; adding a territory
 * and changing its programmes or spaces is an admin's act; its « 4 Fantastiques » are named by
 * the admins and by the animateur·ices of the spaces that accompany it. Pure functions over
 * the facts below, as in `policy.ts`.
 */
import { type Actor, isActiveMember, isAdmin, type MembershipFacts } from './policy';

/** Anyone, signed in or not, reads the territories, the map and their teams' seats. */
export const canReadTerritories = (_actor: Actor): boolean => true;

export const canManageTerritories = (actor: Actor): boolean => isAdmin(actor);

/** The actor's memberships of the spaces that accompany the territory. */
export type TerritorySpacesFacts = ReadonlyArray<MembershipFacts>;

/** Name who holds a seat of its « 4 Fantastiques », or leave it vacant. */
export const canManageTerritoryTeam = (actor: Actor, memberships: TerritorySpacesFacts): boolean =>
  isAdmin(actor) ||
  memberships.some((membership) => isActiveMember(actor, membership) && membership?.role === 'animateur');
