import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Where tests live; `npx vitest run` runs both projects over these folders. */
const TEST_FOLDERS = ["lib", "db", "scripts", "components"];
const INTEGRATION_TESTS = "**/*.integration.test.ts";

export default defineConfig({
  resolve: {
    alias: { "@": fromRoot("./") },
  },
  test: {
    environment: "node",
    pool: "forks",
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
    ],
  },
});
