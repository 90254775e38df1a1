import { defineConfig } from 'vitest/config';

/**
 * Cross-process suite: every file starts the real server as a child process. Files run one
 * after the other (two cores, one Chromium at a time); the fuzz file lives here too so that
 * `pnpm test:e2e` runs everything that needs a running server.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'integration/**/*.test.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
