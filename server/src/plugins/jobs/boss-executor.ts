import { CompiledQuery } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Db } from '../../db/database';

const ROLLBACK = CompiledQuery.raw('rollback');

/**
 * pg-boss's `db` option over Kysely. On the application's pool (or PGlite's single guarded
 * connection) a failed script is followed by a rollback on the same connection: pg-boss wraps
 * its maintenance and schema scripts in `BEGIN … COMMIT`, and a script that fails half-way
 * would otherwise hand back a connection stuck in an aborted transaction (on PGlite, the only
 * one). Inside a caller's transaction the statement simply joins it.
 */
export function bossExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const query = CompiledQuery.raw(text, values ?? []);
      if (db.isTransaction) {
        const { rows } = await db.executeQuery(query);
        return { rows };
      }
      return db.connection().execute(async (connection) => {
        try {
          const { rows } = await connection.executeQuery(query);
          return { rows };
        } catch (error) {
          await connection.executeQuery(ROLLBACK).catch(() => undefined);
          throw error;
        }
      });
    },
  };
}
