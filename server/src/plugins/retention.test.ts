import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../test/app';
import { createPerson } from '../test/factories/people';
import { insertEvents } from './realtime/events.queries';
import { IDEMPOTENCY_WINDOW_MS, REPLAY_WINDOW_MS } from './retention';

let ctx: TestContext;
const db = () => ctx.database.db;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const count = async (table: 'realtime_events' | 'realtime_payloads' | 'idempotency_keys') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Every retention job's state and start, oldest first. */
const pruneJobs = async () =>
  (
    await sql<{ state: string; start_after: Date }>`select state, start_after from pgboss.job
      where name = 'retention.prune' order by start_after`.execute(db())
  ).rows;

describe('retention', () => {
  it('prunes events and idempotency keys past their window, keeps the rest, and replay says what is gone', async () => {
    const room = 'space:00000000-0000-4000-8000-000000000001';
    const person = await createPerson(ctx);
    await db()
      .transaction()
      .execute(async (trx) => {
        await insertEvents(
          trx,
          [1, 2, 3].map((n) => ({ rooms: [room], type: 'thread.created', data: { n } })),
        );
      });
    await db()
      .insertInto('idempotency_keys')
      .values([
        { user_id: person.id, key: 'old', route: 'POST /x', response: null },
        { user_id: person.id, key: 'new', route: 'POST /x', response: null },
      ])
      .execute();
    // The first two events and the first key were stored before their windows.
    const aged = (ms: number) => new Date(Date.now() - ms - 60_000);
    await sql`update realtime_events set created_at = ${aged(REPLAY_WINDOW_MS)} where room = ${room} and seq <= 2`.execute(
      db(),
    );
    await sql`update realtime_payloads p set created_at = ${aged(REPLAY_WINDOW_MS)}
      from realtime_events e where e.payload_id = p.id and e.room = ${room} and e.seq <= 2`.execute(db());
    await sql`update idempotency_keys set created_at = ${aged(IDEMPOTENCY_WINDOW_MS)} where key = 'old'`.execute(db());
    const before = { events: await count('realtime_events'), payloads: await count('realtime_payloads') };

    await ctx.app.jobs.enqueue(db(), 'retention.prune', {});
    await expect.poll(() => count('idempotency_keys'), { timeout: 15_000 }).toBe(1);
    expect(await count('realtime_events')).toBe(before.events - 2);
    expect(await count('realtime_payloads')).toBe(before.payloads - 2);
    expect((await db().selectFrom('idempotency_keys').select('key').execute()).map((row) => row.key)).toEqual(['new']);

    const replay = await ctx.app.realtime.replay(room, 0);
    expect(replay).toMatchObject({ pruned: true, events: [{ seq: 3, data: { n: 3 } }] });
    expect(await ctx.app.realtime.replay(room, 2)).not.toHaveProperty('pruned');
  });

  it('keeps one run per hour however often it is started, and plans the next one', async () => {
    await expect.poll(async () => (await pruneJobs()).some((job) => job.state === 'completed')).toBe(true);
    // Another process starting (or this one restarting) does not add a run to the chain.
    expect(await ctx.app.jobs.enqueue(db(), 'retention.prune', {}, { oncePerSeconds: 3600 })).toBeNull();
    const waiting = (await pruneJobs()).filter((job) => job.state === 'created');
    expect(waiting).toHaveLength(1);
    const inMs = new Date(waiting[0]!.start_after).getTime() - Date.now();
    expect(inMs).toBeGreaterThan(0);
    expect(inMs).toBeLessThanOrEqual(3600_000);
  });
});
