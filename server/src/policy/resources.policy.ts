/**
 * Access to a space's resources: its files (upload, download, preview, delete), its links and
 * its "Ressources" listing. Pure functions over the same facts as `policy.ts`; routes first
 * ask `canListSpace` (no → 404, so private spaces leak nothing), then one of these (no → 401
 * for anonymous visitors, 403 otherwise).
 */
import {
  type Actor,
  canListSpace,
  canManageSpace,
  canReadThreads,
  isActiveMember,
  isAdmin,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';

/**
 * List the resources, download a file or see its preview: whoever may read the space's
 * content, like its threads. A file is part of the conversation, not a separate secret.
 */
export function canReadResources(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return canReadThreads(actor, space, membership);
}

/**
 * Upload a file or add a link: active members and admins, while the space is not archived
 * (an archived space is kept for reading). A pending request grants nothing.
 */
export function canAddResource(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (actor === null || space.status === 'archived') return false;
  if (!canListSpace(actor, space, membership)) return false;
  return isAdmin(actor) || isActiveMember(actor, membership);
}

export const canUploadFile = canAddResource;
export const canAddLink = canAddResource;

/**
 * Remove a file or a link: whoever runs the space (animateur·ices, admins), or the person who
 * shared it while they may still read the space — having left a public space does not take
 * away the right to withdraw what one shared there.
 */
export function canRemoveResource(
  actor: Actor,
  space: SpaceFacts,
  membership: MembershipFacts,
  resource: { sharedBy: string },
): boolean {
  if (actor === null) return false;
  if (canManageSpace(actor, space, membership)) return true;
  return resource.sharedBy === actor.id && canReadResources(actor, space, membership);
}

export const canDeleteFile = canRemoveResource;
export const canDeleteLink = canRemoveResource;
