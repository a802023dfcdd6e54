import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseReportJson, setCell, type ReportDocument } from "@/lib/interchange";
import { buildUnitTrend, compareKeyFigures, extractKeyFigures, formatChange, hasAnyValue, onYearAxis } from "../key-figures";

function seed(name: string): ReportDocument {
  const parsed = parseReportJson(fs.readFileSync(path.join(process.cwd(), "db/seed/reports", `${name}.json`), "utf8"));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
}

describe("key figures of a report", () => {
  it("reads table 3's 总计 column and table 2 of the 2023 report of 青石镇", () => {
    const doc = seed("qingshi-2023");
    const t3 = (doc.tables!.table3 as { total: { newReceived: number; carriedForward: number; results: { granted: number; denied: Record<string, number> } } }).total;
    const figures = extractKeyFigures(doc)!;
    expect(figures).toEqual({
      year: 2023,
      received: t3.newReceived,
      granted: t3.results.granted,
      denied: Object.values(t3.results.denied).reduce((a, b) => a + b, 0),
      carriedForward: t3.carriedForward,
      normativeMade: 3,
      normativeValid: 17,
      licensing: 29,
      punishment: 54,
      coercion: 1,
    });
    expect(figures.received).toBe(28);
    expect(figures.granted).toBe(16);
  });

  it("sums the eight 不予公开 reasons", () => {
    let doc = seed("qingshi-2023");
    doc = setCell(doc, "table3.total.results.denied.stateSecret", 2);
    doc = setCell(doc, "table3.total.results.denied.processInfo", 3);
    expect(extractKeyFigures(doc)!.denied).toBe(5);
  });

  it("treats a blank cell as unknown, not zero", () => {
    const doc = setCell(seed("qingshi-2023"), "table3.total.results.denied.adminQuery", null);
    expect(extractKeyFigures(doc)!.denied).toBeNull();
    const blank = setCell(seed("qingshi-2023"), "table3.total.newReceived", null);
    expect(extractKeyFigures(blank)!.received).toBeNull();
  });

  it("has no figures for a legacy free-form report", () => {
    expect(extractKeyFigures(seed("heqiao-2017"))).toBeNull();
  });

  it("builds a unit's trend oldest first, one point per year, skipping legacy reports", () => {
    const trend = buildUnitTrend([seed("qingshi-2023"), seed("heqiao-2017"), seed("qingshi-2022")]);
    expect(trend.map((p) => p.year)).toEqual([2022, 2023]);
    expect(trend.map((p) => p.received)).toEqual([23, 28]);
    expect(trend.map((p) => p.granted)).toEqual([11, 16]);
    expect(trend.map((p) => p.carriedForward)).toEqual([2, 1]);
    expect(hasAnyValue(trend, ["received"])).toBe(true);
    expect(buildUnitTrend([seed("heqiao-2017")])).toEqual([]);
  });

  it("puts the trend on a true year axis: a year without a report is a gap, not a neighbour", () => {
    const later = parseReportJson(JSON.stringify({ ...seed("qingshi-2023"), year: 2025 }));
    if (!later.ok) throw new Error(later.error.message);
    const axis = onYearAxis(buildUnitTrend([seed("qingshi-2022"), later.document]));
    expect(axis.map((p) => p.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(axis.map((p) => p.received)).toEqual([23, null, null, 28]);
    expect(Object.entries(axis[1]!).filter(([key, value]) => key !== "year" && value !== null)).toEqual([]);
    expect(onYearAxis([])).toEqual([]);
  });

  it("compares this year with last year figure by figure", () => {
    const rows = compareKeyFigures(extractKeyFigures(seed("qingshi-2023"))!, extractKeyFigures(seed("qingshi-2022"))!);
    const received = rows.find((r) => r.key === "received")!;
    expect(received).toMatchObject({ label: "本年新收申请", previous: 23, current: 28, change: 5 });
    expect(rows.find((r) => r.key === "carriedForward")).toMatchObject({ previous: 2, current: 1, change: -1 });
    expect(formatChange(5)).toBe("+5");
    expect(formatChange(-1)).toBe("−1");
    expect(formatChange(0)).toBe("持平");
    expect(formatChange(null)).toBe("—");
  });
});
