/**
 * The one place that decides access. HTTP routes, socket room subscriptions, collab
 * connections, search results, ICS feeds and mail all ask these functions, so a rule changes
 * here or nowhere. Each function is pure: callers load the facts (the actor, the space, the
 * actor's membership) and the policy only judges them, which keeps it testable without a
 * database and cheap enough to call on every row of a list.
 *
 * Add one function per action (`canPostInSpace`, `canEditDocument`, …) beside the ones below,
 * built from the same small predicates.
 */

export type UserRole = 'member' | 'admin';

/** Who is asking: a signed-in user, or null for an anonymous visitor. */
export type Actor = { id: string; role: UserRole } | null;

/** What the policy needs to know about a space. */
export interface SpaceFacts {
  visibility: 'public' | 'members' | 'private';
  joinPolicy?: 'open' | 'request' | 'invite';
  status?: 'active' | 'archived';
  /** Its events take guests (see `canRegisterAsGuest`). */
  guestRegistration?: boolean;
}

/** The actor's membership of that space, or null when they have none. */
export type MembershipFacts = {
  userId: string;
  role: 'animateur' | 'membre';
  status: 'active' | 'pending';
} | null;

/** The actor derived from `request.auth` (or any session): only the id and role matter here. */
export function actorFrom(auth: { user: { id: string; role: UserRole } } | null | undefined): Actor {
  return auth ? { id: auth.user.id, role: auth.user.role } : null;
}

export const isAdmin = (actor: Actor): boolean => actor?.role === 'admin';

/**
 * An accepted member of the space. The membership must belong to the actor: a caller that
 * passes someone else's row by mistake gets a refusal, not a leak.
 */
export const isActiveMember = (actor: Actor, membership: MembershipFacts): boolean =>
  actor !== null && membership !== null && membership.userId === actor.id && membership.status === 'active';

/**
 * May the actor know the space exists: see it in `GET /api/spaces` and open its presentation
 * (title, summary, description, how to join). Public and members-only spaces are shown to
 * everyone, so that people can find them and ask to join; private spaces only to their active
 * members and to admins. Where this says no, routes answer 404, not 403.
 */
export function canListSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (space.visibility !== 'private') return true;
  return isAdmin(actor) || isActiveMember(actor, membership);
}

/**
 * May the actor read what happens inside the space: discussions, documents, its events and
 * its live room. Public spaces are open to everyone, signed in or not; members-only and
 * private spaces to their active members and to admins. A pending request grants nothing yet.
 */
export function canViewSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (space.visibility === 'public') return true;
  return isAdmin(actor) || isActiveMember(actor, membership);
}

/**
 * May the actor read the alliance directory (listed people and their organisations). Every
 * signed-in member may: the directory exists so that allies find each other. Anonymous
 * visitors may not, because people agreed to be shown to the alliance, not to the web.
 * Who appears in it is the person's own choice (`listed_in_directory`), not a policy question.
 */
export function canSeeDirectory(actor: Actor): boolean {
  return actor !== null;
}

/**
 * Start a run of the daily or weekly digests now (operators, tests): admins only. A run mails
 * every person of that period at most once, so running it again sends nothing twice.
 */
export function canRunDigests(actor: Actor): boolean {
  return isAdmin(actor);
}

/** What decides who sees a person's profile picture: the person, and where they wrote. */
export interface AvatarFacts {
  personId: string;
  /** The person chose to be listed in the directory. */
  listedInDirectory: boolean;
  /** Each space the person wrote a post in, with the actor's own membership of it. */
  postedIn: ReadonlyArray<{ space: SpaceFacts; membership: MembershipFacts }>;
}

/**
 * May the actor see a person's profile picture. It is only ever shown beside the person's
 * name, so it goes no further than the name does: to the person, to admins, to signed-in
 * people when the person is listed in the directory (`canSeeDirectory`), and to whoever may
 * read a thread the person wrote in (`canReadThreads`) — anonymous visitors of a public space
 * see its authors' pictures as they see their names. Adding spaces never takes access away,
 * so a caller may leave `postedIn` empty when the person's own facts already say yes.
 */
export function canSeeAvatar(actor: Actor, facts: AvatarFacts): boolean {
  if (actor?.id === facts.personId || isAdmin(actor)) return true;
  if (facts.listedInDirectory && canSeeDirectory(actor)) return true;
  return facts.postedIn.some(({ space, membership }) => canReadThreads(actor, space, membership));
}

// ── Spaces: presentation, membership and management ──────────────────────────────────────
//
// Decisions for `features/spaces`. Routes first ask `canListSpace` (no → 404, so that private
// spaces stay secret), then the action's function (no → 401 for anonymous visitors, 403
// otherwise). Archived spaces are a state, not an access question: the service refuses joins,
// invitations and approvals there with 409 `space_archived`, after access has been granted.

/** A signed-in actor who holds the given membership (active or pending) of the space. */
const ownsMembership = (actor: Actor, membership: MembershipFacts): boolean =>
  actor !== null && membership !== null && membership.userId === actor.id;

const isActiveAnimateur = (actor: Actor, membership: MembershipFacts): boolean =>
  isActiveMember(actor, membership) && membership?.role === 'animateur';

/** Only admins create spaces: a space is a commitment of the alliance, not a personal group. */
export function canCreateSpace(actor: Actor): boolean {
  return isAdmin(actor);
}

/**
 * May the actor run the space: edit its presentation, visibility, join policy, archive or
 * unarchive it, invite, decide requests, change roles and remove members. Its active
 * animateur·ices and admins may. Archived spaces stay manageable, so that they can be reopened.
 */
export function canManageSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (!canListSpace(actor, space, membership)) return false;
  return isAdmin(actor) || isActiveAnimateur(actor, membership);
}

/** Invite people by mail (the invitation may name them animateur·ice). */
export const canInviteToSpace = canManageSpace;
/** See pending requests and approve or decline them. */
export const canDecideJoinRequests = canManageSpace;
/** Make a member animateur·ice or membre, or remove them from the space. */
export const canManageMembers = canManageSpace;

/**
 * May the actor see who belongs to the space (names, organisations, territories, roles).
 * Active members and admins always may. For public spaces every signed-in person may too, as
 * anyone may join them and take part; anonymous visitors never see people. For members-only
 * and private spaces the list stays inside — a pending request does not open it.
 */
export function canSeeMembers(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (actor === null || !canListSpace(actor, space, membership)) return false;
  if (isAdmin(actor) || isActiveMember(actor, membership)) return true;
  return space.visibility === 'public';
}

/**
 * May the actor see who animates the space (on its presentation page). Signed-in people who
 * may see the space may: the animateur·ices are who one asks to join. Anonymous visitors see
 * no one's name.
 */
export function canSeeAnimateurs(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return actor !== null && canListSpace(actor, space, membership);
}

/** Why a join is refused, as the API's error code; the service turns it into the answer. */
export type JoinRefusal = 'unauthenticated' | 'not_found' | 'already_member' | 'space_archived' | 'forbidden';
export type JoinDecision = { allowed: true; status: 'active' | 'pending' } | { allowed: false; reason: JoinRefusal };

/**
 * What happens when the actor asks to join. Open spaces let people in at once; `request`
 * spaces record a pending request for the animateur·ices; `invite` spaces only take people
 * through an invitation. Admins may do everything, so they join any space they see at once.
 * The reasons are checked in this order: who asks, whether they may know the space, whether
 * they already belong (or wait), whether it is archived, then the join policy.
 */
export function decideJoin(actor: Actor, space: SpaceFacts, membership: MembershipFacts): JoinDecision {
  if (actor === null) return { allowed: false, reason: 'unauthenticated' };
  if (!canListSpace(actor, space, membership)) return { allowed: false, reason: 'not_found' };
  if (ownsMembership(actor, membership)) return { allowed: false, reason: 'already_member' };
  if (space.status === 'archived') return { allowed: false, reason: 'space_archived' };
  if (isAdmin(actor)) return { allowed: true, status: 'active' };
  const policy = space.joinPolicy ?? 'invite';
  if (policy === 'open') return { allowed: true, status: 'active' };
  if (policy === 'request') return { allowed: true, status: 'pending' };
  return { allowed: false, reason: 'forbidden' };
}

export function canJoinSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return decideJoin(actor, space, membership).allowed;
}

/**
 * May the actor leave (or withdraw a pending request). Anyone may end their own membership,
 * whatever the space's visibility — knowing a space one belongs to reveals nothing. Whether
 * the last animateur·ice may go is a rule of the service (409 `last_animateur`), not of access.
 */
export function canLeaveSpace(actor: Actor, membership: MembershipFacts): boolean {
  return ownsMembership(actor, membership);
}

/**
 * May the holder of an invitation link accept it, and how. Only the invited address may: a
 * forwarded link must not let someone else in. Signed-in people accept as themselves when
 * their account has that email (`wrong_account` otherwise); anonymous visitors create the
 * account for that email while accepting, unless it already exists — then they sign in first.
 */
export function decideInvitationAcceptance(
  actor: { email: string } | null,
  invitation: { email: string; accountExists: boolean },
): 'accept' | 'create_account' | 'sign_in_first' | 'wrong_account' {
  if (actor === null) return invitation.accountExists ? 'sign_in_first' : 'create_account';
  return actor.email.toLowerCase() === invitation.email.toLowerCase() ? 'accept' : 'wrong_account';
}

/** "Mes espaces" and other lists of one's own memberships: any signed-in person. */
export function canSeeOwnSpaces(actor: Actor): boolean {
  return actor !== null;
}

// ── Discussions: threads, posts, reactions, read positions ───────────────────────────────
//
// Decisions for `features/discussions` and the `thread:<id>` socket room. Routes first ask
// `canListSpace` (no → 404), then the action's function (no → 401 for anonymous visitors,
// 403 otherwise). Locked threads are a state: the service answers 409 `thread_locked`.

/** Read threads and posts, subscribe to a thread's room: whoever may view the space's content. */
export function canReadThreads(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return canViewSpace(actor, space, membership);
}

/**
 * Start threads, post, react and quote: active members and admins, in spaces that are not
 * archived (an archived space is kept for reading only). Public spaces are read by everyone
 * but written by their members: joining is one click there.
 */
export function canPostInSpace(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (actor === null || space.status === 'archived') return false;
  if (!canListSpace(actor, space, membership)) return false;
  return isAdmin(actor) || isActiveMember(actor, membership);
}

/** React to a post: the same people who may post. */
export const canReactToPost = canPostInSpace;

/** Pin, lock, rename threads and delete anyone's post: active animateur·ices and admins. */
export function canModerateThreads(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  if (!canListSpace(actor, space, membership)) return false;
  return isAdmin(actor) || isActiveAnimateur(actor, membership);
}

/** Edit a post: its author only, while they may still post in the space. */
export function canEditPost(
  actor: Actor,
  space: SpaceFacts,
  membership: MembershipFacts,
  post: { authorId: string },
): boolean {
  return actor !== null && post.authorId === actor.id && canPostInSpace(actor, space, membership);
}

/**
 * Delete a post (softly: the body goes, the place in the thread stays): its author while they
 * may read the space — leaving a space does not take away the right to withdraw one's words —
 * or whoever moderates the space.
 */
export function canDeletePost(
  actor: Actor,
  space: SpaceFacts,
  membership: MembershipFacts,
  post: { authorId: string },
): boolean {
  if (canModerateThreads(actor, space, membership)) return true;
  return actor !== null && post.authorId === actor.id && canReadThreads(actor, space, membership);
}

/** See a post's earlier versions: whoever may read the thread (edits are visible history). */
export const canSeePostHistory = canReadThreads;

/** Keep a read position, follow a thread, get its notifications: signed-in readers. */
export function canTrackThread(actor: Actor, space: SpaceFacts, membership: MembershipFacts): boolean {
  return actor !== null && canReadThreads(actor, space, membership);
}
