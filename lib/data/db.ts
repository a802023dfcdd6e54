import "server-only";
import { getDb, holdQueriesUntil, isPostgres, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { postgresUrl } from "@/db/engine";
import { migratePostgres } from "@/db/pg/migrate";

let migrated = false;

/**
 * The data layer's connection; migrations are applied on first use in every process (on
 * PostgreSQL asynchronously: the pool holds every query until they are done).
 */
export function db(): Db {
  const database = getDb();
  if (!migrated) {
    if (isPostgres(database)) holdQueriesUntil(database, migratePostgres(postgresUrl()!));
    else migrateDatabase(database);
    migrated = true;
  }
  return database;
}
