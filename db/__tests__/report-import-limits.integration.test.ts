import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REPORT_FILE_BYTES, readReportFile } from "@/lib/interchange/read-file";
import { sql } from "drizzle-orm";
import { closeDb } from "../client";
import { reports } from "../schema";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { systemActor } from "../actor";
import { ImportError, importReportJson } from "../report-import";

describe("the importer refuses oversized and malformed files before reading them", () => {
  let dir: string;
  let huge: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-import-limits-"));
    huge = path.join(dir, "huge.json");
    // A sparse 50 MB file: no disk space used, but a reader that slurps it would allocate 50 MB.
    const fd = fs.openSync(huge, "w");
    fs.ftruncateSync(fd, 50 * 1024 * 1024);
    fs.closeSync(fd);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a 50 MB file by its size, with a clear message, without reading it", () => {
    const before = process.memoryUsage().arrayBuffers;
    const result = readReportFile(huge);
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/文件过大（50\.0 MB），年报文件不能超过 10\.0 MB/) });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(5 * 1024 * 1024);
  });

  it("reads a file at the limit, refuses one byte more", () => {
    const file = path.join(dir, "limit.json");
    fs.writeFileSync(file, "x".repeat(1000));
    expect(readReportFile(file, 1000)).toEqual({ ok: true, text: "x".repeat(1000) });
    expect(readReportFile(file, 999).ok).toBe(false);
    expect(MAX_REPORT_FILE_BYTES).toBe(10 * 1024 * 1024);
  });

  it("refuses what is not a regular file (a device would never end) and invalid UTF-8", () => {
    expect(readReportFile("/dev/zero")).toEqual({ ok: false, message: expect.stringMatching(/不是普通文件/) });
    expect(readReportFile(dir)).toMatchObject({ ok: false });
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
    expect(readReportFile(bad)).toEqual({ ok: false, message: expect.stringMatching(/UTF-8/) });
    expect(readReportFile(path.join(dir, "missing.json"))).toMatchObject({ ok: false, message: expect.stringMatching(/ENOENT/) });
  });

  it("importReportJson refuses oversized text as an invalid document (exit 2), storing nothing", async () => {
    const db = freshDatabase();
    const count = () => db.select({ n: sql<number>`count(*)` }).from(reports).get()!.n;
    let error: unknown;
    try {
      await importReportJson(db, systemActor("import"), " ".repeat(MAX_REPORT_FILE_BYTES + 1), "X");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).exitCode).toBe(2);
    expect((error as ImportError).message).toMatch(/文件过大/);
    expect(count()).toBe(0);
    await closeDb(db);
  });

  it("npm run report:import and report:check exit 2 with the message for a 50 MB file", () => {
    const env = { ...process.env, DATABASE_PATH: path.join(dir, "cli.db") };
    for (const script of ["scripts/report-import.ts", "scripts/report-check.ts"]) {
      const args = script.endsWith("import.ts") ? [script, huge, "--unit", "X"] : [script, huge];
      const run = spawnSync("node_modules/.bin/tsx", args, { env, encoding: "utf8", timeout: 60_000 });
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/文件过大（50\.0 MB）/);
    }
  }, 90_000);
});
