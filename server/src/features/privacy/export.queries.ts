import type { Db } from '../../db/database';

/**
 * What a person's export holds: rows about them, with the names of the places they wrote in
 * (a space's or thread's title), never another person's text, address or name.
 */

export const profileOf = (db: Db, userId: string) =>
  db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'locale',
      'organisation_name',
      'organisation_kind',
      'territory',
      'fantastic_role',
      'themes',
      'bio',
      'listed_in_directory',
      'avatar_key',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', userId)
    .executeTakeFirst();

export const charterAcceptancesOf = (db: Db, userId: string) =>
  db.selectFrom('charter_acceptances').select(['version', 'accepted_at']).where('user_id', '=', userId).execute();

/** The identities at OpenID providers (ProConnect …) the person signs in with. */
export const signInIdentitiesOf = (db: Db, userId: string) =>
  db
    .selectFrom('oidc_identities')
    .select(['issuer', 'subject', 'email', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();

export const membershipsOf = (db: Db, userId: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('spaces', 'spaces.id', 'memberships.space_id')
    .select([
      'spaces.slug as space_slug',
      'spaces.title as space_title',
      'memberships.role',
      'memberships.status',
      'memberships.created_at',
      'memberships.decided_at',
    ])
    .where('memberships.user_id', '=', userId)
    .orderBy('memberships.created_at')
    .execute();

export const organisationLinksOf = (db: Db, userId: string) =>
  db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations', 'organisations.id', 'm.organisation_id')
    .select(['organisations.name as organisation', 'm.status', 'm.referent', 'm.requested_at', 'm.confirmed_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.requested_at')
    .execute();

export const threadsStartedBy = (db: Db, userId: string) =>
  db
    .selectFrom('threads')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .select(['threads.id', 'threads.title', 'spaces.title as space_title', 'threads.created_at'])
    .where('threads.author_id', '=', userId)
    .orderBy('threads.created_at')
    .execute();

export const postsOf = (db: Db, userId: string) =>
  db
    .selectFrom('posts')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .innerJoin('spaces', 'spaces.id', 'threads.space_id')
    .select([
      'posts.id',
      'posts.thread_id',
      'threads.title as thread_title',
      'spaces.title as space_title',
      'posts.number',
      'posts.body',
      'posts.created_at',
      'posts.edited_at',
      'posts.deleted_at',
    ])
    .where('posts.author_id', '=', userId)
    .orderBy('posts.created_at')
    .execute();

/** Earlier bodies of the person's own posts. */
export const revisionsOfPostsBy = (db: Db, userId: string) =>
  db
    .selectFrom('post_revisions')
    .innerJoin('posts', 'posts.id', 'post_revisions.post_id')
    .select([
      'post_revisions.post_id',
      'post_revisions.body',
      'post_revisions.written_at',
      'post_revisions.replaced_at',
    ])
    .where('posts.author_id', '=', userId)
    .orderBy('post_revisions.replaced_at')
    .execute();

/** The person's reactions: which post (by id and thread), never that post's text or author. */
export const reactionsOf = (db: Db, userId: string) =>
  db
    .selectFrom('reactions')
    .innerJoin('posts', 'posts.id', 'reactions.post_id')
    .innerJoin('threads', 'threads.id', 'posts.thread_id')
    .select(['reactions.post_id', 'threads.title as thread_title', 'reactions.emoji', 'reactions.created_at'])
    .where('reactions.user_id', '=', userId)
    .orderBy('reactions.created_at')
    .execute();

export const registrationsOf = (db: Db, userId: string) =>
  db
    .selectFrom('registrations')
    .innerJoin('events', 'events.id', 'registrations.event_id')
    .select([
      'registrations.event_id',
      'events.title as event_title',
      'events.starts_at',
      'registrations.status',
      'registrations.answers',
      'registrations.created_at',
      'registrations.promoted_at',
    ])
    .where('registrations.user_id', '=', userId)
    .orderBy('registrations.created_at')
    .execute();

export const attendancesOf = (db: Db, userId: string) =>
  db
    .selectFrom('attendances')
    .innerJoin('events', 'events.id', 'attendances.event_id')
    .select(['attendances.event_id', 'events.title as event_title', 'events.starts_at', 'attendances.created_at'])
    .where('attendances.user_id', '=', userId)
    .orderBy('attendances.created_at')
    .execute();

export const questionsOf = (db: Db, userId: string) =>
  db
    .selectFrom('questions')
    .innerJoin('events', 'events.id', 'questions.event_id')
    .select([
      'questions.id',
      'questions.event_id',
      'events.title as event_title',
      'questions.body',
      'questions.status',
      'questions.votes',
      'questions.created_at',
    ])
    .where('questions.author_id', '=', userId)
    .orderBy('questions.created_at')
    .execute();

/** The person's votes: for which question of which event, never the question's text. */
export const votesOf = (db: Db, userId: string) =>
  db
    .selectFrom('question_votes')
    .innerJoin('questions', 'questions.id', 'question_votes.question_id')
    .innerJoin('events', 'events.id', 'questions.event_id')
    .select(['question_votes.question_id', 'events.title as event_title', 'question_votes.created_at'])
    .where('question_votes.user_id', '=', userId)
    .orderBy('question_votes.created_at')
    .execute();

/** Documents the person created, last edited or saved a version of: their title and current text. */
export const documentsWrittenBy = (db: Db, userId: string) =>
  db
    .selectFrom('documents')
    .select(['documents.id', 'documents.title', 'documents.plain_text', 'documents.created_at', 'documents.deleted_at'])
    .where((eb) =>
      eb.or([
        eb('documents.created_by', '=', userId),
        eb('documents.last_edited_by', '=', userId),
        eb(
          'documents.id',
          'in',
          eb.selectFrom('document_versions').select('document_id').where('document_versions.created_by', '=', userId),
        ),
      ]),
    )
    .orderBy('documents.created_at')
    .execute();

/** The person's comments on documents: the document's title, the passage they commented on, their words. */
export const documentCommentsOf = (db: Db, userId: string) =>
  db
    .selectFrom('document_comments')
    .innerJoin('documents', 'documents.id', 'document_comments.document_id')
    .select([
      'document_comments.id',
      'document_comments.document_id',
      'documents.title as document_title',
      'document_comments.thread_id',
      'document_comments.quote',
      'document_comments.body',
      'document_comments.created_at',
      'document_comments.resolved_at',
    ])
    .where('document_comments.author_id', '=', userId)
    .orderBy('document_comments.created_at')
    .execute();

export const filesUploadedBy = (db: Db, userId: string) =>
  db
    .selectFrom('files')
    .innerJoin('spaces', 'spaces.id', 'files.space_id')
    .select([
      'files.id',
      'files.name',
      'files.mime_type',
      'files.size_bytes',
      'files.storage_key',
      'spaces.title as space_title',
      'files.created_at',
      'files.deleted_at',
    ])
    .where('files.uploaded_by', '=', userId)
    .orderBy('files.created_at')
    .execute();

export const linksSharedBy = (db: Db, userId: string) =>
  db
    .selectFrom('links')
    .innerJoin('spaces', 'spaces.id', 'links.space_id')
    .select(['links.url', 'links.title', 'links.description', 'spaces.title as space_title', 'links.created_at'])
    .where('links.created_by', '=', userId)
    .orderBy('links.created_at')
    .execute();

export const mailSettingsOf = (db: Db, userId: string) =>
  db
    .selectFrom('mail_settings')
    .select(['mentions', 'replies', 'reminders', 'updated_at'])
    .where('user_id', '=', userId)
    .executeTakeFirst();

export const spaceMailSettingsOf = (db: Db, userId: string) =>
  db
    .selectFrom('space_mail_settings')
    .innerJoin('spaces', 'spaces.id', 'space_mail_settings.space_id')
    .select(['spaces.title as space_title', 'space_mail_settings.mode', 'space_mail_settings.updated_at'])
    .where('space_mail_settings.user_id', '=', userId)
    .execute();

export const newsletterOptOutsOf = (db: Db, userId: string) =>
  db
    .selectFrom('newsletter_opt_outs')
    .innerJoin('spaces', 'spaces.id', 'newsletter_opt_outs.space_id')
    .select(['spaces.title as space_title', 'newsletter_opt_outs.created_at'])
    .where('newsletter_opt_outs.user_id', '=', userId)
    .execute();

// ── The exports themselves ──

export const insertExport = (db: Db, values: { userId: string; tokenHash: string; expiresAt: Date }) =>
  db
    .insertInto('exports')
    .values({ user_id: values.userId, token_hash: values.tokenHash, expires_at: values.expiresAt })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();

export const findExport = (db: Db, id: string) =>
  db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();

export const markExportReady = (db: Db, id: string, values: { storageKey: string; size: number; tokenHash: string }) =>
  db
    .updateTable('exports')
    .set({
      status: 'ready',
      storage_key: values.storageKey,
      size: values.size,
      token_hash: values.tokenHash,
      ready_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();

/** The newest ready, unexpired export: of a person (session), or the one a mailed token names. */
export function findReadyExport(db: Db, by: { userId: string } | { tokenHash: string }, now: Date) {
  let query = db
    .selectFrom('exports')
    .selectAll()
    .where('status', '=', 'ready')
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1);
  query = 'userId' in by ? query.where('user_id', '=', by.userId) : query.where('token_hash', '=', by.tokenHash);
  return query.executeTakeFirst();
}

/** Storage keys of the person's exports, removed from the storage once their rows are gone. */
export const exportKeysOf = (db: Db, userId: string) =>
  db
    .selectFrom('exports')
    .select('storage_key')
    .where('user_id', '=', userId)
    .where('storage_key', 'is not', null)
    .execute();

/** Exports past their link's life, oldest first: their ZIPs go, then their rows. */
export const expiredExports = (db: Db, now: Date, limit: number) =>
  db
    .selectFrom('exports')
    .select(['id', 'storage_key'])
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();

export const deleteExports = (db: Db, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.deleteFrom('exports').where('id', 'in', ids).execute();
