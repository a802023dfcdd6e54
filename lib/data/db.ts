import "server-only";
import { getDb, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

let migrated = false;

/** The data layer's connection; migrations are applied on first use in every process. */
export function db(): Db {
  const database = getDb();
  if (!migrated) {
    migrateDatabase(database);
    migrated = true;
  }
  return database;
}
