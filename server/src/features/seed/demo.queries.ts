import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { PublicationsTable } from '../../db/schema';
import type { DemoPerson } from './demo-data';

/**
 * The demo's writes. Unlike the rest of the app, they tell a past: `created_at` columns are the
 * database's own clock everywhere else (their types refuse a value), and only here are they
 * given one.
 */
const createdAt = (date: Date) => ({ created_at: date }) as Record<never, never>;

/** Bytes as node-postgres and PGlite both store them in a bytea. */
const bytea = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Holds until the transaction ends: processes starting together seed one after the other. */
export const lockDemoSeed = (trx: Db) => sql`select pg_advisory_xact_lock(hashtext('atelier:demo-seed'))`.execute(trx);

const ofDomain = (db: Db, domain: string) => db.selectFrom('users').where('email', 'like', `%@${domain}`);

export async function countUsersOfDomain(db: Db, domain: string): Promise<number> {
  const row = await ofDomain(db, domain)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The demo's people, in the order they were created (the demo data's order). */
export const listDemoPeople = (db: Db, domain: string) =>
  ofDomain(db, domain).selectAll().orderBy('created_at').orderBy('email').execute();

export const findDemoPerson = (db: Db, domain: string, id: string) =>
  ofDomain(db, domain).selectAll().where('id', '=', id).executeTakeFirst();

export async function insertPeople(
  trx: Db,
  people: Array<DemoPerson & { email: string }>,
  input: { charterVersion: string; since: Date },
): Promise<Map<string, string>> {
  const rows = await trx
    .insertInto('users')
    .values(
      people.map((person, index) => ({
        email: person.email,
        password_hash: null,
        display_name: person.displayName,
        role: person.admin ? ('admin' as const) : ('member' as const),
        organisation_name: person.organisation,
        organisation_kind: person.organisationKind,
        territory: person.territory,
        fantastic_role: person.fantasticRole,
        themes: person.themes,
        bio: person.bio,
        listed_in_directory: true,
        // A minute apart, so that listings by arrival keep the demo's order.
        ...createdAt(new Date(input.since.getTime() + index * 60_000)),
      })),
    )
    .returning(['id', 'email'])
    .execute();
  await trx
    .insertInto('charter_acceptances')
    .values(rows.map((row) => ({ user_id: row.id, version: input.charterVersion, accepted_at: input.since })))
    .execute();
  const idByEmail = new Map(rows.map((row) => [row.email, row.id]));
  return new Map(people.map((person) => [person.key, idByEmail.get(person.email) as string]));
}

export const spaceIdsBySlug = async (db: Db, slugs: string[]) =>
  new Map(
    (await db.selectFrom('spaces').select(['id', 'slug']).where('slug', 'in', slugs).execute()).map((row) => [
      row.slug,
      row.id,
    ]),
  );

export async function insertMemberships(
  trx: Db,
  rows: Array<{ spaceId: string; userId: string; role: 'animateur' | 'membre'; since: Date }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('memberships')
    .values(
      rows.map((row) => ({
        space_id: row.spaceId,
        user_id: row.userId,
        role: row.role,
        status: 'active' as const,
        ...createdAt(row.since),
        decided_by: null,
        decided_at: null,
      })),
    )
    .execute();
}

export interface DemoPostRow {
  authorId: string;
  body: string;
  createdAt: Date;
  replyToNumber: number | null;
  mentions: string[];
}

/**
 * A thread and its posts, numbered 1, 2, 3 … in order, with the counters a thread keeps, the
 * authors following it and having read up to their own last post.
 */
export async function insertThreadWithPosts(
  trx: Db,
  input: { spaceId: string; title: string; pinned: boolean; posts: DemoPostRow[] },
): Promise<{ threadId: string; postIds: string[] }> {
  const first = input.posts[0];
  const last = input.posts.at(-1);
  if (!first || !last) throw new Error('demo: a thread needs a post');
  const thread = await trx
    .insertInto('threads')
    .values({
      space_id: input.spaceId,
      author_id: first.authorId,
      title: input.title,
      pinned: input.pinned,
      post_count: input.posts.length,
      last_number: input.posts.length,
      last_post_at: last.createdAt,
      ...createdAt(first.createdAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const postIds: string[] = [];
  for (const [index, post] of input.posts.entries()) {
    const row = await trx
      .insertInto('posts')
      .values({
        thread_id: thread.id,
        number: index + 1,
        author_id: post.authorId,
        body: post.body,
        reply_to_id: post.replyToNumber === null ? null : (postIds[post.replyToNumber] ?? null),
        quote_post_id: null,
        mentions: post.mentions,
        ...createdAt(post.createdAt),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    postIds.push(row.id);
  }
  const lastReadBy = new Map<string, number>();
  for (const [index, post] of input.posts.entries()) lastReadBy.set(post.authorId, index + 1);
  await trx
    .insertInto('thread_follows')
    .values([...lastReadBy.keys()].map((userId) => ({ user_id: userId, thread_id: thread.id, following: true })))
    .execute();
  await trx
    .insertInto('read_states')
    .values(
      [...lastReadBy].map(([userId, number]) => ({ user_id: userId, thread_id: thread.id, last_read_number: number })),
    )
    .execute();
  return { threadId: thread.id, postIds };
}

export async function insertReactions(trx: Db, rows: Array<{ postId: string; userId: string; emoji: string }>) {
  if (rows.length === 0) return;
  await trx
    .insertInto('reactions')
    .values(rows.map((row) => ({ post_id: row.postId, user_id: row.userId, emoji: row.emoji })))
    .execute();
}

export async function insertMentionNotices(
  trx: Db,
  rows: Array<{ userId: string; actorId: string; spaceId: string; threadId: string; postId: string }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('notifications')
    .values(
      rows.map((row) => ({
        user_id: row.userId,
        kind: 'mention' as const,
        actor_id: row.actorId,
        space_id: row.spaceId,
        thread_id: row.threadId,
        post_id: row.postId,
      })),
    )
    .execute();
}

export interface DemoVersionRow {
  kind: 'auto' | 'named';
  name: string | null;
  state: Uint8Array;
  plainText: string;
  createdBy: string | null;
  createdAt: Date;
}

/** A document whose current text is `state` (already compacted), with its earlier versions. */
export async function insertDocumentWithVersions(
  trx: Db,
  input: {
    spaceId: string | null;
    title: string;
    createdBy: string;
    createdAt: Date;
    state: Uint8Array;
    plainText: string;
    lastEditedBy: string;
    lastEditedAt: Date;
    versions: DemoVersionRow[];
  },
): Promise<{ id: string; versionIds: string[] }> {
  const lastAuto = input.versions.filter((version) => version.kind === 'auto').at(-1);
  const { id } = await trx
    .insertInto('documents')
    .values({
      space_id: input.spaceId,
      title: input.title,
      created_by: input.createdBy,
      ...createdAt(input.createdAt),
      last_edited_at: input.lastEditedAt,
      last_edited_by: input.lastEditedBy,
      state: bytea(input.state),
      plain_text: input.plainText,
      last_auto_version_at: lastAuto?.createdAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.versions.length > 0) {
    const versions = await trx
      .insertInto('document_versions')
      .values(
        input.versions.map((version) => ({
          document_id: id,
          kind: version.kind,
          name: version.name,
          state: bytea(version.state),
          plain_text: version.plainText,
          created_by: version.createdBy,
          ...createdAt(version.createdAt),
        })),
      )
      .returning('id')
      .execute();
    return { id, versionIds: versions.map((version) => version.id) };
  }
  return { id, versionIds: [] };
}

/** A named version published to the commons, its HTML as it was. */
export async function insertPublication(trx: Db, row: Insertable<PublicationsTable>, publishedAt: Date) {
  await trx
    .insertInto('publications')
    .values({ ...row, ...({ published_at: publishedAt } as Record<never, never>) })
    .execute();
}

export async function insertLinks(
  trx: Db,
  rows: Array<{ spaceId: string; url: string; title: string; description: string; createdBy: string; createdAt: Date }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('links')
    .values(
      rows.map((row) => ({
        space_id: row.spaceId,
        url: row.url,
        title: row.title,
        description: row.description,
        created_by: row.createdBy,
        ...createdAt(row.createdAt),
      })),
    )
    .execute();
}

/** The series' occurrences around `now`: the last one that ended, and the next one to start. */
export async function permanenceAround(db: Db, seriesId: string, now: Date) {
  const past = await db
    .selectFrom('events')
    .select(['id', 'starts_at'])
    .where('series_id', '=', seriesId)
    .where('ends_at', '<', now)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const next = await db
    .selectFrom('events')
    .select(['id', 'starts_at'])
    .where('series_id', '=', seriesId)
    .where('starts_at', '>', now)
    .where('cancelled_at', 'is', null)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst();
  return { past, next };
}

/** Registrations in the given order: the waitlist is ordered by `created_at`. */
export async function insertRegistrations(
  trx: Db,
  eventId: string,
  rows: Array<{ userId: string; status: 'registered' | 'waitlisted'; createdAt: Date; answers?: object }>,
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('registrations')
    .values(
      rows.map((row) => ({
        event_id: eventId,
        user_id: row.userId,
        status: row.status,
        cancel_token_hash: null,
        answers: JSON.stringify(row.answers ?? {}),
        created_at: row.createdAt,
        updated_at: row.createdAt,
      })),
    )
    .execute();
}

export async function insertAttendances(trx: Db, eventId: string, userIds: string[], markedBy: string) {
  if (userIds.length === 0) return;
  await trx
    .insertInto('attendances')
    .values(userIds.map((userId) => ({ event_id: eventId, user_id: userId, marked_by: markedBy })))
    .execute();
}

export async function insertQuestion(
  trx: Db,
  input: {
    eventId: string;
    authorId: string;
    body: string;
    status: 'answered' | 'transmitted';
    transmittedSpaceId: string | null;
    voterIds: string[];
    createdAt: Date;
  },
) {
  const { id } = await trx
    .insertInto('questions')
    .values({
      event_id: input.eventId,
      author_id: input.authorId,
      body: input.body,
      status: input.status,
      transmitted_space_id: input.transmittedSpaceId,
      votes: input.voterIds.length,
      ...createdAt(input.createdAt),
      updated_at: input.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.voterIds.length > 0) {
    await trx
      .insertInto('question_votes')
      .values(input.voterIds.map((userId) => ({ question_id: id, user_id: userId })))
      .execute();
  }
}
