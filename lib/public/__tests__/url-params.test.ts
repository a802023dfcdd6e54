import { describe, expect, it } from "vitest";
import { READING_COOKIES, parseId, parsePage, parseReadingPreferences, parseYear, queryString, readingClassName, rememberedReadingCookies } from "../url-params";

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

  it("names the page wrapper's classes for the reading preferences", () => {
    expect(readingClassName({ size: "m", elder: false })).toBe("public-page reading-size-m");
    expect(readingClassName({ size: "s", elder: true })).toBe("public-page reading-size-s elder-mode");
  });

  it("builds query strings without empty parameters", () => {
    expect(queryString({ q: "青石 镇&", year: undefined, page: 2, unit: null })).toBe("?q=%E9%9D%92%E7%9F%B3+%E9%95%87%26&page=2");
    expect(queryString({})).toBe("");
  });
});

describe("reading preferences (字号, 长者模式) and the cookies that remember them", () => {
  const remembered = (size?: string, elder?: string): ReadonlyMap<string, string> =>
    new Map([...(size === undefined ? [] : [[READING_COOKIES.size, size] as const]), ...(elder === undefined ? [] : [[READING_COOKIES.elder, elder] as const])]);

  it("defaults to 中 and off", () => {
    expect(parseReadingPreferences({})).toEqual({ size: "m", elder: false });
    expect(parseReadingPreferences({}, new Map())).toEqual({ size: "m", elder: false });
  });

  it("turns 长者模式 on for ?elder=true and ?elder=1 only, any other value off", () => {
    expect(parseReadingPreferences({ elder: "true" }).elder).toBe(true);
    expect(parseReadingPreferences({ elder: "1" }).elder).toBe(true);
    expect(parseReadingPreferences({ elder: ["1", "0"] }).elder).toBe(true);
    for (const off of ["0", "false", "yes", "on", "TRUE", "", " 1"]) expect(parseReadingPreferences({ elder: off }, remembered(undefined, "1")).elder, off).toBe(false);
  });

  it("lets the followed link win over the remembered cookie", () => {
    expect(parseReadingPreferences({ size: "s", elder: "0" }, remembered("l", "1"))).toEqual({ size: "s", elder: false });
    expect(parseReadingPreferences({ size: "l", elder: "true" }, remembered("s", "0"))).toEqual({ size: "l", elder: true });
  });

  it("falls back to the remembered cookie when the link says nothing (or names no size)", () => {
    expect(parseReadingPreferences({}, remembered("l", "1"))).toEqual({ size: "l", elder: true });
    expect(parseReadingPreferences({}, remembered("s", "0"))).toEqual({ size: "s", elder: false });
    expect(parseReadingPreferences({ size: "xl" }, remembered("l"))).toEqual({ size: "l", elder: false });
    expect(parseReadingPreferences({}, remembered("xl", "true"))).toEqual({ size: "m", elder: false });
  });

  it("sets a cookie only for a parameter the link actually gave", () => {
    const cookie = (name: string, value: string | number) => `${name}=${value}; Max-Age=31536000; Path=/; SameSite=Lax`;
    const cookiesFor = (params: Record<string, string>, stored = remembered()) => rememberedReadingCookies(params, parseReadingPreferences(params, stored));
    expect(cookiesFor({})).toEqual([]);
    expect(cookiesFor({}, remembered("l", "1"))).toEqual([]);
    expect(cookiesFor({ q: "青石" })).toEqual([]);
    expect(cookiesFor({ size: "l" })).toEqual([cookie(READING_COOKIES.size, "l")]);
    expect(cookiesFor({ size: "xl" })).toEqual([]);
    expect(cookiesFor({ elder: "true" })).toEqual([cookie(READING_COOKIES.elder, 1)]);
    expect(cookiesFor({ elder: "yes" }, remembered(undefined, "1"))).toEqual([cookie(READING_COOKIES.elder, 0)]);
    expect(cookiesFor({ size: "s", elder: "1" })).toEqual([cookie(READING_COOKIES.size, "s"), cookie(READING_COOKIES.elder, 1)]);
  });
});
