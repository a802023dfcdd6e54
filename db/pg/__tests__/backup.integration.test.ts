/**
 * `npm run backup` / `npm run restore` on PostgreSQL (issue 17), against a throwaway server: the
 * demo county is moved into it (every table filled), backed up by the command, changed
 * (rows updated, deleted and added), restored by the command, and then every table is compared
 * with the SQLite original through the normalised-row checksums of the move — equal to the state
 * at the backup. The audit log's append-only trigger must survive the restore, and the restore
 * must refuse what it cannot do safely before it changes anything.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applicationTables,
  backupPostgres,
  dumpPostgres,
  migrationsInBackup,
  postgresProgram,
  restorePostgres,
  shippedMigrations,
  tablesWithDataIn,
  verifyPostgresBackup,
} from "@/db/pg/backup";
import { migratePostgres } from "@/db/pg/migrate";
import { compareTables, moveSqliteToPostgres, tableCheckPasses } from "@/db/pg/move-from-sqlite";
import { storeEditionFile } from "@/db/commands/edition-files";
import { reportEditions } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { database } from "@/lib/testing/integration-db";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

let server: ThrowawayPostgres;
let client: pg.Client;
let dir: string;

/** Runs one of the npm scripts the way an operator does (`npm run backup` is `tsx scripts/backup.ts`). */
function npmScript(script: "backup" | "restore", args: string[], env: Record<string, string>) {
  const result = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [`scripts/${script}.ts`, ...args], {
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  try {
    return await work(other);
  } finally {
    await other.end();
  }
}

/** Tables whose rows differ from the SQLite original (by count or normalised-row checksum). */
async function tablesDifferingFromOriginal(c: pg.ClientBase): Promise<string[]> {
  return (await compareTables(database().$client, c)).filter((check) => !tableCheckPasses(check)).map((check) => check.table);
}

const count = async (table: string) => (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

beforeAll(async () => {
  server = await startThrowawayPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-pg-backup-"));
  await seedDemoData(database());
  // An edition's 原文 file, so bytes (bytea) go through the dump and back too.
  const edition = database().select().from(reportEditions).all()[0]!;
  await storeEditionFile(database(), { editionId: edition.id, kind: "pdf", content: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80]) });
  await moveSqliteToPostgres(database().$client, server.url);
  client = new pg.Client({ connectionString: server.url });
  await client.connect();
}, 180_000);

afterAll(async () => {
  await client?.end();
  server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup and npm run restore on PostgreSQL", () => {
  let backup: string;

  it("backs up into BACKUP_DIR as nianbao-YYYYMMDD-HHMMSS.pgdump, holding every table and the migrations", () => {
    const backups = path.join(dir, "backups");
    const run = npmScript("backup", [], { DATABASE_URL: server.url, BACKUP_DIR: backups });
    expect(run.status, run.output).toBe(0);
    const files = fs.readdirSync(backups);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^nianbao-\d{8}-\d{6}\.pgdump$/);
    backup = path.join(backups, files[0]!);
    expect(run.output).toContain(backup);
    const tables = tablesWithDataIn(backup);
    for (const table of applicationTables()) expect(tables, table).toContain(`public.${table}`);
    expect(migrationsInBackup(backup)).toEqual(shippedMigrations());
  }, 120_000);

  it("restores every table as it was at the backup, after rows were changed, deleted and added", async () => {
    expect(await tablesDifferingFromOriginal(client)).toEqual([]);
    const notificationsMax = (await client.query<{ max: number }>("select max(id) as max from notifications")).rows[0]!.max;
    await client.query("update reports set title = title || '（改）'");
    await client.query("delete from notifications");
    await client.query("update units set name = name || '（已撤并）' where parent_id is null");
    await client.query("insert into audit_log (action, result) values ('after.backup', 'success')");
    await client.query("update edition_files set content = '\\x00'::bytea");
    expect((await tablesDifferingFromOriginal(client)).sort()).toEqual(["audit_log", "edition_files", "notifications", "reports", "units"]);

    // Without --yes and without a terminal it asks for confirmation and changes nothing.
    const unconfirmed = npmScript("restore", [backup], { DATABASE_URL: server.url, BACKUP_DIR: path.join(dir, "backups") });
    expect(unconfirmed.status).toBe(2);
    expect(unconfirmed.output).toContain("--yes");
    expect(await count("notifications")).toBe(0);

    const run = npmScript("restore", [backup, "--yes"], { DATABASE_URL: server.url, BACKUP_DIR: path.join(dir, "backups") });
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain("与备份一致");
    expect(await tablesDifferingFromOriginal(client)).toEqual([]);

    // The database as it was before the restore was dumped aside first, with the changes in it.
    const previous = /另存为 (\S+\.pgdump)/.exec(run.output)?.[1];
    expect(previous && fs.existsSync(previous), run.output).toBe(true);
    const target = await server.createDatabase("set_aside");
    await restorePostgres(target, previous!, { setAsideDirectory: dir });
    expect(await withClient(target, (c) => c.query("select count(*)::int as n from audit_log where action = 'after.backup'"))).toMatchObject({
      rows: [{ n: 1 }],
    });

    // Identity sequences come back too: the next id follows the restored ones.
    const inserted = await client.query<{ id: number }>("insert into notifications (user_id, kind, message) select min(id), 'test', '测试' from users returning id");
    expect(inserted.rows[0]!.id).toBe(notificationsMax + 1);
    await client.query("delete from notifications where id = $1", [inserted.rows[0]!.id]);
  }, 180_000);

  it("keeps the audit log append-only after a restore", async () => {
    await expect(client.query("update audit_log set action = 'rewritten' where id = (select max(id) from audit_log)")).rejects.toThrow(/append-only/);
    await expect(client.query("delete from audit_log where id = (select max(id) from audit_log)")).rejects.toThrow(/younger than 180 days/);
    await expect(client.query("truncate audit_log")).rejects.toThrow(/append-only/);
  });

  it("restores into a new, empty database (another server)", async () => {
    const fresh = await server.createDatabase("fresh");
    const restored = await restorePostgres(fresh, backup, { setAsideDirectory: dir });
    expect(restored).toEqual({ previous: null, migrations: shippedMigrations().length, pending: 0 });
    expect(await withClient(fresh, tablesDifferingFromOriginal)).toEqual([]);
  }, 60_000);

  it("keeps the newest BACKUP_KEEP backups", () => {
    const backups = path.join(dir, "kept");
    for (let second = 0; second < 3; second++) backupPostgres(server.url, backups, 2, new Date(Date.UTC(2026, 0, 1, 2, 0, second)));
    expect(fs.readdirSync(backups).sort()).toEqual(["nianbao-20260101-020001.pgdump", "nianbao-20260101-020002.pgdump"]);
  }, 60_000);

  it("refuses a damaged archive and one without the application's tables, and keeps no such backup", async () => {
    const truncated = path.join(dir, "truncated.pgdump");
    fs.writeFileSync(truncated, fs.readFileSync(backup).subarray(0, Math.floor(fs.statSync(backup).size * 0.8)));
    expect(() => verifyPostgresBackup(truncated)).not.toThrow(); // its table of contents still reads …
    expect(() => verifyPostgresBackup(truncated, { readAll: true })).toThrow(/pg_restore failed/); // … its data does not

    const garbage = path.join(dir, "garbage.pgdump");
    fs.writeFileSync(garbage, Buffer.alloc(4096, 7));
    expect(() => verifyPostgresBackup(garbage)).toThrow(/pg_restore failed/);
    await expect(restorePostgres(server.url, garbage, { setAsideDirectory: dir })).rejects.toThrow(/pg_restore failed/);

    const empty = await server.createDatabase("not_migrated");
    const backups = path.join(dir, "refused");
    expect(() => backupPostgres(empty, backups, 14)).toThrow(/lacks the data of: .*audit_log.*drizzle\.__drizzle_migrations/);
    expect(fs.readdirSync(backups)).toEqual([]);
  }, 60_000);

  it("refuses, before changing anything, a backup made by a newer version and a target migrated further than the backup", async () => {
    const future = "insert into drizzle.__drizzle_migrations (hash, created_at) values ('a-later-migration', 9999999999999)";
    const newer = await server.createDatabase("newer_version");
    await migratePostgres(newer);
    await withClient(newer, (c) => c.query(future));
    const newerBackup = path.join(dir, "newer.pgdump");
    dumpPostgres(newer, newerBackup);
    await expect(restorePostgres(server.url, newerBackup, { setAsideDirectory: dir })).rejects.toThrow(/newer or different version/);

    const ahead = await server.createDatabase("ahead");
    await migratePostgres(ahead);
    await withClient(ahead, (c) => c.query(future));
    await expect(restorePostgres(ahead, backup, { setAsideDirectory: dir })).rejects.toThrow(/migrated further than the backup/);
    expect(await withClient(ahead, (c) => c.query("select count(*)::int as n from units"))).toMatchObject({ rows: [{ n: 0 }] });
    expect(await tablesDifferingFromOriginal(client)).toEqual([]);
  }, 60_000);

  it("says how to install pg_dump when it cannot be found", () => {
    const saved = process.env.PG_BIN;
    process.env.PG_BIN = path.join(dir, "no-such-bin");
    try {
      expect(() => postgresProgram("pg_dump")).toThrow(/pg_dump was not found.*apt-get install postgresql-client.*PG_BIN/);
      expect(() => backupPostgres(server.url, path.join(dir, "none"), 14)).toThrow(/pg_dump was not found/);
    } finally {
      if (saved === undefined) delete process.env.PG_BIN;
      else process.env.PG_BIN = saved;
    }
  });
});
