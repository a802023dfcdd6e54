import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import {
  CopiedTextIndex,
  MIN_COUNTABLE_CHARS,
  checkCopiedText,
  measureCopiedText,
  sideBySide,
  type Segment,
  type SourceDoc,
} from "@/lib/rules/copied-text";
import { compileBoilerplate, normaliseParagraphs } from "@/lib/rules/shingles";
import { GOV_TEXT_CHECKS } from "@/lib/formats/text-checks";
import { htmlToParagraphs, type CheckableReport } from "@/lib/rules";

const SEED = join(process.cwd(), "db", "seed", "reports");

function demo(name: string): ReportDocument {
  const parsed = parseReportJson(readFileSync(join(SEED, `${name}.json`), "utf8"));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.message}`);
  return parsed.document;
}

const PREAMBLE =
  "<p>本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分组成。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在示例县人民政府门户网站“政府信息公开年报”栏目查阅下载。如对本报告有疑问，请与示例县青石镇人民政府党政综合办公室联系。</p>";

// Section 五 of a township (2022), and the same text a year later with every number changed.
const PROBLEMS_2022 =
  "<h3>（二）存在的主要问题</h3><p>一是主动公开的及时性有待提高，部分惠民政策在出台后3个工作日内未能及时公开；二是政策解读形式较为单一，以文字解读为主，图解、视频解读仅2次；三是村级公开不够规范，12个行政村中有4个村的公开栏更新不及时。</p><h3>（三）改进措施</h3><p>2023年，我镇将建立信息发布台账，确保惠民政策在5个工作日内公开；丰富解读形式，全年开展图解、视频解读不少于6次；对12个行政村的公开栏每季度检查1次，发现问题限期整改。</p>";
const PROBLEMS_2023_NEW_NUMBERS = PROBLEMS_2022.replace(/\d+/g, (d) => String(Number(d) + 13)).replaceAll("3个工作日", "７个工作日");

// Same genre, same sub-headings, different content (written for this test).
const PROBLEMS_OTHER =
  "<h3>（二）存在的主要问题</h3><p>对照全县政务公开考核细则，我街道在重点领域信息公开方面仍有短板：征地拆迁补偿标准公开不够细化，群众来电咨询较多；财政预决算说明过于简略，表格与文字说明衔接不紧；网上政务服务事项办事指南更新滞后于政策调整。</p><h3>（三）改进措施</h3><p>下一步，街道党工委将把政务公开纳入年度目标管理，由分管领导每月听取一次进展汇报；细化补偿标准和程序的公开内容，逐户公示补偿明细；会同财政所修订预决算公开模板，并安排专人跟踪办事指南的修订。</p>";

function report(sections: { key: string; heading: string; html: string }[], year = 2023): CheckableReport {
  return { year, sections };
}

const source = (id: string, label: string, sections: SourceDoc["sections"]): SourceDoc => ({ id, label, sections });

describe("X-5 measureCopiedText and checkCopiedText", () => {
  const problems = (html: string) => report([{ key: "problems", heading: "五、存在的主要问题及改进情况", html }]);

  it("identical text is 100 % copied from last year and warns with the percentage", () => {
    const previous = source("prev", "本单位2022年度报告", [{ key: "problems", html: PROBLEMS_2022 }]);
    expect(measureCopiedText(problems(PROBLEMS_2022), { previous })).toEqual([
      {
        sectionKey: "problems",
        path: "sections.0.html",
        percent: 100,
        source: "previous",
        sourceId: "prev",
        sourceLabel: "本单位2022年度报告",
        sourceSectionKey: "problems",
      },
    ]);
    expect(checkCopiedText(problems(PROBLEMS_2022), { previous })).toEqual([
      {
        ruleId: "X-5",
        severity: "warning",
        cells: [],
        path: "sections.0.html",
        message: "本节 100% 的文字与本单位2022年度报告相同，请结合本年度实际情况撰写",
        copied: { percent: 100, sourceId: "prev", sourceLabel: "本单位2022年度报告", sourceSectionKey: "problems" },
      },
    ]);
  });

  it("last year's text with every number changed still counts as copied (≥ 90 %)", () => {
    const previous = source("prev", "本单位2022年度报告", [{ key: "problems", html: PROBLEMS_2022 }]);
    const [match] = measureCopiedText(problems(PROBLEMS_2023_NEW_NUMBERS), { previous });
    expect(match!.percent).toBeGreaterThanOrEqual(90);
    expect(checkCopiedText(problems(PROBLEMS_2023_NEW_NUMBERS), { previous })).toHaveLength(1);
  });

  it("compares with last year's same section only", () => {
    const previous = source("prev", "本单位2022年度报告", [{ key: "other", html: PROBLEMS_2022 }]);
    expect(measureCopiedText(problems(PROBLEMS_2022), { previous })).toEqual([]);
  });

  it("an unrelated report of the same genre (same headings, different content) shares about nothing", () => {
    const previous = source("prev", "本单位2022年度报告", [
      { key: "preamble", html: PREAMBLE },
      { key: "problems", html: PROBLEMS_2022 },
    ]);
    const mine = report([
      { key: "preamble", heading: "", html: PREAMBLE },
      { key: "problems", heading: "五、存在的主要问题及改进情况", html: PROBLEMS_OTHER },
    ]);
    const matches = measureCopiedText(mine, { previous });
    // The prescribed sub-headings are boilerplate; the 199 countable characters share none.
    expect(matches.find((m) => m.sectionKey === "problems")?.percent ?? 0).toBe(0);
    expect(checkCopiedText(mine, { previous })).toEqual([]);
  });

  it("the real 2017 河桥镇 report and the demo reports (same genre, other authors) share at most a few per cent", () => {
    const heqiao = demo("heqiao-2017");
    const index = new CopiedTextIndex();
    for (const name of ["qingshi-2023", "liuxi-2023", "baisha-2023"]) index.add({ id: name, label: name, sections: demo(name).sections });
    const matches = measureCopiedText(heqiao, { index });
    for (const m of matches) expect(m.percent).toBeLessThanOrEqual(5);
  });

  it("does not judge a section that is only boilerplate, or shorter than 50 countable characters", () => {
    const previous = source("prev", "本单位2022年度报告", [{ key: "preamble", html: PREAMBLE }]);
    const boilerplateOnly = report([{ key: "preamble", heading: "", html: PREAMBLE.replace(/如对本报告.*。/, "") }]);
    expect(measureCopiedText(boilerplateOnly, { previous })).toEqual([]);
    const short = "<p>本年度未收取信息处理费。</p>".repeat(3);
    const shortPrev = source("prev", "本单位2022年度报告", [{ key: "other", html: short }]);
    expect(measureCopiedText(report([{ key: "other", heading: "六、其他需要报告的事项", html: short }]), { previous: shortPrev })).toEqual([]);
    expect(MIN_COUNTABLE_CHARS).toBe(50);
  });

  it("boilerplate text is not counted: a section of preamble plus own text is judged on its own text", () => {
    const own = PROBLEMS_OTHER;
    const previous = source("prev", "本单位2022年度报告", [{ key: "overview", html: `${PREAMBLE}${PROBLEMS_2022}` }]);
    const [match] = measureCopiedText(report([{ key: "overview", heading: "一、总体情况", html: `${PREAMBLE}${own}` }]), { previous });
    expect(match?.percent ?? 0).toBeLessThan(10);
  });

  it("finds text copied from another unit anywhere in its report, names it and its section", () => {
    const index = new CopiedTextIndex({ format: "gov-2021" });
    index.add(source("report:7", "示例县柳溪镇人民政府2023年度报告", [{ key: "overview", html: PROBLEMS_OTHER }, { key: "problems", html: "<p>另一段无关的文字。</p>" }]));
    index.add(source("report:8", "示例县白沙镇人民政府2023年度报告", [{ key: "problems", html: PROBLEMS_2022 }]));
    const mine = problems(PROBLEMS_OTHER);
    expect(measureCopiedText(mine, { index })).toEqual([
      expect.objectContaining({ percent: 100, source: "other", sourceId: "report:7", sourceSectionKey: "overview" }),
    ]);
    const [finding] = checkCopiedText(mine, { index });
    expect(finding?.message).toBe("本节 100% 的文字与示例县柳溪镇人民政府2023年度报告相同，请结合本单位实际情况撰写");
    // The report itself in the index is left out.
    index.add(source("mine", "本报告", [{ key: "problems", html: PROBLEMS_OTHER }]));
    expect(measureCopiedText(mine, { index, excludeId: "mine" })[0]?.sourceId).toBe("report:7");
  });

  it("keeps the higher of last year's and another unit's match, and reports it below the threshold too", () => {
    const half = `<p>${htmlText(PROBLEMS_OTHER).slice(0, 120)}</p><p>${htmlText(PROBLEMS_2022).slice(0, 60)}</p>`;
    const index = new CopiedTextIndex();
    index.add(source("other", "示例县柳溪镇人民政府2023年度报告", [{ key: "overview", html: PROBLEMS_OTHER }]));
    const previous = source("prev", "本单位2022年度报告", [{ key: "problems", html: PROBLEMS_2022 }]);
    const [match] = measureCopiedText(problems(half), { previous, index });
    expect(match).toMatchObject({ source: "other", sourceId: "other" });
    expect(match!.percent).toBeGreaterThan(30);
    expect(match!.percent).toBeLessThan(90);
    expect(checkCopiedText(problems(half), { previous, index }, { threshold: 0.95 })).toEqual([]);
    expect(checkCopiedText(problems(half), { previous, index }, { threshold: match!.percent / 100 })).toHaveLength(1);
  });

  it("the index finds the same best match as comparing with every report one by one", () => {
    const sentences = [...htmlText(PROBLEMS_2022).split(/(?<=[。；])/), ...htmlText(PROBLEMS_OTHER).split(/(?<=[。；])/)].filter((x) => x.length > 8);
    // Five reports, each holding a different share of the sentences of the section measured.
    const docs = [1, 2, 3, 5, 8].map((step, d) => source(`d${d}`, `单位${d}`, [{ key: "x", html: `<p>${sentences.filter((_, i) => i % step === 0).join("")}</p>` }]));
    const mine = report([{ key: "problems", heading: "五", html: `<p>${sentences.filter((_, i) => i % 2 === 1).join("")}</p>` }]);
    const index = new CopiedTextIndex();
    for (const doc of docs) index.add(doc);
    const oneByOne = docs.map((doc) => measureCopiedText(mine, { previous: { ...doc, sections: [{ key: "problems", html: doc.sections[0]!.html }] } })[0]?.percent ?? 0);
    const [best] = measureCopiedText(mine, { index });
    expect(best?.percent).toBe(Math.max(...oneByOne));
    expect(oneByOne.filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(2);
  });

  it("index add, replace and remove", () => {
    const index = new CopiedTextIndex();
    const mine = problems(PROBLEMS_2022);
    expect(measureCopiedText(mine, { index })).toEqual([]);
    index.add(source("a", "甲", [{ key: "x", html: PROBLEMS_2022 }]));
    index.add(source("b", "乙", [{ key: "x", html: PROBLEMS_2022 }]));
    expect(index.size).toBe(2);
    expect(measureCopiedText(mine, { index })[0]?.percent).toBe(100);
    expect(index.remove("a")).toBe(true);
    expect(index.remove("a")).toBe(false);
    expect(measureCopiedText(mine, { index })[0]?.sourceId).toBe("b");
    index.add(source("b", "乙", [{ key: "x", html: PROBLEMS_OTHER }])); // replaced
    expect(index.size).toBe(1);
    expect(measureCopiedText(mine, { index })).toEqual([]);
    index.remove("b");
    expect(index.has("b")).toBe(false);
    expect(measureCopiedText(mine, { index })).toEqual([]);
    index.add(source("c", "丙", [{ key: "x", html: PROBLEMS_2022 }])); // reuses the freed slot
    expect(measureCopiedText(mine, { index })[0]).toMatchObject({ sourceId: "c", percent: 100 });
  });

  it("runs over the demo reports: every section against last year and the other units", () => {
    const files = readdirSync(SEED).filter((f) => f.endsWith(".json"));
    const docs = files.map((f) => ({ name: f.replace(/\.json$/, ""), doc: demo(f.replace(/\.json$/, "")) }));
    const index = new CopiedTextIndex({ format: "gov-2021" });
    for (const { name, doc } of docs) index.add({ id: name, label: `${doc.unit.name}${doc.year}年度报告`, sections: doc.sections });
    for (const { name, doc } of docs) {
      const prevName = name.replace(/\d{4}(-draft)?$/, String(doc.year - 1));
      const before = docs.find((d) => d.name === prevName);
      const previous = before ? { id: prevName, label: `本单位${before.doc.year}年度报告`, sections: before.doc.sections } : null;
      const matches = measureCopiedText(doc, { previous, index, excludeId: name });
      for (const m of matches) {
        expect(m.percent).toBeGreaterThanOrEqual(0);
        expect(m.percent).toBeLessThanOrEqual(100);
        expect(m.sourceId).not.toBe(name);
        expect(m.path).toMatch(/^sections\.\d+\.html$/);
      }
      for (const f of checkCopiedText(doc, { previous, index, excludeId: name })) expect(f.ruleId).toBe("X-5");
    }
  });
});

function htmlText(html: string): string {
  return html.replace(/<[^>]*>/g, "");
}

describe("sideBySide", () => {
  const copied = "一是主动公开的及时性有待提高，部分惠民政策在出台后未能及时公开。";
  const mine = `<p>本年度我镇扎实推进政务公开各项工作，取得了较好成效。${copied}</p><p>下一步将加强培训。</p>`;
  const theirs = `<p>${copied}</p><p>二是政策解读形式较为单一。</p>`;

  it("marks the copied sentence shared on both sides and nothing else", () => {
    const { mine: left, theirs: right } = sideBySide(mine, theirs);
    expect(left.filter((s) => s.shared).map((s) => s.text)).toEqual([copied]);
    expect(right.filter((s) => s.shared).map((s) => s.text)).toEqual([copied]);
  });

  it("keeps each paragraph's text whole, with its index", () => {
    const { mine: left, theirs: right } = sideBySide(mine, theirs);
    const joined = paragraphsOf;
    expect(joined(left)).toEqual([`本年度我镇扎实推进政务公开各项工作，取得了较好成效。${copied}`, "下一步将加强培训。"]);
    expect(joined(right)).toEqual([copied, "二是政策解读形式较为单一。"]);
  });

  it("shares text whose numbers differ, and never boilerplate", () => {
    const a = `<p>本报告电子版可在门户网站查阅。全年共收到政府信息公开申请28件，其中予以公开16件，均在法定期限内答复。</p>`;
    const b = `<p>本报告电子版可在门户网站查阅。全年共收到政府信息公开申请３１件，其中予以公开20件，均在法定期限内答复。</p>`;
    const { mine: left, theirs: right } = sideBySide(a, b);
    expect(left.filter((s) => s.shared).map((s) => s.text)).toEqual(["全年共收到政府信息公开申请28件，其中予以公开16件，均在法定期限内答复。"]);
    expect(right.filter((s) => s.shared).map((s) => s.text)).toEqual(["全年共收到政府信息公开申请３１件，其中予以公开20件，均在法定期限内答复。"]);
  });
});

describe("normalisation", () => {
  const boilerplate = compileBoilerplate(GOV_TEXT_CHECKS.boilerplate);
  const text = (paragraphs: string[]) => String.fromCodePoint(...normaliseParagraphs(paragraphs, boilerplate).codes);

  it("drops spaces and punctuation, folds digit runs and Latin case, removes boilerplate", () => {
    expect(text(["全年 收到申请 1,234 件（其中网上12.5%）。", "ＡＢc ２０２３年"])).toBe("全年收到申请#件其中网上#abc#年");
    expect(text(["（一）信息处理费收取情况", "本年度未收取。"])).toBe("本年度未收取");
  });

  it("maps every countable character back to its place in the paragraph", () => {
    const n = normaliseParagraphs(["甲，2023年 乙"], boilerplate);
    expect(Array.from(n.start)).toEqual([0, 2, 6, 8]);
    expect(Array.from(n.end)).toEqual([1, 6, 7, 9]);
  });
});

describe("X-5 properties", () => {
  const chunk = fc.constantFrom(
    "政务公开",
    "依申请公开",
    "主动公开政府信息",
    "本年度",
    "我镇",
    "乡村振兴",
    "，",
    "。",
    "12件",
    "２０２３年",
    "信息处理费",
    "行政复议",
    "门户网站",
    "村务公开栏",
    "群众",
    "答复",
    " ",
    "ABC",
  );
  const paragraphs = fc.array(fc.array(chunk, { minLength: 1, maxLength: 40 }).map((c) => c.join("")), { minLength: 1, maxLength: 5 });
  const html = paragraphs.map((ps) => ps.map((p) => `<p>${p}</p>`).join(""));

  it("coverage is within 0–100, and 100 for a text against itself", () => {
    fc.assert(
      fc.property(html, html, (a, b) => {
        const mine = report([{ key: "s", heading: "", html: a }]);
        const vsOther = measureCopiedText(mine, { previous: source("b", "乙", [{ key: "s", html: b }]) });
        for (const m of vsOther) {
          expect(m.percent).toBeGreaterThanOrEqual(0);
          expect(m.percent).toBeLessThanOrEqual(100);
        }
        const vsSelf = measureCopiedText(mine, { previous: source("a", "甲", [{ key: "s", html: a }]) });
        const judged = normaliseParagraphs(htmlToParagraphs(a), boilerplate()).codes.length >= MIN_COUNTABLE_CHARS;
        expect(vsSelf.map((m) => m.percent)).toEqual(judged ? [100] : []);
      }),
      { numRuns: 150 },
    );
  });

  it("sideBySide gives back both texts unchanged, and against itself shares every countable character", () => {
    const countable = (t: string) => normaliseParagraphs([t], boilerplate()).codes.length;
    fc.assert(
      fc.property(html, html, (a, b) => {
        const { mine, theirs } = sideBySide(a, b);
        expect(paragraphsOf(mine)).toEqual(htmlToParagraphs(a));
        expect(paragraphsOf(theirs)).toEqual(htmlToParagraphs(b));
        const self = sideBySide(a, a).mine;
        if (normaliseParagraphs(htmlToParagraphs(a), boilerplate()).codes.length >= 10) {
          for (const s of self.filter((x) => !x.shared)) expect(countable(s.text)).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});

function paragraphsOf(segments: readonly Segment[]): string[] {
  return segments.reduce<string[]>((paragraphs, s) => {
    paragraphs[s.paragraph] = (paragraphs[s.paragraph] ?? "") + s.text;
    return paragraphs;
  }, []);
}

function boilerplate() {
  return compileBoilerplate(GOV_TEXT_CHECKS.boilerplate);
}
