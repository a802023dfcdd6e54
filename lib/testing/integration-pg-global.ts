/**
 * globalSetup of the vitest project `integration-pg` (vitest.config.mts): one throwaway
 * PostgreSQL server for the whole run (lib/testing/throwaway-postgres.ts), and a template
 * database migrated once (db/migrations-pg). Every test file then gets its own database, copied
 * from the template (lib/testing/integration-setup.ts), which takes a few milliseconds.
 */
import { migratePostgres } from "../../db/pg/migrate";
import { startThrowawayPostgres } from "./throwaway-postgres";

export const TEMPLATE_DATABASE = "nianbao_template";

export default async function setup(): Promise<() => void> {
  const server = await startThrowawayPostgres(TEMPLATE_DATABASE);
  await migratePostgres(server.url);
  // Read by the test files' setup, in the forked processes started after this.
  process.env.NIANBAO_TEST_PG_TEMPLATE_URL = server.url;
  return () => server.stop();
}
