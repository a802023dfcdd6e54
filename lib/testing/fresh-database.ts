/**
 * Another empty, migrated database besides the test file's own, for a test that needs one of
 * its own: on SQLite an in-memory database, on PostgreSQL (project integration-pg) a new
 * database copied from the run's migrated template (lib/testing/integration-pg-global.ts).
 * Synchronous on both, like the harness. Close it with `closeDb` from db/client.ts.
 */
import { randomBytes } from "node:crypto";
import { openDatabase, openPostgres, type Db } from "@/db/client";
import { engine } from "@/db/engine";
import { migrateDatabase } from "@/db/migrate";
import { syncQuery } from "./sync-postgres";

export function freshDatabase(): Db {
  const templateUrl = process.env.NIANBAO_TEST_PG_TEMPLATE_URL;
  if (engine() === "sqlite" || !templateUrl) {
    const db = openDatabase(":memory:");
    migrateDatabase(db);
    return db;
  }
  const template = new URL(templateUrl);
  const name = `fresh_${process.pid}_${randomBytes(4).toString("hex")}`;
  syncQuery(`create database ${name} template ${template.pathname.slice(1)}`);
  template.pathname = `/${name}`;
  return openPostgres(template.toString());
}
