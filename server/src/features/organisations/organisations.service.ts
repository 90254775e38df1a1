import {
  type AffiliationStatus,
  ORGANISATIONS_PAGE_SIZE,
  type OrganisationCreateBody,
  type OrganisationDetail,
  type OrganisationKind,
  OrganisationKindSchema,
  type OrganisationList,
  type OrganisationsQuery,
  type OrganisationUpdateBody,
} from '@atelier/contract';
import { z } from 'zod';
import { type Authorizable, actorOnly, authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import {
  type AffiliationFacts,
  canAskAffiliation,
  canBecomeReferent,
  canCreateOrganisation,
  canManageOrganisation,
  canReadOrganisations,
} from '../../policy/organisations.policy';
import { type Actor, canSeeDirectory } from '../../policy/policy';
import { findUserById } from '../accounts/accounts.queries';
import { avatarUrl } from '../accounts/avatars.content';
import { slugify } from '../spaces/slugify';
import { officialName } from '../territories/official-territories';
import { logoUrl } from './organisation-logos.content';
import type { OrganisationsMailer } from './organisations.mail';
import {
  confirmAffiliation,
  countOrganisationsByKind,
  deleteAffiliation,
  findAffiliation,
  findOrganisation,
  freeSlug,
  insertOrganisation,
  listActiveSpaces,
  listConfirmedMembers,
  listLinkDeciders,
  listListedMembers,
  listOrganisationRows,
  listPendingAffiliations,
  type OrganisationValues,
  requestAffiliation,
  setReferent,
  updateOrganisation,
} from './organisations.queries';

export interface OrganisationsDeps {
  db: Db;
  mailer: OrganisationsMailer;
}

type OrganisationRow = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

export interface OrganisationContext extends Authorizable {
  organisation: OrganisationRow;
  affiliation: AffiliationFacts;
}

/** The organisation and the actor's link to it; 404 when there is no such organisation. */
export async function loadOrganisationContext(db: Db, slug: string, actor: Actor): Promise<OrganisationContext> {
  const organisation = await findOrganisation(db, slug);
  if (!organisation) throw new AppError('not_found', 'no such organisation');
  const link = actor ? await findAffiliation(db, organisation.id, actor.id) : undefined;
  const affiliation = link && actor ? { userId: actor.id, status: link.status, referent: link.referent } : null;
  return { actor, known: true, subject: 'organisation', organisation, affiliation };
}

const kindOf = (value: string): OrganisationKind => OrganisationKindSchema.catch('societe_civile').parse(value);

const summaryOf = (row: OrganisationRow) => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  kind: kindOf(row.kind),
  territory: row.territory,
  themes: row.themes,
  website: row.website,
  memberCount: row.member_count,
  logoUrl: logoUrl(row.slug, row.logo_updated_at),
});

const organisationOf = (row: OrganisationRow) => ({
  ...summaryOf(row),
  siren: row.siren,
  territoryCode:
    row.territory_level && row.territory_code ? { level: row.territory_level, code: row.territory_code } : null,
  presentation: row.presentation,
  charterJoinedOn: row.charter_joined_on,
});

const CursorSchema = z.tuple([
  z
    .string()
    .max(400)
    .refine((key) => !/[\u0000-\u001f\u007f]/.test(key)),
  z.uuid(),
]);

/** `GET /organisations`: a page of allies matching the filters, by name, with the counts. */
export async function listOrganisations(
  { db }: OrganisationsDeps,
  { actor, query }: { actor: Actor; query: OrganisationsQuery },
): Promise<OrganisationList> {
  authorize(actorOnly(actor, 'organisations'), canReadOrganisations(actor));
  const position = decodeCursor(query.cursor, CursorSchema);
  const filters = { q: query.q, kind: query.kind, territory: query.territory, theme: query.theme };
  const [rows, byKind] = await Promise.all([
    listOrganisationRows(db, filters, {
      after: position ? { sortKey: position[0], id: position[1] } : null,
      limit: ORGANISATIONS_PAGE_SIZE,
    }),
    countOrganisationsByKind(db, filters),
  ]);
  const page = pageOf(rows, ORGANISATIONS_PAGE_SIZE, (last) => [last.sort_key, last.id]);
  const kinds = byKind.map((row) => ({ kind: kindOf(row.kind), count: Number(row.count) }));
  const inKind = query.kind ? kinds.filter((entry) => entry.kind === query.kind) : kinds;
  return {
    items: page.rows.map(summaryOf),
    nextCursor: page.nextCursor,
    total: inKind.reduce((sum, entry) => sum + entry.count, 0),
    kinds,
  };
}

/** `GET /organisations/:slug`: its page, who is listed, where they are active, what the reader may do. */
export async function getOrganisation(
  { db }: OrganisationsDeps,
  { actor, slug }: { actor: Actor; slug: string },
): Promise<OrganisationDetail> {
  const context = await loadOrganisationContext(db, slug, actor);
  authorize(context, canReadOrganisations(actor));
  const { organisation, affiliation } = context;
  const canManage = canManageOrganisation(actor, affiliation);
  const [members, spaces, pending, confirmed] = await Promise.all([
    // People agreed to be shown to the alliance, not to the web: as the directory, signed-in only.
    canSeeDirectory(actor) ? listListedMembers(db, organisation.id) : Promise.resolve([]),
    listActiveSpaces(db, organisation.id),
    canManage ? listPendingAffiliations(db, organisation.id) : Promise.resolve([]),
    // Those who manage it see everyone confirmed (listed or not), to name its referents.
    canManage ? listConfirmedMembers(db, organisation.id) : Promise.resolve([]),
  ]);
  return {
    organisation: organisationOf(organisation),
    members: members.map((row) => ({
      id: row.id,
      displayName: row.display_name,
      avatarUrl: avatarUrl(row.id, row.avatar_updated_at),
    })),
    spaces: spaces.map((row) => ({ slug: row.slug, title: row.title, memberCount: Number(row.member_count) })),
    viewer: { affiliation: affiliation?.status ?? null, canManage },
    pending: pending.map((row) => ({
      userId: row.id,
      displayName: row.display_name,
      requestedAt: row.requested_at.toISOString(),
    })),
    confirmed: confirmed.map((row) => ({
      userId: row.id,
      displayName: row.display_name,
      avatarUrl: avatarUrl(row.id, row.avatar_updated_at),
      referent: row.referent,
    })),
  };
}

const isUniqueViolation = (error: unknown, constraint: string) =>
  (error as { code?: string; constraint?: string }).code === '23505' &&
  (error as { constraint?: string }).constraint === constraint;

/** A name or SIREN already used by another organisation: a 409 that says which field. */
async function orConflict<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, 'organisations_name_idx')) {
      throw new AppError('conflict', 'another organisation has this name', { name: ['already used'] });
    }
    if (isUniqueViolation(error, 'organisations_siren_key')) {
      throw new AppError('conflict', 'another organisation has this SIREN', { siren: ['already used'] });
    }
    throw error;
  }
}

/**
 * The territory by its official code: its official name becomes the territory's; an unknown
 * code is 400 naming `territoryCode`. Null forgets the code and keeps the name as written.
 */
function territoryValues(body: OrganisationUpdateBody): OrganisationValues {
  // A territory written by hand is no longer the official one the code named.
  if (body.territoryCode === undefined) {
    return body.territory === undefined
      ? {}
      : { territory: body.territory, territory_level: null, territory_code: null };
  }
  if (body.territoryCode === null) {
    return {
      territory_level: null,
      territory_code: null,
      ...(body.territory === undefined ? {} : { territory: body.territory }),
    };
  }
  const { level, code } = body.territoryCode;
  const name = officialName(level, code);
  if (!name) {
    throw new AppError('invalid_input', 'unknown territory code', {
      'body.territoryCode': [`no ${level} has the code "${code}" in the official list`],
    });
  }
  return { territory_level: level, territory_code: code, territory: name };
}

const valuesOf = (body: OrganisationUpdateBody): OrganisationValues => ({
  ...(body.name === undefined ? {} : { name: body.name }),
  ...(body.kind === undefined ? {} : { kind: body.kind }),
  ...(body.siren === undefined ? {} : { siren: body.siren }),
  ...territoryValues(body),
  ...(body.themes === undefined ? {} : { themes: [...new Set(body.themes)] }),
  ...(body.website === undefined ? {} : { website: body.website }),
  ...(body.presentation === undefined ? {} : { presentation: body.presentation }),
  ...(body.charterJoinedOn === undefined ? {} : { charter_joined_on: body.charterJoinedOn }),
});

/** `POST /organisations` (admins): a new organisation, its slug from its name unless given. */
export async function createOrganisation(
  deps: OrganisationsDeps,
  { actor, body }: { actor: Actor; body: OrganisationCreateBody },
) {
  authorize(actorOnly(actor, 'organisations'), canCreateOrganisation(actor));
  const base = body.slug ?? slugify(body.name);
  if (!base) throw new AppError('invalid_input', 'the name gives no address', { name: ['letters or digits needed'] });
  if (body.slug && (await findOrganisation(deps.db, body.slug))) {
    throw new AppError('conflict', 'another organisation has this address', { slug: ['already used'] });
  }
  const slug = body.slug ?? (await freeSlug(deps.db, base));
  await orConflict(insertOrganisation(deps.db, { ...valuesOf(body), slug, name: body.name, kind: body.kind }));
  return getOrganisation(deps, { actor, slug });
}

/** `PATCH /organisations/:slug` (admins and its referents). */
export async function editOrganisation(
  deps: OrganisationsDeps,
  { actor, slug, body }: { actor: Actor; slug: string; body: OrganisationUpdateBody },
) {
  const context = await loadOrganisationContext(deps.db, slug, actor);
  authorize(context, canManageOrganisation(actor, context.affiliation));
  await orConflict(updateOrganisation(deps.db, context.organisation.id, valuesOf(body)));
  return getOrganisation(deps, { actor, slug });
}

/**
 * `POST /organisations/:slug/affiliation`: the actor asks to be linked (or is already). A new
 * request is mailed to those who decide (its referents, or admins), in the same transaction.
 */
export async function askAffiliation(
  deps: OrganisationsDeps,
  { actor, slug }: { actor: Actor; slug: string },
): Promise<{ affiliation: { status: AffiliationStatus } }> {
  const context = await loadOrganisationContext(deps.db, slug, actor);
  authorize(context, canAskAffiliation(actor));
  const { organisation } = context;
  const userId = (actor as { id: string }).id;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await requestAffiliation(trx, organisation.id, userId))) return;
    const requester = await findUserById(trx, userId);
    for (const decider of await listLinkDeciders(trx, organisation.id)) {
      await deps.mailer.sendRequest(trx, decider, {
        organisation,
        requesterName: requester?.display_name ?? '',
      });
    }
  });
  const link = await findAffiliation(deps.db, organisation.id, userId);
  return { affiliation: { status: link?.status ?? 'pending' } };
}

/** `DELETE /organisations/:slug/affiliation`: the actor withdraws their own link. */
export async function withdrawAffiliation(deps: OrganisationsDeps, { actor, slug }: { actor: Actor; slug: string }) {
  const context = await loadOrganisationContext(deps.db, slug, actor);
  authorize(context, canAskAffiliation(actor));
  await deleteAffiliation(deps.db, context.organisation.id, (actor as { id: string }).id);
}

/** Confirm or decline someone's link (admins and referents); 404 when they asked none. */
export async function decideAffiliation(
  deps: OrganisationsDeps,
  input: { actor: Actor; slug: string; userId: string; decision: 'confirm' | 'decline' },
) {
  const context = await loadOrganisationContext(deps.db, input.slug, input.actor);
  authorize(context, canManageOrganisation(input.actor, context.affiliation));
  const { organisation } = context;
  const confirmed = input.decision === 'confirm';
  await deps.db.transaction().execute(async (trx) => {
    const done = confirmed
      ? await confirmAffiliation(trx, organisation.id, input.userId)
      : await deleteAffiliation(trx, organisation.id, input.userId);
    if (!done) throw new AppError('not_found', 'no such request');
    const person = await findUserById(trx, input.userId);
    if (person) await deps.mailer.sendDecision(trx, person, { organisation, confirmed });
  });
  return getOrganisation(deps, { actor: input.actor, slug: input.slug });
}

/**
 * `PUT|DELETE /organisations/:slug/referents/:userId` (admins and referents): make a person a
 * referent, or not. Only a confirmed link can become one (409 otherwise); a person with no link
 * at all is 404. A referent may step down themselves; naming and removing are idempotent.
 */
export async function setReferentRole(
  deps: OrganisationsDeps,
  input: { actor: Actor; slug: string; userId: string; referent: boolean },
) {
  const context = await loadOrganisationContext(deps.db, input.slug, input.actor);
  authorize(context, canManageOrganisation(input.actor, context.affiliation));
  const { organisation } = context;
  const link = await findAffiliation(deps.db, organisation.id, input.userId);
  if (!link) throw new AppError('not_found', 'this person is not linked to the organisation');
  if (input.referent && !canBecomeReferent({ userId: input.userId, ...link })) {
    throw new AppError('conflict', 'only a person whose link is confirmed can be a referent', {
      userId: ['link not confirmed'],
    });
  }
  // The statement checks the status again: a link withdrawn since is not made referent.
  const changed = await setReferent(deps.db, organisation.id, input.userId, input.referent);
  if (input.referent && !changed) throw new AppError('not_found', 'this person is not linked to the organisation');
  return getOrganisation(deps, { actor: input.actor, slug: input.slug });
}
