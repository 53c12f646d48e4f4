import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Two test files at a time. Vitest's default on 2 cores is one (cores − 1), but most files spend
    // much of their time waiting for real processes (PostgreSQL, the app, Chromium, clamd), so a
    // second file fills the idle core. `npm test -- --maxWorkers=1` runs them one by one again.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'hono/jsx' },
});
