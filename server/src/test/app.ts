import { type App, buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import type { Database } from '../db/database';
import { createTestDatabase } from './database';

export interface TestContext {
  app: App;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/** A full app on a fresh database, driven with `app.inject` (no port needed). */
export async function createTestApp(env: Record<string, string> = {}, clientRoot?: string): Promise<TestContext> {
  const config = loadConfig({
    NODE_ENV: 'test',
    RATE_LIMITS: 'off',
    SEED: 'off',
    LOG_LEVEL: 'silent',
    // Mails about posts go at once: tests read them without waiting for the grouping window.
    MAIL_GROUP_SECONDS: '0',
    ...env,
  });
  const database = await createTestDatabase();
  const app = await buildApp({ config, database, clientRoot });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
