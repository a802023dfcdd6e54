import { describe, expect, it } from "vitest";
import type { ReportDocument } from "@/lib/interchange";
import { checkReport, type Finding } from "@/lib/rules";
import { consistent2022, consistent2023, narrativeHtml, withCells } from "./fixtures";

/*
 * X-6 (thin sections), X-8 (implausible jumps) and X-9 (template leftovers): cases that must
 * warn and cases that must not.
 */

type SectionKey = "preamble" | "overview" | "problems" | "other";

/** The 2023 fixture with each narrative section's own sound text, some replaced. */
function written(replace: Partial<Record<SectionKey, string>> = {}, base: ReportDocument = consistent2023()): ReportDocument {
  return { ...base, sections: base.sections.map((s) => ({ ...s, html: replace[s.key as SectionKey] ?? narrativeHtml(s.key) })) };
}

/** The path a finding on this narrative section carries (the fixture has no preamble: 一, 五, 六). */
const pathOf = (key: string): string => `sections.${consistent2023().sections.findIndex((s) => s.key === key)}.html`;

const rule = (findings: readonly Finding[], id: string): Finding[] => findings.filter((f) => f.ruleId === id);
const check = (doc: ReportDocument, previous?: ReportDocument): Finding[] => checkReport("gov-2021", doc, previous ?? null);

describe("sound text raises none of X-6, X-8, X-9", () => {
  it("with and without last year's report", () => {
    const doc = written();
    for (const findings of [check(doc), check(doc, written({}, consistent2022()))]) {
      expect(findings.filter((f) => ["X-6", "X-8", "X-9"].includes(f.ruleId))).toEqual([]);
    }
  });
});

describe("X-6 thin sections", () => {
  it("一、总体情况 under 300 characters", () => {
    const [finding, ...rest] = rule(check(written({ overview: "<p>本年度政务公开工作总体平稳，各项工作有序推进。</p>" })), "X-6");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ path: pathOf("overview"), expected: 300, actual: 23, severity: "warning" });
    expect(finding!.message).toContain("“一、总体情况”只有 23 字，不足 300 字");
  });

  it("五 under 100 characters, and 五 without a word about last year's problems", () => {
    const short = rule(check(written({ problems: "<p>上年度问题已整改。存在的问题是更新不及时。</p>" })), "X-6");
    expect(short).toHaveLength(1);
    expect(short[0]!.message).toContain("不足 100 字");
    expect(short[0]!.message).not.toContain("整改情况");

    const silent = "<p>" + "存在的主要问题是村级公开内容更新不够及时，工作人员业务能力有待提高。下一步将建立定期检查机制，加强业务培训。".repeat(2) + "</p>";
    const found = rule(check(written({ problems: silent })), "X-6");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("没有写明上一年度报告所列问题的整改情况");
    expect(found[0]!.expected).toBeUndefined();
  });

  it("六 without a statement on 信息处理费; 「未收取信息处理费」 is a statement", () => {
    expect(rule(check(written({ other: "<p>人大代表建议和政协提案办理结果均已按规定公开。</p>" })), "X-6")[0]!.message).toContain("信息处理费");
    expect(rule(check(written({ other: "<p>本年度未收取信息处理费。</p>" })), "X-6")).toEqual([]);
  });

  it("an empty section is not judged: it is not written yet", () => {
    expect(rule(check(written({ overview: "", problems: "", other: "" })), "X-6")).toEqual([]);
  });
});

describe("X-8 implausible jumps", () => {
  const previous = written({}, consistent2022());

  it("five times last year's, or a fifth of it, when the larger is at least 10", () => {
    // 2022: 7 new applications in all; 2023: 40 from natural persons and 3 from organisations.
    const up = withCells(written(), { "table3.naturalPerson.newReceived": 40 }, true);
    const found = rule(check(up, previous), "X-8");
    expect(found.map((f) => f.cells[0])).toContain("table3.total.newReceived");
    const f = found.find((x) => x.cells[0] === "table3.total.newReceived")!;
    expect(f).toMatchObject({ expected: 7, actual: 43, severity: "warning" });
    expect(f.message).toContain("本年新收政府信息公开申请数变化异常");
    expect(f.message).toContain("6.1 倍");

    const before = withCells(previous, { "table2.normativeDocuments.made": 20 });
    const down = withCells(written(), { "table2.normativeDocuments.made": 2 });
    const fall = rule(check(down, before), "X-8").find((x) => x.cells[0] === "table2.normativeDocuments.made");
    expect(fall).toMatchObject({ expected: 20, actual: 2 });
    expect(fall!.message).toContain("只有上年（20）的 10%");
  });

  it("no warning under the floor, under the ratio, or without last year's report", () => {
    // 1 → 5 is five times, but the larger is under 10.
    const small = withCells(written({}, consistent2022()), { "table2.normativeDocuments.made": 1 });
    expect(rule(check(withCells(written(), { "table2.normativeDocuments.made": 5 }), small), "X-8")).toEqual([]);
    // 7 → 34 is under five times.
    expect(rule(check(withCells(written(), { "table3.naturalPerson.newReceived": 31 }, true), previous), "X-8").map((f) => f.cells[0])).not.toContain(
      "table3.total.newReceived",
    );
    expect(rule(check(withCells(written(), { "table3.naturalPerson.newReceived": 40 }, true)), "X-8")).toEqual([]);
  });

  it("from 0 to 10 or more is a jump; 0 to 9 is not", () => {
    const zero = withCells(previous, { "table4.review.maintain": 0, "table4.review.total": 0 });
    const ten = withCells(written(), { "table4.review.maintain": 10, "table4.review.total": 10 });
    expect(rule(check(ten, zero), "X-8").find((f) => f.cells[0] === "table4.review.total")!.message).toContain("上年为 0，本年为 10");
    const nine = withCells(written(), { "table4.review.maintain": 9, "table4.review.total": 9 });
    expect(rule(check(nine, zero), "X-8").find((f) => f.cells[0] === "table4.review.total")).toBeUndefined();
  });
});

describe("X-9 template leftovers", () => {
  const leftovers: [string, string][] = [
    ["XX", "全年共收到政府信息公开申请XX件。"],
    ["××", "全年召开专题会议××次。"],
    ["X件", "全年制发规范性文件X件。"],
    ["某某", "由某某同志负责政务公开工作。"],
    ["此处填写", "此处填写本年度政务公开工作创新情况。"],
    ["bracketed instruction", "本年度【请填写主要做法】取得实效。"],
    ["parenthesised instruction", "本年度（请写明收费情况）未收取信息处理费。"],
  ];
  it.each(leftovers)("%s", (_name, sentence) => {
    const found = rule(check(written({ other: `<p>${sentence}</p>` + narrativeHtml("other") })), "X-9");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: pathOf("other"), severity: "warning" });
    expect(found[0]!.message).toMatch(/^“六、其他需要报告的事项”有模板占位或填写提示文字/);
    expect(sentence).toContain(found[0]!.excerpt!.slice(0, 4));
  });

  it("the format's guidance pasted in", () => {
    const pasted = "<p>写明本年度政府信息公开工作存在的主要问题及原因、改进措施，并说明上一年度年度报告所列问题的整改落实情况。</p>";
    const found = rule(check(written({ problems: pasted + narrativeHtml("problems") })), "X-9");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("照抄了本节的填写说明");
  });

  it("the same paragraph twice in one report, also across sections", () => {
    const paragraph = "<p>将政务公开工作纳入对各村和站所的年度考核，通过群众座谈、意见箱等方式开展社会评议。</p>";
    const found = rule(check(written({ other: narrativeHtml("other") + paragraph, problems: narrativeHtml("problems") + paragraph })), "X-9");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: pathOf("other") });
    expect(found[0]!.message).toContain("在“五、存在的主要问题及改进情况”中已经出现过");
  });

  it("does not mistake ordinary text: X光, Excel, short repeats, 12345, sub-headings, 「以下简称」", () => {
    const ordinary =
      "<p>为群众提供X光体检政策解读，公开Excel格式的数据表，畅通12345热线。</p><p>无。</p><p>无。</p>" +
      "<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。</p>";
    expect(rule(check(written({ other: ordinary + narrativeHtml("other") })), "X-9")).toEqual([]);
  });
});
