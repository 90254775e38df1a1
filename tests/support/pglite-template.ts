import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '@atelier/server/src/db/database';
import { migrateToLatest } from '@atelier/server/src/db/migrate';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A migrated embedded database to copy: a fresh PGlite data directory costs an initdb (seconds,
 * more than all migrations), a copy costs a moment. Made once per set of migrations and server
 * dependencies, in the system's temporary directory, and shared by the servers that tests and benchmarks start.
 */
export async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  const migrations = join(repoRoot, 'migrations');
  for (const file of (await readdir(migrations)).filter((name) => name.endsWith('.ts')).sort()) {
    hash.update(file).update(await readFile(join(migrations, file)));
  }
  hash.update(await readFile(join(repoRoot, 'server', 'package.json')));
  const template = join(tmpdir(), `atelier-bench-pglite-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(template, 'ready'))) return template;
  const building = await mkdtemp(join(tmpdir(), 'atelier-bench-pglite-building-'));
  const database = await createDatabase({ dataDir: building });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
  await writeFile(join(building, 'ready'), '');
  // Another benchmark may have made it meanwhile: either copy will do.
  await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  return template;
}
