import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyReport } from "@/lib/interchange";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import { openDatabase } from "../client";
import { migrateDatabase } from "../migrate";
import { formatIndexNo, publishReport, runDuePublications, sha256Hex } from "../report-publish";
import { insertReportDocument } from "../report-store";
import { units } from "../schema";

const run = promisify(execFile);

describe("publication", () => {
  let dir: string;
  let file: string;
  const reportIds: number[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-publish-"));
    file = path.join(dir, "test.db");
    const db = openDatabase(file);
    migrateDatabase(db);
    for (let i = 1; i <= 8; i++) {
      const body = `PUBTST0${i}`;
      const unit = db.insert(units).values({ name: `测试${i}镇`, shortName: `测试${i}`, kind: "township", orgCode: body + orgCodeCheckChar(body) }).returning().get();
      for (const year of [2023, 2024]) {
        const doc = createEmptyReport({ format: "gov-2021", year, unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" } });
        reportIds.push(insertReportDocument(db, doc, { unitId: unit.id, status: "approved", origin: "editor" }));
      }
    }
    db.$client.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds 索引号 from the unit's pattern with a 5-digit serial", () => {
    expect(formatIndexNo("{orgCode}/{year}-{serial}", "002509011", 2017, 110)).toBe("002509011/2017-00110");
    expect(formatIndexNo("{orgCode}-{year}-{serial}", "01527918X", 2020, 3)).toBe("01527918X-2020-00003");
  });

  it("four processes publishing the same reports at once publish each exactly once, with unique 索引号", async () => {
    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    const worker = path.join(process.cwd(), "db/__tests__/fixtures/publish-worker.ts");
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => run(tsx, [worker, file, ...(i % 2 ? [...reportIds].reverse() : reportIds).map(String)])),
    );
    const published = results.reduce((sum, r) => sum + Number(r.stdout), 0);
    expect(published).toBe(reportIds.length);

    const db = openDatabase(file);
    const editions = db.$client.prepare("select report_id, count(*) as n from report_editions group by report_id").all() as { n: number }[];
    expect(editions).toHaveLength(reportIds.length);
    expect(editions.every((e) => e.n === 1)).toBe(true);
    const indexNos = (db.$client.prepare("select index_no from reports").all() as { index_no: string }[]).map((r) => r.index_no);
    expect(new Set(indexNos).size).toBe(reportIds.length);
    const snapshots = db.$client.prepare("select snapshot, sha256 from report_editions").all() as { snapshot: string; sha256: string }[];
    for (const s of snapshots) expect(sha256Hex(s.snapshot)).toBe(s.sha256);
    db.$client.close();
  }, 60_000);

  it("the scheduler publishes a due report once and leaves future ones alone", () => {
    const db = openDatabase(file);
    const body = "PUBSCH01";
    const unit = db.insert(units).values({ name: "定时镇", shortName: "定时", kind: "township", orgCode: body + orgCodeCheckChar(body) }).returning().get();
    const doc = createEmptyReport({ format: "gov-2021", year: 2024, unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" } });
    const due = insertReportDocument(db, doc, { unitId: unit.id, status: "scheduled", origin: "editor" });
    const later = insertReportDocument(db, { ...doc, year: 2025 }, { unitId: unit.id, status: "scheduled", origin: "editor" });
    const t = new Date("2025-01-20T02:00:00Z");
    db.$client.prepare("update reports set scheduled_at = ? where id = ?").run(t.getTime() - 1, due);
    db.$client.prepare("update reports set scheduled_at = ? where id = ?").run(t.getTime() + 60_000, later);
    expect(runDuePublications(db, t)).toBe(1);
    expect(runDuePublications(db, t)).toBe(0);
    expect(publishReport(db, due, { at: t, actorId: null, from: ["scheduled"] }).published).toBe(false);
    const statuses = db.$client.prepare("select id, status from reports where id in (?, ?) order by id").all(due, later);
    expect(statuses).toEqual([
      { id: due, status: "published" },
      { id: later, status: "scheduled" },
    ]);
    db.$client.close();
  });
});
