import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listCells, type CellId } from "@/lib/formats";
import {
  getTableValue,
  isReportParseError,
  parseReportDocument,
  type CellValue,
  type ReportDocument,
  type ReportTables,
} from "@/lib/interchange";
import { toChineseNumeral } from "@/lib/rules/chinese-numerals";
import { TEXT_FIGURE_CELLS, checkTextFigures } from "@/lib/rules/text-figures";
import type { Finding } from "@/lib/rules";
import { consistentTablesArb } from "./arbitraries";
import { LEAVES_2023, withCells, zeroReport } from "./fixtures";

/*
 * The consistent 2023 fixture (LEAVES_2023) has, in the 总计 column: 新收 14, 上年结转 2,
 * 予以公开 8, 部分公开 1, 不予公开 1, 无法提供 4, 不予处理 1, 其他处理 0, 办结 15, 结转下年度 1;
 * 自然人 新收 11 (+ 结转 2), 法人或其他组织 新收 3; 复议 2, 直接起诉 1, 复议后起诉 0;
 * 规范性文件 制发 2 / 废止 1 / 现行有效 10; 许可 15, 处罚 30, 强制 2; 收费 0.5 万元.
 */
function report(text: string | readonly string[], cells: Readonly<Record<CellId, CellValue>> = {}, year = 2023): ReportDocument {
  const doc = withCells(withCells(zeroReport("gov-2021", year), LEAVES_2023, true), cells);
  const paragraphs = typeof text === "string" ? [text] : text;
  return {
    ...doc,
    sections: [
      { key: "preamble", heading: "", html: "<p>本报告根据《条例》编制。</p>" },
      { key: "overview", heading: "一、总体情况", html: paragraphs.map((p) => `<p>${p}</p>`).join("") },
    ],
  };
}

function check(text: string | readonly string[], cells: Readonly<Record<CellId, CellValue>> = {}): Finding[] {
  const doc = report(text, cells);
  return checkTextFigures(doc, doc.tables);
}

describe("X-1 phrases: each must warn on a wrong figure and stay silent on the right one", () => {
  // [phrase before the number, right value, wrong value, first cell compared]
  const cases: readonly (readonly [string, number, number, CellId])[] = [
    ["全年共收到政府信息公开申请", 14, 15, "table3.total.newReceived"],
    ["本年度新收政府信息公开申请", 14, 13, "table3.total.newReceived"],
    ["全年共受理依申请公开申请", 14, 20, "table3.total.newReceived"],
    ["上年结转", 2, 3, "table3.total.carriedOver"],
    ["全年办结", 15, 14, "table3.total.results.totalProcessed"],
    ["依法答复", 15, 16, "table3.total.results.totalProcessed"],
    ["共处理", 15, 12, "table3.total.results.totalProcessed"],
    ["其中予以公开", 8, 7, "table3.total.results.granted"],
    ["部分公开", 1, 2, "table3.total.results.partialGrant"],
    ["不予公开", 1, 0, "table3.total.results.denied.stateSecret"],
    ["无法提供", 4, 3, "table3.total.results.unableToProvide.noInfo"],
    ["不予处理", 1, 2, "table3.total.results.notProcessed.complaint"],
    ["其他处理", 0, 1, "table3.total.results.other.overdueCorrection"],
    ["结转下年度继续办理", 1, 2, "table3.total.carriedForward"],
    ["全年因政府信息公开工作被申请行政复议", 2, 3, "table4.review.total"],
    ["提起行政诉讼", 1, 2, "table4.litigationDirect.total"],
    ["本年度制发行政规范性文件", 2, 3, "table2.normativeDocuments.made"],
    ["出台规范性文件", 2, 1, "table2.normativeDocuments.made"],
    ["规范性文件清理后现行有效", 10, 11, "table2.normativeDocuments.valid"],
    ["截至年底仍有效的行政规范性文件", 10, 9, "table2.normativeDocuments.valid"],
    ["转入下一年度继续办理", 1, 0, "table3.total.carriedForward"],
    ["一年里新收申请", 14, 12, "table3.total.newReceived"],
    ["答复完毕的", 15, 13, "table3.total.results.totalProcessed"],
    ["作出行政许可决定", 15, 16, "table2.licensing.decisions"],
    ["行政处罚决定", 30, 31, "table2.punishment.decisions"],
    ["行政强制决定", 2, 3, "table2.coercion.decisions"],
    ["其中自然人", 11, 12, "table3.naturalPerson.newReceived"],
    ["法人或其他组织", 3, 4, "table3.commercial.newReceived"],
    ["予以公开及部分公开", 9, 10, "table3.total.results.granted"],
  ];

  // Generic words (办结, 自然人 …) count only in a sentence about applications: give them one.
  const lead = "全年共收到政府信息公开申请14件；";
  it.each(cases)("%s N件", (phrase, right, wrong, cell) => {
    expect(check(`${lead}${phrase}${right}件。`)).toEqual([]);
    const findings = check(`${lead}${phrase}${wrong}件。`);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "X-1", severity: "warning", cells: [cell], actual: wrong, path: "sections.1.html" });
  });

  it("废止 counts documents when the sentence is about 规范性文件", () => {
    expect(check("本年度制发行政规范性文件2件、废止1件，现行有效10件。")).toEqual([]);
    const findings = check("本年度制发行政规范性文件2件、废止3件，现行有效10件。");
    expect(findings).toMatchObject([{ cells: ["table2.normativeDocuments.repealed"], expected: 1, actual: 3 }]);
    expect(check("清理废止各类文件3件。")).toEqual([]);
  });

  it("收费 in 万元 and in 元, rounded as written", () => {
    expect(check("本年度行政事业性收费0.5万元。")).toEqual([]);
    expect(check("本年度行政事业性收费５０００元。")).toEqual([]);
    expect(check("收费金额0.50万元。")).toEqual([]);
    expect(check("收费金额0.47万元。", { "table2.fees.amountWanYuan": 0.466 })).toEqual([]);
    expect(check("本年度收费0.6万元。")).toHaveLength(1);
    expect(check("本年度行政事业性收费0.6万元。")).toMatchObject([{ cells: ["table2.fees.amountWanYuan"], expected: 0.5, actual: 0.6 }]);
    expect(check("本年度行政事业性收费五万元。")).toMatchObject([{ expected: 0.5, actual: 5 }]);
    expect(check("本年度行政事业性收费十万万元。")).toMatchObject([{ expected: 0.5, actual: 100_000 }]);
  });

  it("信息处理费 is not table 二's 行政事业性收费 and is not compared", () => {
    expect(check("本年度收取信息处理费0.02万元，发出收费通知3件。")).toEqual([]);
    expect(check("本年度未收取信息处理费。")).toEqual([]);
  });

  it("a figure binds to the nearest phrase: 「予以公开8件、部分公开1件」 are two claims", () => {
    expect(check("办结15件，其中予以公开8件、部分公开1件、不予公开1件、无法提供4件、不予处理1件。")).toEqual([]);
    const findings = check("办结15件，其中予以公开1件、部分公开8件。");
    expect(findings.map((f) => f.cells[0])).toEqual(["table3.total.results.granted", "table3.total.results.partialGrant"]);
  });
});

describe("X-1 readings that accept either value", () => {
  it("收到/受理…申请 may be the year's workload (新收 + 上年结转)", () => {
    expect(check("全年共收到政府信息公开申请16件。")).toEqual([]);
    expect(check("全年受理政府信息公开申请16宗。")).toEqual([]);
    const [finding] = check("全年共收到政府信息公开申请17件。");
    expect(finding?.message).toBe(
      "正文写“收到政府信息公开申请17件”，但表三“本年新收政府信息公开申请数量”总计为 14 件，本年新收与上年结转申请之和为 16 件，请核对",
    );
    expect(finding?.expected).toBe(14);
  });

  it("an organisation column named by its heading", () => {
    const sentence = "新收申请14件（其中自然人申请11件，商业企业申请2件，科研机构申请0件，法律服务机构申请1件）";
    expect(check(`${sentence}。`)).toEqual([]);
    expect(check("新收申请14件（其中自然人申请11件，商业企业申请3件）。")).toMatchObject([
      { cells: ["table3.commercial.newReceived"], expected: 2, actual: 3 },
    ]);
  });

  it("自然人 may include the applications carried over", () => {
    expect(check("其中自然人13件。")).toEqual([]);
  });

  it("法人或其他组织 is the sum of the five organisation columns", () => {
    expect(check("申请人中法人或其他组织3件。", { "table3.research.newReceived": 0 })).toEqual([]);
    expect(check("申请人中法人或其他组织3件。", { "table3.social.newReceived": 2 })).toHaveLength(1);
  });

  it("复议、诉讼…共N件 or 相关案件N件 may be either total or their sum", () => {
    expect(check("全年发生行政复议、行政诉讼案件共3件。")).toEqual([]);
    expect(check("全年发生行政复议和行政诉讼共2件。")).toEqual([]);
    expect(check("全年发生行政复议和行政诉讼共1件。")).toEqual([]);
    expect(check("涉及政府信息公开的相关案件3件。")).toEqual([]);
    expect(check("全年发生行政复议、行政诉讼案件共5件。")).toMatchObject([{ cells: ["table4.review.total"], expected: 3, actual: 5 }]);
  });

  it("a generic word finds its context in an earlier sentence of the paragraph", () => {
    expect(check("全年共收到政府信息公开申请14件。办结15件，其中予以公开8件。")).toEqual([]);
    expect(check("全年共收到政府信息公开申请14件。办结16件，其中予以公开9件。").map((f) => f.cells[0])).toEqual([
      "table3.total.results.totalProcessed",
      "table3.total.results.granted",
    ]);
    expect(check("从办理结果看，予以公开9件。")).toHaveLength(1);
  });

  it("「分别」 pairs the listed phrases with the figures in order", () => {
    expect(check("作出行政许可、行政处罚、行政强制决定分别为15件、30件、2件。")).toEqual([]);
    expect(check("办结15件，其中予以公开、部分公开、不予公开分别为8件、1件和1件。")).toEqual([]);
    expect(check("作出行政许可、行政处罚、行政强制决定分别为30件、15件、2件。").map((f) => f.cells[0])).toEqual([
      "table2.licensing.decisions",
      "table2.punishment.decisions",
    ]);
    // Counts that do not pair up are not guessed at.
    expect(check("作出行政许可、行政处罚决定分别为1件、2件、3件。")).toEqual([]);
  });

  it("收到并办结 may mean either figure", () => {
    expect(check("全年共收到并办结政府信息公开申请15件。")).toEqual([]);
  });
});

describe("X-1 numeral forms", () => {
  it.each([
    ["十四", true],
    ["一十四", true],
    ["１４", true],
    ["壹拾肆", true],
    ["14", true],
    ["十五", false],
    ["１５", false],
  ])("收到政府信息公开申请%s件 (agrees: %s)", (numeral, agrees) => {
    expect(check(`全年共收到政府信息公开申请${numeral}件。`)).toHaveLength(agrees ? 0 : 1);
  });

  it("两, 〇 and larger numerals", () => {
    expect(check("上年结转两件。")).toEqual([]);
    expect(check("其他处理〇件。")).toEqual([]);
    expect(check("上年结转三件。")).toMatchObject([{ expected: 2, actual: 3 }]);
    const big = { "table3.naturalPerson.newReceived": 102, "table3.total.newReceived": 105 };
    expect(check("全年共收到政府信息公开申请一百零五件。", big)).toEqual([]);
    expect(check(`全年共收到政府信息公开申请${toChineseNumeral(1234)}件。`, { "table3.total.newReceived": 1234 })).toEqual([]);
    expect(check("全年共收到政府信息公开申请1,234件。", { "table3.total.newReceived": 1234 })).toEqual([]);
    expect(check("作出行政处罚决定两万零三百件。", { "table2.punishment.decisions": 20_300 })).toEqual([]);
  });
});

describe("X-1 non-counts", () => {
  it.each([
    "12345热线受理群众诉求120件。",
    "通过12345政务服务热线办理政务公开咨询35件。",
    "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
    "2023年，青石镇持续深化政务公开。",
    "全年受理网络问政23件，办结率100%。",
    "收到信访件12件，均已办结。",
    "全年共受理信访事项9件。",
    "全年通过门户网站主动公开政府信息187条，其中规划计划33条。",
    "组织业务培训4次，召开专题会议2次。",
    "依申请公开答复按时率100%。",
    "依据《条例》第十四条不予公开。",
    "在14个行政村同步更新村务公开栏。",
    "联系电话：0000-6000001，邮编：999001。",
    "本年度承办县人大代表建议和县政协提案2件，已全部按期办结。",
    "全年共收到政府信息公开申请10余件。",
    "未发生超期答复情况，超期答复0件。",
    "全年因政府信息公开工作被申请行政复议第3件起诉的情况。",
    "按照《示例县2023年政务公开工作要点》要求完成任务12项。",
    "便民服务中心全年受理办件3560件，办结3560件。",
    "全年共收到政府信息公开申请14件；受理群众来电来访45件，办结45件。",
    "全年处理群众诉求230件。",
    "全年共处理涉及个人隐私信息3件。",
    "在政府门户网站公开行政许可信息56件，行政处罚信息12件。",
    "全年共公示行政处罚案件15件。",
    "发放惠民补贴资金356.8万元，收取停车收费3万元。",
    "全年通过政务服务热线受理和办理诉求件32件。",
    "收到网上申请3件。",
    "全镇现行有效的村规民约14件。",
    "全年共收到政府信息公开申请14件，其中在法定期限内答复13件，延期答复2件。",
    "全年因政府信息公开工作被申请行政复议2件，其中行政复议结果维持1件、被纠错1件。",
    "本年度未发出信息处理费收费通知，收费0元。",
    "全年审核拟公开信息300条，经保密审查不予公开12件、部分公开3件。",
  ])("%s", (text) => {
    expect(check(text)).toEqual([]);
  });
});

describe("X-1 other years and comparisons", () => {
  it("a sentence about last year is not compared", () => {
    expect(check("2022年收到政府信息公开申请20件，上年结转5件。")).toEqual([]);
    expect(check("全年共收到政府信息公开申请20件，同比增长25%。")).toEqual([]);
    expect(check("较上年的20件有所增加。")).toEqual([]);
    expect(check("上年度收到申请30件。")).toEqual([]);
    expect(check("二〇二二年，全镇收到政府信息公开申请三十件。")).toEqual([]);
    expect(check("二〇二三年，全镇收到政府信息公开申请三十件。")).toHaveLength(1);
  });

  it("but the report year and other clauses of the sentence are", () => {
    expect(check("2023年共收到政府信息公开申请20件。")).toHaveLength(1);
    expect(check("全年共收到政府信息公开申请20件；办结15件，同比增长25%。")).toHaveLength(1);
  });
});

describe("X-1 sum of parts", () => {
  it("parts that do not add up to the stated total", () => {
    expect(check("收到申请的申请人中，其中自然人11件、法人或其他组织3件，共14件。")).toEqual([]);
    const cells = { "table3.naturalPerson.newReceived": 16, "table3.commercial.newReceived": 47, "table3.legal.newReceived": 0 };
    const right = report("全年申请情况如下。其中自然人16件、法人或其他组织47件，共计63件。", cells);
    expect(checkTextFigures(right, right.tables)).toEqual([]);
    const sentence = "其中自然人16件、法人或其他组织36件……共63件";
    const doc = report(`全年申请情况如下。${sentence}。`, cells);
    const findings = checkTextFigures(doc, doc.tables);
    expect(findings.find((f) => f.cells.length === 0)).toEqual({
      ruleId: "X-1",
      severity: "warning",
      cells: [],
      expected: 52,
      actual: 63,
      message: `正文“${sentence}”中所列各项相加为 52 件，与所写合计 63 件不一致，请核对`,
      path: "sections.1.html",
      excerpt: sentence,
    });
    const wrong = check("其中予以公开8件、部分公开1件，共10件。");
    expect(wrong).toMatchObject([{ cells: [], expected: 9, actual: 10 }]);
    expect(wrong[0]?.message).toBe("正文“其中予以公开8件、部分公开1件，共10件”中所列各项相加为 9 件，与所写合计 10 件不一致，请核对");
  });
});

describe("X-1 findings", () => {
  it("quote the whole sentence as htmlToParagraphs gives it, under the section's path", () => {
    const sentence = "全年共收到政府信息公开申请25件，上年结转2件；办结15件";
    const doc = report(["（二）依申请公开", `${sentence}。所有申请均在法定期限内答复。`]);
    const [finding, ...rest] = checkTextFigures(doc, doc.tables);
    expect(rest).toEqual([]);
    expect(finding).toEqual({
      ruleId: "X-1",
      severity: "warning",
      cells: ["table3.total.newReceived"],
      expected: 14,
      actual: 25,
      message: "正文写“收到政府信息公开申请25件”，但表三“本年新收政府信息公开申请数量”总计为 14 件，本年新收与上年结转申请之和为 16 件，请核对",
      path: "sections.1.html",
      excerpt: sentence,
    });
  });

  it("skip blank cells", () => {
    expect(check("全年共收到政府信息公开申请99件。", { "table3.total.newReceived": null })).toEqual([]);
    expect(check("作出行政许可决定99件。", { "table2.licensing.decisions": null })).toEqual([]);
  });

  it("read only cells of the formats", () => {
    const ids = new Set([...listCells("gov-2021"), ...listCells("gov-2019-trial")].map((c) => c.id));
    expect(TEXT_FIGURE_CELLS.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("read a 2019 trial-format report by its own cells", () => {
    const doc = zeroReport("gov-2019-trial", 2020);
    const text = (t: string): ReportDocument => ({ ...doc, sections: [{ key: "overview", heading: "一、总体情况", html: `<p>${t}</p>` }] });
    const run = (t: string): Finding[] => checkTextFigures(text(t), doc.tables);
    expect(run("收到政府信息公开申请0件，其他处理0件。本年度制定规范性文件0件，行政事业性收费9万元。")).toEqual([]);
    expect(run("收到政府信息公开申请0件，其他处理1件。").map((f) => f.cells)).toEqual([["table3.total.results.other.total"]]);
    expect(run("本年度制定规范性文件2件。").map((f) => f.cells)).toEqual([["table2.normativeDocuments.newlyMade"]]);
  });
});

describe("X-1 on the demo reports", () => {
  const dir = "db/seed/reports";
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

  it.each(files)("%s raises no X-1", (file) => {
    const doc = parseReportDocument(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")));
    if (isReportParseError(doc)) throw new Error(`${file}: ${JSON.stringify(doc)}`);
    expect(checkTextFigures(doc, doc.tables)).toEqual([]);
  });

  // The demo narrative's wording varies (收到/受理/新收, 办结/答复, 件/宗, numeral forms).
  const variants: readonly (readonly [string, (html: string) => string])[] = [
    ["受理 / 答复 / 宗", (h) => h.replaceAll("收到", "受理").replaceAll("办结", "答复").replaceAll("件", "宗")],
    ["新收 / 办理完毕", (h) => h.replaceAll("收到", "新收").replaceAll("办结", "办理完毕")],
    ["Chinese numerals", (h) => h.replace(/(\d+)(?=件)/g, (d) => toChineseNumeral(Number(d), { liang: true }))],
    ["full-width digits", (h) => h.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))],
  ];
  const gov = files.filter((f) => !f.includes("2017"));
  it.each(gov.flatMap((file) => variants.map(([name, change]) => [file, name, change] as const)))(
    "%s with %s raises no X-1, and still notices a wrong figure",
    (file, _name, change) => {
      const doc = parseReportDocument(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")));
      if (isReportParseError(doc)) throw new Error(file);
      const varied = { ...doc, sections: doc.sections.map((s) => ({ ...s, html: change(s.html) })) };
      expect(checkTextFigures(varied, varied.tables)).toEqual([]);
      const wrong = withCells(varied, { "table2.licensing.decisions": 999 });
      expect(checkTextFigures(wrong, wrong.tables).map((f) => f.cells)).toEqual([["table2.licensing.decisions"]]);
    },
  );

  it("the 2017 report's text, read against all-zero tables, claims no table figure", () => {
    const doc = parseReportDocument(JSON.parse(readFileSync(`${dir}/heqiao-2017.json`, "utf8")));
    if (isReportParseError(doc)) throw new Error("heqiao-2017.json does not parse");
    const zero = zeroReport("gov-2021", 2017);
    expect(checkTextFigures({ ...doc, year: 2017 }, zero.tables)).toEqual([]);
  });

  it.each(files.filter((f) => !f.includes("2017")))("%s: a changed table cell is noticed in the text", (file) => {
    const doc = parseReportDocument(JSON.parse(readFileSync(`${dir}/${file}`, "utf8")));
    if (isReportParseError(doc)) throw new Error(file);
    const changed = withCells(doc, { "table2.punishment.decisions": 999 });
    expect(checkTextFigures(changed, changed.tables).map((f) => f.cells)).toEqual([["table2.punishment.decisions"]]);
  });

  it("is fast on the largest demo report", () => {
    const largest = files
      .map((f) => readFileSync(`${dir}/${f}`, "utf8"))
      .sort((a, b) => b.length - a.length)[0] as string;
    const doc = parseReportDocument(JSON.parse(largest));
    if (isReportParseError(doc)) throw new Error("largest report does not parse");
    // Best of several batches: the machine is shared, a slow batch says little about the code.
    const batches = Array.from({ length: 5 }, () => {
      const start = performance.now();
      for (let i = 0; i < 20; i++) checkTextFigures(doc, doc.tables);
      return (performance.now() - start) / 20;
    });
    expect(Math.min(...batches)).toBeLessThan(5);
  });
});

/** A narrative written from the tables, one placeholder per figure: [cell(s) summed, template]. */
const NARRATIVE: readonly (readonly [readonly CellId[], string])[] = [
  [["table3.total.newReceived"], "全年共收到政府信息公开申请{}件"],
  [["table3.total.carriedOver"], "，上年结转{}件"],
  [["table3.total.results.totalProcessed"], "；办结{}件"],
  [["table3.total.results.granted"], "，其中予以公开{}件"],
  [["table3.total.results.partialGrant"], "、部分公开{}件"],
  [
    ["stateSecret", "lawForbidden", "safetyStability", "thirdPartyRights", "internalAffairs", "processInfo", "enforcementCase", "adminQuery"].map(
      (r) => `table3.total.results.denied.${r}`,
    ),
    "、不予公开{}件",
  ],
  [["noInfo", "needCreation", "unclear"].map((r) => `table3.total.results.unableToProvide.${r}`), "、无法提供{}件"],
  [["complaint", "repeat", "publication", "massiveRequests", "confirmInfo"].map((r) => `table3.total.results.notProcessed.${r}`), "、不予处理{}件"],
  [["overdueCorrection", "overdueFee", "otherReasons"].map((r) => `table3.total.results.other.${r}`), "、其他处理{}件"],
  [["table3.total.carriedForward"], "；结转下年度继续办理{}件。"],
  [["table3.naturalPerson.newReceived"], "新收申请中，自然人{}件"],
  [["commercial", "research", "social", "legal", "otherOrg"].map((c) => `table3.${c}.newReceived`), "、法人或其他组织{}件。"],
  [["table4.review.total"], "全年因政府信息公开工作被申请行政复议{}件"],
  [["table4.litigationDirect.total", "table4.litigationPostReview.total"], "、提起行政诉讼{}件。"],
  [["table2.normativeDocuments.made"], "本年度制发行政规范性文件{}件"],
  [["table2.normativeDocuments.repealed"], "、废止{}件"],
  [["table2.normativeDocuments.valid"], "，现行有效{}件。"],
  [["table2.licensing.decisions"], "作出行政许可决定{}件"],
  [["table2.punishment.decisions"], "、行政处罚决定{}件"],
  [["table2.coercion.decisions"], "、行政强制决定{}件。"],
  [["table2.fees.amountWanYuan"], "本年度行政事业性收费{}万元。"],
];

type Numeral = "arabic" | "fullWidth" | "chinese" | "liang" | "grouped";
const NUMERALS: readonly Numeral[] = ["arabic", "fullWidth", "chinese", "liang", "grouped"];

function write(n: number, form: Numeral): string {
  if (!Number.isInteger(n)) return String(n);
  switch (form) {
    case "arabic":
      return String(n);
    case "fullWidth":
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case "chinese":
      return toChineseNumeral(n);
    case "liang":
      return toChineseNumeral(n, { liang: true });
    case "grouped":
      return n.toLocaleString("en-US");
  }
}

function narrative(tables: ReportTables, forms: readonly Numeral[], change?: { index: number; by: number }): string {
  return NARRATIVE.map(([cells, template], i) => {
    const value = cells.reduce((sum, id) => sum + Number(getTableValue(tables, id) ?? 0), 0);
    const shown = Math.round(value * 1e6) / 1e6 + (change?.index === i ? change.by : 0);
    return template.replace("{}", write(shown, forms[i % forms.length] ?? "arabic"));
  }).join("");
}

describe("X-1 properties", () => {
  const base = zeroReport("gov-2021", 2023);
  const withText = (tables: ReportTables, text: string): ReportDocument => ({
    ...base,
    tables,
    sections: [{ key: "overview", heading: "一、总体情况", html: `<p>${text}</p>` }],
  });
  const forms = fc.array(fc.constantFrom(...NUMERALS), { minLength: 1, maxLength: NARRATIVE.length });

  it("a narrative that quotes consistent tables raises no X-1, in any numeral form", () => {
    fc.assert(
      fc.property(consistentTablesArb("gov-2021"), forms, (tables, f) => {
        expect(checkTextFigures(withText(tables, narrative(tables, f)), tables)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it("a figure changed in the narrative is reported with the number written", () => {
    fc.assert(
      fc.property(
        consistentTablesArb("gov-2021"),
        forms,
        fc.nat({ max: NARRATIVE.length - 1 }),
        fc.integer({ min: 100_000, max: 200_000 }),
        (tables, f, index, by) => {
          const findings = checkTextFigures(withText(tables, narrative(tables, f, { index, by })), tables);
          const [cells] = NARRATIVE[index] ?? [[]];
          expect(findings.length).toBeGreaterThan(0);
          expect(findings.some((x) => x.cells[0] === cells[0] && (x.actual ?? 0) >= by)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
