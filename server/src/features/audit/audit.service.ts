import type { AuditEntry, AuditPage } from '@atelier/contract';
import { z } from 'zod';
import { actorOnly, authorize } from '../../core/authorize';
import { decodeCursor, pageOf } from '../../core/cursors';
import type { Db } from '../../db/database';
import { canReadAudit } from '../../policy/audit.policy';
import type { Actor } from '../../policy/policy';
import { findNames, insertAuditEntry, listAuditEntries } from './audit.queries';

/** What an entry records; names are looked up here, at the moment of the act. */
export interface AuditInput {
  /** Who acted; null for the platform itself (a job, a schedule). */
  actorId: string | null;
  /** What was done: `role_change`, `member_removal`, `export`, `erasure`, a moderation decision … */
  action: string;
  /** What it was about (`membership`, `user`, `post` …) and its id. */
  subjectType: string;
  subjectId: string;
  /** The person it was done to, if any. */
  targetUserId?: string | null | undefined;
  /** Anything else worth keeping (old and new role, a note). Never a secret. */
  details?: Record<string, unknown> | undefined;
}

/** The name an entry keeps for the platform acting on its own. */
const PLATFORM_NAME = 'plateforme';
/** The name kept for an id that names no account any more. */
const UNKNOWN_NAME = 'inconnu·e';

/**
 * Appends one entry to the audit log. Call it with the transaction of the act it records, so
 * that the entry exists if and only if the act committed. Names are copied now: they survive
 * the people's later erasure (the entry is then the only row that names them).
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<{ id: number; at: Date }> {
  const targetUserId = input.targetUserId ?? null;
  const ids = [input.actorId, targetUserId].filter((id): id is string => id !== null);
  const names = new Map((await findNames(db, [...new Set(ids)])).map((row) => [row.id, row.display_name]));
  return insertAuditEntry(db, {
    actorId: input.actorId,
    actorName: input.actorId === null ? PLATFORM_NAME : (names.get(input.actorId) ?? UNKNOWN_NAME),
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    targetUserId,
    targetName: targetUserId === null ? null : (names.get(targetUserId) ?? UNKNOWN_NAME),
    details: input.details ?? {},
  });
}

const AuditCursorSchema = z.strictObject({ id: z.number().int().positive() });

const toEntry = (row: {
  id: number;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  target_user_id: string | null;
  target_name: string | null;
  details: Record<string, unknown>;
}): AuditEntry => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : { name: row.actor_name },
  action: row.action,
  subject: { type: row.subject_type, id: row.subject_id },
  ...(row.target_name !== null
    ? { target: row.target_user_id ? { id: row.target_user_id, name: row.target_name } : { name: row.target_name } }
    : {}),
  details: row.details ?? {},
});

/** `GET /admin/audit`: newest first, 50 a page. */
export async function listAudit(
  deps: { db: Db },
  input: { actor: Actor; cursor?: string | undefined; limit?: number | undefined },
): Promise<AuditPage> {
  authorize(actorOnly(input.actor, 'audit log'), canReadAudit(input.actor));
  const after = decodeCursor(input.cursor, AuditCursorSchema);
  const limit = input.limit ?? 50;
  const rows = await listAuditEntries(deps.db, { beforeId: after?.id ?? null, limit });
  const { rows: page, nextCursor } = pageOf(rows, limit, (last) => ({ id: Number(last.id) }));
  return { items: page.map((row) => toEntry({ ...row, id: Number(row.id) })), nextCursor };
}
