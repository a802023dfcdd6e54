import { describe, expect, it } from "vitest";
import { parseId, parsePage, parseReadingPreferences, parseYear, queryString, readingClassName } from "@/lib/public/url-params";
import { buildAtomFeed, escapeXml } from "../public-feed";
import { matchesEtag, withdrawalMessage } from "../public-responses";

describe("the Atom feed", () => {
  const entry = {
    id: 7,
    title: "示例县青石镇人民政府2023年政府信息公开工作年度报告",
    unitName: "示例县青石镇人民政府",
    year: 2023,
    indexNo: "11339999MB0A12318P/2024-00201",
    publishedAt: new Date("2024-01-16T01:30:00Z"),
    updatedAt: new Date("2024-03-01T02:00:00Z"),
    edition: 2,
    changeNote: "更正 <第六部分> & 数字",
  };

  it("is an Atom document with absolute links, dates and escaped text", () => {
    const xml = buildAtomFeed({ siteUrl: "https://xxgk.example.gov.cn", siteName: "示例县 & 政府", entries: [entry] });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true);
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://xxgk.example.gov.cn/feed.xml"/>');
    expect(xml).toContain("<id>https://xxgk.example.gov.cn/reports/7</id>");
    expect(xml).toContain("<published>2024-01-16T01:30:00.000Z</published>");
    expect(xml).toContain("<updated>2024-03-01T02:00:00.000Z</updated>");
    expect(xml).toContain("（修订）</title>");
    expect(xml).toContain("更正 &lt;第六部分&gt; &amp; 数字");
    expect(xml).toContain("<title>示例县 &amp; 政府 · 政府信息公开工作年度报告</title>");
    expect(xml).not.toMatch(/<第六部分>/);
  });

  it("drops characters XML cannot carry", () => {
    expect(escapeXml("a\u0000b\u0008c\td")).toBe("abc\td");
  });
});

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

describe("download answers", () => {
  it("names the date and reason of a withdrawal", () => {
    expect(withdrawalMessage({ title: "某报告", withdrawnAt: new Date("2024-05-05T17:00:00Z"), reason: "数据有误。" })).toBe(
      "《某报告》已于2024年5月6日撤回，原内容不再公开。撤回原因：数据有误。\n",
    );
    expect(withdrawalMessage({ title: "某报告", withdrawnAt: null, reason: null })).toContain("撤回原因：未说明");
  });

  it("matches entity tags", () => {
    expect(matchesEtag('"abc"', '"abc"')).toBe(true);
    expect(matchesEtag('W/"abc", "def"', '"abc"')).toBe(true);
    expect(matchesEtag('"def"', '"abc"')).toBe(false);
    expect(matchesEtag(null, '"abc"')).toBe(false);
  });
});
