import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Where tests live; `npx vitest run` runs both projects over these folders. */
const TEST_FOLDERS = ["lib", "db", "scripts", "components"];
const INTEGRATION_TESTS = "**/*.integration.test.ts";

/**
 * Integration tests that are about SQLite itself, left out of `integration-pg`: the FTS5 search,
 * the backup API, the SQLite audit triggers and retention (PostgreSQL's triggers are tested by
 * the migrate-to-postgres test), and the tests that compare or move SQLite into PostgreSQL (they
 * start a server of their own).
 */
const SQLITE_ONLY_INTEGRATION_TESTS = [
  "db/__tests__/backup.integration.test.ts",
  "db/__tests__/audit-log.integration.test.ts",
  "db/__tests__/audit-retention.integration.test.ts",
  "db/pg/__tests__/schema-drift.integration.test.ts",
  "scripts/__tests__/migrate-to-postgres.integration.test.ts",
  "lib/testing/__tests__/throwaway-postgres.integration.test.ts",
  "db/pg/__tests__/backup.integration.test.ts",
  // Compares FTS5's answers with PostgreSQL's on a server of its own.
  "lib/data/public/__tests__/search-postgres.integration.test.ts",
  // SQLite's data_version, which a front's kept live states watch.
  "lib/serving/__tests__/front-live-states.integration.test.ts",
  // SQLite's transaction queue and BEGIN IMMEDIATE.
  "db/__tests__/transaction.integration.test.ts",
  // Publishes from several processes on one SQLite file (db/commands/__tests__/fixtures/publish-worker.ts);
  // to be ported to one PostgreSQL database with lib/testing/fresh-database.ts.
  "db/commands/__tests__/publication.integration.test.ts",
  // Migrates both engines step by step, PostgreSQL on a server of its own.
  "db/__tests__/edition-title-migration.integration.test.ts",
];

export default defineConfig({
  resolve: {
    alias: { "@": fromRoot("./") },
  },
  test: {
    environment: "node",
    pool: "forks",
    // npm test runs these beside the e2e lanes on a shared 2-core machine: an integration test
    // that takes 2 s alone can take 10 under load, which is not a failure of what it asserts.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Pure and fast: everything that is not an integration test (`--project unit`).
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.{ts,tsx}"],
          exclude: [...configDefaults.exclude, INTEGRATION_TESTS],
        },
      },
      {
        // Commands and lib/data against a temporary SQLite database, one per test file
        // (lib/testing/integration-setup.ts), each file in its own forked process.
        extends: true,
        resolve: {
          // lib/data is 'server-only'; its react-server build is the empty module.
          alias: { "server-only": fromRoot("./node_modules/server-only/empty.js") },
        },
        test: {
          name: "integration",
          include: TEST_FOLDERS.map((folder) => `${folder}/${INTEGRATION_TESTS}`),
          setupFiles: ["lib/testing/integration-setup.ts"],
          pool: "forks",
          isolate: true,
        },
      },
      {
        // The same integration tests on PostgreSQL (issue 17): one throwaway server for the run,
        // a database per test file copied from a migrated template (`--project integration-pg`).
        extends: true,
        resolve: {
          alias: { "server-only": fromRoot("./node_modules/server-only/empty.js") },
        },
        test: {
          name: "integration-pg",
          include: TEST_FOLDERS.map((folder) => `${folder}/${INTEGRATION_TESTS}`),
          exclude: [...configDefaults.exclude, ...SQLITE_ONLY_INTEGRATION_TESTS],
          globalSetup: ["lib/testing/integration-pg-global.ts"],
          env: { NIANBAO_TEST_ENGINE: "postgres" },
          setupFiles: ["lib/testing/integration-setup.ts"],
          pool: "forks",
          isolate: true,
        },
      },
    ],
  },
});
