import { type App, buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import type { Database } from '../db/database';
import type { JobsOptions } from '../plugins/jobs';
import { createTestDatabase } from './database';

export interface JobsTestApp {
  app: App;
  database: Database;
  config: Config;
  /** Closes the app (waiting for the job in hand), then the database unless it was given. */
  close(): Promise<void>;
}

/**
 * An app for background-work tests: quick polls and one-second retries by default, an
 * optional database that outlives it, and a hook to declare test queues before it is ready.
 */
export async function createJobsTestApp(
  options: {
    env?: Record<string, string>;
    jobs?: JobsOptions;
    database?: Database;
    beforeReady?: (app: App) => void;
  } = {},
): Promise<JobsTestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    RATE_LIMITS: 'off',
    SEED: 'off',
    LOG_LEVEL: 'silent',
    MAIL_GROUP_SECONDS: '0',
    ...options.env,
  });
  const database = options.database ?? (await createTestDatabase());
  const app = await buildApp({
    config,
    database,
    jobs: { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, ...options.jobs },
  });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}
