import { describe, expect, it } from "vitest";
import { ABSENT_WITHOUT_NOTE_PROBLEM, NOT_REPORTED_PROBLEM, missingUnits, type ReportingListEntry } from "@/lib/summation";

const LIST: ReportingListEntry<number>[] = [
  { unitId: 1, name: "示例县青石镇" },
  { unitId: 2, name: "示例县柳溪镇" },
  { unitId: 3, name: "示例县城关街道" },
];

describe("missingUnits", () => {
  it("lets the 汇总 be completed when every listed unit has a filed or published report", () => {
    expect(missingUnits(LIST, [1, 2, 3, 99])).toEqual({ missing: [], canComplete: true, statement: null, absentButReported: [] });
  });

  it("blocks completion while a listed unit has no report and is not marked 暂缺", () => {
    const result = missingUnits(LIST, new Set([1, 3]));
    expect(result.missing).toEqual([{ unitId: 2, name: "示例县柳溪镇", absentNote: null, problem: NOT_REPORTED_PROBLEM }]);
    expect(result.canComplete).toBe(false);
    expect(result.statement).toBeNull();
  });

  it("blocks completion when a unit is marked 暂缺 without a note", () => {
    const list = LIST.map((u) => (u.unitId === 2 ? { ...u, absent: { note: "  " } } : u));
    const result = missingUnits(list, [1, 3]);
    expect(result.missing[0]?.problem).toBe(ABSENT_WITHOUT_NOTE_PROBLEM);
    expect(result.canComplete).toBe(false);
  });

  it("allows completion when each missing unit is marked 暂缺 with a note, and states them for the published report", () => {
    const list = LIST.map((u) =>
      u.unitId === 1 ? u : { ...u, absent: { note: u.unitId === 2 ? " 年报尚在更正中。" : "该街道2023年10月新设立" } },
    );
    const result = missingUnits(list, [1]);
    expect(result.canComplete).toBe(true);
    expect(result.missing.map((m) => [m.unitId, m.absentNote, m.problem])).toEqual([
      [2, "年报尚在更正中", null],
      [3, "该街道2023年10月新设立", null],
    ]);
    expect(result.statement).toBe("本汇总数据不含：示例县柳溪镇（暂缺：年报尚在更正中）、示例县城关街道（暂缺：该街道2023年10月新设立）。");
  });

  it("sums a unit marked 暂缺 that has a report after all, and says so", () => {
    const list = LIST.map((u) => (u.unitId === 2 ? { ...u, absent: { note: "尚在更正" } } : u));
    const result = missingUnits(list, [1, 2, 3]);
    expect(result.missing).toEqual([]);
    expect(result.absentButReported).toEqual([{ unitId: 2, name: "示例县柳溪镇" }]);
  });

  it("counts a unit listed twice once", () => {
    expect(missingUnits([...LIST, LIST[0] as ReportingListEntry<number>], [2, 3]).missing.map((m) => m.unitId)).toEqual([1]);
  });
});
