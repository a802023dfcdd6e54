/**
 * The province bench's preparation (issue 17) on a small county: the editors' drafts of a year
 * without published reports, and a county report made ready for 「汇总」 (correction, started,
 * the unit without a report 「暂缺」) — so that the bench times the real operation, which must
 * then succeed — and both found again when the bench runs a second time.
 */
import { describe, expect, it } from "vitest";
import type { UserActor } from "@/db/actor";
import { sumReport } from "@/lib/data/summation";
import { hashPassword } from "@/lib/password-hash";
import { publishedReport } from "@/lib/testing/report-flows";
import { actAs, addTownship, addUser, database, reportRow, seedFixture, type Persona } from "@/lib/testing/integration-db";
import { prepareEditors, prepareSummation } from "../province-setup";

const f = await seedFixture();
await addTownship("无报"); // on the county's list without a report: to be marked 「暂缺」
const countyClerk = await addUser(f.county, "clerk", "county.clerk");
const countyLeader = await addUser(f.county, "leader", "county.leader");
/** The year of the published reports. */
let year = 0;
const asActor = (p: Persona): UserActor => ({ kind: "user", userId: p.id, username: p.username, displayName: p.displayName, role: p.role, ip: null });

describe("the province bench's preparation", () => {
  it("makes the county's published report ready for 「汇总」, which then succeeds; a second run finds it so", async () => {
    await publishedReport(f.qingshi);
    await publishedReport(f.liuxi);
    const countyReport = await publishedReport({ unit: f.county, clerk: countyClerk, leader: countyLeader });
    year = reportRow(countyReport).year;
    const input = { unitId: f.county.id, year, clerk: asActor(countyClerk), leader: asActor(countyLeader) };

    const prepared = await prepareSummation(database(), input);
    expect(prepared).toMatchObject({ reportId: countyReport, year, listedUnits: 3, summedReports: 2, absentUnits: 1 });
    expect(reportRow(countyReport).status).toBe("draft");

    await actAs(countyClerk);
    expect(await sumReport(countyReport, { sourcesKey: prepared.sourcesKey })).toMatchObject({ changedCells: expect.any(Number) });
    expect(await prepareSummation(database(), input)).toEqual(prepared);
  });

  it("gives each editor a township of their own with its next year's draft, found again the second time", async () => {
    const hash = await hashPassword("Bench-Editor-2026");
    const first = await prepareEditors(database(), 2, hash);
    expect(first.year).toBe(year + 1);
    expect(first.editors.map((e) => e.unitId)).toEqual([f.qingshi.unit.id, f.liuxi.unit.id]);
    for (const editor of first.editors) {
      expect(reportRow(editor.reportId)).toMatchObject({ unitId: editor.unitId, status: "draft", year: first.year });
      expect(editor.version).toBeGreaterThanOrEqual(1);
    }
    expect(await prepareEditors(database(), 2, hash)).toEqual(first);
  });
});
