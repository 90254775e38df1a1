import type {
  SpaceCreateBody,
  SpacePermissions,
  SpaceResponse,
  SpaceSummary,
  SpaceUpdateBody,
} from '@atelier/contract';
import { actorOnly, authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { AccessChange } from '../../plugins/access';
import {
  type Actor,
  canCreateSpace,
  canJoinSpace,
  canLeaveSpace,
  canListSpace,
  canManageSpace,
  canSeeAnimateurs,
  canSeeMembers,
  canViewSpace,
  type MembershipFacts,
} from '../../policy/policy';
import { slugify } from './slugify';
import { loadSpaceContext, type SpaceContext, toMembershipFacts } from './spaces.access';
import type { SpacesMailer } from './spaces.mail';
import {
  countActiveMembers,
  insertSpace,
  listAnimateurs,
  listMembershipsOfUser,
  listProjects,
  listSpacesWithMemberCount,
  replaceProjects,
  type SpaceValues,
  updateSpace as updateSpaceRow,
} from './spaces.queries';

const KIND_ORDER: Record<SpaceSummary['kind'], number> = { chantier: 0, communaute: 1, cohorte: 2 };
// Titles sort the French way whatever the database collation ("Éducation" among the E's).
const frenchCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Chantiers first, then communautés, then cohortes, each by French title. */
export const compareSpaces = (a: Pick<SpaceSummary, 'kind' | 'title'>, b: Pick<SpaceSummary, 'kind' | 'title'>) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || frenchCollator.compare(a.title, b.title);

export interface SpacesDeps {
  db: Db;
  /** Only the membership and invitation services send mail; listing and reading never do. */
  mailer?: SpacesMailer;
  /** Announces a committed change that may narrow access (`plugins/access.ts`). */
  accessChanged?: (change: AccessChange) => Promise<void>;
}

/**
 * The spaces the actor may see, chantiers first, then communautés, then cohortes, each by title.
 * The alliance has tens of spaces, not thousands: the policy judges every row in memory, so
 * the rule lives in the policy module only and not again in SQL.
 */
export async function listSpaces({ db }: SpacesDeps, { actor }: { actor: Actor }): Promise<SpaceSummary[]> {
  const [spaces, memberships] = await Promise.all([
    listSpacesWithMemberCount(db),
    actor ? listMembershipsOfUser(db, actor.id) : Promise.resolve([]),
  ]);
  const membershipBySpace = new Map<string, MembershipFacts>(
    memberships.map((row) => [row.space_id, toMembershipFacts(row)]),
  );
  return spaces
    .filter((space) => canListSpace(actor, space, membershipBySpace.get(space.id) ?? null))
    .sort(compareSpaces)
    .map((space) => toSummary(space, Number(space.member_count ?? 0)));
}

export function toSummary(
  space: Pick<
    SpaceContext['space'],
    'id' | 'slug' | 'kind' | 'title' | 'summary' | 'visibility' | 'join_policy' | 'status'
  >,
  memberCount: number,
): SpaceSummary {
  return {
    id: space.id,
    slug: space.slug,
    kind: space.kind,
    title: space.title,
    summary: space.summary,
    visibility: space.visibility,
    joinPolicy: space.join_policy,
    status: space.status,
    memberCount,
  };
}

/** What the actor may do in the space, as the client shows it. Every answer comes from the policy. */
export function permissionsOf({ actor, facts, membership }: SpaceContext): SpacePermissions {
  return {
    viewContent: canViewSpace(actor, facts, membership),
    join: canJoinSpace(actor, facts, membership),
    leave: canLeaveSpace(actor, membership),
    manage: canManageSpace(actor, facts, membership),
    seeMembers: canSeeMembers(actor, facts, membership),
  };
}

/** The presentation of a space, the caller's membership and permissions. */
export async function toSpaceResponse(db: Db, context: SpaceContext): Promise<SpaceResponse> {
  const { space, actor, facts, membership } = context;
  const [memberCount, projects, animateurs] = await Promise.all([
    countActiveMembers(db, space.id),
    listProjects(db, space.id),
    canSeeAnimateurs(actor, facts, membership) ? listAnimateurs(db, space.id) : Promise.resolve([]),
  ]);
  return {
    space: {
      ...toSummary(space, memberCount),
      description: space.description,
      goals: space.goals,
      period: space.period,
      partners: space.partners,
      audience: space.audience,
      guestRegistration: space.guest_registration,
      projects,
      animateurs: animateurs.map((person) => ({ id: person.id, displayName: person.display_name })),
    },
    membership: membership ? { status: membership.status, role: membership.role } : null,
    permissions: permissionsOf(context),
  };
}

/** `GET /spaces/:slug`: private spaces the actor may not see answer 404, like unknown slugs. */
export async function getSpace({ db }: SpacesDeps, input: { actor: Actor; slug: string }): Promise<SpaceResponse> {
  const context = await loadSpaceContext(db, { slug: input.slug }, input.actor);
  authorize(context, true);
  return toSpaceResponse(db, context);
}

function checkProjects(projects: { territory: string }[] | undefined) {
  if (!projects) return;
  const seen = new Set<string>();
  for (const project of projects) {
    const key = project.territory.toLowerCase();
    if (seen.has(key)) {
      throw new AppError('invalid_input', 'each territory appears once', {
        'body.projects': [`"${project.territory}" appears twice`],
      });
    }
    seen.add(key);
  }
}

const toValues = (body: SpaceUpdateBody): SpaceValues => ({
  kind: body.kind,
  title: body.title,
  summary: body.summary,
  description: body.description,
  goals: body.goals,
  period: body.period,
  partners: body.partners,
  audience: body.audience,
  visibility: body.visibility,
  join_policy: body.joinPolicy,
  status: body.status,
  guest_registration: body.guestRegistration,
});

const toProjects = (projects: NonNullable<SpaceCreateBody['projects']>) =>
  projects.map((project) => ({ territory: project.territory, theme: project.theme ?? null }));

/** `POST /spaces` (admins): a taken slug is a 409 `conflict`, nothing is written. */
export async function createSpace(
  { db }: SpacesDeps,
  input: { actor: Actor; body: SpaceCreateBody },
): Promise<SpaceResponse> {
  const { actor, body } = input;
  authorize(actorOnly(actor, 'space'), canCreateSpace(actor), 'only admins create spaces');
  const slug = body.slug ?? slugify(body.title);
  if (!slug)
    throw new AppError('invalid_input', 'choose a slug', { 'body.slug': ['no slug can be made from the title'] });
  checkProjects(body.projects);
  const created = await db.transaction().execute(async (trx) => {
    const row = await insertSpace(trx, {
      ...toValues(body),
      slug,
      kind: body.kind,
      title: body.title,
      visibility: body.visibility,
      join_policy: body.joinPolicy,
    });
    if (!row) return null;
    if (body.projects) await replaceProjects(trx, row.id, toProjects(body.projects));
    return row;
  });
  if (!created) throw new AppError('conflict', `the slug "${slug}" is taken`, { 'body.slug': ['already taken'] });
  return toSpaceResponse(db, await loadSpaceContext(db, { slug: slug }, actor));
}

/** `PATCH /spaces/:slug` (animateur·ices and admins), including archive and unarchive. */
export async function updateSpace(
  { db, accessChanged }: SpacesDeps,
  input: { actor: Actor; slug: string; body: SpaceUpdateBody },
): Promise<SpaceResponse> {
  const context = await loadSpaceContext(db, { slug: input.slug }, input.actor);
  authorize(context, canManageSpace(context.actor, context.facts, context.membership));
  checkProjects(input.body.projects);
  await db.transaction().execute(async (trx) => {
    await updateSpaceRow(trx, context.space.id, toValues(input.body));
    if (input.body.projects) await replaceProjects(trx, context.space.id, toProjects(input.body.projects));
  });
  const { visibility, joinPolicy, status } = input.body;
  if (visibility !== undefined || joinPolicy !== undefined || status !== undefined) {
    await accessChanged?.({ scope: 'space', spaceId: context.space.id });
  }
  return toSpaceResponse(db, await loadSpaceContext(db, { slug: input.slug }, input.actor));
}
