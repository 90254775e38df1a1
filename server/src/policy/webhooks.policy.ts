/**
 * Space webhooks send what happens in a space to an outside address: those who run the space
 * decide it (its active animateur·ices, and admins). Pure functions, as in `policy.ts`.
 */
import { type Actor, canManageSpace, type MembershipFacts, type SpaceFacts } from './policy';

/** List, add, change, remove a space's webhooks and read their delivery log. */
export const canManageWebhooks = (actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean =>
  canManageSpace(actor, space, membership);
