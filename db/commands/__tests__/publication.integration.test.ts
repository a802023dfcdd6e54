import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyReport } from "@/lib/interchange";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import { systemActor } from "../../actor";
import { openDatabase, type Db } from "../../client";
import { migrateDatabase } from "../../migrate";
import { insertReportDocument } from "../../report-store";
import type { ReportStatus } from "@/lib/vocabulary";
import { transaction } from "../../transaction";
import { createUnit } from "../units";
import { formatIndexNo, publishReport, runDuePublications, sha256Hex } from "../publication";

const setUp = systemActor("cli");

/** A township with the given org code body, and the id of a stored report of each year. */
async function townshipWithReports(db: Db, body: string, name: string, years: number[], status: ReportStatus): Promise<number[]> {
  const unit = { name, shortName: name, kind: "township" as const, parentId: null, orgCode: body + orgCodeCheckChar(body) };
  const unitId = await createUnit(db, setUp, unit);
  const ids: number[] = [];
  for (const year of years) {
    const doc = createEmptyReport({ format: "gov-2021", year, unit: { name, orgCode: unit.orgCode, kind: "township" } });
    ids.push(await transaction(db, (tx) => insertReportDocument(tx, doc, { unitId, status, origin: "editor" })));
  }
  return ids;
}

const run = promisify(execFile);

describe("publication", () => {
  let dir: string;
  let file: string;
  const reportIds: number[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-publish-"));
    file = path.join(dir, "test.db");
    const db = openDatabase(file);
    migrateDatabase(db);
    for (let i = 1; i <= 8; i++) reportIds.push(...(await townshipWithReports(db, `PUBTST0${i}`, `测试${i}镇`, [2023, 2024], "approved")));
    db.$client.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds 索引号 from the unit's pattern with a 5-digit serial", () => {
    expect(formatIndexNo("{orgCode}/{year}-{serial}", "002509011", 2017, 110)).toBe("002509011/2017-00110");
    expect(formatIndexNo("{orgCode}-{year}-{serial}", "01527918X", 2020, 3)).toBe("01527918X-2020-00003");
  });

  it("four processes publishing the same reports at once publish each exactly once, with unique 索引号", async () => {
    const tsx = path.join(process.cwd(), "node_modules/.bin/tsx");
    const worker = path.join(process.cwd(), "db/commands/__tests__/fixtures/publish-worker.ts");
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
    const snapshots = db.$client.prepare("select snapshot, sha256, title, index_no from report_editions").all() as { snapshot: string; sha256: string; title: string; index_no: string }[];
    for (const s of snapshots) {
      expect(sha256Hex(s.snapshot)).toBe(s.sha256);
      // The lists' copies of the title and 索引号 are the snapshot's.
      const document = JSON.parse(s.snapshot) as { title: string; metadata: { indexNo: string } };
      expect({ title: s.title, indexNo: s.index_no }).toEqual({ title: document.title, indexNo: document.metadata.indexNo });
      expect(s.index_no).toMatch(/^PUBTST0\d.\/\d{4}-\d{5}$/);
    }
    db.$client.close();
  }, 60_000);

  it("the scheduler publishes a due report once and leaves future ones alone", async () => {
    const db = openDatabase(file);
    const [due, later] = (await townshipWithReports(db, "PUBSCH01", "定时镇", [2024, 2025], "scheduled")) as [number, number];
    const t = new Date("2025-01-20T02:00:00Z");
    db.$client.prepare("update reports set scheduled_at = ? where id = ?").run(t.getTime() - 1, due);
    db.$client.prepare("update reports set scheduled_at = ? where id = ?").run(t.getTime() + 60_000, later);
    expect(await runDuePublications(db, t)).toBe(1);
    expect(await runDuePublications(db, t)).toBe(0);
    expect((await publishReport(db, systemActor("scheduler"), due, { at: t, from: ["scheduled"] })).published).toBe(false);
    const statuses = db.$client.prepare("select id, status from reports where id in (?, ?) order by id").all(due, later);
    expect(statuses).toEqual([
      { id: due, status: "published" },
      { id: later, status: "scheduled" },
    ]);
    db.$client.close();
  });
});
