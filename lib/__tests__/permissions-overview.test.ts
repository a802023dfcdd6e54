import { describe, expect, it } from "vitest";
import type { Viewer } from "../permissions";
import { canViewCountyOverview, type OverviewUnitFacts } from "../permissions-overview";

const county: OverviewUnitFacts = { id: 1, kind: "county" };
const township: OverviewUnitFacts = { id: 2, kind: "township" };
const subdistrict: OverviewUnitFacts = { id: 3, kind: "subdistrict" };
const department: OverviewUnitFacts = { id: 4, kind: "department" };

const countyClerk: Viewer = { userId: 10, role: "clerk", unitId: county.id };
const countyLeader: Viewer = { userId: 11, role: "leader", unitId: county.id };
const countyAdmin: Viewer = { userId: 12, role: "admin", unitId: county.id };
const townClerk: Viewer = { userId: 13, role: "clerk", unitId: township.id };
const townLeader: Viewer = { userId: 14, role: "leader", unitId: township.id };

describe("canViewCountyOverview", () => {
  it("a clerk or a leader of a county-level unit sees the county overview", () => {
    expect(canViewCountyOverview(countyClerk, county)).toBe(true);
    expect(canViewCountyOverview(countyLeader, county)).toBe(true);
  });

  it("an admin does not, even one whose account belongs to the county unit", () => {
    expect(canViewCountyOverview(countyAdmin, county)).toBe(false);
  });

  it("staff of a township, subdistrict or department do not", () => {
    expect(canViewCountyOverview(townClerk, township)).toBe(false);
    expect(canViewCountyOverview(townLeader, township)).toBe(false);
    expect(canViewCountyOverview({ userId: 15, role: "clerk", unitId: subdistrict.id }, subdistrict)).toBe(false);
    expect(canViewCountyOverview({ userId: 16, role: "leader", unitId: department.id }, department)).toBe(false);
  });

  it("the unit must be the viewer's own: a township clerk does not get in by naming the county", () => {
    expect(canViewCountyOverview(townClerk, county)).toBe(false);
    expect(canViewCountyOverview(townLeader, county)).toBe(false);
  });

  it("nobody signed out, and no unit, means no overview", () => {
    expect(canViewCountyOverview(null, county)).toBe(false);
    expect(canViewCountyOverview(countyClerk, null)).toBe(false);
    expect(canViewCountyOverview(countyClerk, undefined)).toBe(false);
  });
});
