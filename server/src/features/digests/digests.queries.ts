import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DigestPeriod } from './schedule';

/**
 * People who may be due a digest of the period, by id after `afterId`: an active membership
 * whose chosen mode is the period or who chose nothing there (the default, judged per person
 * by `spaceModeOf` when the digest is built), and no digest of this period key yet.
 */
export const listDigestCandidates = (
  db: Db,
  input: { period: DigestPeriod; periodKey: string; afterId: string | null; limit: number },
) => {
  let query = db
    .selectFrom('users')
    .select('users.id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .leftJoin('space_mail_settings as chosen', (join) =>
            join.onRef('chosen.user_id', '=', 'm.user_id').onRef('chosen.space_id', '=', 'm.space_id'),
          )
          .select(sql`1`.as('one'))
          .whereRef('m.user_id', '=', 'users.id')
          .where('m.status', '=', 'active')
          .where((inner) => inner.or([inner('chosen.mode', 'is', null), inner('chosen.mode', '=', input.period)])),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('digest_deliveries as sent')
            .select(sql`1`.as('one'))
            .whereRef('sent.user_id', '=', 'users.id')
            .where('sent.period', '=', input.period)
            .where('sent.period_key', '=', input.periodKey),
        ),
      ),
    );
  if (input.afterId) query = query.where('users.id', '>', input.afterId);
  return query.orderBy('users.id').limit(input.limit).execute();
};

/**
 * Records the person's digest of this period key; false when one was already recorded (the
 * caller then sends nothing). Called in the transaction that writes the mail to the outbox,
 * so the record and the mail exist together or not at all.
 */
export async function claimDelivery(trx: Db, input: { userId: string; period: DigestPeriod; periodKey: string }) {
  const rows = await trx
    .insertInto('digest_deliveries')
    .values({ user_id: input.userId, period: input.period, period_key: input.periodKey })
    .onConflict((conflict) => conflict.columns(['user_id', 'period', 'period_key']).doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

/** Threads of the space written in since `since` (created before `until`), latest post first. */
export const listThreadsActiveSince = (db: Db, input: { spaceId: string; since: Date; until: Date; limit: number }) =>
  db
    .selectFrom('threads')
    .innerJoin('users as author', 'author.id', 'threads.author_id')
    .select([
      'threads.id',
      'threads.title',
      'threads.created_at',
      'threads.author_id',
      'author.display_name as author_name',
    ])
    .where('threads.space_id', '=', input.spaceId)
    .where('threads.last_post_at', '>=', input.since)
    .where('threads.created_at', '<', input.until)
    .orderBy('threads.last_post_at', 'desc')
    .orderBy('threads.id', 'desc')
    .limit(input.limit)
    .execute();

/**
 * Versions someone saved on purpose (named) or restored in [since, until), of the space's
 * documents that still exist, oldest first. Automatic versions follow the typing; the edit
 * itself is told by the document's `last_edited_at`.
 */
export const listSavedVersionsBetween = (db: Db, input: { spaceId: string; since: Date; until: Date }) =>
  db
    .selectFrom('document_versions as version')
    .innerJoin('documents', 'documents.id', 'version.document_id')
    .leftJoin('users as creator', 'creator.id', 'version.created_by')
    .select([
      'version.document_id',
      'version.kind',
      'version.name',
      'version.created_by',
      'creator.display_name as creator_name',
    ])
    .where('documents.space_id', '=', input.spaceId)
    .where('documents.deleted_at', 'is', null)
    .where('version.kind', 'in', ['named', 'restore'])
    .where('version.created_at', '>=', input.since)
    .where('version.created_at', '<', input.until)
    .orderBy('version.created_at')
    .orderBy('version.id')
    .execute();

/** One-off events of the space announced in [since, until), with who announced them. */
export const listEventsAnnouncedBetween = (db: Db, input: { spaceId: string; since: Date; until: Date }) =>
  db
    .selectFrom('events')
    .select(['id', 'created_by'])
    .where('space_id', '=', input.spaceId)
    .where('series_id', 'is', null)
    .where('created_at', '>=', input.since)
    .where('created_at', '<', input.until)
    .execute();
