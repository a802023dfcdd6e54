import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { isPostgres, type Db } from "./client";
import { postgresUrl } from "./engine";
import { migratePostgres } from "./pg/migrate";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Applies every committed migration that has not run yet. Idempotent. SQLite only. */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Migrates the database of this process's engine: SQLite's migrations on the file (synchronously
 * done when the promise is made), or db/migrations-pg on DATABASE_URL (on a connection of its own).
 */
export async function migrateEngineDatabase(db: Db): Promise<void> {
  if (isPostgres(db)) await migratePostgres(postgresUrl()!);
  else migrateDatabase(db);
}
