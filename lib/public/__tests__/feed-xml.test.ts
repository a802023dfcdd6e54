import { describe, expect, it } from "vitest";
import { buildAtomFeed, escapeXml } from "../feed-xml";

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
