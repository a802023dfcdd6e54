import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { listTableCells } from "@/lib/formats";
import { getCell, setCell } from "@/lib/interchange";
import { numberCellClass } from "../report-styles";
import { StatisticsTable } from "../statistics-table";
import { attr, cellText, elements, loadSeedReport, openingTags, tableMarkup, textOf } from "./markup";

const qingshi = loadSeedReport("qingshi-2023");

function render(tableId: "table2" | "table3" | "table4", doc = qingshi, format: "gov-2021" | "gov-2019-trial" = "gov-2021") {
  return renderToStaticMarkup(<StatisticsTable format={format} tableId={tableId} document={doc} />);
}

/** Every `headers` reference points at a header cell id of the same table. */
function expectHeaderReferencesResolve(html: string): void {
  const ids = new Set(openingTags(html, "th").map((t) => attr(t, "id")));
  for (const td of openingTags(html, "td")) {
    if (attr(td, "data-cell-id") === undefined) continue;
    const headers = attr(td, "headers");
    expect(headers, td).toBeTruthy();
    for (const id of headers?.split(" ") ?? []) expect(ids.has(id), `${id} in ${td}`).toBe(true);
  }
}

describe("StatisticsTable — table 3 of qingshi-2023", () => {
  const html = tableMarkup(render("table3"), "table3");

  it("has the format's title as caption", () => {
    expect(html).toContain("<caption");
    expect(textOf(elements(html, "caption")[0] ?? "")).toBe("三、收到和处理政府信息公开申请情况");
  });

  it("renders 25 data rows of 7 data columns", () => {
    const body = elements(html, "tbody").join("");
    const rowsWithData = elements(body, "tr")
      .map((tr) => openingTags(tr, "td").filter((td) => attr(td, "data-cell-id") !== undefined).length)
      .filter((n) => n > 0);
    expect(rowsWithData).toHaveLength(25);
    expect(rowsWithData.every((n) => n === 7)).toBe(true);
    expect(openingTags(html, "td").filter((td) => attr(td, "data-cell-id"))).toHaveLength(175);
  });

  it("has the merged header rows in thead", () => {
    const head = elements(html, "thead")[0] ?? "";
    expect(elements(head, "tr")).toHaveLength(3);
    expect(head).toMatch(/<th[^>]*scope="colgroup"[^>]*colSpan="5"[^>]*>法人或其他组织<\/th>/i);
    expect(head).toMatch(/<th[^>]*scope="colgroup"[^>]*colSpan="7"[^>]*>申请人情况<\/th>/i);
    expect(head).toMatch(/<th[^>]*scope="col"[^>]*rowSpan="2"[^>]*>自然人<\/th>/i);
    expect(textOf(head)).toContain("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  });

  it("shows the row labels verbatim with their groups", () => {
    const text = textOf(html);
    expect(text).toContain("3.危及“三安全一稳定”");
    expect(text).toContain("（二）部分公开（区分处理的，只计这一情形，不计其他情形）");
    expect(text).toContain("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
    expect(html).toMatch(/<th[^>]*scope="rowgroup"[^>]*rowSpan="22"[^>]*>三、本年度办理结果<\/th>/i);
    expect(html).toMatch(/<th[^>]*scope="rowgroup"[^>]*rowSpan="8"[^>]*>（三）不予公开<\/th>/i);
    expect(html).toMatch(/<th[^>]*scope="row"[^>]*colSpan="3"[^>]*>一、本年新收政府信息公开申请数量<\/th>/i);
  });

  it("shows the document's numbers in the cells", () => {
    const ids = [
      "table3.total.newReceived",
      "table3.total.carriedOver",
      "table3.naturalPerson.results.granted",
      "table3.total.results.unableToProvide.noInfo",
      "table3.total.results.notProcessed.complaint",
      "table3.commercial.results.denied.safetyStability",
      "table3.total.results.totalProcessed",
      "table3.total.carriedForward",
    ];
    for (const id of ids) {
      const value = getCell(qingshi, id);
      expect(typeof value, id).toBe("number");
      expect(cellText(html, id), id).toBe(String(value));
    }
    // Every cell of the table matches the document.
    for (const cell of listTableCells("gov-2021", "table3")) {
      expect(cellText(html, cell.id), cell.id).toBe(String(getCell(qingshi, cell.id)));
    }
  });

  it("right-aligns numbers with tabular figures", () => {
    const td = openingTags(html, "td").find((t) => attr(t, "data-cell-id") === "table3.total.newReceived") ?? "";
    expect(attr(td, "class")?.split(" ")).toContain(numberCellClass);
    const rule = new RegExp(`\\.${numberCellClass}\\s*\\{([^}]*)\\}`).exec(readFileSync(path.resolve(__dirname, "../../../app/globals.css"), "utf8"))?.[1] ?? "";
    expect(rule).toContain("text-right");
    expect(rule).toContain("tabular-nums");
  });

  it("associates every data cell with its headers", () => {
    expectHeaderReferencesResolve(html);
    const td = openingTags(html, "td").find((t) => attr(t, "data-cell-id") === "table3.social.results.denied.processInfo") ?? "";
    const headerTexts = (attr(td, "headers") ?? "").split(" ").map((id) => {
      const th = elements(html, "th").find((t) => attr(t, "id") === id) ?? "";
      return textOf(th);
    });
    expect(headerTexts).toEqual(["申请人情况", "法人或其他组织", "社会公益组织", "三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"]);
  });

  it("sits in a focusable, labelled scroll container", () => {
    const rendered = render("table3");
    expect(rendered).toMatch(/^<div role="region" aria-label="[^"]+" tabindex="0" class="[^"]*overflow-x-auto/);
  });
});

describe("StatisticsTable — tables 2 and 4", () => {
  it("table 4 has 15 data cells under the three-level header", () => {
    const html = tableMarkup(render("table4"), "table4");
    const cells = openingTags(html, "td").filter((td) => attr(td, "data-cell-id"));
    expect(cells).toHaveLength(15);
    expect(elements(elements(html, "thead")[0] ?? "", "tr")).toHaveLength(3);
    expect(html).toMatch(/<th[^>]*colSpan="10"[^>]*>行政诉讼<\/th>/i);
    expect(html).toMatch(/<th[^>]*colSpan="5"[^>]*rowSpan="2"[^>]*>行政复议<\/th>/i);
    expect(cellText(html, "table4.review.maintain")).toBe("1");
    expect(cellText(html, "table4.litigationPostReview.total")).toBe("0");
    expectHeaderReferencesResolve(html);
  });

  it("table 2 shows the fee as stored (no rounding) and the unit in the header", () => {
    const html = tableMarkup(render("table2"), "table2");
    expect(getCell(qingshi, "table2.fees.amountWanYuan")).toBe(0.3625);
    expect(cellText(html, "table2.fees.amountWanYuan")).toBe("0.3625");
    expect(textOf(html)).toContain("本年收费金额（单位：万元）");
    expect(textOf(html)).toContain("第二十条第（一）项");
    expect(cellText(html, "table2.normativeDocuments.valid")).toBe("17");
    // One tbody per block; block headers and column headers are scoped header cells.
    expect(elements(html, "tbody")).toHaveLength(4);
    expect(html).toMatch(/<th[^>]*scope="colgroup"[^>]*colSpan="4"[^>]*>第二十条第（八）项<\/th>/i);
    expectHeaderReferencesResolve(html);
  });

  it("shows a six-decimal amount verbatim", () => {
    const doc = setCell(qingshi, "table2.fees.amountWanYuan", 190.457379);
    expect(cellText(render("table2", doc), "table2.fees.amountWanYuan")).toBe("190.457379");
  });

  it("headers of a table 2 cell stay within its block", () => {
    const html = render("table2");
    const td = openingTags(html, "td").find((t) => attr(t, "data-cell-id") === "table2.punishment.decisions") ?? "";
    const texts = (attr(td, "headers") ?? "").split(" ").map((id) => textOf(elements(html, "th").find((t) => attr(t, "id") === id) ?? ""));
    expect(texts).toEqual(["第二十条第（六）项", "本年处理决定数量", "行政处罚"]);
  });

  it("renders a blank cell empty with an accessible 「未填写」", () => {
    const draft = loadSeedReport("qingshi-2024-draft");
    const blank = listTableCells("gov-2021", "table3").find((c) => getCell(draft, c.id) === null);
    expect(blank).toBeDefined();
    const html = render("table3", draft);
    expect(cellText(html, blank?.id ?? "")).toBe('<span class="sr-only">未填写</span>');
  });

  it("renders the 2019 trial tables", () => {
    const html = render("table2", qingshi, "gov-2019-trial");
    expect(textOf(html)).toContain("第二十条第（九）项");
    expect(textOf(html)).toContain("本年增/减");
    const t3 = render("table3", qingshi, "gov-2019-trial");
    const rows = elements(elements(t3, "tbody").join(""), "tr").filter((tr) => tr.includes("data-cell-id"));
    expect(rows).toHaveLength(23);
  });

  it("renders nothing for a table the format does not have", () => {
    expect(renderToStaticMarkup(<StatisticsTable format="legacy-freeform" tableId="table3" document={qingshi} />)).toBe("");
  });

  it("can hide the caption visually", () => {
    const html = renderToStaticMarkup(<StatisticsTable format="gov-2021" tableId="table4" document={qingshi} hideCaption idPrefix="x" />);
    expect(html).toContain('<caption class="sr-only">四、政府信息公开行政复议、行政诉讼情况</caption>');
    expect(html).toContain('id="x-0-0"');
  });
});
