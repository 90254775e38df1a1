import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { ensureAdmin } from '../features/accounts/accounts.service';

/**
 * `pnpm admin:create -- --email x@y.fr --password '…' [--name 'Nom']`
 * (or ADMIN_EMAIL / ADMIN_PASSWORD): creates that admin, or makes the account admin.
 */
const { values } = parseArgs({
  options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } },
});
const config = loadConfig({
  ...process.env,
  ADMIN_EMAIL: values.email ?? process.env.ADMIN_EMAIL,
  ADMIN_PASSWORD: values.password ?? process.env.ADMIN_PASSWORD,
});
if (!config.admin) {
  console.error('Usage: pnpm admin:create -- --email <email> --password <at least 10 characters> [--name <name>]');
  process.exit(2);
}
const database = await createDatabase(config);
try {
  await migrateToLatest(database.db);
  const result = await ensureAdmin(database.db, { ...config.admin, displayName: values.name });
  console.log(result.created ? `Admin created: ${config.admin.email}` : `Account is now admin: ${config.admin.email}`);
} finally {
  await database.close();
}
