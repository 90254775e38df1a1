import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    // Each test file gets its own database; PGlite start-up and argon2 take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // What tests poll for (jobs, socket events, collab sync) happens in the background and may
    // take more than poll's default second on a busy machine.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    // A worker per core: much of a test is waiting (jobs, sockets, argon2), so vitest's default
    // of one fewer than the cores (a single worker on two) leaves the machine half idle. On a
    // PostgreSQL server (DATABASE_URL) a test mostly waits on that server: two workers per core
    // keep the machine busy (measured on two cores: 256 s instead of about 330).
    maxWorkers: process.env.DATABASE_URL ? 2 * availableParallelism() : '100%',
    // Every file builds its own app and database, so files need no fresh module graph each:
    // sharing it saves loading the server's modules again for each of a hundred files.
    isolate: false,
  },
});
