import { describe, expect, it } from "vitest";
import { buildRegionIndex, regionOptions, regionParamOf, resolveRegionChoice, unitsInRegion, type TreeUnit } from "../unit-regions";

/*
 * A small province: 省 (1) with a department (2) and two cities; 甲市 (10) with its department (11)
 * and two counties, 东县 (20: department 21, township 22 with a sub-unit 23) and 西县 (30:
 * township 31); 乙市 (40) with 南县 (50: township 51, which has no public report). A township
 * without any parent (60) is a region of its own.
 */
const T = (id: number, shortName: string, kind: TreeUnit["kind"], parentId: number | null): TreeUnit => ({ id, name: `${shortName}全称`, shortName, kind, parentId });
const TREE: TreeUnit[] = [
  T(1, "省", "province", null),
  T(2, "省教育厅", "department", 1),
  T(10, "甲市", "city", 1),
  T(11, "甲市教育局", "department", 10),
  T(20, "东县", "county", 10),
  T(21, "东县司法局", "department", 20),
  T(22, "东镇", "township", 20),
  T(23, "东镇办", "department", 22),
  T(30, "西县", "county", 10),
  T(31, "西镇", "township", 30),
  T(40, "乙市", "city", 1),
  T(50, "南县", "county", 40),
  T(51, "南镇", "township", 50),
  T(60, "孤镇", "township", null),
];
const PUBLISHING = new Set([1, 2, 10, 11, 20, 21, 22, 23, 30, 31, 40, 60]);
const index = buildRegionIndex(TREE, PUBLISHING);

describe("the region index", () => {
  it("puts each unit in the nearest region government at or above it", () => {
    expect(index.homeRegion.get(23)).toBe(20);
    expect(index.homeRegion.get(22)).toBe(20);
    expect(index.homeRegion.get(11)).toBe(10);
    expect(index.homeRegion.get(2)).toBe(1);
    expect(index.homeRegion.get(60)).toBe(60);
    expect(index.members.get(20)).toEqual([20, 21, 22, 23]);
  });

  it("offers only regions with public reports: 南县's township has none", () => {
    expect(index.publishing.has(50)).toBe(false);
    expect(index.publishing.has(40)).toBe(true);
  });

  it("shows the top regions and their cities, and the counties of the chosen city only", () => {
    const labels = (chosen: number | null) => regionOptions(index, chosen).map((o) => `${"-".repeat(o.depth)}${o.label}`);
    expect(labels(null)).toEqual(["省", "-甲市", "-乙市", "孤镇"]);
    expect(labels(10)).toEqual(["省", "-甲市", "--东县", "--西县", "-乙市", "孤镇"]);
    expect(labels(30)).toEqual(["省", "-甲市", "--东县", "--西县", "-乙市", "孤镇"]);
  });

  it("covers a region's whole area, the regions below it included", () => {
    expect(unitsInRegion(index, 10).sort((a, b) => a - b)).toEqual([10, 11, 20, 21, 22, 23, 30, 31]);
    expect(unitsInRegion(index, 30)).toEqual([30, 31]);
    expect(unitsInRegion(index, 40)).toEqual([40]);
  });

  it("survives a unit tree with a loop", () => {
    const loop = buildRegionIndex([T(1, "甲", "department", 2), T(2, "乙", "department", 1)], new Set([1, 2]));
    expect(regionOptions(loop, null).length).toBeGreaterThan(0);
    expect(unitsInRegion(loop, loop.homeRegion.get(1)!)).toContain(1);
  });
});

describe("what the query string chooses", () => {
  it("keeps a unit's own region chosen, also when only the unit is given", () => {
    expect(resolveRegionChoice(index, null, 22)).toEqual({ region: 20, unit: 22 });
    expect(resolveRegionChoice(index, 20, 22)).toEqual({ region: 20, unit: 22 });
  });

  it("lets a newly chosen region win over the unit the form still carried", () => {
    expect(resolveRegionChoice(index, 10, 22)).toEqual({ region: 10, unit: null });
    expect(resolveRegionChoice(index, 30, 22)).toEqual({ region: 30, unit: null });
  });

  it("ignores unknown regions and units and those without public reports", () => {
    expect(resolveRegionChoice(index, 999, 998)).toEqual({ region: null, unit: null });
    expect(resolveRegionChoice(index, 50, 51)).toEqual({ region: null, unit: null });
  });

  it("keeps the region in the links of other pages", () => {
    expect(regionParamOf({ kind: "regions", regions: [], region: { id: 10, name: "甲市" }, hasSubRegions: true, units: [], unit: null })).toBe(10);
    expect(regionParamOf({ kind: "units", units: [], unit: null })).toBeUndefined();
  });
});
