import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobsTestApp, type JobsTestApp } from '../test/jobs';
import type { JobContext } from './jobs';

declare module './jobs' {
  interface JobPayloads {
    'test.record': { tag: string };
    'test.flaky': { tag: string };
    'test.slow': { tag: string };
  }
}

describe('jobs', () => {
  let ctx: JobsTestApp;
  const recorded: string[] = [];
  const flakyAttempts: Array<Pick<JobContext<'test.flaky'>, 'attempt' | 'maxAttempts'>> = [];

  beforeAll(async () => {
    ctx = await createJobsTestApp({
      beforeReady: (app) => {
        app.jobs.work('test.record', async (job) => {
          recorded.push(job.data.tag);
        });
        app.jobs.work(
          'test.flaky',
          async (job) => {
            flakyAttempts.push({ attempt: job.attempt, maxAttempts: job.maxAttempts });
            if (job.attempt === 1) throw new Error('transient trouble');
          },
          { attempts: 3 },
        );
      },
    });
  });
  afterAll(() => ctx.close());

  const jobState = async (id: string) => {
    const { rows } = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(ctx.app.db);
    return rows[0]?.state;
  };

  it('runs an enqueued job with its data and completes it', async () => {
    const id = await ctx.app.jobs.enqueue(ctx.app.db, 'test.record', { tag: 'hello' });
    expect(id).toEqual(expect.any(String));
    await expect.poll(() => jobState(id!)).toBe('completed');
    expect(recorded).toContain('hello');
  });

  it('never runs a job whose transaction rolled back, and runs one whose transaction committed', async () => {
    let rolledBackId: string | null = null;
    await expect(
      ctx.app.db.transaction().execute(async (trx) => {
        rolledBackId = await ctx.app.jobs.enqueue(trx, 'test.record', { tag: 'rolled-back' });
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('the caller changes its mind');
    const committedId = await ctx.app.db
      .transaction()
      .execute((trx) => ctx.app.jobs.enqueue(trx, 'test.record', { tag: 'committed' }));

    // Jobs run in creation order, so once the later one is done the earlier one had its chance.
    await expect.poll(() => jobState(committedId!)).toBe('completed');
    expect(recorded).toContain('committed');
    expect(recorded).not.toContain('rolled-back');
    expect(rolledBackId).toEqual(expect.any(String));
    expect(await jobState(rolledBackId!)).toBeUndefined();
  });

  it('keeps one waiting job per singleton key, even when many ask at once', async () => {
    const later = { startAfter: 3600, singletonKey: 'one-per-key' };
    const ids = await Promise.all(
      Array.from({ length: 4 }, () => ctx.app.jobs.enqueue(ctx.app.db, 'test.record', { tag: 'single' }, later)),
    );
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    // Another key is another job.
    expect(
      await ctx.app.jobs.enqueue(ctx.app.db, 'test.record', { tag: 'other' }, { ...later, singletonKey: 'two' }),
    ).not.toBeNull();
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
      where name = 'test.record' and singleton_key = 'one-per-key'`.execute(ctx.app.db);
    expect(rows[0]?.n).toBe(1);
  });

  it('retries a failed job with the next attempt number', async () => {
    const id = await ctx.app.jobs.enqueue(ctx.app.db, 'test.flaky', { tag: 'x' });
    await expect.poll(() => jobState(id!)).toBe('completed');
    expect(flakyAttempts).toEqual([
      { attempt: 1, maxAttempts: 3 },
      { attempt: 2, maxAttempts: 3 },
    ]);
  });

  it('refuses a job name that has no handler', async () => {
    // @ts-expect-error: not a declared job
    await expect(ctx.app.jobs.enqueue(ctx.app.db, 'test.unknown', {})).rejects.toThrow(/no handler/);
  });
});

describe('jobs at shutdown', () => {
  it('finishes the job in hand and records it before the app has closed', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let finished = false;
    const ctx = await createJobsTestApp({
      beforeReady: (app) =>
        app.jobs.work('test.slow', async () => {
          started();
          await gate;
          finished = true;
        }),
    });
    const id = await ctx.app.jobs.enqueue(ctx.app.db, 'test.slow', { tag: 'slow' });
    await running;

    let closed = false;
    const closing = ctx.app.close().then(() => {
      closed = true;
    });
    // A deliberate window, not a wait for something: a close that did not wait for the job in
    // hand would resolve within it, as nothing else holds it. A slow machine can only make
    // this check weaker, never make it fail wrongly.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(finished).toBe(true);

    const { rows } = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(
      ctx.database.db,
    );
    expect(rows[0]?.state).toBe('completed');
    await ctx.database.close();
  });
});
