import { ConfigError, loadConfig } from './config';
import { createDatabase } from './db/database';

async function main() {
  const config = loadConfig();
  // The embedded database starts in its own thread while this one loads the application's
  // modules, instead of after them.
  const [database, { serve }] = await Promise.all([
    createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }),
    import('./serve'),
  ]);
  await serve(config, database);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
