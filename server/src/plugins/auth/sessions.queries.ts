import { hashSecret, newSecret } from '../../core/secrets';
import type { Db } from '../../db/database';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  touchEveryMs: number;
}

export async function createSession(db: Db, userId: string, userAgent: string | undefined, policy: SessionPolicy) {
  const token = newSecret();
  const csrfToken = newSecret();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + policy.absoluteMs),
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, csrfToken };
}

/**
 * The live session behind a cookie token, with its user; null when unknown, idle too long or
 * past its absolute lifetime. Refreshes `last_seen_at` at most once a minute to spare writes.
 */
export async function findSession(db: Db, token: string, policy: SessionPolicy) {
  const now = Date.now();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as sessionId', 'sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
    .selectAll('users')
    .where('sessions.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row) return null;
  const idleSince = now - row.last_seen_at.getTime();
  if (row.expires_at.getTime() <= now || idleSince > policy.idleMs) {
    await db.deleteFrom('sessions').where('id', '=', row.sessionId).execute();
    return null;
  }
  if (idleSince > policy.touchEveryMs) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now) })
      .where('id', '=', row.sessionId)
      .execute();
  }
  const { sessionId, csrf_token, last_seen_at: _seen, expires_at: _expires, ...user } = row;
  return { session: { id: sessionId, csrfToken: csrf_token }, user };
}

/**
 * Who holds a session now, by its id: for connections opened with it (sockets, collab), which
 * must stop acting for a session that was revoked, expired or whose person changed role.
 * Null when it no longer counts.
 */
export async function findSessionActor(db: Db, sessionId: string, policy: SessionPolicy) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.role', 'sessions.last_seen_at', 'sessions.expires_at'])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  const now = Date.now();
  if (!row || row.expires_at.getTime() <= now || now - row.last_seen_at.getTime() > policy.idleMs) return null;
  return { id: row.id, role: row.role };
}

export async function deleteSession(db: Db, sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Signs a person out everywhere (password change or reset), optionally keeping one session. */
export async function deleteUserSessions(db: Db, userId: string, keepSessionId?: string) {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}
