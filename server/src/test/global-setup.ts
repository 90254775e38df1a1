import { dropServerTemplates } from './database';

/**
 * On PostgreSQL (DATABASE_URL), test databases are copied from a migrated template made by the
 * first file that needs it: none is left from an earlier run, and none stays after this one.
 */
export async function setup() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return;
  await dropServerTemplates(serverUrl);
  return () => dropServerTemplates(serverUrl);
}
