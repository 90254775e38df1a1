import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type RunningServer, startServer } from './server';

const { REDIS_URL, DATABASE_URL } = process.env;

/** Whether the multi-process tests can run here (CI sets both). */
export const canCluster = Boolean(REDIS_URL && DATABASE_URL);

/** Runs `work` with a client of the PostgreSQL server named by DATABASE_URL. */
export async function withPostgres(work: (client: pg.Client) => Promise<unknown>) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export interface Cluster {
  a: RunningServer;
  b: RunningServer;
  /** Runs SQL on the cluster's own database (to set up what only an admin could). */
  sql(text: string, values?: unknown[]): Promise<pg.QueryResult>;
  close(): Promise<void>;
}

/**
 * Two server processes on a fresh database of DATABASE_URL and on REDIS_URL, as behind a load
 * balancer. The first migrates and seeds (`SEED`), the second finds it done. `close` stops
 * both (each must exit 0 unless it was killed) and drops the database.
 */
export async function startCluster(env: Record<string, string> = {}): Promise<Cluster> {
  const name = `atelier_cluster_${randomBytes(6).toString('hex')}`;
  await withPostgres((client) => client.query(`create database ${name}`));
  const url = new URL(DATABASE_URL as string);
  url.pathname = `/${name}`;
  const shared = { DATABASE_URL: url.toString(), REDIS_URL: REDIS_URL as string, ...env };
  const a = await startServer({ SEED: 'alliance', ...shared });
  const b = await startServer({ SEED: 'off', ...shared });
  return {
    a,
    b,
    async sql(text, values) {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return await client.query(text, values);
      } finally {
        await client.end();
      }
    },
    async close() {
      const stopped = await Promise.allSettled([a.stop(), b.stop()]);
      await withPostgres(async (client) => {
        for (let i = 0; i < 100; i++) {
          const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [
            name,
          ]);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      });
      for (const result of stopped) if (result.status === 'rejected') throw result.reason;
    },
  };
}
