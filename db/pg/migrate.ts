import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const PG_MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations-pg");

/**
 * Applies every committed PostgreSQL migration (db/migrations-pg) that has not run yet, on its
 * own connection, closed afterwards. Idempotent. drizzle records what ran in
 * `drizzle.__drizzle_migrations` (a schema of its own, apart from the application's tables).
 */
export async function migratePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}
