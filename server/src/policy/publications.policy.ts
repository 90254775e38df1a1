/**
 * Access to the commons. The catalogue and every publication are public: publishing is what
 * makes a version, a file or a link everyone's. Publishing and withdrawing are for the space's
 * animateur·ices and admins (admins alone for what belongs to the whole alliance). Pure
 * functions over the facts below, as in `policy.ts`.
 */
import { type Actor, canManageSpace, isAdmin, type MembershipFacts, type SpaceFacts } from './policy';

export const canReadPublications = (_actor: Actor): boolean => true;

/** Publish from the space (or from the alliance, `space: null`), or withdraw what it published. */
export const canPublish = (actor: Actor, space: SpaceFacts | null, membership: MembershipFacts): boolean =>
  space === null ? isAdmin(actor) : canManageSpace(actor, space, membership);
