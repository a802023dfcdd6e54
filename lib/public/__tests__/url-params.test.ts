import { describe, expect, it } from "vitest";
import { parseId, parsePage, parseReadingPreferences, parseYear, queryString, readingClassName } from "../url-params";

describe("query parameters of public pages", () => {
  it("accepts only plain positive ids, years and pages", () => {
    expect(parseId("12")).toBe(12);
    expect(parseId(["12", "13"])).toBe(12);
    for (const bad of ["0", "-1", "1e3", "12abc", "", undefined, "9999999999", " "]) expect(parseId(bad)).toBeNull();
    expect(parseYear("2023")).toBe(2023);
    expect(parseYear("1800")).toBeNull();
    expect(parseYear("20233")).toBeNull();
    expect(parsePage("3")).toBe(3);
    expect(parsePage("-2")).toBe(1);
    expect(parsePage("abc")).toBe(1);
    expect(parsePage("99999999999")).toBe(1);
  });

  it("reads 字号 and 长者模式 and names the wrapper classes", () => {
    expect(parseReadingPreferences({})).toEqual({ size: "m", elder: false });
    expect(parseReadingPreferences({ size: "l", elder: "1" })).toEqual({ size: "l", elder: true });
    expect(parseReadingPreferences({ size: "xl", elder: "yes" })).toEqual({ size: "m", elder: false });
    expect(readingClassName({ size: "s", elder: true })).toBe("public-page reading-size-s elder-mode");
  });

  it("builds query strings without empty parameters", () => {
    expect(queryString({ q: "青石 镇&", year: undefined, page: 2, unit: null })).toBe("?q=%E9%9D%92%E7%9F%B3+%E9%95%87%26&page=2");
    expect(queryString({})).toBe("");
  });
});
