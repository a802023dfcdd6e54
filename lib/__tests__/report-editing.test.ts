import { describe, expect, it } from "vitest";
import { completionRefusal, isBlankHtml } from "@/lib/report-editing";
import { checkReport } from "@/lib/rules";
import { consistent2023 } from "@/lib/rules/__tests__/fixtures";

const error = (cell: string) => ({ severity: "error" as const, cells: [cell] });
const warning = (cell: string) => ({ severity: "warning" as const, cells: [cell] });

describe("isBlankHtml", () => {
  it("sees no text in empty paragraphs, line breaks and non-breaking spaces", () => {
    for (const html of ["", "<p></p>", "<p><br></p>", "<p>&nbsp; </p>", "<p>&#160;</p>", "<h2></h2><p> </p>"]) expect(isBlankHtml(html), html).toBe(true);
    for (const html of ["<p>无</p>", "<p>0</p>", "<ul><li>一项</li></ul>"]) expect(isBlankHtml(html), html).toBe(false);
  });
});

describe("completionRefusal: when a section may be marked 已完成", () => {
  it("a narrative section needs text", () => {
    expect(completionRefusal({ kind: "narrative", html: "<p></p>" }, [])).toBe("本部分尚未填写，不能标记为已完成。");
    expect(completionRefusal({ kind: "narrative", html: "<p>本年度未发生。</p>" }, [])).toBeNull();
  });

  it("a table section may have warnings and other tables' errors, but no errors of its own", () => {
    const section = { kind: "table" as const, tableId: "table3" as const, cells: null };
    expect(completionRefusal(section, [warning("table3.total.newReceived"), error("table4.review.total")])).toBeNull();
    expect(completionRefusal(section, [error("table3.naturalPerson.carriedForward"), error("table3.total.carriedForward"), error("table2.regulations.made")])).toBe(
      "本部分还有 2 个错误，改正后才能标记为已完成。",
    );
  });

  it("agrees with the rule engine: an empty table is refused, a consistent one is not", () => {
    const consistent = consistent2023();
    const emptyTables = { ...consistent, tables: { ...consistent.tables, table4: {} } };
    const table4 = { kind: "table" as const, tableId: "table4" as const, cells: null };
    expect(completionRefusal(table4, checkReport("gov-2021", consistent))).toBeNull();
    // Cells not filled in are not mistakes, but a table with blanks is not done either.
    expect(completionRefusal(table4, checkReport("gov-2021", emptyTables))).toBe("本部分还有 12 格未填写，填写后才能标记为已完成。"); // 15 cells, 3 of them computed totals
  });

  it("counts a consequence once, under its cause", () => {
    const section = { kind: "table" as const, tableId: "table3" as const, cells: null };
    const cause = error("table3.naturalPerson.results.granted");
    const consequence = { ...error("table3.total.results.granted"), consequenceOf: "R3-1 naturalPerson" };
    expect(completionRefusal(section, [cause, consequence])).toBe("本部分还有 1 个错误，改正后才能标记为已完成。");
  });
});
