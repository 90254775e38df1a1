import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/** `pnpm db:migrate`: the same migrations the server runs at start, on the configured database. */
const config = loadConfig();
const database = await createDatabase(config);
try {
  const applied = await migrateToLatest(database.db);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database already up to date.');
} finally {
  await database.close();
}
