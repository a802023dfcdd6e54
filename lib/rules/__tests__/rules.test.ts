import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getFormat, listCells } from "@/lib/formats";
import { createEmptyReport, isReportParseError, parseReportDocument, type ReportDocument } from "@/lib/interchange";
import { RULES, checkReport, computeTotals, crossYearMismatch, type Finding } from "@/lib/rules";
import { consistent2022, consistent2023, withCells, zeroReport } from "./fixtures";

const byRule = (findings: readonly Finding[], ruleId: string): Finding[] => findings.filter((f) => f.ruleId === ruleId);

const T3_NP_RESULTS = [
  "table3.naturalPerson.results.granted",
  "table3.naturalPerson.results.partialGrant",
  ...["stateSecret", "lawForbidden", "safetyStability", "thirdPartyRights", "internalAffairs", "processInfo", "enforcementCase", "adminQuery"].map(
    (r) => `table3.naturalPerson.results.denied.${r}`,
  ),
  ...["noInfo", "needCreation", "unclear"].map((r) => `table3.naturalPerson.results.unableToProvide.${r}`),
  ...["complaint", "repeat", "publication", "massiveRequests", "confirmInfo"].map((r) => `table3.naturalPerson.results.notProcessed.${r}`),
  ...["overdueCorrection", "overdueFee", "otherReasons"].map((r) => `table3.naturalPerson.results.other.${r}`),
];
const ORG_COLUMNS = ["commercial", "research", "social", "legal", "otherOrg"];

describe("consistent reports", () => {
  it("produce no findings, with or without the previous year", () => {
    const doc = consistent2023();
    expect(checkReport("gov-2021", doc)).toEqual([]);
    expect(checkReport("gov-2021", doc, consistent2022(), { unitKind: "township" })).toEqual([]);
    expect(checkReport(getFormat("gov-2021"), doc)).toEqual([]);
  });
});

describe("V0 blank cells", () => {
  it("passes when every cell holds a number", () => {
    expect(byRule(checkReport("gov-2021", consistent2023()), "V0")).toEqual([]);
  });

  it("reports each blank cell as a blank (not a mistake) and asks for 0", () => {
    const doc = withCells(consistent2023(), { "table3.naturalPerson.results.granted": null });
    expect(checkReport("gov-2021", doc)).toEqual([
      {
        ruleId: "V0",
        severity: "error",
        kind: "blank",
        cells: ["table3.naturalPerson.results.granted"],
        message: "三、（一）予以公开·自然人 未填写；本年度没有发生的，请填写 0",
      },
    ]);
  });

  it("names the sum when a total is blank although all its parts are filled (an imported report)", () => {
    const doc = withCells(consistent2023(), { "table4.review.total": null });
    expect(checkReport("gov-2021", doc)).toEqual([
      {
        ruleId: "V0",
        severity: "error",
        kind: "blank",
        cells: ["table4.review.total"],
        expected: 2,
        message: "行政复议·总计 未填写；按各项之和应为 2",
      },
    ]);
  });

  it("never asks for a total whose parts are blank: nobody can type a computed cell", () => {
    const doc = withCells(consistent2023(), { "table4.review.maintain": null, "table4.review.total": null });
    expect(checkReport("gov-2021", doc).map((f) => f.cells[0])).toEqual(["table4.review.maintain"]);
  });

  it("reports every input cell of a new report as a blank, in reading order, and no computed cell", () => {
    const doc = createEmptyReport({ format: "gov-2021", year: 2024, unit: { name: "青石镇", kind: "township" } });
    const findings = checkReport("gov-2021", doc);
    expect(findings.map((f) => f.cells[0])).toEqual(
      listCells("gov-2021")
        .filter((c) => !c.computed)
        .map((c) => c.id),
    );
    expect(findings.every((f) => f.ruleId === "V0" && f.kind === "blank")).toBe(true);
    expect(findings.some((f) => f.message.includes("合计数"))).toBe(false);
  });

  it("skips sum rules involving a blank cell but keeps the others", () => {
    // The blank naturalPerson granted cell makes R3-2 (naturalPerson column) and R3-3
    // (granted row) uncomputable; a wrong total elsewhere is still reported.
    const doc = withCells(consistent2023(), {
      "table3.naturalPerson.results.granted": null,
      "table3.naturalPerson.results.totalProcessed": 99,
      "table3.commercial.results.totalProcessed": 5,
    });
    const findings = checkReport("gov-2021", doc);
    expect(findings.map((f) => [f.ruleId, f.cells[0]])).toEqual([
      ["V0", "table3.naturalPerson.results.granted"],
      ["R3-1", "table3.naturalPerson.newReceived"],
      ["R3-1", "table3.commercial.newReceived"],
      ["R3-2", "table3.commercial.results.totalProcessed"],
      ["R3-3", "table3.total.results.totalProcessed"],
    ]);
  });
});

describe("V1 value kinds", () => {
  it("accepts non-negative integers and decimals with up to 6 places", () => {
    const doc = withCells(consistent2023(), { "table2.fees.amountWanYuan": 190.457379 });
    expect(checkReport("gov-2021", doc)).toEqual([]);
  });

  it("rejects a negative count", () => {
    const doc = withCells(consistent2023(), { "table2.coercion.decisions": -3 });
    expect(byRule(checkReport("gov-2021", doc), "V1")).toEqual([
      {
        ruleId: "V1",
        severity: "error",
        cells: ["table2.coercion.decisions"],
        actual: -3,
        message: "行政强制·本年处理决定数量 应为不小于 0 的整数，现为 -3",
      },
    ]);
  });

  it("rejects a fractional count", () => {
    const doc = withCells(consistent2023(), { "table2.licensing.decisions": 1.5 });
    expect(checkReport("gov-2021", doc)).toEqual([
      {
        ruleId: "V1",
        severity: "error",
        cells: ["table2.licensing.decisions"],
        actual: 1.5,
        message: "行政许可·本年处理决定数量 应为不小于 0 的整数，现为 1.5",
      },
    ]);
  });

  it("rejects an amount with 7 decimal places or below zero", () => {
    for (const value of [1.1234567, 1e-7, -0.5]) {
      const doc = withCells(consistent2023(), { "table2.fees.amountWanYuan": value });
      expect(checkReport("gov-2021", doc)).toEqual([
        {
          ruleId: "V1",
          severity: "error",
          cells: ["table2.fees.amountWanYuan"],
          actual: value,
          message: `行政事业性收费·本年收费金额（万元） 应为不小于 0 的数值，最多保留 6 位小数，现为 ${String(value)}`,
        },
      ]);
    }
  });

  it("accepts a negative 本年增/减 in the 2019 format but not a fraction", () => {
    const ok = withCells(zeroReport("gov-2019-trial"), { "table2.licensing.change": -2 });
    expect(checkReport("gov-2019-trial", ok)).toEqual([]);
    const bad = withCells(zeroReport("gov-2019-trial"), { "table2.licensing.change": 0.5 });
    expect(checkReport("gov-2019-trial", bad)).toEqual([
      {
        ruleId: "V1",
        severity: "error",
        cells: ["table2.licensing.change"],
        actual: 0.5,
        message: "行政许可·本年增/减 应为整数，现为 0.5",
      },
    ]);
  });
});

describe("R3-1 column balance", () => {
  it("reports a column whose first two rows do not match rows three and four", () => {
    const doc = withCells(consistent2023(), { "table3.naturalPerson.newReceived": 12, "table3.total.newReceived": 15 });
    expect(checkReport("gov-2021", doc)).toEqual([
      {
        ruleId: "R3-1",
        severity: "error",
        cells: [
          "table3.naturalPerson.newReceived",
          "table3.naturalPerson.carriedOver",
          "table3.naturalPerson.results.totalProcessed",
          "table3.naturalPerson.carriedForward",
        ],
        expected: 14,
        actual: 13,
        message:
          "“自然人”列：第一项（本年新收）加第二项（上年结转）之和为 14，第三项（办理结果总计）加第四项（结转下年度继续办理）之和为 13，两者应相等",
      },
      {
        ruleId: "R3-1",
        severity: "error",
        cells: [
          "table3.total.newReceived",
          "table3.total.carriedOver",
          "table3.total.results.totalProcessed",
          "table3.total.carriedForward",
        ],
        expected: 17,
        actual: 16,
        message:
          "“总计”列：第一项（本年新收）加第二项（上年结转）之和为 17，第三项（办理结果总计）加第四项（结转下年度继续办理）之和为 16，两者应相等",
        // Its cells are all sums over the columns: it follows from the 自然人 column's.
        consequenceOf:
          "R3-1|table3.naturalPerson.newReceived,table3.naturalPerson.carriedOver,table3.naturalPerson.results.totalProcessed,table3.naturalPerson.carriedForward|",
      },
    ]);
  });
});

describe("R3-2 results total", () => {
  it("reports a （七）总计 that is not the sum of the results", () => {
    const doc = withCells(consistent2023(), {
      "table3.naturalPerson.results.totalProcessed": 11,
      "table3.naturalPerson.carriedForward": 2,
      "table3.total.results.totalProcessed": 14,
      "table3.total.carriedForward": 2,
    });
    expect(checkReport("gov-2021", doc)).toEqual([
      {
        ruleId: "R3-2",
        severity: "error",
        cells: ["table3.naturalPerson.results.totalProcessed", ...T3_NP_RESULTS],
        expected: 12,
        actual: 11,
        message: "三、（七）总计·自然人 应为 12（各办理结果之和），现为 11",
      },
      {
        ruleId: "R3-2",
        severity: "error",
        cells: ["table3.total.results.totalProcessed", ...T3_NP_RESULTS.map((id) => id.replace("naturalPerson", "total"))],
        expected: 15,
        actual: 14,
        message: "三、（七）总计·总计 应为 15（各办理结果之和），现为 14",
        consequenceOf: `R3-2|${["table3.naturalPerson.results.totalProcessed", ...T3_NP_RESULTS].join(",")}|`,
      },
    ]);
  });
});

describe("R3-3 total column", () => {
  it("reports a 总计 cell that is not the sum of the applicant columns", () => {
    const doc = withCells(consistent2023(), { "table3.total.results.denied.processInfo": 2 });
    const findings = checkReport("gov-2021", doc);
    expect(byRule(findings, "R3-3")).toEqual([
      {
        ruleId: "R3-3",
        severity: "error",
        cells: [
          "table3.total.results.denied.processInfo",
          "table3.naturalPerson.results.denied.processInfo",
          ...ORG_COLUMNS.map((c) => `table3.${c}.results.denied.processInfo`),
        ],
        expected: 1,
        actual: 2,
        message: "三、（三）不予公开·6.属于四类过程性信息·总计 应为 1（自然人与各类法人或其他组织之和），现为 2",
      },
    ]);
    // The same wrong cell also breaks the 总计 column's R3-2.
    expect(byRule(findings, "R3-2").map((f) => f.cells[0])).toEqual(["table3.total.results.totalProcessed"]);
  });
});

describe("R4 review and litigation totals", () => {
  const cases = [
    ["R4-1", "review", "行政复议·总计", 2],
    ["R4-2", "litigationDirect", "行政诉讼·未经复议直接起诉·总计", 1],
    ["R4-3", "litigationPostReview", "行政诉讼·复议后起诉·总计", 0],
  ] as const;

  for (const [ruleId, group, name, expected] of cases) {
    it(`${ruleId} reports a wrong ${group} total`, () => {
      const doc = withCells(consistent2023(), { [`table4.${group}.total`]: expected + 3 });
      expect(checkReport("gov-2021", doc)).toEqual([
        {
          ruleId,
          severity: "error",
          cells: ["total", "maintain", "correct", "other", "unfinished"].map((r) => `table4.${group}.${r}`),
          expected,
          actual: expected + 3,
          message: `${name} 应为 ${expected}（结果维持、结果纠正、其他结果、尚未审结之和），现为 ${expected + 3}`,
        },
      ]);
    });
  }
});

describe("R3-5 carry-over from last year", () => {
  it("passes when 上年结转 equals last year's 结转下年度继续办理", () => {
    expect(byRule(checkReport("gov-2021", consistent2023(), consistent2022()), "R3-5")).toEqual([]);
  });

  it("warns per column when they differ", () => {
    const previous = withCells(consistent2022(), { "table3.naturalPerson.carriedForward": 3 }, true);
    expect(checkReport("gov-2021", consistent2023(), previous)).toEqual([
      {
        ruleId: "R3-5",
        severity: "warning",
        cells: ["table3.naturalPerson.carriedOver"],
        expected: 3,
        actual: 2,
        message:
          "二、上年结转政府信息公开申请数量·自然人 为 2，上年度报告的“四、结转下年度继续办理·自然人”为 3，两者通常应相等，请核实",
      },
      {
        ruleId: "R3-5",
        severity: "warning",
        cells: ["table3.total.carriedOver"],
        expected: 3,
        actual: 2,
        message:
          "二、上年结转政府信息公开申请数量·总计 为 2，上年度报告的“四、结转下年度继续办理·总计”为 3，两者通常应相等，请核实",
      },
    ]);
  });

  it("compares with a 2019-format report of the year before", () => {
    const previous = withCells(zeroReport("gov-2019-trial", 2022), { "table3.naturalPerson.carriedForward": 2, "table3.total.carriedForward": 2 });
    // Last year's tables are all 0 apart from the carry-over, so only X-8 (a jump from 0) may speak.
    const findings = checkReport("gov-2021", consistent2023(), { ...previous, format: "gov-2019-trial" });
    expect(findings.filter((f) => f.ruleId !== "X-8")).toEqual([]);
  });

  it("skips the comparison with a report that is not of year N−1 or of another unit", () => {
    const wrongYear = { ...withCells(consistent2022(), { "table3.naturalPerson.carriedForward": 9 }, true), year: 2021 };
    expect(checkReport("gov-2021", consistent2023(), wrongYear)).toEqual([]);
    expect(crossYearMismatch(consistent2023(), wrongYear)).toBe("上年度报告的年度为 2021 年，不是 2022 年，未进行跨年度核对");
    const otherUnit = { ...consistent2022(), unit: { name: "柳溪镇", kind: "township" as const, orgCode: "11339999MB0A12326J" } };
    expect(crossYearMismatch(consistent2023(), otherUnit)).toMatch(/不属于同一单位/);
  });
});

describe("R2-1 continuity of 现行有效件数", () => {
  it("passes when valid = last year's valid + made − repealed", () => {
    expect(byRule(checkReport("gov-2021", consistent2023(), consistent2022()), "R2-1")).toEqual([]);
  });

  it("warns for both rows when it does not hold", () => {
    const previous = withCells(consistent2022(), { "table2.regulations.valid": 0, "table2.normativeDocuments.valid": 12 });
    const doc = withCells(consistent2023(), { "table2.regulations.valid": 1 });
    const findings = checkReport("gov-2021", doc, previous, { unitKind: "county" });
    expect(byRule(findings, "R2-1")).toEqual([
      {
        ruleId: "R2-1",
        severity: "warning",
        cells: ["table2.regulations.made", "table2.regulations.repealed", "table2.regulations.valid"],
        expected: 0,
        actual: 1,
        message:
          "规章·现行有效件数 为 1，按上年现行有效 0 件 + 本年制发 0 件 − 本年废止 0 件推算应为 0，请核实（如有文件因有效期届满等原因失效，可在正文中说明）",
      },
      {
        ruleId: "R2-1",
        severity: "warning",
        cells: ["table2.normativeDocuments.made", "table2.normativeDocuments.repealed", "table2.normativeDocuments.valid"],
        expected: 13,
        actual: 10,
        message:
          "行政规范性文件·现行有效件数 为 10，按上年现行有效 12 件 + 本年制发 2 件 − 本年废止 1 件推算应为 13，请核实（如有文件因有效期届满等原因失效，可在正文中说明）",
      },
    ]);
  });
});

describe("R2-2 规章 for units without rule-making power", () => {
  it("passes when the 规章 cells are 0", () => {
    expect(byRule(checkReport("gov-2021", consistent2023(), null, { unitKind: "township" }), "R2-2")).toEqual([]);
  });

  it("warns for each non-zero 规章 cell of a township", () => {
    const doc = withCells(consistent2023(), { "table2.regulations.made": 1, "table2.regulations.valid": 1 });
    expect(checkReport("gov-2021", doc)).toEqual([
      {
        ruleId: "R2-2",
        severity: "warning",
        cells: ["table2.regulations.made"],
        expected: 0,
        actual: 1,
        message: "规章·本年制发件数 为 1；乡镇人民政府没有规章制定权，规章各栏通常应为 0，请核实",
      },
      {
        ruleId: "R2-2",
        severity: "warning",
        cells: ["table2.regulations.valid"],
        expected: 0,
        actual: 1,
        message: "规章·现行有效件数 为 1；乡镇人民政府没有规章制定权，规章各栏通常应为 0，请核实",
      },
    ]);
  });

  it("uses the unit kind of the context, and covers subdistricts, counties and county departments", () => {
    const doc = withCells(consistent2023(), { "table2.regulations.repealed": 2, "table2.regulations.valid": 0 });
    for (const [unitKind, label] of [
      ["subdistrict", "街道办事处"],
      ["county", "县（市、区）人民政府"],
      ["department", "县级人民政府部门"],
    ] as const) {
      const found = byRule(checkReport("gov-2021", doc, null, { unitKind }), "R2-2");
      expect(found.map((f) => f.message)).toEqual([`规章·本年废止件数 为 2；${label}没有规章制定权，规章各栏通常应为 0，请核实`]);
    }
  });

  it("uses the unit's level: province and city governments and their departments may make 规章, a county's department may not", () => {
    const doc = withCells(consistent2023(), { "table2.regulations.repealed": 2, "table2.regulations.valid": 0 });
    const r22 = (unitKind: "province" | "city" | "department" | "development_zone", unitLevel?: "province" | "city" | "county" | "township") =>
      byRule(checkReport("gov-2021", doc, null, { unitKind, unitLevel }), "R2-2").map((f) => f.message);
    expect(r22("province")).toEqual([]);
    expect(r22("city")).toEqual([]);
    expect(r22("department", "province")).toEqual([]);
    expect(r22("department", "city")).toEqual([]);
    expect(r22("department", "county")).toEqual(["规章·本年废止件数 为 2；县级人民政府部门没有规章制定权，规章各栏通常应为 0，请核实"]);
    expect(r22("department", "township")).toEqual(["规章·本年废止件数 为 2；乡镇（街道）级人民政府部门没有规章制定权，规章各栏通常应为 0，请核实"]);
    expect(r22("development_zone")).toEqual(["规章·本年废止件数 为 2；开发区（功能区）管委会没有规章制定权，规章各栏通常应为 0，请核实"]);
  });

  it("applies to the 2019 规章 row", () => {
    const doc = withCells(zeroReport("gov-2019-trial"), { "table2.regulations.totalPublished": 4 });
    expect(byRule(checkReport("gov-2019-trial", doc), "R2-2").map((f) => f.cells)).toEqual([["table2.regulations.totalPublished"]]);
  });
});

describe("X-4 report year in title and text", () => {
  const narrative = (html: string, key = "overview", heading = "一、总体情况"): ReportDocument => ({
    ...consistent2023(),
    sections: [{ key, heading, html }],
  });
  const x4 = (doc: ReportDocument): Finding[] => byRule(checkReport("gov-2021", doc), "X-4");

  it("passes for the report year and for legitimate mentions of other years", () => {
    const doc = narrative(
      "<p>2023年，我镇认真贯彻落实《条例》。</p><p>本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>" +
        "<p>与2022年相比，申请数量增加3件。2021年以来，我镇持续推进政务公开。网站访问量统计截至2024年1月10日。</p>" +
        "<p>现向社会公布2023年度政府信息公开工作年度报告。</p><h3>2024年工作打算</h3><p>2024年，我镇将进一步加强政策解读。</p>",
    );
    expect(x4(doc)).toEqual([]);
    const problems = narrative("<p>针对2022年度报告中指出的问题，我镇已整改到位。上年2022年收到申请5件。</p>", "problems", "五、存在的主要问题及改进情况");
    expect(x4(problems)).toEqual([]);
    expect(x4({ ...consistent2023(), title: "示例县青石镇人民政府2023年政府信息公开工作年度报告（2024年1月修订）" })).toEqual([]);
  });

  it("flags another year in the title", () => {
    const doc = { ...consistent2023(), title: "示例县青石镇人民政府2022年度政府信息公开工作年度报告" };
    expect(x4(doc)).toEqual([
      {
        ruleId: "X-4",
        severity: "warning",
        cells: [],
        expected: 2023,
        actual: 2022,
        message: "标题中的“2022年度”与报告年度 2023 年不一致，请核对标题年份",
        path: "title",
        excerpt: "2022年度",
      },
    ]);
  });

  it("flags a statistics period of another year", () => {
    const doc = narrative("<p>根据《条例》编制本报告。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p>", "preamble", "");
    expect(x4(doc)).toEqual([
      {
        ruleId: "X-4",
        severity: "warning",
        cells: [],
        expected: 2023,
        actual: 2022,
        message: "引言中的统计期限“统计期限自2022年1月1日起至2022年12月31日止”与报告年度 2023 年不一致，统计期限应为 2023年1月1日至2023年12月31日",
        path: "sections.0.html",
        excerpt: "统计期限自2022年1月1日起至2022年12月31日止",
      },
    ]);
  });

  it("flags a full-year span and full-width digits", () => {
    const doc = narrative("<p>本报告数据为２０２２年１月１日至２０２２年１２月３１日的情况。</p>");
    expect(x4(doc).map((f) => [f.actual, f.excerpt])).toEqual([[2022, "2022年1月1日至2022年12月31日的情况"]]);
  });

  it("flags the report announcing another year", () => {
    const doc = narrative("<p>现向社会公布2022年度政府信息公开工作年度报告。</p>", "preamble", "");
    expect(x4(doc)).toEqual([
      {
        ruleId: "X-4",
        severity: "warning",
        cells: [],
        expected: 2023,
        actual: 2022,
        message: "引言中的“现向社会公布2022年度政府信息公开工作年度报告”与报告年度 2023 年不一致，请核对年份",
        path: "sections.0.html",
        excerpt: "现向社会公布2022年度政府信息公开工作年度报告",
      },
    ]);
  });

  it("flags an overview paragraph opening with last year", () => {
    const doc = narrative("<h3>（一）主动公开</h3><p>2022年，我镇主动公开政府信息120条。</p>");
    expect(x4(doc)).toEqual([
      {
        ruleId: "X-4",
        severity: "warning",
        cells: [],
        expected: 2023,
        actual: 2022,
        message: "“一、总体情况”中有段落以“2022年，”开头，与报告年度 2023 年不一致，可能沿用了往年报告内容，请核对",
        path: "sections.0.html",
        excerpt: "2022年，",
      },
    ]);
  });

  it("finds nothing in the 2017 seed report", () => {
    const parsed = parseReportDocument(JSON.parse(readFileSync("db/seed/reports/heqiao-2017.json", "utf8")));
    if (isReportParseError(parsed)) throw new Error(parsed.message);
    expect(checkReport("legacy-freeform", parsed)).toEqual([]);
    const copied = { ...parsed, year: 2018 };
    // As if last year's text had been copied into a 2018 report: title, announcement, period.
    expect(checkReport("legacy-freeform", copied).map((f) => [f.ruleId, f.path, f.excerpt])).toEqual([
      ["X-4", "title", "2017年度"],
      ["X-4", "sections.0.html", "现向社会公布2017年度本级政务公开工作报告"],
      ["X-4", "sections.0.html", "数据统计期限自2017年1月1日起至2017年12月1日止"],
    ]);
  });
});

describe("legacy-freeform", () => {
  it("has no arithmetic or value rules", () => {
    const doc = createEmptyReport({ format: "legacy-freeform", year: 2015, unit: { name: "河桥镇", kind: "township" } });
    expect(checkReport("legacy-freeform", { ...doc, title: "河桥镇2015年度信息公开工作报告" })).toEqual([]);
  });
});

describe("gov-2019-trial", () => {
  it("applies V0/V1/R3/R4 to its rows, including （六）其他处理 as one row", () => {
    const doc = withCells(
      zeroReport("gov-2019-trial", 2020),
      { "table3.naturalPerson.newReceived": 3, "table3.naturalPerson.results.other.total": 3 },
      true,
    );
    expect(checkReport("gov-2019-trial", doc)).toEqual([]);
    const wrong = withCells(doc, { "table3.naturalPerson.results.other.total": 2 });
    expect(checkReport("gov-2019-trial", wrong).map((f) => [f.ruleId, f.cells[0], f.message])).toEqual([
      ["R3-2", "table3.naturalPerson.results.totalProcessed", "三、（七）总计·自然人 应为 2（各办理结果之和），现为 3"],
      ["R3-3", "table3.total.results.other.total", "三、（六）其他处理·总计 应为 2（自然人与各类法人或其他组织之和），现为 3"],
    ]);
  });
});

describe("ordering", () => {
  it("orders findings by rule, then by reading order", () => {
    const doc = {
      ...withCells(consistent2023(), {
        "table4.review.total": 9,
        "table2.regulations.made": 1,
        "table3.total.carriedForward": 5,
        "table2.coercion.decisions": null,
        "table2.licensing.decisions": -1,
      }),
      title: "2022年度政府信息公开工作年度报告",
    };
    const findings = checkReport("gov-2021", doc, consistent2022());
    expect(findings.map((f) => f.ruleId)).toEqual(["V0", "V1", "R3-1", "R3-3", "R4-1", "R2-1", "R2-2", "X-4"]);
    const ranks = findings.map((f) => RULES.findIndex((r) => r.id === f.ruleId));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(checkReport("gov-2021", doc, consistent2022())).toEqual(findings);
  });
});

describe("computeTotals", () => {
  it("gives every computed cell its value from the input cells", () => {
    const totals = computeTotals("gov-2021", consistent2023());
    expect(Object.keys(totals)).toHaveLength(34);
    expect(totals["table3.naturalPerson.results.totalProcessed"]).toBe(12);
    expect(totals["table3.total.newReceived"]).toBe(14);
    expect(totals["table3.total.results.totalProcessed"]).toBe(15);
    expect(totals["table4.review.total"]).toBe(2);
  });

  it("ignores typed totals and gives null when an input is blank", () => {
    const doc = withCells(consistent2023(), {
      "table3.total.results.granted": 99,
      "table3.legal.results.granted": null,
    });
    const totals = computeTotals("gov-2021", doc);
    expect(totals["table3.total.results.granted"]).toBeNull();
    expect(totals["table3.legal.results.totalProcessed"]).toBeNull();
    expect(totals["table3.total.results.totalProcessed"]).toBeNull();
    expect(totals["table3.naturalPerson.results.totalProcessed"]).toBe(12);
    expect(totals["table3.total.newReceived"]).toBe(14);
  });
});
