import { defineConfig } from "drizzle-kit";

/**
 * The PostgreSQL schema's migrations (issue 17), beside the SQLite ones (drizzle.config.ts).
 * `npm run db:generate-pg` diffs db/pg/schema.ts against db/migrations-pg/meta offline; it never
 * connects to a database (migrations are applied by db/pg/migrate.ts).
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/pg/schema.ts",
  out: "./db/migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/nianbao" },
  strict: true,
  verbose: true,
});
