import { randomUUID } from 'node:crypto';
import type { RealtimeEnvelope } from '@atelier/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** An event to store, announced in each of `rooms`. */
export interface NewEvent {
  rooms: readonly string[];
  type: string;
  data: unknown;
}

/**
 * Stores events in one statement: each payload once (`realtime_payloads`), and for each of its
 * rooms the room's next sequence numbers (`realtime_rooms`) and a numbered reference
 * (`realtime_events`). Must run inside the transaction that makes the change the events
 * announce: the upsert locks each room's row until that transaction ends, so a concurrent
 * writer of the same room waits, then gets the next numbers; a rollback returns them. Visible
 * numbers are therefore 1, 2, 3 … without gaps, and a room's events commit in seq order (what
 * `listEventsAfter` relies on). Rooms are locked in name order, so that two writers of the same
 * rooms (a thread and its space) never wait for each other in a circle.
 */
export async function insertEvents(trx: Db, events: readonly NewEvent[]): Promise<RealtimeEnvelope[]> {
  const payloads = events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data ?? null }));
  const targets = events.flatMap((event, index) => event.rooms.map((room) => ({ room, payload: payloads[index]?.id })));
  if (targets.length === 0) return [];
  const numbered = targets.map((target, ord) => ({ ...target, ord }));
  const { rows } = await sql<{ room: string; seq: number | string; payload_id: string }>`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(numbered)}::jsonb) as i(ord int, room text, payload uuid)
    ), payloads as (
      insert into realtime_payloads (id, type, data)
      select id, type, data from jsonb_to_recordset(${JSON.stringify(payloads)}::jsonb) as p(id uuid, type text, data jsonb)
    ), counts as (
      insert into realtime_rooms as r (room, seq)
      select room, count(*) from input group by room order by room
      on conflict (room) do update set seq = r.seq + excluded.seq
      returning room, seq
    )
    insert into realtime_events (room, seq, payload_id)
    select i.room, c.seq - count(*) over w + row_number() over (w order by i.ord), i.payload
    from input i join counts c on c.room = i.room
    window w as (partition by i.room)
    returning room, seq, payload_id`.execute(trx);
  const byPayload = new Map<string, (typeof payloads)[number]>(payloads.map((payload) => [payload.id, payload]));
  return rows
    .map((row) => {
      const payload = byPayload.get(row.payload_id) as (typeof payloads)[number];
      return { room: row.room, seq: Number(row.seq), type: payload.type, data: payload.data };
    })
    .sort((a, b) => a.room.localeCompare(b.room) || a.seq - b.seq);
}

/** The room's last committed seq, 0 when nothing was ever published there. */
export async function currentSeq(db: Db, room: string): Promise<number> {
  const row = await db.selectFrom('realtime_rooms').select('seq').where('room', '=', room).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}

/**
 * Up to `limit` events after `afterSeq`, oldest first; `truncated` when more are waiting;
 * `pruned` when events right after `afterSeq` are gone (older than the replay window): the
 * client must read its state again.
 */
export async function listEventsAfter(db: Db, room: string, afterSeq: number, limit: number) {
  const rows = await db
    .selectFrom('realtime_events as e')
    .innerJoin('realtime_payloads as p', 'p.id', 'e.payload_id')
    .select(['e.room', 'e.seq', 'p.type', 'p.data'])
    .where('e.room', '=', room)
    .where('e.seq', '>', afterSeq)
    .orderBy('e.seq')
    .limit(limit + 1)
    .execute();
  const events: RealtimeEnvelope[] = rows
    .slice(0, limit)
    .map((row) => ({ room: row.room, seq: Number(row.seq), type: row.type, data: row.data }));
  const first = events[0]?.seq;
  const pruned = first === undefined ? (await currentSeq(db, room)) > afterSeq : first > afterSeq + 1;
  return { events, truncated: rows.length > limit, ...(pruned ? { pruned: true } : {}) };
}

/** Deletes up to `limit` events stored before `before`; returns how many went. */
export async function pruneEvents(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql`delete from realtime_events where (room, seq) in (
      select room, seq from realtime_events where created_at < ${before} limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Deletes up to `limit` payloads stored before `before`. A payload is stored in the same
 * transaction as its events (same `now()`): once those events are pruned, so may it be.
 */
export async function prunePayloads(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql`delete from realtime_payloads where id in (
      select id from realtime_payloads where created_at < ${before} limit ${limit})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
