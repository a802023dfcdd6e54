import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase, integrityOf, pruneBackups, restoreDatabase } from "../backup";
import { openDatabase, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import { seedDemoData } from "../seed";

const TABLES = ["units", "users", "reports", "report_sections", "report_editions", "report_transitions", "audit_log"];
const dump = (db: Db, table: string) => db.$client.prepare(`select * from ${table} order by rowid`).all();

describe("backup and restore", () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-backup-"));
    db = openDatabase(path.join(dir, "live", "nianbao.db"));
    migrateDatabase(db);
    await seedDemoData(db);
  });
  afterEach(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up while writes go on, and the restored copy holds every table as of the backup", async () => {
    const insert = db.$client.prepare("insert into audit_log (action, result) values ('load.test', 'success')");
    let writes = 0;
    const load = setInterval(() => {
      for (let i = 0; i < 50; i++) insert.run();
      writes += 50;
    }, 1);
    const file = await backupDatabase(db, path.join(dir, "backups"), 3);
    clearInterval(load);
    expect(writes).toBeGreaterThan(0);
    expect(integrityOf(file)).toBe("ok");

    const restoredPath = path.join(dir, "fresh", "nianbao.db");
    restoreDatabase(file, restoredPath);
    const restored = openDatabase(restoredPath);
    for (const table of TABLES.filter((t) => t !== "audit_log")) expect(dump(restored, table), table).toEqual(dump(db, table));
    // The audit log kept growing during the backup: the copy is a consistent prefix of it.
    const copied = dump(restored, "audit_log");
    expect(copied).toEqual(dump(db, "audit_log").slice(0, copied.length));
    restored.$client.close();
  });

  it("keeps only the newest backups", async () => {
    const backups = path.join(dir, "backups");
    for (let i = 0; i < 4; i++) await backupDatabase(db, backups, 10, new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    expect(pruneBackups(backups, 2)).toHaveLength(2);
    expect(fs.readdirSync(backups).sort()).toEqual(["nianbao-20260101-000002.db", "nianbao-20260101-000003.db"]);
  });

  it("restoring keeps the replaced database beside it and refuses a damaged backup", async () => {
    const file = await backupDatabase(db, path.join(dir, "backups"), 3);
    const target = path.join(dir, "target", "nianbao.db");
    const before = openDatabase(target);
    migrateDatabase(before);
    before.$client.close();
    const { previous } = restoreDatabase(file, target);
    expect(previous && fs.existsSync(previous)).toBe(true);
    const damaged = path.join(dir, "damaged.db");
    fs.writeFileSync(damaged, Buffer.alloc(8192, 7));
    expect(() => restoreDatabase(damaged, target)).toThrow();
  });
});
