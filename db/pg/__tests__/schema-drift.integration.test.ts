/**
 * The SQLite and the PostgreSQL schema must not drift (issue 17): both are migrated from their
 * committed migrations into fresh databases, read back from the databases themselves and
 * compared fact by fact (db/pg/schema-shape.ts). The search tables (FTS5 on SQLite, pg_trgm on
 * PostgreSQL) differ by design and are compared by their answers instead
 * (lib/data/public/__tests__/search-postgres.integration.test.ts).
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { migratePostgres } from "@/db/pg/migrate";
import { postgresSchemaFacts, schemaDifferences, sqliteSchemaFacts, type SchemaFacts } from "@/db/pg/schema-shape";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

let server: ThrowawayPostgres;
let sqliteFacts: SchemaFacts;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  const sqlite = new Database(":memory:");
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
  sqliteFacts = sqliteSchemaFacts(sqlite);
  sqlite.close();
}, 60_000);

afterAll(() => server?.stop());

describe("the PostgreSQL schema", () => {
  it("has the same tables, columns, nullability, keys and indexes as the SQLite schema", async () => {
    await migratePostgres(server.url);
    const postgresFacts = await withClient(server.url, (client) => postgresSchemaFacts(client));
    expect(sqliteFacts).toContain("units.active: bool not null");
    expect(sqliteFacts).toContain("audit_log.created_at: timestamp not null");
    expect(sqliteFacts.some((f) => f.startsWith("table search_"))).toBe(false);
    expect(postgresFacts.some((f) => f.includes("search_documents") || f.includes("search_totals"))).toBe(false);
    expect(schemaDifferences(sqliteFacts, postgresFacts)).toEqual([]);
  });

  it("reports a column, a nullability, an index and a foreign key that differ", async () => {
    const url = await server.createDatabase("drifted");
    await migratePostgres(url);
    const postgresFacts = await withClient(url, async (client) => {
      await client.query("alter table units add column extra text");
      await client.query("alter table reports alter column title drop not null");
      await client.query("drop index report_sections_report_key_unique");
      await client.query("create index report_sections_report_key_unique on report_sections (report_id, key)");
      await client.query("alter table notifications drop constraint notifications_report_id_reports_id_fk");
      await client.query("alter table users alter column active drop default, alter column active type integer using active::int");
      return postgresSchemaFacts(client);
    });
    expect(schemaDifferences(sqliteFacts, postgresFacts).sort()).toEqual(
      [
        "only in PostgreSQL: units.extra: text null",
        "only in SQLite: reports.title: text not null",
        "only in PostgreSQL: reports.title: text null",
        "only in SQLite: report_sections: index report_sections_report_key_unique unique (report_id, key)",
        "only in PostgreSQL: report_sections: index report_sections_report_key_unique (report_id, key)",
        "only in SQLite: notifications: foreign key (report_id) references reports (id) on delete no action",
        "only in SQLite: users.active: bool not null",
        "only in PostgreSQL: users.active: int not null",
      ].sort(),
    );
  });
});
