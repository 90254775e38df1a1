import type { Db } from '../../db/database';

/**
 * The audit log's only writes are inserts: no update or delete exists here, and the
 * database's trigger refuses them anyway (migrations/202612052100_privacy.ts).
 */
export const insertAuditEntry = (
  db: Db,
  values: {
    actorId: string | null;
    actorName: string;
    action: string;
    subjectType: string;
    subjectId: string;
    targetUserId: string | null;
    targetName: string | null;
    details: Record<string, unknown>;
  },
) =>
  db
    .insertInto('audit_log')
    .values({
      actor_id: values.actorId,
      actor_name: values.actorName,
      action: values.action,
      subject_type: values.subjectType,
      subject_id: values.subjectId,
      target_user_id: values.targetUserId,
      target_name: values.targetName,
      details: JSON.stringify(values.details),
    })
    .returning(['id', 'at'])
    .executeTakeFirstOrThrow();

/** Display names of the given people, for the copies an entry keeps. */
export const findNames = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();

/** Newest first, by id (an identity: later inserts have larger ids); `limit + 1` rows. */
export function listAuditEntries(db: Db, options: { beforeId: number | null; limit: number }) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.beforeId !== null) query = query.where('id', '<', options.beforeId);
  return query.execute();
}
