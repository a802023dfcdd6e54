import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ReportDocument } from "@/lib/interchange";
import { ReportDocumentView, reportBlocks } from "../report-document";
import { narrativeClass } from "../report-styles";
import { attr, cellText, elements, loadSeedReport, openingTags, textOf } from "./markup";

const qingshi = loadSeedReport("qingshi-2023");
const heqiao = loadSeedReport("heqiao-2017");

const render = (document: ReportDocument, props: Partial<Parameters<typeof ReportDocumentView>[0]> = {}) =>
  renderToStaticMarkup(<ReportDocumentView document={document} mode="public" {...props} />);

const h2Texts = (html: string) => elements(html, "h2").map(textOf);

describe("ReportDocumentView — gov-2021", () => {
  const html = render(qingshi, { viewCount: 321 });

  it("shows the title as the only h1", () => {
    expect(elements(html, "h1").map(textOf)).toEqual(["示例县青石镇人民政府2023年政府信息公开工作年度报告"]);
  });

  it("puts the statistics tables between the narrative sections in the format's order", () => {
    expect(h2Texts(html)).toEqual([
      "一、总体情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ]);
    const order = ["preamble", "overview", "proactive", "applications", "reviewLitigation", "problems", "other"];
    const positions = order.map((key) => html.indexOf(`data-section-key="${key}"`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html.indexOf('data-table-id="table2"')).toBeGreaterThan(html.indexOf('data-section-key="proactive"'));
    expect(html.indexOf('data-table-id="table2"')).toBeLessThan(html.indexOf('data-section-key="applications"'));
  });

  it("renders the untitled preamble before section 一 and the narrative HTML as given", () => {
    const preamble = html.indexOf('data-section-key="preamble"');
    expect(preamble).toBeGreaterThan(-1);
    expect(preamble).toBeLessThan(html.indexOf("一、总体情况"));
    expect(html).toContain("<h3>（一）主动公开</h3>");
    expect(html).toContain(`<div class="${narrativeClass}"><p>`);
    expect(readFileSync(path.resolve(__dirname, "../../../app/globals.css"), "utf8")).toMatch(/\.rt-prose p \{\s*@apply my-2 indent-\[2em\];/);
  });

  it("shows the table data and the fee verbatim", () => {
    expect(cellText(html, "table2.fees.amountWanYuan")).toBe("0.3625");
    expect(openingTags(html, "td").filter((t) => attr(t, "data-cell-id")?.startsWith("table4."))).toHaveLength(15);
  });

  it("shows 发布时间 · 来源 · 浏览量 with a substitutable view count", () => {
    expect(textOf(html)).toContain("发布时间：2024-01-16 09:30");
    expect(textOf(html)).toContain("来源：青石镇");
    expect(html).toContain('<span data-view-count="321">321</span>');
    expect(html).toContain('<time dateTime="2024-01-16T09:30:00+08:00">');
  });

  it("renders a zero view count on public pages when none is given", () => {
    expect(render(qingshi)).toContain('data-view-count="0"');
  });

  it("ends with the signature", () => {
    const footer = elements(html, "footer")[0] ?? "";
    expect(textOf(footer)).toBe("示例县青石镇人民政府2024年1月14日");
    expect(footer).toContain("text-right");
    expect(html.lastIndexOf("<footer")).toBeGreaterThan(html.indexOf('data-section-key="other"'));
  });

  it("puts narrative sections the format does not define after the format's sections", () => {
    const doc: ReportDocument = {
      ...qingshi,
      sections: [{ key: "extra", heading: "七、附记", html: "<p>附记内容。</p>" }, ...qingshi.sections],
    };
    expect(h2Texts(render(doc)).at(-1)).toBe("七、附记");
    expect(reportBlocks(doc).map((b) => b.key)).toEqual([
      "preamble",
      "overview",
      "proactive",
      "applications",
      "reviewLitigation",
      "problems",
      "other",
      "extra",
    ]);
  });
});

describe("ReportDocumentView — legacy heqiao-2017", () => {
  const html = render(heqiao);
  const text = textOf(html);

  it("renders the sections in document order", () => {
    expect(h2Texts(html)).toEqual([
      "一、2017年政务公开工作完成情况及成效",
      "二、工作存在的困难和问题",
      "三、2018年工作打算",
      "四、附表",
    ]);
    expect(html).not.toContain("data-table-id");
  });

  it("renders all 8 附表 titles after 「四、附表」", () => {
    const titles = elements(html, "h3")
      .filter((h) => attr(h, "id")?.includes("attachment"))
      .map(textOf);
    expect(titles).toEqual(heqiao.attachments.map((a) => a.title));
    expect(titles).toHaveLength(8);
    expect(html.indexOf("(一)主动公开情况")).toBeGreaterThan(html.indexOf("四、附表"));
  });

  it("renders attachment tables with their column headers, and titles only for empty ones", () => {
    expect(html).toMatch(/<th scope="col"[^>]*>单位<\/th>/);
    expect(html).toMatch(/<th scope="col"[^>]*>未公开数<\/th>/);
    expect(text).toContain("咨询电话接听数人次1050");
    // (一)(三)(六)(七) have rows; (二)(四)(五)(八) are just titles.
    expect(elements(html, "table").filter((t) => t.includes("aria-labelledby"))).toHaveLength(4);
    const empty = html.indexOf("(二)依申请公开情况(无)");
    expect(html.slice(empty, html.indexOf("(三)政务公开咨询情况")).includes("<table")).toBe(false);
  });

  it("ends with the 落款 of the original page", () => {
    const footer = textOf(elements(html, "footer")[0] ?? "");
    expect(footer).toContain("杭州市临安区河桥镇人民政府");
    expect(footer).toContain("2018年4月6日");
  });

  it("shows the byline of the seed page", () => {
    expect(text).toContain("发布时间：2018-04-24 17:02");
    expect(text).toContain("来源：河桥镇");
  });
});

describe("ReportDocumentView — signature fallback", () => {
  it("uses the publisher and 成文日期 when the document has no signature", () => {
    const doc: ReportDocument = { ...qingshi, signature: null, metadata: { ...qingshi.metadata, publisher: "示例县青石镇人民政府", writtenOn: "2024-01-05" } };
    expect(textOf(elements(render(doc), "footer")[0] ?? "")).toBe("示例县青石镇人民政府2024年1月5日");
  });

  it("falls back to the unit's name without a publisher", () => {
    const doc: ReportDocument = { ...qingshi, signature: undefined, metadata: { ...qingshi.metadata, publisher: null, writtenOn: null } };
    expect(textOf(elements(render(doc), "footer")[0] ?? "")).toBe("示例县青石镇人民政府");
  });
});

describe("ReportDocumentView — preview and public modes", () => {
  const draft = loadSeedReport("qingshi-2024-draft");

  it("preview shows the 草稿 marker and the findings summary", () => {
    const html = render(draft, { mode: "preview", findingsSummary: { errors: 2, warnings: 1 } });
    const note = openingTags(html, "div").find((d) => attr(d, "role") === "note");
    expect(note).toBeDefined();
    expect(text(html)).toContain("草稿 · 预览");
    expect(text(html)).toContain("发现 2 个错误、1 个提醒");
    // The marker comes before the report itself.
    expect(html.indexOf("草稿 · 预览")).toBeLessThan(html.indexOf("<h1"));
  });

  it("the marker counts empty sections in the verdict: an empty report is not 「未发现问题」", () => {
    const empty: ReportDocument = { ...draft, sections: draft.sections.map((s) => ({ ...s, html: "<p></p>" })) };
    const html = render(empty, { mode: "preview", findingsSummary: { errors: 0, warnings: 0 } });
    expect(text(html)).toContain(`校验结果：${empty.sections.length} 个部分尚未填写`);
    expect(text(html)).not.toContain("未发现问题");
    expect(text(render(qingshi, { mode: "preview", findingsSummary: { errors: 0, warnings: 0 } }))).toContain("校验结果：未发现问题");
  });

  it("the marker states the real status; a published report links to its public page", () => {
    const submitted = text(render(draft, { mode: "preview", status: "submitted" }));
    expect(submitted).toContain("待审核 · 预览");
    expect(submitted).not.toContain("草稿");
    const published = render(qingshi, { mode: "preview", status: "published", publicHref: "/reports/7" });
    expect(text(published)).toContain("已发布");
    expect(text(published)).not.toContain("尚未对外公开");
    expect(published).toMatch(/<a href="\/reports\/7"[^>]*>查看公开页面<\/a>/);
  });

  it("preview marks empty sections and the missing publication date", () => {
    const html = render(draft, { mode: "preview" });
    expect(text(html)).toContain("发布时间：尚未发布");
    expect(html).toContain("data-empty-section");
    expect(html).not.toContain("data-view-count");
  });

  it("public mode has no draft marker", () => {
    const html = render(qingshi, { findingsSummary: { errors: 2, warnings: 1 } });
    expect(html).not.toContain("草稿");
    expect(html).not.toContain('role="note"');
    expect(html).not.toContain("发现 2 个错误");
    expect(html).not.toContain("data-empty-section");
  });

  it("public mode leaves out format sections the document does not have", () => {
    const doc: ReportDocument = { ...qingshi, sections: qingshi.sections.filter((s) => s.key !== "problems") };
    expect(h2Texts(render(doc))).not.toContain("五、存在的主要问题及改进情况");
    expect(h2Texts(render(doc, { mode: "preview" }))).toContain("五、存在的主要问题及改进情况");
  });

  it("links the other years' reports when given", () => {
    const html = render(qingshi, {
      editions: [
        { year: 2023, href: "/reports/2", current: true },
        { year: 2022, href: "/reports/1" },
      ],
    });
    expect(html).toContain('aria-label="历年报告"');
    expect(html).toContain('<span aria-current="page"');
    expect(html).toMatch(/<a href="\/reports\/1"[^>]*>2022年度报告<\/a>/);
  });
});

function text(html: string): string {
  return textOf(html);
}
