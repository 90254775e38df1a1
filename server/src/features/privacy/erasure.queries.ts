import { FORMER_MEMBER_NAME } from '@atelier/contract';
import { sql } from 'kysely';
import { escapeHtml } from '../../core/mail-content';
import type { Db } from '../../db/database';
import { findUserByEmail } from '../accounts/accounts.queries';

/**
 * The writes of an account's erasure, all in the caller's transaction. What others rely on
 * (threads, posts, documents, comments, files, links, questions) moves to the one « ancien·ne membre »
 * account; what is only the person's goes with their `users` row (foreign keys cascade).
 */

/**
 * The account that signs what erased people leave behind. Its address is in the reserved
 * `.invalid` domain (RFC 2606) and it has no password, so nobody can sign in as it, and it is
 * never listed in the directory.
 */
const FORMER_MEMBER_EMAIL = 'ancien-membre@atelier.invalid';

export async function formerMemberId(db: Db): Promise<string> {
  await db
    .insertInto('users')
    .values({
      email: FORMER_MEMBER_EMAIL,
      password_hash: null,
      display_name: FORMER_MEMBER_NAME,
      listed_in_directory: false,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await findUserByEmail(db, FORMER_MEMBER_EMAIL);
  if (!row) throw new Error('unreachable: the former member was just written');
  return row.id;
}

/** The person's row, locked: two erasures (two tabs) queue here, and the second finds nothing. */
export const lockUser = (db: Db, userId: string) =>
  db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'avatar_key'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();

/** Seats and waitlist places still held, to cancel one by one (each may promote someone). */
export const activeRegistrationsOf = (db: Db, userId: string) =>
  db
    .selectFrom('registrations')
    .select('event_id')
    .where('user_id', '=', userId)
    .where('status', '!=', 'cancelled')
    .execute();

/** Live posts of the person, with their thread and space, for deleting them as authors do. */
export const livePostsOf = (db: Db, userId: string) =>
  db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select(['posts.id', 'posts.thread_id', 'threads.space_id'])
    .where('posts.author_id', '=', userId)
    .where('posts.deleted_at', 'is', null)
    .execute();

/** What others still read moves to the former-member account. */
export async function reassignAuthorship(db: Db, userId: string, formerId: string) {
  await db.updateTable('threads').set({ author_id: formerId }).where('author_id', '=', userId).execute();
  await db.updateTable('posts').set({ author_id: formerId }).where('author_id', '=', userId).execute();
  await db.updateTable('documents').set({ created_by: formerId }).where('created_by', '=', userId).execute();
  await db.updateTable('files').set({ uploaded_by: formerId }).where('uploaded_by', '=', userId).execute();
  await db.updateTable('links').set({ created_by: formerId }).where('created_by', '=', userId).execute();
  await db.updateTable('questions').set({ author_id: formerId }).where('author_id', '=', userId).execute();
  // Comment threads on documents keep their place, and say who resolved them no more by name.
  await db.updateTable('document_comments').set({ author_id: formerId }).where('author_id', '=', userId).execute();
  await db.updateTable('document_comments').set({ resolved_by: formerId }).where('resolved_by', '=', userId).execute();
  // Direct messages stay in their conversations for the others, as posts do (features/messages).
  await db.updateTable('messages').set({ author_id: formerId }).where('author_id', '=', userId).execute();
  // Mentions of the person in others' posts stop pointing at them.
  await db
    .updateTable('posts')
    .set({ mentions: sql`array_remove(mentions, ${userId}::uuid)` })
    .where(sql<boolean>`${userId}::uuid = any(mentions)`)
    .execute();
}

/**
 * The posts quoting the person's questions that were transmitted to a space (events'
 * transmissions) name them as who asked: the name becomes the former member's, in those posts
 * and their earlier revisions. Run before the questions move to the former member.
 */
export async function scrubTransmittedQuestions(db: Db, person: { id: string; name: string }, formerName: string) {
  const posts = db
    .selectFrom('question_transmissions')
    .innerJoin('questions', 'questions.id', 'question_transmissions.question_id')
    .select('question_transmissions.post_id')
    .where('questions.author_id', '=', person.id);
  // The name as escaped when the post was written, and as the sanitizer stores text (`&<>` only).
  const stored = person.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const former = escapeHtml(formerName);
  // Only the attribution the post's template wrote: the same letters elsewhere (a tag, a word,
  // someone else quoted in the question) are left alone.
  const attribution = (name: string) => `Question posée par <strong>${name}</strong>`;
  for (const form of new Set([escapeHtml(person.name), stored])) {
    await db
      .updateTable('posts')
      .set({ body: sql`replace(body, ${attribution(form)}, ${attribution(former)})` })
      .where('id', 'in', posts)
      .execute();
    await db
      .updateTable('post_revisions')
      .set({ body: sql`replace(body, ${attribution(form)}, ${attribution(former)})` })
      .where('post_id', 'in', posts)
      .execute();
  }
}

/** Rows that hold the person's address without a foreign key to them. */
export async function deleteAddressedRows(db: Db, email: string) {
  const lower = email.toLowerCase();
  await db.deleteFrom('mail_outbox').where(sql<boolean>`lower(to_address) = ${lower}`).execute();
  await db.deleteFrom('space_invitations').where(sql<boolean>`lower(email) = ${lower}`).execute();
  await db.deleteFrom('inbound_replies').where(sql<boolean>`lower(sender) = ${lower}`).execute();
}

/**
 * Copies of the person's name and id in what was already announced or mailed to others:
 * stored realtime events (kept three days for replay) and others' mails in the outbox. They
 * are rewritten to name the former-member account, so a replay shows what a reload shows.
 */
export async function scrubCopies(
  db: Db,
  person: { id: string; name: string; email: string },
  former: { id: string; name: string },
) {
  // JSON-escaped forms, as they appear inside the stored jsonb text.
  const jsonText = (value: string) => JSON.stringify(value).slice(1, -1);
  await sql`update realtime_payloads
    set data = replace(replace(replace(data::text, ${person.id}, ${former.id}),
      ${jsonText(person.name)}, ${jsonText(former.name)}), ${jsonText(person.email)}, '')::jsonb
    where strpos(data::text, ${person.id}) > 0 or strpos(data::text, ${jsonText(person.name)}) > 0
      or strpos(data::text, ${jsonText(person.email)}) > 0`.execute(db);
  const htmlName = escapeHtml(person.name);
  await sql`update mail_outbox
    set subject = replace(subject, ${person.name}, ${former.name}),
      text_body = replace(text_body, ${person.name}, ${former.name}),
      html_body = replace(replace(html_body, ${person.name}, ${former.name}), ${htmlName}, ${former.name})
    where strpos(subject, ${person.name}) > 0 or strpos(text_body, ${person.name}) > 0
      or strpos(html_body, ${person.name}) > 0 or strpos(html_body, ${htmlName}) > 0`.execute(db);
}

/** The person's own realtime room (`user:<id>`): only they could follow it. */
export async function deletePersonalRoom(db: Db, userId: string) {
  const room = `user:${userId}`;
  await db.deleteFrom('realtime_events').where('room', '=', room).execute();
  await db.deleteFrom('realtime_rooms').where('room', '=', room).execute();
}

/** The row itself: sessions, tokens, feeds, devices, reply addresses, memberships … cascade. */
export const deleteUser = (db: Db, userId: string) => db.deleteFrom('users').where('id', '=', userId).execute();
