import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { createTestDatabase } from '../../test/database';
import { createThread } from '../../test/factories/discussions';
import { createPerson } from '../../test/factories/people';
import { addMembership, createSpace } from '../../test/factories/spaces';
import { request } from '../../test/http';
import { createJobsTestApp, type JobsTestApp } from '../../test/jobs';
import { StatementLog } from '../../test/statement-log';

/**
 * Posting costs the same few statements in a space of ten people and in one of two thousand,
 * with or without a mention: mentions are looked up by the names written, and who hears of the
 * post is worked out by a job after the commit.
 */
describe('the cost of a post does not grow with the space', () => {
  let base: Database;
  let log: StatementLog;
  let ctx: JobsTestApp;
  beforeAll(async () => {
    base = await createTestDatabase();
    log = new StatementLog();
    // No job runs in this process: what is recorded is the request's own work.
    ctx = await createJobsTestApp({ database: { ...base, db: base.db.withPlugin(log) }, jobs: { workers: false } });
  });
  afterAll(async () => {
    await ctx.close();
    await base.close();
  });

  /** A space of `size` active members, the author and "Bruno Mentionné" among them. */
  async function spaceOf(size: number) {
    const { db } = ctx.database;
    const space = await createSpace(db, { visibility: 'members', joinPolicy: 'open' });
    const author = await createPerson(ctx);
    const bruno = await createPerson(ctx, { displayName: 'Bruno Mentionné' });
    for (const person of [author, bruno]) await addMembership(db, space.id, person.id);
    await sql`
      with people as (
        insert into users (email, display_name, role, locale)
        select 'foule.' || ${space.id}::text || '.' || n || '@exemple.fr', 'Personne ' || n, 'member', 'fr'
        from generate_series(1, ${size - 2}::int) as n
        returning id
      )
      insert into memberships (space_id, user_id, role, status)
      select ${space.id}, id, 'membre', 'active' from people`.execute(db);
    const { thread } = await createThread(ctx, author, space.slug);
    return { author, thread };
  }

  it('runs the same statements in a space of 10 and of 2,000: six, seven with a mention', async () => {
    const costs: Record<string, string[]> = {};
    for (const size of [10, 2000]) {
      const { author, thread } = await spaceOf(size);
      for (const [label, body] of [
        ['plain', '<p>Un compte rendu sans nom</p>'],
        ['mention', '<p>Merci @Bruno Mentionné pour la relecture</p>'],
      ] as const) {
        const statements = await log.during(async () => {
          const answer = await request(ctx, author, 'POST', `/api/threads/${thread.id}/posts`, { body });
          expect(answer.statusCode, answer.body).toBe(201);
          if (label === 'mention')
            expect(answer.json().post.mentions).toMatchObject([{ displayName: 'Bruno Mentionné' }]);
        });
        costs[`${label} ${size}`] = statements;
      }
    }
    expect(costs['plain 2000']).toEqual(costs['plain 10']);
    expect(costs['mention 2000']).toEqual(costs['mention 10']);
    // The session, the thread with its space and membership, the post (number, row, follow), its
    // events in both rooms, the notification job, the space's webhooks listening to new posts
    // (one indexed lookup; features/webhooks); a mention adds the lookup of the names written.
    // Plus BEGIN and COMMIT, which the driver sends outside what is counted here.
    expect(costs['plain 10']?.length).toBeLessThanOrEqual(6);
    expect(costs['mention 10']?.length).toBeLessThanOrEqual(7);
  });
});
