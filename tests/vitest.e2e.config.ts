import { defineConfig } from 'vitest/config';

/**
 * Cross-process suite: every file starts the real server as a child process (its own embedded
 * database, so files do not meet). Two files at a time: a file spends much of its time
 * starting its server and waiting on the browser, and two at once take a fifth less time on
 * two cores. The fuzz file lives here too so that `pnpm test:e2e` runs everything that needs
 * a running server.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'integration/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // What the tests poll for (a live update, a mail, a job) takes seconds on a busy machine.
    expect: { poll: { timeout: 20_000 } },
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
