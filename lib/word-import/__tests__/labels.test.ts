import { describe, expect, it } from "vitest";
import { reportDocx } from "@/lib/document/docx";
import { getTable, listCells } from "@/lib/formats";
import { createEmptyReport, getCell, setCell } from "@/lib/interchange";
import { LabelIndex, importWordFile, looseLabel, normalizeLabel, parseCellText, readWordHtml } from "@/lib/word-import";
import { placeTable } from "@/lib/word-import/tables";
import { parseHtml, type HtmlElement } from "@/lib/document/html-tree";

describe("label variants real reports use", () => {
  it.each([
    ["（三）不予公开", "(三) 不予公开"],
    ["（三）不予公开", "（三）不 予 公 开"],
    ["1.属于国家秘密", "1、属于国家秘密"],
    ["1.属于国家秘密", "1．属于国家秘密"],
    ["3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""],
    ["3.危及“三安全一稳定”", "3.危及三安全一稳定"],
    ["第二十条第（一）项", "第二十条第(一)项"],
    ["本年收费金额（单位：万元）", "本年收费金额(单位:万元)"],
  ])("%s = %s", (label, variant) => {
    expect(normalizeLabel(variant)).toBe(normalizeLabel(label));
  });

  it("falls back to the label without its bracketed note, only when that is unique", () => {
    const index = new LabelIndex<string>();
    index.add("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial");
    index.add("本年收费金额（单位：万元）", "fees");
    expect(index.find("(二)部分公开")).toBe("partial");
    expect(index.find("本年收费金额（万元）")).toBe("fees");
    expect(index.find("本年收费金额")).toBe("fees");
    expect(looseLabel("（三）不予公开")).toBe("三不予公开");
    const ambiguous = new LabelIndex<string>();
    ambiguous.add("合计（件）", "a");
    ambiguous.add("合计（万元）", "b");
    expect(ambiguous.find("合计")).toBeUndefined();
  });

  it("reads cell text: blanks stay blank, never 0", () => {
    expect(parseCellText("")).toEqual({ ok: true, value: null });
    expect(parseCellText(" — ")).toEqual({ ok: true, value: null });
    expect(parseCellText("/")).toEqual({ ok: true, value: null });
    expect(parseCellText("无")).toEqual({ ok: true, value: null });
    expect(parseCellText("0")).toEqual({ ok: true, value: 0 });
    expect(parseCellText("１２")).toEqual({ ok: true, value: 12 });
    expect(parseCellText("1,234")).toEqual({ ok: true, value: 1234 });
    expect(parseCellText("0.3625")).toEqual({ ok: true, value: 0.3625 });
    expect(parseCellText("5件")).toEqual({ ok: true, value: 5 });
    expect(parseCellText("-3")).toEqual({ ok: true, value: -3 });
    expect(parseCellText("约5")).toEqual({ ok: false });
  });
});

const table = (html: string) => parseHtml(html)[0] as HtmlElement;

describe("placing a table by its labels", () => {
  it("places table 4 with spaces in the header, a blank cell and an extra title row", () => {
    const result = placeTable(
      getTable("gov-2021", "table4")!,
      table(
        `<table><tr><td colspan="15">政府信息公开行政复议、行政诉讼情况</td></tr>` +
          `<tr><td colspan="5" rowspan="2">行政 复议</td><td colspan="10">行政诉讼</td></tr>` +
          `<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>` +
          `<tr>${"<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总 计</td>".repeat(3)}</tr>` +
          `<tr><td>1</td><td>2</td><td></td><td>0</td><td>3</td>${"<td>0</td>".repeat(10)}</tr></table>`,
      ),
    );
    expect(result.unplaced).toEqual([]);
    expect(result.values.get("table4.review.maintain")).toBe(1);
    expect(result.values.get("table4.review.correct")).toBe(2);
    expect(result.values.get("table4.review.other")).toBeNull();
    expect(result.values.get("table4.review.total")).toBe(3);
    expect(result.values.get("table4.litigationPostReview.total")).toBe(0);
    expect(result.values.size).toBe(15);
  });

  it("names a value that is not a number and a row it does not know", () => {
    const result = placeTable(
      getTable("gov-2021", "table2")!,
      table(
        `<table><tr><td colspan="4">第二十条第(一)项</td></tr><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>` +
          `<tr><td>规 章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政规范性文件</td><td>3</td><td>若干</td><td>9</td></tr>` +
          `<tr><td>部门文件</td><td>1</td><td>1</td><td>1</td></tr></table>`,
      ),
    );
    expect(result.values.get("table2.regulations.made")).toBe(0);
    expect(result.values.get("table2.normativeDocuments.valid")).toBe(9);
    expect(result.values.has("table2.normativeDocuments.repealed")).toBe(false);
    expect(result.unplaced).toEqual([
      "二、主动公开政府信息情况「行政规范性文件」「本年废止件数」：「若干」不是数字，未填入",
      "二、主动公开政府信息情况：未识别的行「部门文件」",
    ]);
  });

  it("reads the 2019 trial layout (its table 二 and table 三's single 其他处理 row)", async () => {
    let doc = createEmptyReport({ format: "gov-2019-trial", year: 2020, unit: { name: "示例县青石镇人民政府", kind: "township" } });
    listCells("gov-2019-trial").forEach((cell, i) => {
      doc = setCell(doc, cell.id, i % 9 === 0 ? null : cell.type === "signedInt" ? 1 - (i % 4) : i % 6);
    });
    const imported = await importWordFile(await reportDocx(doc), "gov-2019-trial");
    for (const cell of listCells("gov-2019-trial")) expect(getCell(imported.document, cell.id), cell.id).toBe(getCell(doc, cell.id));
  }, 30_000);

  it("finds sections by headings with half-width punctuation and spaces, and a statistics table outside its section", () => {
    const result = readWordHtml(
      `<p>某镇2023年政府信息公开工作年度报告</p><p>一 . 总体情况</p><p>正文。</p>` +
        `<p>四，政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>问题。</p>`,
      "gov-2021",
    );
    expect(result.document.sections.map((s) => [s.key, s.heading, s.html])).toEqual([
      ["overview", "一、总体情况", "<p>正文。</p>"],
      ["problems", "五、存在的主要问题及改进情况", "<p>问题。</p>"],
    ]);
    expect(result.unplaced).toEqual(["「四、政府信息公开行政复议、行政诉讼情况」下没有找到表格"]);
  });

  it("does not take a numbered line inside a section for the next section", () => {
    const result = readWordHtml(`<p>一、总体情况</p><p>二、依申请公开</p><p>全年收到申请3件。</p><p>五、存在的主要问题及改进情况</p><p>问题。</p>`, "gov-2021");
    expect(result.document.sections.map((s) => [s.key, s.html])).toEqual([
      ["overview", "<p>二、依申请公开</p><p>全年收到申请3件。</p>"],
      ["problems", "<p>问题。</p>"],
    ]);
  });

  it("refuses a file in which nothing is recognised", () => {
    expect(() => readWordHtml("<p>会议通知</p><p>请各村于周五前报送材料。</p>", "gov-2021")).toThrow(/未能识别/);
  });
});
