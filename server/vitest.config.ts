import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each test file gets its own database; PGlite start-up and argon2 take a moment.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
