/**
 * Issue 14, the unit hierarchy through lib/data: an admin builds the tree (a city above the
 * county, a city department; a parent must be of a higher level, refused at the field), and the
 * staff of a city supervise everything below it at any depth while a township's staff do not.
 */
import { describe, expect, it } from "vitest";
import { getCountyCheckup } from "@/lib/data/checkup";
import { getSupervisionOverview } from "@/lib/data/overview";
import { createUnit, updateUnit } from "@/lib/data/units";
import { reports, units } from "@/db/schema";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import type { UnitKind } from "@/lib/vocabulary";
import { actAs, addTownship, addUnit, addUser, audited, clock, database, refusal, reportRow, seedFixture, written } from "@/lib/testing/integration-db";
import { draftReport } from "@/lib/testing/report-flows";
import { dueReportYear } from "@/lib/time";
import { eq } from "drizzle-orm";

const f = await seedFixture();

let serial = 0;
function input(name: string, kind: UnitKind, parentId: number | null) {
  const body = `HY${String(++serial).padStart(6, "0")}`;
  return { name, shortName: name.slice(0, 8), kind, parentId: parentId === null ? "" : String(parentId), orgCode: body + orgCodeCheckChar(body), reportDeadline: "01-31" };
}
const unitRow = (id: number) => database().select().from(units).where(eq(units.id, id)).get()!;
const asInput = (u: ReturnType<typeof unitRow>, parentId: number | null) => ({
  name: u.name,
  shortName: u.shortName,
  kind: u.kind,
  parentId: parentId === null ? "" : String(parentId),
  orgCode: u.orgCode,
  reportDeadline: u.reportDeadline,
});

describe("an admin manages the unit tree", () => {
  it("puts a city above the county and a city department under the city; both are audited", async () => {
    await actAs(f.admin);
    const city = await written(() => createUnit(input("测试市人民政府", "city", null)));
    expect(city.audit).toEqual([audited(f.admin, "unit.create", { target: ["unit", city.result], details: { kind: "city" } })]);
    await updateUnit(f.county.id, asInput(unitRow(f.county.id), city.result));
    expect(unitRow(f.county.id).parentId).toBe(city.result);
    const bureau = await createUnit(input("测试市司法局", "department", city.result));
    expect(unitRow(bureau)).toMatchObject({ kind: "department", parentId: city.result });
  });

  it("refuses a parent that is not of a higher level, at the 上级单位 field, in Chinese", async () => {
    await actAs(f.admin);
    const cases: [ReturnType<typeof input>, RegExp][] = [
      [input("测试县挂乡县人民政府", "county", f.qingshi.unit.id), /^上级单位的层级须高于本单位：县级单位的上级应是市或省级人民政府。$/],
      [input("测试县县下县人民政府", "county", f.county.id), /层级须高于本单位/],
      [input("测试县乡下镇人民政府", "township", f.liuxi.unit.id), /层级须高于本单位/],
      [input("测试省人民政府", "province", f.county.id), /省级人民政府不设上级单位/],
      [input("测试县局下镇人民政府", "township", addUnit({ name: "测试县某局", shortName: "某局", kind: "department", parentId: f.county.id }).id), /政府部门不能作为/],
      [input("测试县无上级局", "department", null), /须选择上级单位/],
    ];
    for (const [values, message] of cases) {
      const { error, audit } = await refusal(() => createUnit(values));
      expect(error, values.name).toMatchObject({ code: "invalid", fieldErrors: { parentId: expect.stringMatching(message) } });
      expect(audit).toEqual([]);
    }
  });

  it("a unit with townships below it cannot become a township itself, and the 单位类型 field says why", async () => {
    await actAs(f.admin);
    const county = unitRow(f.county.id);
    const { error } = await refusal(() => updateUnit(county.id, { ...asInput(county, county.parentId), kind: "township" }));
    expect(error.fieldErrors).toEqual({ kind: expect.stringContaining("是本单位的下级单位") });
  });
});

describe("supervision reaches down the whole tree", () => {
  it("a city clerk sees both counties and their townships in 市级总览 and 年报体检; a township clerk sees neither", async () => {
    await actAs(f.admin);
    const city = addUnit({ name: "测试二市人民政府", shortName: "测试二市", kind: "city", parentId: null });
    const east = addUnit({ name: "测试二市东县人民政府", shortName: "东县", kind: "county", parentId: city.id });
    const west = addUnit({ name: "测试二市西县人民政府", shortName: "西县", kind: "county", parentId: city.id });
    const eastTown = addUnit({ name: "测试二市东县甲镇人民政府", shortName: "甲镇", kind: "township", parentId: east.id });
    const westTown = addUnit({ name: "测试二市西县乙乡人民政府", shortName: "乙乡", kind: "township", parentId: west.id });

    await actAs(await addUser(city, "clerk", "city2.clerk", "钱科长"));
    const overview = await getSupervisionOverview({ year: "2024" });
    expect(overview.title).toBe("市级总览");
    expect(overview.rows.map((r) => [r.unitName, r.parentName])).toEqual(
      expect.arrayContaining([
        [east.name, city.name],
        [west.name, city.name],
        [eastTown.name, east.name],
        [westTown.name, west.name],
      ]),
    );
    expect(overview.rows.map((r) => r.unitName)).not.toContain(f.qingshi.unit.name);
    await expect(getCountyCheckup()).resolves.toMatchObject({ unitName: city.name });

    await actAs(await addUser(east, "leader", "east.leader"));
    expect((await getSupervisionOverview({ year: "2024" })).title).toBe("县级总览");

    await actAs(await addUser(eastTown, "clerk", "jia.clerk"));
    expect((await refusal(() => getSupervisionOverview())).error.code).toBe("not_found");
    expect((await refusal(() => getCountyCheckup())).error.code).toBe("not_found");
  });

  it("a city's overview rolls its units up per county, narrows to one county, and pages its units; a county's link cannot leave the viewer's reach", async () => {
    await actAs(f.admin);
    const city = addUnit({ name: "测试三市人民政府", shortName: "测试三市", kind: "city", parentId: null });
    const north = addUnit({ name: "测试三市北县人民政府", shortName: "北县", kind: "county", parentId: city.id });
    const south = addUnit({ name: "测试三市南县人民政府", shortName: "南县", kind: "county", parentId: city.id });
    const bureau = addUnit({ name: "测试三市统计局", shortName: "统计局", kind: "department", parentId: city.id });
    const northTowns = Array.from({ length: 3 }, (_, i) => addUnit({ name: `测试三市北县${i}镇人民政府`, shortName: `北${i}镇`, kind: "township", parentId: north.id }));
    Array.from({ length: 110 }, (_, i) => addUnit({ name: `测试三市南县${String(i).padStart(3, "0")}乡人民政府`, shortName: `南${i}乡`, kind: "township", parentId: south.id }));
    // Published: 北县 itself and one of its townships, and the city's 统计局.
    for (const unit of [north, northTowns[0]!, bureau]) {
      database().insert(reports).values({ unitId: unit.id, year: 2024, format: "gov-2021", title: `${unit.name}2024年报`, metadata: {}, status: "published" }).run();
    }
    const otherCity = addUnit({ name: "测试四市人民政府", shortName: "测试四市", kind: "city", parentId: null });
    const otherCounty = addUnit({ name: "测试四市中县人民政府", shortName: "中县", kind: "county", parentId: otherCity.id });
    addUnit({ name: "测试四市中县丙镇人民政府", shortName: "丙镇", kind: "township", parentId: otherCounty.id });

    await actAs(await addUser(city, "clerk", "city3.clerk"));
    const all = await getSupervisionOverview({ year: "2024" });
    expect(all.total).toBe(3 + 3 + 110);
    expect(all.regions.map((r) => [r.unitName, r.units, r.public])).toEqual([
      [north.name, 4, 2],
      [south.name, 111, 0],
    ]);
    expect(all.directUnits).toMatchObject({ units: 1, public: 1 });
    // 2024's deadline has passed: every unit without a public report is overdue.
    expect(all.regions.map((r) => r.overdue)).toEqual([2, 111]);
    expect([all.page, all.pageCount, all.rows.length, all.showParents]).toEqual([1, 2, 100, true]);
    const second = await getSupervisionOverview({ year: "2024", page: "2" });
    expect(second.rows).toHaveLength(16);
    expect(new Set([...all.rows, ...second.rows].map((r) => r.unitId)).size).toBe(116);
    expect((await getSupervisionOverview({ year: "2024", page: "99" })).page).toBe(2);

    // A summary item narrows the table, not the counts; in a region too.
    const published = await getSupervisionOverview({ year: "2024", show: "published" });
    expect([published.show, published.total, published.shownCount, published.counts.published, published.pageCount]).toEqual(["published", 116, 3, 3, 1]);
    expect(published.rows.map((r) => r.unitName).sort()).toEqual([north.name, northTowns[0]!.name, bureau.name].sort());
    const overdueInNorth = await getSupervisionOverview({ year: "2024", show: "overdue", under: String(north.id) });
    expect(overdueInNorth.rows.map((r) => r.unitName).sort()).toEqual([northTowns[1]!.name, northTowns[2]!.name].sort());
    expect(overdueInNorth.rows.every((r) => r.late === "overdue")).toBe(true);
    expect((await getSupervisionOverview({ year: "2024", show: "everything" })).show).toBeNull();

    const northOnly = await getSupervisionOverview({ year: "2024", under: String(north.id) });
    expect(northOnly.scope.map((s) => s.unitName)).toEqual([city.name, north.name]);
    expect(northOnly.under).toBe(north.id);
    // The county itself too, as 各地区情况 counts it.
    expect(northOnly.rows.map((r) => r.unitName).sort()).toEqual([north, ...northTowns].map((t) => t.name).sort());
    expect([northOnly.total, northOnly.counts.published, northOnly.regions, northOnly.showParents]).toEqual([4, 2, [], false]);

    // A unit elsewhere, a township (nothing below it) or nonsense: the viewer's own units.
    for (const under of [String(otherCounty.id), String(northTowns[1]!.id), "abc", String(city.id)]) {
      const view = await getSupervisionOverview({ year: "2024", under });
      expect([view.under, view.total, view.scope.length]).toEqual([null, 116, 1]);
    }
    await actAs(await addUser(north, "leader", "north.leader"));
    const fromNorth = await getSupervisionOverview({ year: "2024", under: String(south.id) });
    expect([fromNorth.unitName, fromNorth.total, fromNorth.under]).toEqual([north.name, 3, null]);
    expect(fromNorth.rows.map((r) => r.unitName)).not.toContain(north.name);
  });

  it("年报体检 checks the year due by default, and another year or every year when asked", async () => {
    const town = await addTownship("体检镇");
    const years = [reportRow(await draftReport(town)).year, reportRow(await draftReport(town)).year];
    await actAs(await addUser(f.county, "clerk", "checkup.clerk"));
    const ofTown = (checkup: Awaited<ReturnType<typeof getCountyCheckup>>) => checkup.rows.filter((r) => r.unitId === town.unit.id).map((r) => r.year);

    const one = await getCountyCheckup({ year: String(years[1]) });
    expect(ofTown(one)).toEqual([years[1]]);
    expect(one.rows.every((r) => r.year === years[1])).toBe(true);
    const all = await getCountyCheckup({ year: "all" });
    expect(ofTown(all).sort()).toEqual([...years].sort());
    expect(all.years).toEqual(expect.arrayContaining(years));
    const byDefault = await getCountyCheckup();
    expect(byDefault.year).toBe(dueReportYear(clock.now()));
    expect(byDefault.rows.every((r) => r.year === byDefault.year)).toBe(true);
  });
});
