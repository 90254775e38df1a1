/**
 * Access to a space's infolettres: the archive, one issue, drafts, sending, and receiving them.
 * Pure functions over the same facts as `policy.ts`. Routes first ask `canKnowNewsletter` (no →
 * 404: drafts are their writers' until sent, and private spaces leak nothing), then one of
 * these (no → 401 for anonymous visitors, 403 otherwise). An archived space is a state, not an
 * access question: the service refuses new drafts and sends there with 409 `space_archived`.
 */
import {
  type Actor,
  canListSpace,
  canViewSpace,
  isActiveMember,
  isAdmin,
  type MembershipFacts,
  type SpaceFacts,
} from './policy';

/** What the policy needs to know about an issue. */
export interface NewsletterFacts {
  status: 'draft' | 'sending' | 'sent';
}

const isActiveAnimateur = (actor: Actor, membership: MembershipFacts): boolean =>
  isActiveMember(actor, membership) && membership?.role === 'animateur';

/**
 * Write, edit, send and delete the space's infolettres, see its drafts, who would receive
 * them and how the mails went: its active animateur·ices and admins — those who speak for the
 * space to all its members.
 */
export function canManageNewsletters(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (!canListSpace(actor, space, membership)) return false;
  return isAdmin(actor) || isActiveAnimateur(actor, membership);
}

/**
 * Read the archive and its sent issues: whoever may read the space's content. An issue tells
 * what the mails told the members, so it is no more secret than the space's threads.
 */
export function canReadNewsletters(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return canViewSpace(actor, space, membership);
}

/**
 * May the actor know the issue exists (else 404): a draft only if they manage the space's
 * infolettres — an unsent text is not yet the space's word —, a sent one as one knows its space.
 */
export function canKnowNewsletter(
  actor: Actor,
  space: SpaceFacts,
  membership: MembershipFacts,
  newsletter: NewsletterFacts,
): boolean {
  if (newsletter.status === 'draft') return canManageNewsletters(actor, space, membership);
  return canListSpace(actor, space, membership);
}

/** Read one issue: a draft, those who manage; a sent (or sending) one, the space's readers. */
export function canReadNewsletter(
  actor: Actor,
  space: SpaceFacts,
  membership: MembershipFacts,
  newsletter: NewsletterFacts,
): boolean {
  if (newsletter.status === 'draft') return canManageNewsletters(actor, space, membership);
  return canReadNewsletters(actor, space, membership);
}

/**
 * Choose whether to receive the space's infolettres: its active members, who are the ones
 * they are mailed to. Admins who are not members receive none, so have nothing to choose.
 */
export function canChooseNewsletters(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return canListSpace(actor, space, membership) && isActiveMember(actor, membership);
}
