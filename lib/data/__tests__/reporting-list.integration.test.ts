/**
 * Issue 14, the 年报报送单位名单 through lib/data: by default every unit directly below a
 * supervising unit is on its list; the county clerk leaves a unit out with a reason (refused at
 * that unit's field without one), in one audited save; the overview then shows that unit apart
 * and does not count it as overdue. Only the supervising unit's clerks save.
 */
import { describe, expect, it } from "vitest";
import { transaction } from "@/db/transaction";
import { insertReportDocument } from "@/db/report-store";
import { getCountyCheckup } from "@/lib/data/checkup";
import { getSupervisionOverview } from "@/lib/data/overview";
import { createEmptyReport } from "@/lib/interchange";
import { getReportingList, saveReportingList } from "@/lib/data/reporting-list";
import { MISSING_REASON_MESSAGE } from "@/lib/validations/reporting-list";
import { actAs, addUnit, addUser, audited, database, refusal, seedFixture, written } from "@/lib/testing/integration-db";

const f = await seedFixture();
const justice = addUnit({ name: "测试县司法局", shortName: "县司法局", kind: "department", parentId: f.county.id });
const countyClerk = await addUser(f.county, "clerk", "county.clerk", "孙主任");
const countyLeader = await addUser(f.county, "leader", "county.leader", "李县长");
const otherCounty = addUnit({ name: "测试邻县人民政府", shortName: "邻县", kind: "county", parentId: null });
const otherTown = addUnit({ name: "测试邻县东镇人民政府", shortName: "东镇", kind: "township", parentId: otherCounty.id });
const otherClerk = await addUser(otherCounty, "clerk", "other.clerk");

/** The county's list for 2024 as the form would send it, with the 司法局 left out for `reason`. */
async function listWithJusticeOut(reason: string) {
  const list = await getReportingList({ year: "2024" });
  return { year: 2024, entries: list.units.map((u) => ({ unitId: u.unitId, included: u.unitId !== justice.id, reason: u.unitId === justice.id ? reason : "" })) };
}

describe("the default list", () => {
  it("ticks every unit directly below the county (townships and departments) and the overview counts them all", async () => {
    await actAs(countyClerk);
    const list = await getReportingList({ year: "2024" });
    expect(list).toMatchObject({ unitName: f.county.name, year: 2024, canEdit: true, saved: false });
    expect(list.units.map((u) => [u.name, u.included, u.reason])).toEqual(
      expect.arrayContaining([
        [f.qingshi.unit.name, true, null],
        [f.liuxi.unit.name, true, null],
        [justice.name, true, null],
      ]),
    );
    expect(list.units).toHaveLength(3);
    const overview = await getSupervisionOverview({ year: "2024" });
    expect(overview.offList).toEqual([]);
    expect(overview.rows.map((r) => r.unitName)).toContain(justice.name);
    expect(overview.rows.find((r) => r.unitId === justice.id)).toMatchObject({ late: "overdue", offListReason: null });
  });

  it("ticks the counties below a city: governments publish their own report", async () => {
    const city = addUnit({ name: "测试名单市人民政府", shortName: "名单市", kind: "city", parentId: null });
    const county = addUnit({ name: "测试名单市甲县人民政府", shortName: "名单甲县", kind: "county", parentId: city.id });
    const zone = addUnit({ name: "测试名单市高新区管委会", shortName: "名单高新区", kind: "development_zone", parentId: city.id });
    addUnit({ name: "测试名单市甲县某镇人民政府", shortName: "名单某镇", kind: "township", parentId: county.id });
    await actAs(await addUser(city, "clerk", "list.city.clerk"));
    const list = await getReportingList({ year: "2024" });
    // Only the units directly below: the township is on its county's list, not the city's.
    expect(list.units.map((u) => [u.unitId, u.included])).toEqual(
      expect.arrayContaining([
        [county.id, true],
        [zone.id, true],
      ]),
    );
    expect(list.units).toHaveLength(2);
  });
});

describe("the county clerk keeps the list", () => {
  it("leaves the 司法局 out as 垂直管理 in one audited save; the overview shows it apart and not overdue", async () => {
    await actAs(countyClerk);
    const saved = await written(async () => saveReportingList(await listWithJusticeOut("垂直管理")));
    expect(saved.audit).toEqual([
      audited(countyClerk, "reporting_list.save", {
        target: ["unit", f.county.id],
        details: { year: 2024, listed: 2, leftOut: [{ unitId: justice.id, name: justice.name, reason: "垂直管理" }] },
      }),
    ]);

    const list = await getReportingList({ year: "2024" });
    expect(list.saved).toBe(true);
    expect(list.units.find((u) => u.unitId === justice.id)).toMatchObject({ included: false, reason: "垂直管理" });

    const overview = await getSupervisionOverview({ year: "2024" });
    expect(overview.rows.map((r) => r.unitId)).not.toContain(justice.id);
    expect(overview.offList).toEqual([expect.objectContaining({ unitId: justice.id, offListReason: "垂直管理", late: null })]);
    expect(overview.lateCounts.overdue).toBe(overview.rows.filter((r) => r.late === "overdue").length);
    expect(overview.lateCounts.overdue).toBe(2);

    // 年报体检 says so at the 司法局's 2024 report (a draft, past its deadline) and does not count it late.
    for (const [unitId, name] of [[justice.id, justice.name], [f.qingshi.unit.id, f.qingshi.unit.name]] as const) {
      const doc = createEmptyReport({ format: "gov-2021", year: 2024, unit: { name, kind: "township" } });
      await transaction(database(), (tx) => insertReportDocument(tx, doc, { unitId, status: "draft", origin: "editor" }));
    }
    const checkup = await getCountyCheckup({ year: "2024" });
    expect(checkup.rows.find((r) => r.unitId === justice.id)).toMatchObject({ offListReason: "垂直管理", late: null });
    expect(checkup.rows.find((r) => r.unitId === f.qingshi.unit.id)).toMatchObject({ offListReason: null, late: "overdue" });

    // Another year keeps its defaults.
    expect((await getSupervisionOverview({ year: "2023" })).offList).toEqual([]);
    expect((await getReportingList({ year: "2023" })).saved).toBe(false);
  });

  it("a leader of the county reads the saved list but may not change it", async () => {
    await actAs(countyLeader);
    const list = await getReportingList({ year: "2024" });
    expect(list.canEdit).toBe(false);
    expect(list.units.find((u) => u.unitId === justice.id)).toMatchObject({ included: false, reason: "垂直管理" });
  });

  it("ticking the unit again puts it back on the list and in the counts", async () => {
    await actAs(countyClerk);
    const list = await getReportingList({ year: "2024" });
    await saveReportingList({ year: 2024, entries: list.units.map((u) => ({ unitId: u.unitId, included: true, reason: "" })) });
    expect((await getReportingList({ year: "2024" })).units.every((u) => u.included && u.reason === null)).toBe(true);
    expect((await getSupervisionOverview({ year: "2024" })).offList).toEqual([]);
  });

  it("refuses a unit left out without a reason, at that unit's reason field, and saves nothing", async () => {
    await actAs(countyClerk);
    const input = await listWithJusticeOut("   ");
    const index = input.entries.findIndex((e) => e.unitId === justice.id);
    const { error, audit } = await refusal(() => saveReportingList(input));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { [`entries.${index}.reason`]: MISSING_REASON_MESSAGE } });
    expect(MISSING_REASON_MESSAGE).toMatch(/^请填写不列入报送名单的原因/);
    expect(audit).toEqual([]);
  });

  it("refuses a year that has not begun", async () => {
    await actAs(countyClerk);
    const input = { ...(await listWithJusticeOut("垂直管理")), year: 2099 };
    const { error } = await refusal(() => saveReportingList(input));
    expect(error.fieldErrors).toEqual({ year: expect.stringContaining("尚未开始") });
  });
});

describe("who may save a list", () => {
  it("a township clerk has no list: not found, nothing saved", async () => {
    await actAs(f.qingshi.clerk);
    expect((await refusal(() => getReportingList())).error.code).toBe("not_found");
    const { error } = await refusal(() => saveReportingList({ year: 2024, entries: [{ unitId: f.qingshi.unit.id, included: false, reason: "垂直管理" }] }));
    expect(error.code).toBe("not_found");
  });

  it("a county leader is refused the save, and the refusal is audited", async () => {
    await actAs(countyClerk);
    const input = await listWithJusticeOut("垂直管理");
    await actAs(countyLeader);
    const { error, audit } = await refusal(() => saveReportingList(input));
    expect(error.code).toBe("forbidden");
    expect(audit).toEqual([audited(countyLeader, "reporting_list.save", { target: ["unit", f.county.id], result: "denied" })]);
  });

  it("another county's clerk cannot put this county's units on their list", async () => {
    await actAs(otherClerk);
    const own = await getReportingList({ year: "2024" });
    expect(own.units.map((u) => u.unitId)).toEqual([otherTown.id]);
    const { error } = await refusal(() => saveReportingList({ year: 2024, entries: [{ unitId: justice.id, included: false, reason: "垂直管理" }] }));
    expect(error.code).toBe("invalid");
    expect(error.message).toContain("不属于本单位直接下级");
  });

  it("an admin supervises nobody", async () => {
    await actAs(f.admin);
    expect((await refusal(() => saveReportingList({ year: 2024, entries: [] }))).error.code).toBe("not_found");
  });
});
