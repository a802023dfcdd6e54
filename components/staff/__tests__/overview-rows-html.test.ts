import { describe, expect, it } from "vitest";
import { findElements, parseHtml, textOf, type HtmlElement } from "@/lib/document/html-tree";
import { overviewRowCells, overviewRowsHtml as rowsHtmlOfCells, type OverviewRowView } from "../overview-rows-html";

const row = (over: Partial<OverviewRowView> = {}): OverviewRowView => ({
  unitName: "青石镇人民政府",
  parentName: "示例县人民政府",
  unitActive: true,
  reportId: 12,
  status: "published",
  publishedAt: new Date("2024-01-20T02:00:00Z"),
  isPublic: true,
  inCorrection: false,
  scheduledAt: null,
  withdrawnAt: null,
  filing: null,
  deadline: "2024-01-31",
  late: null,
  daysLate: 0,
  ...over,
});

/** The rows as the page writes them: each row's cells, then the HTML. */
const overviewRowsHtml = (rows: OverviewRowView[], showParents: boolean) => rowsHtmlOfCells(rows.map(overviewRowCells), showParents);

/** The rows as a browser reads them: one array of cell texts per row. */
function cells(html: string): string[][] {
  const isCell = (n: unknown): n is HtmlElement => (n as HtmlElement).type === "element" && ["th", "td"].includes((n as HtmlElement).tag);
  return findElements(parseHtml(html), "tr").map((tr) => tr.children.filter(isCell).map(textOf));
}

describe("the overview's rows", () => {
  it("shows each unit with its status, dates and lateness, linking a public report", () => {
    const html = overviewRowsHtml([row(), row({ unitName: "柳溪镇人民政府", reportId: null, status: "not_started", publishedAt: null, isPublic: false, late: "overdue", daysLate: 3 })], true);
    expect(cells(html)).toEqual([
      ["青石镇人民政府", "已发布", "2024-01-20", "2024-01-31", "按时发布", "—", "示例县人民政府"],
      ["柳溪镇人民政府", "未开始", "—", "2024-01-31", "逾期未发布（已逾期 3 天）", "—", "示例县人民政府"],
    ]);
    expect(html).toContain('<a href="/reports/12">青石镇人民政府</a>');
    expect(html).toContain('<tr class="bg-red-50">');
    expect(cells(overviewRowsHtml([row()], false))[0]).toHaveLength(6);
  });

  it("writes an ordinary row without classes: the table styles its hundreds of rows once", () => {
    expect(overviewRowsHtml([row(), row({ reportId: null, status: "draft", publishedAt: null, isPublic: false })], true)).not.toContain("class=");
  });

  it("adds the correction, the scheduled time (China time) or the withdrawal date to the status", () => {
    const html = overviewRowsHtml(
      [
        row({ status: "submitted", inCorrection: true }),
        row({ status: "scheduled", isPublic: false, reportId: 13, publishedAt: null, scheduledAt: new Date("2024-02-01T01:30:00Z") }),
        row({ status: "withdrawn", isPublic: false, withdrawnAt: new Date("2024-03-01T20:00:00Z"), late: "overdue", daysLate: 30 }),
      ],
      false,
    );
    expect(cells(html).map((r) => r[1])).toEqual(["待审核（修订中，已发布的版本仍公开）", "定时发布（2024-02-01 09:30）", "已撤回（2024-03-02 撤回）"]);
    // Only a public report is linked; a scheduled one is not yet.
    expect(html).toContain('<a href="/reports/12">');
    expect(html).not.toContain("/reports/13");
  });

  it("escapes every name, so a unit called like markup stays text", () => {
    const hostile = `<img src=x onerror="alert(1)">&"'`;
    const html = overviewRowsHtml([row({ unitName: hostile, parentName: hostile, unitActive: false })], true);
    expect(html).not.toContain("<img");
    expect(cells(html)[0]![0]).toBe(`${hostile}（已停用）`);
    expect(cells(html)[0]![6]).toBe(hostile);
  });

  it("says how far each report's 备案 with the unit above has got", () => {
    const html = overviewRowsHtml([row({ filing: "pending" }), row({ filing: "accepted" }), row({ filing: "returned" }), row()], false);
    expect(cells(html).map((r) => r[5])).toEqual(["待备案", "已备案", "已退回", "—"]);
  });

  it("says so when there are no units", () => {
    expect(cells(overviewRowsHtml([], true))).toEqual([["本单位没有下级单位。"]]);
  });
});
