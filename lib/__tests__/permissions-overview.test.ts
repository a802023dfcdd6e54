import { describe, expect, it } from "vitest";
import type { Viewer } from "../permissions";
import { canSuperviseUnits, overviewTitle, type SupervisingUnitFacts } from "../permissions-overview";

const province: SupervisingUnitFacts = { id: 5, kind: "province" };
const city: SupervisingUnitFacts = { id: 6, kind: "city" };
const county: SupervisingUnitFacts = { id: 1, kind: "county" };
const zone: SupervisingUnitFacts = { id: 7, kind: "development_zone" };
const township: SupervisingUnitFacts = { id: 2, kind: "township" };
const subdistrict: SupervisingUnitFacts = { id: 3, kind: "subdistrict" };
const department: SupervisingUnitFacts = { id: 4, kind: "department" };

const countyClerk: Viewer = { userId: 10, role: "clerk", unitId: county.id };
const countyLeader: Viewer = { userId: 11, role: "leader", unitId: county.id };
const countyAdmin: Viewer = { userId: 12, role: "admin", unitId: county.id };
const townClerk: Viewer = { userId: 13, role: "clerk", unitId: township.id };
const townLeader: Viewer = { userId: 14, role: "leader", unitId: township.id };

describe("canSuperviseUnits", () => {
  it("a clerk or a leader of a county-level unit supervises the units below it", () => {
    expect(canSuperviseUnits(countyClerk, county)).toBe(true);
    expect(canSuperviseUnits(countyLeader, county)).toBe(true);
  });

  it("so do the clerks and leaders of a city, a province and a development zone", () => {
    expect(canSuperviseUnits({ userId: 20, role: "clerk", unitId: city.id }, city)).toBe(true);
    expect(canSuperviseUnits({ userId: 21, role: "leader", unitId: city.id }, city)).toBe(true);
    expect(canSuperviseUnits({ userId: 22, role: "clerk", unitId: province.id }, province)).toBe(true);
    expect(canSuperviseUnits({ userId: 23, role: "clerk", unitId: zone.id }, zone)).toBe(true);
  });

  it("an admin does not, even one whose account belongs to the county or the city", () => {
    expect(canSuperviseUnits(countyAdmin, county)).toBe(false);
    expect(canSuperviseUnits({ userId: 24, role: "admin", unitId: city.id }, city)).toBe(false);
  });

  it("staff of a township, subdistrict or department (at any level) do not", () => {
    expect(canSuperviseUnits(townClerk, township)).toBe(false);
    expect(canSuperviseUnits(townLeader, township)).toBe(false);
    expect(canSuperviseUnits({ userId: 15, role: "clerk", unitId: subdistrict.id }, subdistrict)).toBe(false);
    expect(canSuperviseUnits({ userId: 16, role: "leader", unitId: department.id }, department)).toBe(false);
  });

  it("the unit must be the viewer's own: a township clerk does not get in by naming the county or the city", () => {
    expect(canSuperviseUnits(townClerk, county)).toBe(false);
    expect(canSuperviseUnits(townLeader, county)).toBe(false);
    expect(canSuperviseUnits(countyClerk, city)).toBe(false);
  });

  it("nobody signed out, and no unit, means no overview", () => {
    expect(canSuperviseUnits(null, county)).toBe(false);
    expect(canSuperviseUnits(countyClerk, null)).toBe(false);
    expect(canSuperviseUnits(countyClerk, undefined)).toBe(false);
  });
});

describe("overviewTitle", () => {
  it("names the overview by the supervising unit's level", () => {
    expect(overviewTitle("county")).toBe("县级总览");
    expect(overviewTitle("city")).toBe("市级总览");
    expect(overviewTitle("province")).toBe("省级总览");
  });
});
