import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ReportMetadata } from "@/lib/interchange";
import { MetadataBlock, metadataFields } from "../metadata-block";
import { elements, loadSeedReport, textOf } from "./markup";

const qingshi = loadSeedReport("qingshi-2023");
const heqiao = loadSeedReport("heqiao-2017");

describe("MetadataBlock", () => {
  const html = renderToStaticMarkup(<MetadataBlock metadata={qingshi.metadata} />);

  it("is a table captioned 信息公开元数据", () => {
    expect(html.startsWith("<table")).toBe(true);
    expect(html).toContain("<caption");
    expect(textOf(elements(html, "caption")[0] ?? "")).toBe("信息公开元数据");
  });

  it("shows 索引号 with its value in a row header / cell pair", () => {
    expect(html).toMatch(/<th scope="row"[^>]*>索引号<\/th><td[^>]*>11339999MB0A12318P\/<wbr\/>2024-00201<\/td>/);
  });

  it("puts two label/value pairs on each row", () => {
    const rows = elements(html, "tr");
    expect(rows.length).toBeGreaterThan(0);
    expect(elements(rows[0] ?? "", "th").map(textOf)).toEqual(["索引号", "公开方式"]);
  });

  it("omits empty fields", () => {
    expect(qingshi.metadata.docNo).toBeNull();
    expect(textOf(html)).not.toContain("文号");
    const heqiaoHtml = renderToStaticMarkup(<MetadataBlock metadata={heqiao.metadata} />);
    expect(textOf(heqiaoHtml)).not.toContain("有效性");
    expect(textOf(heqiaoHtml)).not.toContain("主题分类");
    expect(textOf(heqiaoHtml)).toContain("公开时限长期公开");
  });

  it("shows 发布日期 as YYYY-MM-DD in China time", () => {
    expect(textOf(html)).toContain("发布日期2024-01-16");
    const late: ReportMetadata = { ...qingshi.metadata, publishedAt: "2024-01-15T17:30:00Z" };
    expect(metadataFields(late).find((f) => f.label === "发布日期")?.value).toBe("2024-01-16");
  });

  it("lists the fields in page order", () => {
    expect(metadataFields(qingshi.metadata).map((f) => f.label)).toEqual([
      "索引号",
      "公开方式",
      "公开范围",
      "公开时限",
      "发布机构",
      "成文日期",
      "发布日期",
      "有效性",
      "主题分类",
    ]);
  });

  it("spans the last value across the row when the count is odd", () => {
    const rows = elements(html, "tr");
    expect(rows.at(-1)).toContain('colSpan="3"');
  });

  it("renders nothing without any field", () => {
    expect(renderToStaticMarkup(<MetadataBlock metadata={{ indexNo: " ", docNo: null }} />)).toBe("");
  });
});
