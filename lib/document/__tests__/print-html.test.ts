import { parseDocument, DomUtils } from "htmlparser2";
import type { Element } from "domhandler";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getCell } from "@/lib/interchange";
import { loadSeedReport } from "@/components/report/__tests__/markup";
import { StatisticsTable } from "@/components/report/statistics-table";
import { LETTER_SPACING_PT, LINE_HEIGHT_PT, PRINT_FONTS, printHtml, statisticsTableHtml } from "../print-html";

const doc = loadSeedReport("qingshi-2023");
const html = printHtml(doc);
const dom = parseDocument(html);
const all = (name: string, root: Parameters<typeof DomUtils.findAll>[1] = dom.children): Element[] => DomUtils.findAll((e) => e.name === name, root);
const text = (e: Element): string => DomUtils.textContent(e).trim();

/** Every header cell of a table as 「text colspan×rowspan」, in document order. */
function headerCells(markup: string, tableId: string): string[] {
  const table = DomUtils.findOne((e) => e.name === "table" && e.attribs["data-table-id"] === tableId, parseDocument(markup).children)!;
  return all("th", [table]).map((th) => `${text(th)} ${th.attribs.colspan ?? 1}×${th.attribs.rowspan ?? 1}`);
}

describe("the print view of the 原文 PDF", () => {
  it("is a complete zh-CN page: the title, the body's sections in order, the tables and the 落款 last", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(all("html")[0]!.attribs.lang).toBe("zh-CN");
    expect(text(all("h1")[0]!)).toBe(doc.title);
    expect(all("h2").map(text)).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    expect(all("table").map((t) => t.attribs["data-table-id"])).toEqual(["table2", "table3", "table4"]);
    const main = all("main")[0]!;
    const last = main.children.filter((c): c is Element => c.type === "tag").at(-1)!;
    expect(last.attribs.class).toBe("signature");
    expect(all("p", [last]).map(text)).toEqual([doc.signature!.issuer, doc.signature!.date]);
  });

  it("keeps the narrative's （一） headings and escapes text it writes itself", () => {
    expect(all("h3").map(text)).toContain("（一）主动公开");
    const hostile = printHtml({ ...doc, title: `<script>alert(1)</script>` });
    expect(hostile).not.toContain("<script>");
    expect(hostile).toContain("&lt;script&gt;");
  });

  it("merges the statistics tables' headers exactly as the report page does", () => {
    for (const tableId of ["table2", "table3", "table4"] as const) {
      const page = renderToStaticMarkup(createElement(StatisticsTable, { format: doc.format, tableId, document: doc }));
      expect(headerCells(statisticsTableHtml(doc, tableId), tableId)).toEqual(headerCells(page, tableId));
    }
    expect(headerCells(html, "table3")).toContain("三、本年度办理结果 1×22");
    expect(headerCells(html, "table3")).toContain("法人或其他组织 5×1");
  });

  it("repeats table header rows on every page and never splits a row; every cell value as stored", () => {
    expect(html).toMatch(/thead \{ display: table-header-group; \}/);
    expect(html).toMatch(/tr \{ break-inside: avoid;/);
    const table3 = DomUtils.findOne((e) => e.name === "table" && e.attribs["data-table-id"] === "table3", dom.children)!;
    expect(all("thead", [table3])).toHaveLength(1);
    const total = DomUtils.findOne((e) => e.attribs["data-cell-id"] === "table3.total.newReceived", [table3])!;
    expect(text(total)).toBe(String(getCell(doc, "table3.total.newReceived")));
    expect(text(total)).not.toBe("");
  });

  it("sets the page after GB/T 9704: A4, 37/26/35/28 mm margins, 22 lines of 28 characters of 3号, page numbers 「— n —」 at the outside edge", () => {
    expect(html).toContain("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }");
    expect(LINE_HEIGHT_PT).toBeCloseTo(28.99, 1);
    expect(16 + LETTER_SPACING_PT).toBeCloseTo(15.79, 1);
    expect(html).toMatch(/@page :right \{ @bottom-right \{ content: "— " counter\(page\) " —";[^}]*font-size: 14pt/);
    expect(html).toMatch(/@page :left \{ @bottom-left \{ content: "— " counter\(page\) " —";/);
    expect(html).toMatch(/body \{[^}]*font-size: 16pt/);
    expect(html).toMatch(/h1 \{[^}]*font-size: 22pt[^}]*text-align: center/);
  });

  it("names the conventional fonts first, then the free ones Debian ships", () => {
    expect(PRINT_FONTS.title).toMatch(/^"方正小标宋简体".*"Noto Serif CJK SC"/);
    expect(PRINT_FONTS.body).toMatch(/^"仿宋_GB2312".*"AR PL SungtiL GB"/);
    expect(PRINT_FONTS.heiti).toMatch(/^"黑体".*"WenQuanYi Micro Hei".*"Noto Sans CJK SC"/);
    expect(PRINT_FONTS.kaiti).toMatch(/^"楷体_GB2312".*"AR PL KaitiM GB"/);
    expect(html).toMatch(new RegExp(`h2 \\{ font-family: ${PRINT_FONTS.heiti.replace(/[()]/g, "\\$&")}`));
    expect(html).toMatch(new RegExp(`h3 \\{ font-family: ${PRINT_FONTS.kaiti.replace(/[()]/g, "\\$&")}`));
  });
});
