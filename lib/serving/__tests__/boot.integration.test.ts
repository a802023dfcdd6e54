import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { count } from "drizzle-orm";
import { closeDb, openEngineDatabase } from "../../../db/client";
import { users } from "../../../db/schema";
import { boot, RefusedToStart } from "../boot";

const log = { info: vi.fn(), warn: vi.fn() };
let dir = "";

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-boot-"));
  vi.stubEnv("DATABASE_PATH", path.join(dir, "data", "nianbao.db"));
  vi.stubEnv("AUTH_SECRET", "");
  vi.stubEnv("AUDIT_RETENTION_DAYS", "");
  vi.stubEnv("NIANBAO_DEMO", "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("boot", () => {
  it("refuses an audit retention under 180 days before touching anything", async () => {
    vi.stubEnv("AUDIT_RETENTION_DAYS", "90");
    await expect(boot(log)).rejects.toThrow(RefusedToStart);
    expect(fs.existsSync(path.join(dir, "data"))).toBe(false);
  });

  // Before the demo data is seeded: on PostgreSQL (project integration-pg) the test file's database is shared by its tests.
  it("without demo data, an empty database starts empty with a hint to create the first admin", async () => {
    vi.stubEnv("NIANBAO_DEMO", "0");
    expect((await boot(log)).demoPresent).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining("npm run admin:create"));
    const db = openEngineDatabase();
    expect(await db.select({ n: count() }).from(users)).toEqual([{ n: 0 }]);
    await closeDb(db);
  });

  it("on an empty database: a session key kept beside it, migrations and the demo data; without demo data, refuses while the demo password works", async () => {
    const booted = await boot(log);
    expect(booted.demoPresent).toBe(true);
    expect(booted.retentionDays).toBe(730);
    const secretFile = path.join(dir, "data", ".auth-secret");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(booted.authSecret).toBe(fs.readFileSync(secretFile, "utf8").trim());
    expect(process.env.AUTH_SECRET).toBe(booted.authSecret); // where next-auth reads it

    vi.stubEnv("AUTH_SECRET", "");
    expect((await boot(log)).authSecret).toBe(booted.authSecret); // the same key across restarts

    vi.stubEnv("NIANBAO_DEMO", "0");
    await expect(boot(log)).rejects.toThrow(/拒绝启动：NIANBAO_DEMO=0，但以下账号仍使用公开的演示密码：admin/);
  }, 60_000);

});
