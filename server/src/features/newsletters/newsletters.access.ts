import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import { canKnowNewsletter } from '../../policy/newsletters.policy';
import type { Actor } from '../../policy/policy';
import { findSpaceContext, type SpaceContext } from '../spaces/spaces.access';
import { findNewsletter, type NewsletterRecord } from './newsletters.queries';

/**
 * The issue, its space's facts and the actor's membership; unknown ids → 404. `known` is the
 * policy's `canKnowNewsletter`: a draft is unknown to all but those who manage the space's
 * infolettres, so `authorize` answers them 404 as for an id that does not exist.
 */
export async function loadNewsletterContext(
  db: Db,
  newsletterId: string,
  actor: Actor,
): Promise<SpaceContext & { newsletter: NewsletterRecord }> {
  const newsletter = isUuid(newsletterId) ? await findNewsletter(db, newsletterId) : undefined;
  const space = newsletter && (await findSpaceContext(db, { id: newsletter.space_id }, actor));
  if (!newsletter || !space) throw notFound('newsletter');
  const known = canKnowNewsletter(actor, space.facts, space.membership, newsletter);
  return { ...space, newsletter, known, subject: 'newsletter' };
}
