import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  chinaDate,
  chinaDateTime,
  chinaDayStart,
  chinaIso,
  chinaLocalTime,
  chinaYear,
  chineseDate,
  chinaDayNumber,
  dayNumber,
  daysBetween,
  daysUntil,
  dueReportYear,
  indexNoYear,
  parseChinaDateOrIso,
  reportDeadline,
} from "../time";

// 2026-12-31 17:30 UTC is 2027-01-01 01:30 in China: the day and the year differ.
const newYearInChina = new Date("2026-12-31T17:30:00Z");

describe("China time", () => {
  it("reads dates and times on the China calendar, not the server's", () => {
    expect(chinaDate(newYearInChina)).toBe("2027-01-01");
    expect(chinaDateTime(newYearInChina)).toBe("2027-01-01 01:30");
    expect(chineseDate(newYearInChina)).toBe("2027年1月1日");
    expect(chinaIso(newYearInChina)).toBe("2027-01-01T01:30:00+08:00");
    expect(chinaYear(newYearInChina)).toBe(2027);
  });

  it("gives a 索引号 the year of publication in China, not the report year", () => {
    // The seed page's 2017 report, published on 2018-04-24, is 002509011/2018-56405.
    expect(indexNoYear(parseChinaDateOrIso("2018-04-24T17:02:00+08:00")!)).toBe(2018);
    // Published at 01:30 on New Year's Day in China, while it is still 2026 in UTC.
    expect(indexNoYear(newYearInChina)).toBe(2027);
  });

  it("turns China wall-clock input back into the same instant", () => {
    expect(chinaLocalTime("2027-01-01T01:30").toISOString()).toBe(newYearInChina.toISOString());
    expect(Number.isNaN(chinaLocalTime("tomorrow").getTime())).toBe(true);
    expect(chinaDayStart("2027-01-01").toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(parseChinaDateOrIso("2024-01-16")?.toISOString()).toBe("2024-01-15T16:00:00.000Z");
    expect(parseChinaDateOrIso("2024-01-16T09:30:00+08:00")?.toISOString()).toBe("2024-01-16T01:30:00.000Z");
    expect(parseChinaDateOrIso("not a date")).toBeNull();
  });

  it("knows which year's reports are due and how many days are left", () => {
    expect(dueReportYear(newYearInChina)).toBe(2026);
    expect(reportDeadline(2026, "01-31")).toBe("2027-01-31");
    expect(daysUntil("2027-01-31", newYearInChina)).toBe(30);
    expect(daysUntil("2026-12-31", newYearInChina)).toBe(-1);
  });

  it("counts days by day numbers exactly as by China dates, across midnight in China", () => {
    expect(chinaDayNumber(newYearInChina)).toBe(dayNumber("2027-01-01"));
    expect(chinaDayNumber(new Date("2026-12-31T15:59:59.999Z"))).toBe(dayNumber("2026-12-31"));
    expect(chinaDayNumber(new Date("2026-12-31T16:00:00Z"))).toBe(dayNumber("2027-01-01"));
    // Every 7 hours over four years, against a handful of deadlines (leap day included).
    for (let t = Date.UTC(2023, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000) {
      const at = new Date(t);
      for (const deadline of ["2024-01-31", "2024-02-29", "2025-03-31", "2026-12-31"]) {
        expect(dayNumber(deadline) - chinaDayNumber(at)).toBe(daysUntil(deadline, at));
        expect(chinaDayNumber(at) - dayNumber(deadline)).toBe(daysBetween(deadline, chinaDate(at)));
      }
    }
  });
});

describe("one date style on staff screens (issue 12)", () => {
  it("shows a comment's time as 2026-12-05 18:02, in China whatever the server's zone", () => {
    expect(chinaDateTime(new Date("2026-12-05T10:02:12.345Z"))).toBe("2026-12-05 18:02");
  });

  it("formats dates on staff screens only through lib/time (no toLocaleString, no Intl, no seconds)", () => {
    const roots = ["app/(staff)", "components/editor", "components/review", "components/staff", "lib/timeline.ts"];
    const files = roots.flatMap((root) =>
      root.endsWith(".ts") ? [root] : readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f)).map((f) => path.join(root, f)),
    );
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => /toLocale(Date|Time)?String|Intl\.DateTimeFormat|chinaDateTime\([^)]*,/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
