/**
 * `npm run migrate-to-postgres` (issue 17): the demo county plus a township's published report,
 * a draft with a review comment and its sessions, notifications and revisions are moved into a
 * throwaway PostgreSQL by the command itself; then every table is read back through both drizzle
 * schemas and compared row by row (not only counted), the audit trigger is tried, and a second
 * move into the now non-empty database is refused.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { is } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { getTableConfig as getPgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeEditionFile } from "@/db/commands/edition-files";
import { compareTables, moveSqliteToPostgres, MoveRefusedError, tableCheckPasses } from "@/db/pg/move-from-sqlite";
import * as pgSchema from "@/db/pg/schema";
import * as sqliteSchema from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { addReviewComment } from "@/lib/data/workflow";
import { actAs, addUnit, addUser, database, type Township } from "@/lib/testing/integration-db";
import { draftReport, publishedReport, writeReport } from "@/lib/testing/report-flows";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

let server: ThrowawayPostgres;
let client: pg.Client;
let commandOutput = "";

const sqliteTables = new Map(
  Object.values(sqliteSchema as Record<string, unknown>)
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => [getSqliteTableConfig(table).name, table]),
);
const pgTables = new Map(
  Object.values(pgSchema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => [getPgTableConfig(table).name, table]),
);

/** Rows in a stable order on both engines: by every column that is not JSON (whose key order jsonb changes). */
function sorted(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (row: Record<string, unknown>) =>
    JSON.stringify(Object.values(row).filter((v) => v === null || typeof v !== "object" || v instanceof Date));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A county beside the demo ones, with a township (clerk and leader) per short name. */
async function townships(...shortNames: string[]): Promise<Township[]> {
  const county = addUnit({ name: "迁移县人民政府", shortName: "迁移县", kind: "county", parentId: null });
  return Promise.all(
    shortNames.map(async (shortName, i) => {
      const unit = addUnit({ name: `迁移县${shortName}人民政府`, shortName, kind: "township", parentId: county.id });
      return { unit, clerk: await addUser(unit, "clerk", `move${i}.clerk`), leader: await addUser(unit, "leader", `move${i}.leader`) };
    }),
  );
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  await seedDemoData(database());
  const [qingshi, liuxi] = await townships("青石镇", "柳溪镇");
  const published = await publishedReport(qingshi!);
  // An edition's 原文 file: bytes move too.
  const edition = database().select().from(sqliteSchema.reportEditions).all().find((e) => e.reportId === published)!;
  const content = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10, 0x80]);
  await storeEditionFile(database(), { editionId: edition.id, kind: "pdf", content });
  const draft = await draftReport(liuxi!);
  await writeReport(liuxi!, draft, { complete: false });
  await actAs(liuxi!.leader);
  await addReviewComment(draft, { sectionKey: "overview", body: "请补充主动公开的具体数字。" });

  const command = spawnSync(
    path.join(process.cwd(), "node_modules", ".bin", "tsx"),
    ["scripts/migrate-to-postgres.ts", "--from", process.env.DATABASE_PATH!, "--to", server.url],
    { encoding: "utf8", timeout: 120_000 },
  );
  commandOutput = command.stdout + command.stderr;
  expect(command.status, commandOutput).toBe(0);
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
}, 180_000);

afterAll(async () => {
  await client?.end();
  server?.stop();
});

describe("moving a county's SQLite database into PostgreSQL", () => {
  it("prints every table with equal counts and checksums", () => {
    expect(commandOutput).toContain("逐表核对一致");
    for (const name of pgTables.keys()) expect(commandOutput).toMatch(new RegExp(`^${name} .*一致$`, "m"));
    expect(commandOutput).not.toContain("不一致");
  });

  it("leaves every table equal, row by row, read through each engine's schema", async () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    const pgDb = drizzle(client);
    const emptyTables: string[] = [];
    for (const [name, sqliteTable] of sqliteTables) {
      const before = sorted(database().select().from(sqliteTable).all() as Record<string, unknown>[]);
      const after = sorted((await pgDb.select().from(pgTables.get(name)!)) as Record<string, unknown>[]);
      expect(after, name).toEqual(before);
      if (before.length === 0) emptyTables.push(name);
    }
    // The data set reaches (nearly) every table, so every kind of conversion is exercised.
    expect(emptyTables.filter((t) => !["report_filings", "report_summations", "reporting_list_entries"].includes(t))).toEqual([]);
  });

  it("notices a changed row even when the counts agree", async () => {
    await client.query("begin");
    try {
      await client.query("update reports set title = title || '（改）' where id = (select min(id) from reports)");
      const checks = await compareTables(database().$client, client);
      expect(checks.filter((c) => !tableCheckPasses(c)).map((c) => [c.table, c.sqliteRows === c.postgresRows])).toEqual([["reports", true]]);
    } finally {
      await client.query("rollback");
    }
  });

  it("hands out new ids after the copied ones", async () => {
    const { rows } = await client.query<{ max: number }>("select max(id) as max from notifications");
    const inserted = await client.query<{ id: number }>(
      "insert into notifications (user_id, kind, message) select min(id), 'test', '测试' from users returning id",
    );
    expect(inserted.rows[0]!.id).toBe(rows[0]!.max + 1);
    await client.query("delete from notifications where id = $1", [inserted.rows[0]!.id]);
  });

  it("keeps the audit log append-only on PostgreSQL: no UPDATE, no DELETE of a young row, an old row may be pruned", async () => {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from audit_log");
    expect(rows[0]!.n).toBeGreaterThan(0);
    await expect(client.query("update audit_log set action = 'rewritten' where id = (select max(id) from audit_log)")).rejects.toThrow(/append-only/);
    await client.query("insert into audit_log (action, result) values ('young.entry', 'success')");
    await expect(client.query("delete from audit_log where action = 'young.entry'")).rejects.toThrow(/younger than 180 days/);
    await expect(client.query("truncate audit_log")).rejects.toThrow(/append-only/);
    await client.query("insert into audit_log (action, result, created_at) values ('old.entry', 'success', now() - interval '181 days')");
    expect((await client.query("delete from audit_log where action = 'old.entry'")).rowCount).toBe(1);
  });

  it("refuses a target that already holds data, and changes nothing", async () => {
    const count = async () => (await client.query<{ n: number }>("select count(*)::int as n from units")).rows[0]!.n;
    const before = await count();
    await expect(moveSqliteToPostgres(database().$client, server.url)).rejects.toThrow(MoveRefusedError);
    await expect(moveSqliteToPostgres(database().$client, server.url)).rejects.toThrow(/不是空的/);
    expect(await count()).toBe(before);
  });
});
