import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Whether a job of this queue with this key waits to run, asked under a lock on the key held
 * until the caller's transaction ends: two callers at once see each other's job.
 */
export async function lockAndFindWaiting(trx: Db, name: string, singletonKey: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(hashtext(${`jobs:${name}:${singletonKey}`}))`.execute(trx);
  const { rows } = await sql`select 1 from pgboss.job where name = ${name}
    and singleton_key = ${singletonKey} and state in ('created', 'retry') limit 1`.execute(trx);
  return rows.length > 0;
}
