import { describe, expect, it } from "vitest";
import { listCells } from "@/lib/formats";
import { getTableValue } from "@/lib/interchange";
import { checkReport } from "@/lib/rules";
import { formatOfYear, provinceReport, provinceUnits, provinceYears } from "../province";

/*
 * The province data set (issue 17) must look like a real region to the application: the
 * hierarchy a platform has, figures the rule engine accepts year after year, and governments'
 * reports that add up their units' — every township counted once, through its county.
 */

describe("the province's units", () => {
  const units = provinceUnits(5000);

  it("has about the size asked for, with 1 province, 12 cities and 100 counties", () => {
    expect(units.length).toBeGreaterThan(4750);
    expect(units.length).toBeLessThan(5250);
    const count = (kind: string) => units.filter((u) => u.kind === kind).length;
    expect(count("province")).toBe(1);
    expect(count("city")).toBe(12);
    expect(count("county")).toBe(100);
    expect(count("township") + count("subdistrict")).toBeGreaterThan(1000);
    expect(count("department")).toBeGreaterThan(2500);
  });

  it("has unique names and org codes, and every parent comes before its units", () => {
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.orgCode)).size).toBe(units.length);
    for (const unit of units) if (unit.parentIndex !== null) expect(unit.parentIndex).toBeLessThan(unit.index);
  });

  it("is the same every time", () => {
    expect(provinceUnits(300)).toEqual(provinceUnits(300));
  });
});

describe("the province's reports", () => {
  const units = provinceUnits(120);
  const years = [2018, 2019, 2020, 2021, 2022, 2023];
  const generated = [...provinceYears(units, years)];

  it("uses each year's format", () => {
    expect(generated.map((y) => y.format)).toEqual(years.map(formatOfYear));
    expect(generated.map((y) => y.format)).toEqual(["legacy-freeform", "gov-2019-trial", "gov-2019-trial", "gov-2021", "gov-2021", "gov-2021"]);
  });

  it("has no rule error in any report, checked against the unit's report of the year before", () => {
    const previous = new Map<number, ReturnType<typeof provinceReport>>();
    let checked = 0;
    for (const { year, reports } of generated) {
      const documents = new Map<number, ReturnType<typeof provinceReport>>();
      for (const { unit, tables } of reports) {
        const doc = provinceReport(unit, year, tables, years);
        documents.set(unit.index, doc);
        const errors = checkReport(doc.format, doc, previous.get(unit.index) ?? null, { unitKind: unit.kind }).filter((f) => f.severity === "error");
        expect(errors, `${unit.name} ${year}`).toEqual([]);
        checked++;
      }
      for (const [index, doc] of documents) previous.set(index, doc);
    }
    expect(checked).toBeGreaterThan(units.length * years.length * 0.95);
  });

  it("adds up: the province's 2023 figures are the own figures of every unit that published, each counted once", () => {
    const year = generated.find((y) => y.year === 2023)!;
    const province = year.reports.find((r) => r.unit.kind === "province")!;
    const cells = listCells("gov-2021").filter((c) => !c.computed && c.tableId !== "table2");
    for (const cell of cells) {
      const everyone = year.reports.reduce((sum, r) => sum + (getTableValue(r.own, cell.id) ?? 0), 0);
      expect(getTableValue(province.tables, cell.id), cell.id).toBe(everyone);
    }
    // And a county's report is its own figures plus its units' published reports.
    const county = year.reports.find((r) => r.unit.kind === "county")!;
    const below = year.reports.filter((r) => r.unit.parentIndex === county.unit.index);
    for (const cell of cells) {
      expect(getTableValue(county.tables, cell.id), cell.id).toBe(below.reduce((sum, r) => sum + (getTableValue(r.tables, cell.id) ?? 0), getTableValue(county.own, cell.id) ?? 0));
    }
  });

  it("leaves out about 2 % of the units below a government in a year", () => {
    const below = units.filter((u) => !u.sums).length;
    const missing = generated.reduce((sum, y) => sum + (below - y.reports.filter((r) => !r.unit.sums).length), 0);
    expect(missing).toBeGreaterThan(0);
    expect(missing / (below * years.length)).toBeLessThan(0.05);
  });
});
