import {
  type AttendanceListSchema,
  type Event,
  FANTASTIC_ROLES,
  FantasticRoleSchema,
  formatDay,
  formatEventRange,
  type MealChoice,
  type RegistrationQuestionKey,
} from '@atelier/contract';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { actorOnly, authorize } from '../../../core/authorize';
import { isUuid } from '../../../core/ids';
import type { Db } from '../../../db/database';
import { AppError, notFound } from '../../../errors';
import { canMarkAttendance, canSeeAttendedEvents, canViewEvent } from '../../../policy/events.policy';
import type { Actor } from '../../../policy/policy';
import { findUserById, userExists } from '../../accounts/accounts.queries';
import type { EventContext } from '../events.access';
import { loadEventContext } from '../events.access';
import { answersOf, questionsOf } from '../events.content';
import { type EventRecord, listSessions } from '../events.queries';
import { presentEvent } from '../events.service';
import {
  listAttendance as listAttendanceRows,
  listAttendedPermanenceIds,
  setAttendance,
  wasPresent,
} from './attendance.queries';
import { type AttestationPage, attestationsPdf } from './attestation-pdf';

type AttendanceList = z.infer<typeof AttendanceListSchema>;

/** `GET /events/:id/attendance` (those who manage the event): seats, waitlist, and whoever came. */
export async function listAttendance(db: Db, input: { actor: Actor; eventId: string }): Promise<AttendanceList> {
  const context = await loadEventContext(db, input.eventId, input.actor);
  authorize(context, canMarkAttendance(context.actor, context.facts));
  const rows = await listAttendanceRows(db, context.event.id);
  return {
    items: rows.map((row) => ({
      person: { id: row.id, displayName: row.display_name },
      status: row.status === 'registered' || row.status === 'waitlisted' ? row.status : null,
      attended: Boolean(row.attended),
      answers: answersOf(row.answers),
    })),
  };
}

/**
 * `PUT /events/:id/attendance/:userId` (those who manage the event). Anyone with an account may
 * be marked, registered or not: people do turn up without signing up. Attendance is taken
 * once the event has started; a cancelled event took place for nobody, so it takes none.
 */
export async function markAttendance(
  db: Db,
  input: { actor: Actor; eventId: string; userId: string; attended: boolean },
): Promise<void> {
  const context = await loadEventContext(db, input.eventId, input.actor);
  authorize(context, canMarkAttendance(context.actor, context.facts));
  const actor = context.actor;
  if (!actor) throw new Error('unreachable: the policy lets no anonymous visitor mark attendance');
  if (context.event.cancelled_at !== null) throw new AppError('event_cancelled', 'this event is cancelled');
  if (new Date(context.event.starts_at).getTime() > Date.now()) {
    throw new AppError('event_not_started', 'attendance is taken once the event has started');
  }
  if (!isUuid(input.userId) || !(await userExists(db, input.userId))) throw notFound('user');
  await setAttendance(db, {
    eventId: context.event.id,
    userId: input.userId,
    markedBy: actor.id,
    attended: input.attended,
  });
}

/**
 * `GET /users/:id/attended-permanences` (the person, or admins): the permanences they were
 * marked present at, newest first, each as the caller may see it. A person attends about a
 * dozen a year, so each is presented on its own.
 */
export async function listAttendedPermanences(
  db: Db,
  input: { actor: Actor; userId: string },
): Promise<{ items: Event[] }> {
  authorize(actorOnly(input.actor, 'user'), canSeeAttendedEvents(input.actor, input.userId));
  if (!isUuid(input.userId) || !(await userExists(db, input.userId))) throw notFound('user');
  const items: Event[] = [];
  for (const { id } of await listAttendedPermanenceIds(db, input.userId)) {
    const context = await loadEventContext(db, id, input.actor);
    if (canViewEvent(context.actor, context.facts)) items.push(await presentEvent(db, context));
  }
  return { items };
}

/** A file name from the event's title and day: ASCII, no separators, at most 60 characters. */
function fileNameOf(context: EventContext, suffix: string): string {
  const base = context.event.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'evenement'}-${new Date(context.event.starts_at).toISOString().slice(0, 10)}-${suffix}`;
}

const STATUS = { registered: 'inscrit·e', waitlisted: 'liste d’attente' } as const;
const statusOf = (row: { status: string | null }) =>
  row.status === 'registered' || row.status === 'waitlisted' ? STATUS[row.status] : null;

const ANSWER_COLUMNS: Record<RegistrationQuestionKey, string> = {
  organisation: 'réponse : organisation',
  territory: 'réponse : territoire',
  role: 'réponse : rôle',
  accessibility: 'réponse : besoins d’accessibilité',
  meal: 'réponse : repas',
};
const MEALS: Record<MealChoice, string> = {
  standard: 'standard',
  vegetarian: 'végétarien',
  vegan: 'végétalien',
  none: 'sans repas',
};

/** Each session of an event with its attendance sheet (a handful: one read each). */
async function sessionSheets(db: Db, parentId: string) {
  const sessions = await listSessions(db, parentId);
  return Promise.all(
    sessions.map(async (session) => ({
      session,
      byPerson: new Map((await listAttendanceRows(db, session.id)).map((row) => [row.id, row])),
    })),
  );
}

/**
 * `GET /events/:id/registrations.csv` (those who manage the event): one line per person holding
 * a seat or a waitlist place, or marked present, with what they said of themselves, their
 * answers to the event's questions, whether they came, and their place in each session.
 * Semicolons and a byte-order mark, as a French spreadsheet opens it.
 */
export async function exportRegistrations(db: Db, input: { actor: Actor; eventId: string }) {
  const context = await loadEventContext(db, input.eventId, input.actor);
  authorize(context, canMarkAttendance(context.actor, context.facts));
  const rows = await listAttendanceRows(db, context.event.id);
  const questions = questionsOf(context.event).map((question) => question.key);
  const sheets = await sessionSheets(db, context.event.id);
  const csv = stringify(
    rows.map((row) => {
      const role = FantasticRoleSchema.safeParse(row.fantastic_role).data;
      const answers = answersOf(row.answers);
      return [
        row.display_name,
        row.email,
        row.organisation_name ?? '',
        row.territory ?? '',
        role ? FANTASTIC_ROLES[role].label : '',
        statusOf(row) ?? 'sans inscription',
        row.registered_at ? row.registered_at.toISOString() : '',
        row.attended ? 'oui' : 'non',
        ...questions.map((key) => (key === 'meal' ? answers.meal && MEALS[answers.meal] : answers[key]) ?? ''),
        ...sheets.flatMap(({ byPerson }) => {
          const place = byPerson.get(row.id);
          return [place ? (statusOf(place) ?? '') : '', place?.attended ? 'oui' : 'non'];
        }),
      ];
    }),
    {
      bom: true,
      delimiter: ';',
      header: true,
      columns: [
        'nom',
        'courriel',
        'organisation',
        'territoire',
        'rôle 4F',
        'statut',
        'inscription',
        'présence',
        ...questions.map((key) => ANSWER_COLUMNS[key]),
        ...sheets.flatMap(({ session }) => [`session « ${session.title} »`, `présence « ${session.title} »`]),
      ],
      // A cell starting with = + - @ is read as a formula by spreadsheets: it is quoted as text.
      cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
    },
  );
  return { fileName: fileNameOf(context, 'inscriptions.csv'), csv };
}

const whenOf = (event: EventRecord) => formatEventRange(event.starts_at, event.ends_at, 'fr', event.timezone);

/** The sessions of the event each person was marked present at, as the attestation names them. */
async function sessionsAttended(db: Db, parentId: string): Promise<Map<string, string[]>> {
  const attended = new Map<string, string[]>();
  for (const { session, byPerson } of await sessionSheets(db, parentId)) {
    for (const row of byPerson.values()) {
      if (row.attended) attended.set(row.id, [...(attended.get(row.id) ?? []), `${session.title}, ${whenOf(session)}`]);
    }
  }
  return attended;
}

function attestationOf(context: EventContext, person: { id: string; name: string }, sessions: Map<string, string[]>) {
  const { event } = context;
  return {
    personName: person.name,
    sessions: sessions.get(person.id) ?? [],
    eventTitle: event.title,
    when: whenOf(event),
    where: event.mode === 'visio' ? 'en visioconférence' : `à ${event.address ?? 'l’adresse annoncée'}`,
    organiser: event.space_title
      ? `l’espace « ${event.space_title} » de l’Atelier des transitions`
      : 'l’Atelier des transitions',
    issuedOn: `le ${formatDay(new Date(), 'fr', event.timezone)}`,
  } satisfies AttestationPage;
}

/**
 * `GET /events/:id/attestation.pdf`: the caller's attestation, once marked present (403
 * otherwise). `GET /events/:id/attestations.pdf` (those who manage the event): everyone
 * marked present, a page each (404 `not_found` when nobody was).
 */
export async function attestations(db: Db, input: { actor: Actor; eventId: string; everyone: boolean }) {
  const context = await loadEventContext(db, input.eventId, input.actor);
  if (input.everyone) {
    authorize(context, canMarkAttendance(context.actor, context.facts));
    const present = (await listAttendanceRows(db, context.event.id)).filter((row) => row.attended);
    if (present.length === 0) throw notFound('attendance');
    const sessions = await sessionsAttended(db, context.event.id);
    const pdf = await attestationsPdf(
      present.map((row) => attestationOf(context, { id: row.id, name: row.display_name }, sessions)),
    );
    return { fileName: fileNameOf(context, 'attestations.pdf'), pdf };
  }
  const actor = context.actor;
  authorize(context, canViewEvent(actor, context.facts) && actor !== null);
  if (!actor || !(await wasPresent(db, context.event.id, actor.id))) {
    throw new AppError('forbidden', 'an attestation is for a person marked present');
  }
  const person = await findUserById(db, actor.id);
  const sessions = await sessionsAttended(db, context.event.id);
  const pdf = await attestationsPdf([
    attestationOf(context, { id: actor.id, name: person?.display_name ?? '' }, sessions),
  ]);
  return { fileName: fileNameOf(context, 'attestation.pdf'), pdf };
}
