/**
 * Migrations 0014 (SQLite) and 0008 (PostgreSQL) copy every existing edition's title and 索引号
 * out of its snapshot into report_editions.title / index_no, which the public lists read. Each
 * engine is migrated up to the migration before, given editions as the older code wrote them,
 * then migrated to the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgresFolder } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { PG_MIGRATIONS_FOLDER } from "@/db/pg/migrate";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

const MIGRATION_TAG = "edition_title_index_no";

let dir: string;
let server: ThrowawayPostgres;

/** A copy of the migrations folder whose journal ends just before the given migration. */
function foldersBefore(folder: string, name: string): string {
  const copy = fs.mkdtempSync(path.join(dir, "migrations-"));
  fs.cpSync(folder, copy, { recursive: true });
  const journalPath = path.join(copy, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((entry) => entry.tag.endsWith(`_${name}`));
  expect(at).toBeGreaterThan(0);
  fs.writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  return copy;
}

const EDITIONS = [
  { edition: 1, snapshot: JSON.stringify({ title: "示例镇人民政府2023年政府信息公开工作年度报告", metadata: { indexNo: "MIGTEST01/2024-00001" } }) },
  // A correction: its own title, the same 索引号.
  { edition: 2, snapshot: JSON.stringify({ title: "示例镇人民政府2023年政府信息公开工作年度报告（修订）", metadata: { indexNo: "MIGTEST01/2024-00001" } }) },
  // An imported edition without a 索引号.
  { edition: 3, snapshot: JSON.stringify({ title: "示例镇人民政府2023年年报", metadata: {} }) },
];

const EXPECTED = [
  { edition: 1, title: "示例镇人民政府2023年政府信息公开工作年度报告", index_no: "MIGTEST01/2024-00001" },
  { edition: 2, title: "示例镇人民政府2023年政府信息公开工作年度报告（修订）", index_no: "MIGTEST01/2024-00001" },
  { edition: 3, title: "示例镇人民政府2023年年报", index_no: null },
];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-edition-migration-"));
  server = await startThrowawayPostgres();
}, 60_000);

afterAll(() => {
  server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the editions' title and 索引号 columns", () => {
  it("are filled from the snapshots of editions made before them, on SQLite", () => {
    const sqlite = new Database(":memory:");
    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: foldersBefore(MIGRATIONS_FOLDER, MIGRATION_TAG) });
    expect(sqlite.prepare("select name from pragma_table_info('report_editions') where name = 'title'").get()).toBeUndefined();
    const unitId = sqlite.prepare("insert into units (name, short_name, kind, org_code) values ('示例镇人民政府', '示例镇', 'township', 'MIGTEST01')").run().lastInsertRowid;
    const reportId = sqlite
      .prepare("insert into reports (unit_id, year, format, title, metadata) values (?, 2023, 'gov-2021', '工作副本的标题', '{}')")
      .run(unitId).lastInsertRowid;
    const insert = sqlite.prepare("insert into report_editions (report_id, edition, snapshot, sha256, published_at) values (?, ?, ?, 'x', ?)");
    for (const e of EDITIONS) insert.run(reportId, e.edition, e.snapshot, Date.UTC(2024, 0, 20));

    migrateSqlite(drizzleSqlite(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
    expect(sqlite.prepare("select edition, title, index_no from report_editions order by edition").all()).toEqual(EXPECTED);
    sqlite.close();
  });

  it("are filled from the snapshots of editions made before them, on PostgreSQL", async () => {
    const client = new pg.Client({ connectionString: await server.createDatabase("edition_columns") });
    await client.connect();
    try {
      await migratePostgresFolder(drizzlePostgres(client), { migrationsFolder: foldersBefore(PG_MIGRATIONS_FOLDER, MIGRATION_TAG) });
      const { rows: before } = await client.query("select 1 from information_schema.columns where table_name = 'report_editions' and column_name = 'title'");
      expect(before).toEqual([]);
      const { rows: unit } = await client.query("insert into units (name, short_name, kind, org_code) values ('示例镇人民政府', '示例镇', 'township', 'MIGTEST01') returning id");
      const { rows: report } = await client.query(
        "insert into reports (unit_id, year, format, title, metadata) values ($1, 2023, 'gov-2021', '工作副本的标题', '{}') returning id",
        [unit[0].id],
      );
      for (const e of EDITIONS) {
        await client.query("insert into report_editions (report_id, edition, snapshot, sha256, published_at) values ($1, $2, $3, 'x', now())", [report[0].id, e.edition, e.snapshot]);
      }

      await migratePostgresFolder(drizzlePostgres(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
      const { rows } = await client.query("select edition, title, index_no from report_editions order by edition");
      expect(rows).toEqual(EXPECTED);
    } finally {
      await client.end();
    }
  });
});
