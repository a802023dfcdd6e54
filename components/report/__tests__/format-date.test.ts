import { describe, expect, it } from "vitest";
import { chinaDateParts, formatChinaDateTime, formatChinaIsoDate, formatChineseDate } from "../format-date";
import { formatFindingsSummary, summarizeFindings } from "../findings-summary";

describe("China-time date formatting", () => {
  it("reads ISO timestamps in UTC+8 whatever the offset", () => {
    expect(formatChinaIsoDate("2024-01-16T09:30:00+08:00")).toBe("2024-01-16");
    expect(formatChinaIsoDate("2024-01-15T16:00:00Z")).toBe("2024-01-16");
    expect(formatChinaIsoDate("2024-01-15T15:59:59Z")).toBe("2024-01-15");
    expect(formatChinaDateTime("2018-04-24T17:02:00+08:00")).toBe("2018-04-24 17:02");
  });

  it("takes plain dates and offset-less date-times as China time", () => {
    expect(formatChinaIsoDate("2018-04-24")).toBe("2018-04-24");
    expect(formatChinaDateTime("2018-04-24")).toBe("2018-04-24");
    expect(formatChinaDateTime("2018-04-24T17:02")).toBe("2018-04-24 17:02");
    expect(chinaDateParts("2018-4-6")).toMatchObject({ year: 2018, month: 4, day: 6, hasTime: false });
  });

  it("formats 「YYYY年M月D日」 without leading zeros", () => {
    expect(formatChineseDate("2018-04-06")).toBe("2018年4月6日");
    expect(formatChineseDate("2023-12-31T16:30:00Z")).toBe("2024年1月1日");
  });

  it("returns null for empty or invalid input", () => {
    expect(formatChinaIsoDate(null)).toBeNull();
    expect(formatChinaIsoDate("")).toBeNull();
    expect(formatChinaIsoDate("2023-02-30")).toBeNull();
    expect(formatChineseDate("明年")).toBeNull();
  });
});

describe("findings summary", () => {
  it("counts errors and warnings, blank cells apart, a grouped consequence not again", () => {
    expect(summarizeFindings([{ severity: "error" }, { severity: "warning" }, { severity: "error" }])).toEqual({ errors: 2, warnings: 1, blanks: 0 });
    expect(
      summarizeFindings([{ severity: "error", kind: "blank" }, { severity: "error", kind: "blank" }, { severity: "error" }, { severity: "error", consequenceOf: "R3-1|…|" }]),
    ).toEqual({ errors: 1, warnings: 0, blanks: 2 });
  });

  it("reads 「发现 2 个错误、1 个提醒」", () => {
    expect(formatFindingsSummary({ errors: 2, warnings: 1 })).toBe("发现 2 个错误、1 个提醒");
    expect(formatFindingsSummary({ errors: 0, warnings: 3 })).toBe("发现 3 个提醒");
    expect(formatFindingsSummary({ errors: 1, warnings: 0 })).toBe("发现 1 个错误");
    expect(formatFindingsSummary({ errors: 0, warnings: 0 })).toBe("未发现问题");
    // Empty sections are not 「未发现问题」.
    expect(formatFindingsSummary({ errors: 0, warnings: 0, emptySections: 2 })).toBe("2 个部分尚未填写");
    expect(formatFindingsSummary({ errors: 1, warnings: 0, emptySections: 1 })).toBe("1 个部分尚未填写；发现 1 个错误");
    expect(formatFindingsSummary({ errors: 0, warnings: 0, blanks: 0 })).toBe("未发现问题");
    expect(formatFindingsSummary({ errors: 0, warnings: 0, blanks: 4, emptySections: 1 })).toBe("1 个部分尚未填写；未填 4 格");
  });

  it("names blank cells apart from errors: 「未填 175 格」", () => {
    expect(formatFindingsSummary({ errors: 0, warnings: 0, blanks: 175 })).toBe("未填 175 格");
    expect(formatFindingsSummary({ errors: 2, warnings: 1, blanks: 3 })).toBe("发现 2 个错误、1 个提醒，未填 3 格");
  });
});
