import type { RealtimeEnvelope } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Takes the room's next sequence number. Must run inside the transaction that makes the
 * change the event announces: the upsert locks the room's row until that transaction ends,
 * so a concurrent writer of the same room waits, then gets the next number; a rollback
 * returns the number. Visible numbers are therefore 1, 2, 3 … without gaps, and a room's
 * events commit in seq order (what `listEventsAfter` relies on).
 */
export async function allocateSeq(trx: Db, room: string): Promise<number> {
  const row = await trx
    .insertInto('realtime_rooms')
    .values({ room, seq: 1 })
    .onConflict((oc) => oc.column('room').doUpdateSet({ seq: sql`realtime_rooms.seq + 1` }))
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

export async function insertEvent(trx: Db, room: string, type: string, data: unknown): Promise<RealtimeEnvelope> {
  const seq = await allocateSeq(trx, room);
  await trx
    .insertInto('realtime_events')
    .values({ room, seq, type, data: data === undefined ? null : JSON.stringify(data) })
    .execute();
  return { room, seq, type, data: data ?? null };
}

/** The room's last committed seq, 0 when nothing was ever published there. */
export async function currentSeq(db: Db, room: string): Promise<number> {
  const row = await db.selectFrom('realtime_rooms').select('seq').where('room', '=', room).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

/** Up to `limit` events after `afterSeq`, oldest first; `truncated` when more are waiting. */
export async function listEventsAfter(db: Db, room: string, afterSeq: number, limit: number) {
  const rows = await db
    .selectFrom('realtime_events')
    .select(['room', 'seq', 'type', 'data'])
    .where('room', '=', room)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const events: RealtimeEnvelope[] = rows
    .slice(0, limit)
    .map((row) => ({ room: row.room, seq: Number(row.seq), type: row.type, data: row.data }));
  return { events, truncated: rows.length > limit };
}
