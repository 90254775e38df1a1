import {
  type BulkInvitationResult,
  type BulkInvitationRow,
  type BulkLineProblem,
  EmailSchema,
  FANTASTIC_ROLES,
  type FantasticRole,
  lineText,
  type MembershipRole,
} from '@atelier/contract';
import { parse } from 'csv-parse/sync';
import { authorize } from '../../core/authorize';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Jobs } from '../../plugins/jobs';
import { type Actor, canInviteToSpace } from '../../policy/policy';
import { findUserByEmail, findUserById } from '../accounts/accounts.queries';
import { looksLikeCode, officialNameOfCode } from '../territories/official-territories';
import { findTerritoriesByCodes } from '../territories/territories.queries';
import { findActiveMemberEmails, findOpenInvitationEmails, type InvitedProfile } from './invitations.queries';
import { type InvitationsDeps, issueInvitation } from './invitations.service';
import { loadSpaceContext, spaceArchived } from './spaces.access';
import { findSpaceById } from './spaces.queries';

declare module '../../plugins/jobs' {
  interface JobPayloads {
    /** One person of a bulk invitation: their invitation and its mail, in one transaction. */
    'spaces.invite': {
      spaceId: string;
      email: string;
      role: MembershipRole;
      invitedBy: string;
      profile: InvitedProfile;
    };
  }
}

export type BulkInvitationsDeps = InvitationsDeps & { jobs: Jobs };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The column names a CSV may use, in English (the contract's) or in French. */
const COLUMNS: Record<string, keyof BulkInvitationRow> = {
  email: 'email',
  courriel: 'email',
  mail: 'email',
  'adresse courriel': 'email',
  displayname: 'displayName',
  nom: 'displayName',
  name: 'displayName',
  organisation: 'organisation',
  organization: 'organisation',
  territory: 'territory',
  territoire: 'territory',
  role4f: 'role4F',
  'rôle 4f': 'role4F',
  'role 4f': 'role4F',
};

const fold = (value: string) =>
  value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[·•.]/g, '').trim();

/** « Élu·e », « elu », « agent·e », « État territorial », « acteur »…: the role's key. */
const ROLE_NAMES = new Map<string, FantasticRole>(
  (Object.entries(FANTASTIC_ROLES) as [FantasticRole, { label: string }][]).flatMap(([key, role]) => [
    [fold(key), key],
    [fold(role.label), key],
  ]),
);
ROLE_NAMES.set('etat', 'etat');
ROLE_NAMES.set('acteurice', 'acteur');
ROLE_NAMES.set('actrice', 'acteur');
ROLE_NAMES.set('agente', 'agent');
ROLE_NAMES.set('elue', 'elu');

/**
 * The lines of a CSV as rows, its header naming the columns (English or French, any order);
 * commas or semicolons (a French spreadsheet's export). A file that is not readable CSV, or
 * without an email column, is a 400 that says why.
 */
export function rowsFromCsv(text: string): BulkInvitationRow[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter: [',', ';'],
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      max_record_size: 4000,
    });
  } catch (error) {
    throw new AppError('invalid_input', 'the file is not readable CSV', {
      body: [(error as Error).message.slice(0, 200)],
    });
  }
  const [header, ...lines] = records;
  const names = (header ?? []).map((name) => COLUMNS[fold(name)] ?? null);
  if (!names.includes('email')) {
    throw new AppError('invalid_input', 'the first line must name the columns, email among them', {
      body: ['the first line must name the columns: email, displayName, organisation, territory, role4F'],
    });
  }
  return lines.map((cells) => {
    const row: BulkInvitationRow = { email: '' };
    for (const [index, name] of names.entries()) {
      const value = cells[index];
      if (name && value) row[name] = value;
    }
    return row;
  });
}

const NAME = lineText(120);
const PLACE = lineText(160);

interface CheckedLine {
  line: number;
  email: string;
  profile: InvitedProfile;
}

const LEVEL_ORDER = ['commune', 'epci', 'departement', 'region', 'other'];

/** A territory of the CSV: its name, and the accompanied territory when the text is its code. */
type Place = { name: string; territoryId: string | null };

/**
 * How the CSV's territories read: a code (INSEE or SIREN) names an accompanied territory (the
 * one this space accompanies first) or an official one, and is unknown otherwise (undefined);
 * any other text is the person's territory as written.
 */
async function placesOf(db: Db, spaceId: string, rows: BulkInvitationRow[]) {
  const codes = [
    ...new Set(rows.map((row) => row.territory?.trim().toUpperCase() ?? '').filter((text) => looksLikeCode(text))),
  ];
  const accompanied = (await findTerritoriesByCodes(db, codes, spaceId)).sort(
    // The one this space accompanies first; else, as officialNameOfCode reads a bare code, the
    // département before the région that shares its number.
    (a, b) => Number(b.here) - Number(a.here) || LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level),
  );
  return (text: string): Place | undefined => {
    if (!looksLikeCode(text))
      return PLACE.safeParse(text).success ? { name: text.trim(), territoryId: null } : undefined;
    const code = text.trim().toUpperCase();
    const known = accompanied.find((territory) => territory.code === code);
    if (known) return { name: known.name, territoryId: known.here ? known.id : null };
    const name = officialNameOfCode(code);
    return name ? { name, territoryId: null } : undefined;
  };
}

/** Each line checked: its problem, or the person to invite. Line 1 is the header. */
function checkLines(rows: BulkInvitationRow[], placeOf: (text: string) => Place | undefined) {
  const errors: { line: number; code: BulkLineProblem }[] = [];
  const people: CheckedLine[] = [];
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    const problem = (code: BulkLineProblem) => errors.push({ line, code });
    const email = EmailSchema.safeParse(row.email);
    const optional = <T>(value: string | undefined, check: (text: string) => T | undefined) =>
      value === undefined || value.trim() === '' ? null : check(value);
    const displayName = optional(row.displayName, (text) => NAME.safeParse(text).data);
    const organisation = optional(row.organisation, (text) => PLACE.safeParse(text).data);
    const place = optional(row.territory, placeOf);
    const fantasticRole = optional(row.role4F, (text) => ROLE_NAMES.get(fold(text)));
    const address = email.data?.toLowerCase();
    if (address === undefined) problem('invalid_email');
    else if (seen.has(address)) problem('duplicate_email');
    else if (displayName === undefined) problem('invalid_name');
    else if (organisation === undefined) problem('invalid_organisation');
    else if (place === undefined)
      problem(looksLikeCode(row.territory ?? '') ? 'unknown_territory' : 'invalid_territory');
    else if (fantasticRole === undefined) problem('unknown_role4F');
    else {
      const territory = place?.name ?? null;
      const territoryId = place?.territoryId ?? null;
      people.push({
        line,
        email: address,
        profile: { displayName, organisation, territory, fantasticRole, territoryId },
      });
    }
    if (address !== undefined) seen.add(address);
  }
  return { errors, people };
}

/**
 * `POST /spaces/:slug/invitations/bulk` (animateur·ices, admins): every line checked, those
 * who already belong (or were invited here in the last day) skipped; on a dry run, or when any line has a problem, nobody is invited
 * and the answer says what would happen. Otherwise one job per person is queued in one
 * transaction (the invitations and their mails follow from the queue): all or none.
 */
export async function inviteInBulk(
  deps: BulkInvitationsDeps,
  input: { actor: Actor; slug: string; rows: BulkInvitationRow[]; role: MembershipRole; dryRun: boolean },
): Promise<BulkInvitationResult> {
  const context = await loadSpaceContext(deps.db, { slug: input.slug }, input.actor);
  authorize(context, canInviteToSpace(context.actor, context.facts, context.membership));
  if (context.space.status === 'archived') throw spaceArchived();
  const { errors, people } = checkLines(input.rows, await placesOf(deps.db, context.space.id, input.rows));
  // Those who already belong, and those invited here in the last day (a file sent twice
  // mails nobody twice), are skipped.
  const emails = people.map((person) => person.email);
  const [members, invited] = await Promise.all([
    findActiveMemberEmails(deps.db, context.space.id, emails),
    findOpenInvitationEmails(deps.db, context.space.id, emails, new Date(Date.now() - DAY_MS)),
  ]);
  const skip = new Set([...members, ...invited].map((row) => row.email));
  const invite = people.filter((person) => !skip.has(person.email));
  const result = { invited: 0, ready: invite.length, skipped: people.length - invite.length, errors };
  if (input.dryRun || errors.length > 0 || invite.length === 0) return result;
  await deps.db.transaction().execute(async (trx) => {
    for (const person of invite) {
      await deps.jobs.enqueue(trx, 'spaces.invite', {
        spaceId: context.space.id,
        email: person.email,
        role: input.role,
        invitedBy: context.actor!.id,
        profile: person.profile,
      });
    }
  });
  return { ...result, invited: invite.length };
}

/** The `spaces.invite` job: one invitation and its mail; a space archived meanwhile gets none. */
export async function issueQueuedInvitation(
  deps: InvitationsDeps,
  data: {
    spaceId: string;
    email: string;
    role: MembershipRole;
    invitedBy: string;
    profile: InvitedProfile;
  },
): Promise<void> {
  const [space, inviter, invitee] = await Promise.all([
    findSpaceById(deps.db, data.spaceId),
    findUserById(deps.db, data.invitedBy),
    findUserByEmail(deps.db, data.email),
  ]);
  if (!space || space.status === 'archived') return;
  await deps.db.transaction().execute((trx) =>
    issueInvitation(trx, deps.mailer, {
      space,
      email: data.email,
      role: data.role,
      inviter: { id: data.invitedBy, name: inviter?.display_name ?? 'Atelier des transitions' },
      recipient: {
        displayName: invitee?.display_name ?? data.profile.displayName,
        locale: invitee?.locale ?? 'fr',
      },
      profile: data.profile,
    }),
  );
}
