import type { Authorizable } from '../../core/authorize';
import { isUuid } from '../../core/ids';
import type { Db } from '../../db/database';
import { notFound } from '../../errors';
import { type Actor, type AvatarFacts, canSeeAvatar } from '../../policy/policy';
import { spaceFacts, toMembershipFacts } from '../spaces/spaces.access';
import { type AvatarOwner, findAvatarOwner, spacesPostedIn } from './avatars.queries';

/** A person's picture as the policy judges it. Unknown and hidden read alike (404). */
export interface AvatarContext extends Authorizable {
  owner: AvatarOwner;
  facts: AvatarFacts;
}

export async function loadAvatarContext(db: Db, userId: string, actor: Actor): Promise<AvatarContext> {
  const owner = isUuid(userId) ? await findAvatarOwner(db, userId) : undefined;
  if (!owner) throw notFound('avatar');
  const facts: AvatarFacts = { personId: owner.id, listedInDirectory: owner.listed_in_directory, postedIn: [] };
  // Where the person wrote is read only when their own facts do not already decide: more
  // spaces can only open access, never close it (see canSeeAvatar).
  if (!canSeeAvatar(actor, facts)) {
    const spaces = await spacesPostedIn(db, owner.id, actor?.id ?? null);
    facts.postedIn = spaces.map((row) => ({
      space: spaceFacts(row),
      membership: toMembershipFacts(
        row.member_id ? { user_id: row.member_id, role: row.member_role!, status: row.member_status! } : null,
      ),
    }));
  }
  return { actor, owner, facts, known: canSeeAvatar(actor, facts), subject: 'avatar' };
}
