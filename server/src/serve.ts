import { buildApp } from './app';
import type { Config } from './config';
import type { Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { ensureAdmin } from './features/accounts/accounts.service';
import { eventsDepsOf } from './features/events/events.deps';
import { seedDemo } from './features/seed/demo.service';
import { seedAlliance } from './features/seed/seed.service';

/** Migrates and seeds the database, then serves the app until SIGTERM or SIGINT (see main.ts). */
export async function serve(config: Config, database: Database) {
  await migrateToLatest(database.db);
  if (config.admin) await ensureAdmin(database.db, config.admin);
  const app = await buildApp({ config, database });
  if (config.seed !== 'off') {
    // After migrations, before listening: inserts only what is missing, keyed by slug.
    const seeded = await seedAlliance(database.db);
    const inserted = seeded.spaces.length + seeded.projects + seeded.series.length + seeded.organisations > 0;
    app.log.info(
      { seeded },
      inserted ? 'seed: alliance spaces, series and organisations inserted' : 'seed: nothing to insert',
    );
  }
  if (config.seed === 'demo') {
    // The demo plans reminders of its events: the job queue starts with the app.
    await app.ready();
    const demo = await seedDemo(eventsDepsOf(app, { publicUrl: config.publicUrl }));
    app.log.info({ demo }, demo ? 'seed: demo people and their activity inserted' : 'seed: demo already there');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Every closing step has its own budget (collab: 3.5 s); this is the safety net, inside
    // the 10 s that process managers (docker stop, systemd) give before SIGKILL.
    setTimeout(() => {
      app.log.error('shutdown still running after 9 s: exiting');
      process.exit(1);
    }, 9000).unref();
    try {
      // app.close() stops accepting connections and waits for in-flight requests and onClose
      // hooks (jobs, sockets); the database closes last, when nothing can use it any more.
      await app.close();
      await database.close();
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as { port: number };
  const loopback = config.host === '127.0.0.1' || config.host === '0.0.0.0';
  // Mail links use PUBLIC_URL (localhost by default): open the same host so the cookie follows.
  const url = loopback && port === config.port ? config.publicUrl : `http://${config.host}:${port}`;
  app.log.info(`Atelier des transitions ready at ${url}`);
  console.log(`\n  Atelier des transitions : ${url}\n`);
}
