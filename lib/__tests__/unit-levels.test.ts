import { describe, expect, it } from "vitest";
import { isAbove, levelOfKind, mayMakeRules, parentProblem, unitLevel, unitLevels, type UnitTreeFacts } from "../unit-levels";
import { UNIT_KINDS } from "../vocabulary";

const tree: UnitTreeFacts[] = [
  { id: 1, kind: "province", parentId: null },
  { id: 2, kind: "city", parentId: 1 },
  { id: 3, kind: "county", parentId: 2 },
  { id: 4, kind: "township", parentId: 3 },
  { id: 5, kind: "department", parentId: 1 },
  { id: 6, kind: "department", parentId: 2 },
  { id: 7, kind: "department", parentId: 3 },
  { id: 8, kind: "development_zone", parentId: 2 },
  { id: 9, kind: "subdistrict", parentId: 8 },
  { id: 10, kind: "department", parentId: null },
  { id: 11, kind: "department", parentId: 12 },
  { id: 12, kind: "department", parentId: 11 },
];
const byId = new Map(tree.map((u) => [u.id, u]));
const level = (id: number) => unitLevel(byId.get(id)!, (i) => byId.get(i));

describe("unit levels", () => {
  it("a government's level is its kind's; a development zone is county-level, a subdistrict township-level", () => {
    expect([1, 2, 3, 4, 8, 9].map(level)).toEqual(["province", "city", "county", "township", "county", "township"]);
  });

  it("a department works at its parent's level", () => {
    expect(level(5)).toBe("province");
    expect(level(6)).toBe("city");
    expect(level(7)).toBe("county");
  });

  it("a department with no government above it on record is county-level, as every department was before", () => {
    expect(level(10)).toBe("county");
    expect(levelOfKind("department", null)).toBe("county");
  });

  it("a cycle of departments ends the walk instead of looping", () => {
    expect(level(11)).toBe("county");
  });

  it("unitLevels gives the same answer for a whole list", () => {
    const all = unitLevels(tree);
    for (const unit of tree) expect(all.get(unit.id)).toBe(level(unit.id));
  });

  it("isAbove orders the levels top down", () => {
    expect(isAbove("province", "city")).toBe(true);
    expect(isAbove("city", "county")).toBe(true);
    expect(isAbove("county", "township")).toBe(true);
    expect(isAbove("county", "county")).toBe(false);
    expect(isAbove("township", "county")).toBe(false);
  });
});

describe("who may make 规章 (R2-2)", () => {
  it("province and city level may, county level and below may not", () => {
    expect(mayMakeRules("province")).toBe(true);
    expect(mayMakeRules("city")).toBe(true);
    expect(mayMakeRules("county")).toBe(false);
    expect(mayMakeRules("township")).toBe(false);
  });
});

describe("parentProblem", () => {
  const gov = (kind: "province" | "city" | "county" | "township") => ({ kind, level: kind });

  it("a parent of a strictly higher level is accepted", () => {
    expect(parentProblem("city", gov("province"))).toBeNull();
    expect(parentProblem("county", gov("city"))).toBeNull();
    expect(parentProblem("county", gov("province"))).toBeNull();
    expect(parentProblem("development_zone", gov("city"))).toBeNull();
    expect(parentProblem("township", gov("county"))).toBeNull();
    expect(parentProblem("subdistrict", { kind: "development_zone", level: "county" })).toBeNull();
  });

  it("a township cannot parent a county, nor a county another county, and it says so in Chinese", () => {
    expect(parentProblem("county", gov("township"))).toBe("上级单位的层级须高于本单位：县级单位的上级应是市或省级人民政府。");
    expect(parentProblem("county", gov("county"))).toMatch(/层级须高于本单位/);
    expect(parentProblem("city", gov("city"))).toMatch(/市级单位的上级应是省级人民政府/);
    expect(parentProblem("township", gov("township"))).toMatch(/乡镇、街道的上级应是县级及以上人民政府/);
    expect(parentProblem("province", gov("province"))).toBe("省级人民政府不设上级单位，请将上级单位留空。");
  });

  it("a department sits under a government of any level, but nothing sits under a department", () => {
    for (const level of ["province", "city", "county", "township"] as const) expect(parentProblem("department", gov(level))).toBeNull();
    for (const kind of UNIT_KINDS) expect(parentProblem(kind, { kind: "department", level: "city" })).toMatch(/政府部门不能作为其他单位的上级单位/);
  });

  it("townships, subdistricts and departments need a parent; governments from the county up may head a tree", () => {
    for (const kind of ["township", "subdistrict", "department"] as const) expect(parentProblem(kind, null)).toMatch(/须选择上级单位/);
    for (const kind of ["province", "city", "county", "development_zone"] as const) expect(parentProblem(kind, null)).toBeNull();
  });
});
