import { listCells, type CellId } from "@/lib/formats";
import { getTableValue, type ReportTables } from "@/lib/interchange";
import { CHINESE_NUMERAL_CHARS, parseCount, writtenDecimals } from "./chinese-numerals";
import { htmlToParagraphs } from "./html-text";
import type { CheckableReport, Finding } from "./types";

/*
 * X-1 — figures quoted in the narrative that contradict tables 二–四.
 *
 * Each sentence (split at 。！？) is scanned for numbers followed by a counting unit
 * (件/宗/份/起) or an amount (万元/元). A number binds to the nearest phrase before it in
 * its region: the text since the previous number or the clause start (，；：), whichever is
 * later, so 「予以公开8件、部分公开1件」 are two claims while 「收到自然人、法人申请15件」 stays
 * one. Among phrases ending at the same place the longer wins (「不予处理」 over 「处理」,
 * 「超期答复」 over 「答复」). A phrase names one or several accepted values (「收到申请N件」:
 * 本年新收, or 新收 + 上年结转); the claim holds when any of them equals the number.
 * 「A、B、C分别为x件、y件、z件」 pairs the phrases with the figures in order.
 *
 * Generic words (办结, 答复, 处理, 自然人, 予以公开 …) count only where the paragraph is talking
 * about applications (申请 shortly before, with no 信访/来访/诉求/事项 … in between); 制发/废止/
 * 现行有效 only where it is about 规范性文件. Blockers — phrases naming what the tables do not
 * hold (信访, 热线, 建议提案, 按时答复, 行政复议结果维持 …) — bind a figure and compare nothing.
 *
 * Deliberately not compared (false alarms cost trust):
 * - approximations and ordinals (「10余件」「20多件」「第3件」), other units (条、次、个、%);
 * - figures with no table cell in the format (主动公开…条, 信访, 网络问政, 热线, 咨询 …);
 * - a sentence naming a year other than the report year (「2022年收到申请…」), and a
 *   clause (；) comparing with another period (同比, 较上年 …);
 * - 信息处理费 (国办函〔2020〕109号) — it is not table 二's 行政事业性收费;
 * - blank cells (the claim is skipped, V0 reports them).
 *
 * Sum of parts: 「其中A件、B件……共N件」 where A + B + … ≠ N is reported with no cell.
 */

type UnitKind = "count" | "money";

/** One value a phrase may mean: the sum of `cells`. */
interface Reading {
  readonly cells: readonly CellId[];
  /** Chinese name of the value, e.g. 表三“本年新收政府信息公开申请数量”总计. */
  readonly label: string;
}

interface Phrase {
  /** Global regular expression; its last match in the region is the candidate. */
  readonly pattern: RegExp;
  readonly unit: UnitKind;
  /**
   * Readings of the figure (given the matched text). Absent for a blocker: a phrase naming
   * something the tables do not hold, which binds figures of any unit and compares nothing.
   */
  readonly readings?: (matched: string) => readonly Reading[];
  /** The phrase does not apply when its matched text contains this. */
  readonly reject?: RegExp;
  /** The phrase does not apply when the region (text since the last number) contains this. */
  readonly regionReject?: RegExp;
  /**
   * The phrase applies only when the paragraph before the number (at most `LOOK_BACK`
   * characters) contains this (global), and nothing in `NOT_ABOUT_APPLICATIONS` stands between
   * its last occurrence and the number.
   */
  readonly context?: RegExp;
  /** The phrase does not apply when the paragraph before the number (`LOOK_BACK`) contains this. */
  readonly notAfter?: RegExp;
  /** Longest text tolerated between the phrase and its number (default `MAX_GAP`). */
  readonly maxGap?: number;
}

const T3 = "table3.total";
/** The 2021 format's cells of one group of table 三's results (the rows come from the format, not from here). */
const resultRows = (group: string): CellId[] => listCells("gov-2021").map((c) => c.id).filter((id) => id.startsWith(`${T3}.results.${group}.`));
const DENIED = resultRows("denied");
const UNABLE = resultRows("unableToProvide");
const NOT_PROCESSED = resultRows("notProcessed");
const OTHER = resultRows("other");
const ORG_COLUMNS = ["commercial", "research", "social", "legal", "otherOrg"];
/** Organisation columns a report names by their heading (「其他」 is too vague to bind). */
const ORG_COLUMN_PHRASES: readonly (readonly [string, string])[] = [
  ["商业企业", "commercial"],
  ["科研机构", "research"],
  ["社会公益组织", "social"],
  ["法律服务机构", "legal"],
];

const RECEIVED: Reading = { cells: [`${T3}.newReceived`], label: "表三“本年新收政府信息公开申请数量”总计" };
const WORKLOAD: Reading = {
  cells: [`${T3}.newReceived`, `${T3}.carriedOver`],
  label: "本年新收与上年结转申请之和",
};
const PROCESSED: Reading = { cells: [`${T3}.results.totalProcessed`], label: "表三办理结果“总计”" };
const GRANTED: Reading = { cells: [`${T3}.results.granted`], label: "表三“予以公开”总计" };
const PARTIAL: Reading = { cells: [`${T3}.results.partialGrant`], label: "表三“部分公开”总计" };
const REVIEW: Reading = { cells: ["table4.review.total"], label: "表四“行政复议”总计" };
const LITIGATION: Reading = {
  cells: ["table4.litigationDirect.total", "table4.litigationPostReview.total"],
  label: "表四“行政诉讼”总计（未经复议直接起诉与复议后起诉之和）",
};
const CASES: Reading = {
  cells: ["table4.review.total", "table4.litigationDirect.total", "table4.litigationPostReview.total"],
  label: "表四行政复议与行政诉讼总计之和",
};

const FEES: Reading = { cells: ["table2.fees.amountWanYuan"], label: "表二行政事业性收费“本年收费金额”" };

const fixed =
  (...readings: Reading[]) =>
  (): readonly Reading[] =>
    readings;

/** Words between a verb and 申请 that make it some other kind of request or a breakdown. */
const NOT_AN_APPLICATION = /信访|问政|热线|咨询|投诉|举报|留言|来信|来访|复议|诉讼|自然人|法人|组织|企业|网上|网络|当面|现场|信函|邮寄|传真|邮件|电话/;
const DOCUMENT_CONTEXT = /规范性文件/g;
/** Generic words (办结, 处理, 自然人) count only in a sentence about disclosure applications. */
const APPLICATION_CONTEXT = /申请/g;
/** Outcome words (予以公开, 不予公开 …) also describe the review of proactive disclosure: they count after these. */
const RESULT_CONTEXT = /申请|办理结果|办结|答复/g;
/** After the context word, these turn the talk to something else (「受理群众来访12件，办结12件」). */
const NOT_ABOUT_APPLICATIONS = /信访|来访|来电|来信|诉求|办件|热线|工单|咨询|投诉|举报|事项|建议|提案|隐私|个人信息|督办/;

const PHRASES: readonly Phrase[] = [
  // Things the tables do not hold, or qualifiers that make a figure something else.
  {
    pattern: /信访|问政|热线|咨询|投诉|举报|留言|来信|来访|建议|提案|培训|会议|活动|(?:超期|逾期|延期|按时|按期|期限内|当场|当日|即时)(?:答复|办结|处理)?|主动公开|信息处理费|处理费|收费通知/g,
    unit: "count",
  },
  {
    // Outcomes of reviews and lawsuits (「行政复议结果维持1件」「被纠错1件」) are not the totals.
    pattern: /维持|纠正|纠错|撤销|确认违法|驳回|审结|败诉|胜诉|撤诉|调解|和解|结案/g,
    unit: "count",
  },
  {
    pattern: /(?:收到|新收|受理|接收|接到|收悉)[^，,；;。：:]*?申请/g,
    unit: "count",
    reject: NOT_AN_APPLICATION,
    readings: (m) => (/办结|答复|办理完/.test(m) ? [RECEIVED, WORKLOAD, PROCESSED] : [RECEIVED, WORKLOAD]),
  },
  {
    pattern: /(?:上年度?|上一年度?)(?:结转|未办结|遗留)|结转自上年/g,
    unit: "count",
    readings: fixed({ cells: [`${T3}.carriedOver`], label: "表三“上年结转政府信息公开申请数量”总计" }),
  },
  {
    pattern: /办结|答复|办理完毕|办理完结|处理完毕|处理(?!决定)/g,
    unit: "count",
    context: APPLICATION_CONTEXT,
    readings: fixed(PROCESSED),
  },
  {
    // 「共处理政府信息公开申请N件」 may be the applications handled or received.
    pattern: /(?:办结|答复|处理|办理)[^，,；;。：:]*?申请/g,
    unit: "count",
    reject: NOT_AN_APPLICATION,
    readings: fixed(PROCESSED, RECEIVED, WORKLOAD),
  },
  { pattern: /予以公开|同意公开|全部公开/g, unit: "count", context: RESULT_CONTEXT, readings: fixed(GRANTED) },
  { pattern: /部分公开/g, unit: "count", context: RESULT_CONTEXT, readings: fixed(PARTIAL) },
  {
    pattern: /(?:予以公开|同意公开|全部公开)(?:及|和|与|、|或)(?:同意)?部分公开/g,
    unit: "count",
    context: RESULT_CONTEXT,
    readings: fixed({
      cells: [`${T3}.results.granted`, `${T3}.results.partialGrant`],
      label: "表三“予以公开”与“部分公开”总计之和",
    }),
  },
  { pattern: /不予公开/g, unit: "count", context: RESULT_CONTEXT, readings: fixed({ cells: DENIED, label: "表三“不予公开”各项总计之和" }) },
  { pattern: /无法提供/g, unit: "count", context: RESULT_CONTEXT, readings: fixed({ cells: UNABLE, label: "表三“无法提供”各项总计之和" }) },
  { pattern: /不予处理/g, unit: "count", context: RESULT_CONTEXT, readings: fixed({ cells: NOT_PROCESSED, label: "表三“不予处理”各项总计之和" }) },
  {
    pattern: /其他处理/g,
    unit: "count",
    context: RESULT_CONTEXT,
    readings: fixed(
      { cells: OTHER, label: "表三“其他处理”各项总计之和" },
      // The 2019 trial format has a single 其他处理 row.
      { cells: [`${T3}.results.other.total`], label: "表三“其他处理”总计" },
    ),
  },
  {
    pattern: /结转(?:至|到|入)?下(?:一)?年度?|转入下(?:一)?年度?/g,
    unit: "count",
    context: RESULT_CONTEXT,
    readings: fixed({ cells: [`${T3}.carriedForward`], label: "表三“结转下年度继续办理”总计" }),
  },
  {
    pattern: /自然人/g,
    unit: "count",
    context: APPLICATION_CONTEXT,
    readings: fixed(
      { cells: ["table3.naturalPerson.newReceived"], label: "表三自然人“本年新收政府信息公开申请数量”" },
      {
        cells: ["table3.naturalPerson.newReceived", "table3.naturalPerson.carriedOver"],
        label: "自然人本年新收与上年结转申请之和",
      },
    ),
  },
  {
    pattern: /法人(?:或者|或|和|及|与|、)?其他组织/g,
    unit: "count",
    context: APPLICATION_CONTEXT,
    readings: fixed(
      {
        cells: ORG_COLUMNS.map((c) => `table3.${c}.newReceived`),
        label: "表三法人或其他组织各列“本年新收政府信息公开申请数量”之和",
      },
      {
        cells: ORG_COLUMNS.flatMap((c) => [`table3.${c}.newReceived`, `table3.${c}.carriedOver`]),
        label: "法人或其他组织本年新收与上年结转申请之和",
      },
    ),
  },
  ...ORG_COLUMN_PHRASES.map(
    ([word, column]): Phrase => ({
      pattern: new RegExp(word, "g"),
      unit: "count",
      context: APPLICATION_CONTEXT,
      readings: fixed(
        { cells: [`table3.${column}.newReceived`], label: `表三${word}“本年新收政府信息公开申请数量”` },
        { cells: [`table3.${column}.newReceived`, `table3.${column}.carriedOver`], label: `${word}本年新收与上年结转申请之和` },
      ),
    }),
  ),
  { pattern: /行政复议|复议/g, unit: "count", readings: fixed(REVIEW) },
  { pattern: /行政诉讼|诉讼|起诉|被诉/g, unit: "count", readings: fixed(LITIGATION) },
  {
    pattern: /复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g,
    unit: "count",
    readings: fixed({ cells: ["table4.litigationPostReview.total"], label: "表四“复议后起诉”总计" }, LITIGATION),
  },
  {
    pattern: /(?:未经复议)?直接(?:提起)?(?:行政)?(?:起诉|诉讼)/g,
    unit: "count",
    readings: fixed({ cells: ["table4.litigationDirect.total"], label: "表四“未经复议直接起诉”总计" }, LITIGATION),
  },
  {
    pattern:
      /复议[^，,；;。：:]*?诉讼[^，,；;。：:\d]*?(?:共计|合计|总计|共|案件)|诉讼[^，,；;。：:]*?复议[^，,；;。：:\d]*?(?:共计|合计|总计|共|案件)|相关案件|复议诉讼案件/g,
    unit: "count",
    readings: fixed(CASES, REVIEW, LITIGATION),
  },
  {
    pattern: /(?:制发|制定|出台|印发|新制定|新制发)[^，,；;。：:]*?规范性文件|规范性文件[^，,；;。：:\d]*?(?:制发|制定|出台|印发)/g,
    unit: "count",
    reject: /规章|废止|失效|现行有效/,
    readings: fixed(
      { cells: ["table2.normativeDocuments.made"], label: "表二行政规范性文件“本年制发件数”" },
      { cells: ["table2.normativeDocuments.made", "table2.regulations.made"], label: "表二规章与行政规范性文件“本年制发件数”之和" },
      // The 2019 trial format counts 本年新制作数量.
      { cells: ["table2.normativeDocuments.newlyMade"], label: "表二规范性文件“本年新制作数量”" },
    ),
  },
  {
    // 「规范性文件方面，制发N件」: the bare verb where the sentence is about 规范性文件.
    pattern: /制发|制定|出台|印发/g,
    unit: "count",
    context: DOCUMENT_CONTEXT,
    regionReject: /规章/,
    readings: fixed(
      { cells: ["table2.normativeDocuments.made"], label: "表二行政规范性文件“本年制发件数”" },
      { cells: ["table2.normativeDocuments.newlyMade"], label: "表二规范性文件“本年新制作数量”" },
    ),
  },
  {
    pattern: /废止/g,
    unit: "count",
    context: DOCUMENT_CONTEXT,
    regionReject: /规章/,
    readings: fixed(
      { cells: ["table2.normativeDocuments.repealed"], label: "表二行政规范性文件“本年废止件数”" },
      {
        cells: ["table2.normativeDocuments.repealed", "table2.regulations.repealed"],
        label: "表二规章与行政规范性文件“本年废止件数”之和",
      },
    ),
  },
  {
    // Not 继续有效: 「清理规范性文件12件，其中继续有效8件」 is the part of a clean-up still valid.
    pattern: /现行有效|(?:仍然|仍)有效/g,
    unit: "count",
    context: DOCUMENT_CONTEXT,
    regionReject: /规章/,
    readings: fixed(
      { cells: ["table2.normativeDocuments.valid"], label: "表二行政规范性文件“现行有效件数”" },
      {
        cells: ["table2.normativeDocuments.valid", "table2.regulations.valid"],
        label: "表二规章与行政规范性文件“现行有效件数”之和",
      },
    ),
  },
  {
    pattern: /行政许可/g,
    unit: "count",
    regionReject: /信息|公示|公开|事项/,
    readings: fixed({ cells: ["table2.licensing.decisions"], label: "表二行政许可“本年处理决定数量”" }),
  },
  {
    pattern: /行政处罚/g,
    unit: "count",
    regionReject: /信息|公示|公开|事项/,
    readings: fixed({ cells: ["table2.punishment.decisions"], label: "表二行政处罚“本年处理决定数量”" }),
  },
  {
    pattern: /行政强制/g,
    unit: "count",
    regionReject: /信息|公示|公开|事项/,
    readings: fixed({ cells: ["table2.coercion.decisions"], label: "表二行政强制“本年处理决定数量”" }),
  },
  {
    pattern: /行政事业性收费|收费金额|收费总额|收取行政事业性收费/g,
    unit: "money",
    regionReject: /处理费/,
    readings: fixed(FEES),
  },
  {
    // Bare 收费 only right before the amount (「收费0.5万元」), not 「停车收费…」.
    pattern: /收费/g,
    unit: "money",
    maxGap: 2,
    regionReject: /停车|代收|罚款/,
    // Next to applications or 信息处理费, a bare 收费 is the information-processing fee.
    notAfter: /处理费|收费通知|申请/,
    readings: fixed(FEES),
  },
];

/** Every cell X-1 may read (for tests). */
export const TEXT_FIGURE_CELLS: readonly CellId[] = [
  ...new Set(PHRASES.flatMap((p) => [...(p.readings?.("办结") ?? []), ...(p.readings?.("") ?? [])].flatMap((r) => r.cells))),
];

// ---------------------------------------------------------------------------------------------
// Numbers in a sentence

interface Figure {
  /** Index of the first character of the numeral. */
  readonly start: number;
  /** Index just after the unit. */
  readonly end: number;
  readonly value: number;
  readonly unit: UnitKind | null;
  /** Written decimals of an amount (for rounding). */
  readonly decimals: number;
  /** 件 / 万元 / … as written. */
  readonly unitText: string;
}

const NUMERAL = new RegExp(
  `(?:[0-9０-９]{1,3}(?:,[0-9０-９]{3})+|[0-9０-９]+)(?:[.．][0-9０-９]+)?|[${CHINESE_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?`,
  "g",
);
const COUNT_UNIT = /^\s?(件|宗|份|起)/;
const MONEY_UNIT = /^\s?(万元|元)/;
/**
 * A Chinese numeral is a figure only before a unit X-1 reads, or as a year (「二〇二二年」):
 * otherwise it is a word (一是, 统一, 下一年度, 一年里) and must not cut a phrase off its number.
 */
const CHINESE_FIGURE_UNIT = /^\s?(?:[件宗份起元]|万元)/;
const CHINESE_YEAR = /^[〇零一二三四五六七八九]{4}$/;
const ARABIC_START = /^[0-9０-９]/;

function figuresOf(sentence: string): Figure[] {
  const out: Figure[] = [];
  for (const m of sentence.matchAll(NUMERAL)) {
    const start = m.index;
    let text = m[0];
    const after = sentence.slice(start + text.length, start + text.length + 3);
    const arabic = ARABIC_START.test(text);
    if (!arabic && !CHINESE_FIGURE_UNIT.test(after) && !(CHINESE_YEAR.test(text) && /^\s?年/.test(after))) continue;
    const prev = sentence[start - 1];
    const ordinal = prev === "第";
    let unit: UnitKind | null = null;
    let unitText = "";
    let scale = 1;
    const count = COUNT_UNIT.exec(after);
    const money = MONEY_UNIT.exec(after);
    if (count) {
      unit = "count";
      unitText = count[0];
    } else if (!arabic && /[万萬]$/.test(text) && after.startsWith("元")) {
      // 「五万元」「十万万元」: the numeral ate the 万 of 万元.
      text = text.slice(0, -1);
      unit = "money";
      unitText = "元";
    } else if (money) {
      unit = "money";
      unitText = money[0];
      scale = money[1] === "元" ? 1e-4 : 1;
    }
    const parsed = parseCount(text);
    if (parsed === null) continue;
    const approximate = /^[余多来]/.test(after);
    const value = unit === "money" ? Math.round(parsed * scale * 1e6) / 1e6 : parsed;
    out.push({
      start,
      end: start + m[0].length + unitText.length,
      value,
      unit: ordinal || approximate ? null : unit,
      decimals: writtenDecimals(text) + (scale === 1 ? 0 : 4),
      unitText: unitText.trim(),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sentences and clauses

const SENTENCE_END = /[。！？!?]/;
const HARD_CLAUSE_BREAK = /[，；：;:]|,(?![0-9０-９]{3})/;
const COMPARISON = /同比|环比|较上年|比上年|较去年|比去年|与上年|与去年|上年同期|去年同期|上年度(?!结转|未办结|遗留)|去年|前年|较\s*(?:19|20)\d{2}|比\s*(?:19|20)\d{2}|增长|下降|增加|减少|持平/;
/** How far back a phrase's context and clause start are looked for. */
const LOOK_BACK = 200;
/** Longest gap tolerated between a phrase and its number (「作出行政许可决定」…). */
const MAX_GAP = 12;

/** Sentences of a paragraph (without their final 。！？) and where each starts. */
function sentencesOf(paragraph: string): { readonly text: string; readonly start: number }[] {
  const out: { text: string; start: number }[] = [];
  let from = 0;
  for (let i = 0; i <= paragraph.length; i++) {
    if (i === paragraph.length || SENTENCE_END.test(paragraph[i] ?? "")) {
      const raw = paragraph.slice(from, i);
      const text = raw.trim();
      if (text.length > 0) out.push({ text, start: from + raw.indexOf(text) });
      from = i + 1;
    }
  }
  return out;
}

/** A year other than the report year, in any numeral form (「2022年」「二〇二二年度」). */
function mentionsOtherYear(sentence: string, figures: readonly Figure[], year: number): boolean {
  return figures.some(
    (f) => f.unit === null && f.value >= 1900 && f.value < 2100 && f.value !== year && /^\s?年/.test(sentence.slice(f.end, f.end + 2)),
  );
}

/**
 * Start of the clause holding `at`: after the last hard break before it, looking back at most
 * `LOOK_BACK` characters (keeps the check linear on text without punctuation).
 */
function clauseStart(sentence: string, at: number): number {
  const floor = Math.max(0, at - LOOK_BACK);
  for (let i = at - 1; i >= floor; i--) {
    const ch = sentence[i] ?? "";
    if (HARD_CLAUSE_BREAK.test(ch === "," ? sentence.slice(i, i + 4) : ch)) return i + 1;
  }
  return floor;
}

/** For each `；`-segment of the sentence: where it ends and whether it compares with another period. */
function comparisonSegments(sentence: string): { readonly end: number; readonly comparing: boolean }[] {
  const out: { end: number; comparing: boolean }[] = [];
  let from = 0;
  for (let i = 0; i <= sentence.length; i++) {
    if (i === sentence.length || sentence[i] === "；" || sentence[i] === ";") {
      out.push({ end: i, comparing: COMPARISON.test(sentence.slice(from, i)) });
      from = i + 1;
    }
  }
  return out;
}

/** The last occurrence of `context` in `before`, with nothing off-topic after it. */
function inContext(before: string, context: RegExp): boolean {
  let last = -1;
  for (const m of before.matchAll(context)) last = m.index + m[0].length;
  return last >= 0 && !NOT_ABOUT_APPLICATIONS.test(before.slice(last));
}

interface Match {
  readonly phrase: Phrase;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Phrases in `sentence[regionStart, regionEnd)` that may bind `figure`. */
function candidates(ctx: SentenceContext, regionStart: number, regionEnd: number, figure: Figure): Match[] {
  const region = ctx.sentence.slice(regionStart, regionEnd);
  // Context may come from earlier sentences of the paragraph (「收到申请15件。办结15件…」).
  const at = ctx.offset + figure.start;
  const before = ctx.paragraph.slice(Math.max(0, at - LOOK_BACK), at);
  const out: Match[] = [];
  const contexts = new Map<RegExp, boolean>(); // a few phrases share each context
  const holds = (context: RegExp): boolean => {
    let known = contexts.get(context);
    if (known === undefined) contexts.set(context, (known = inContext(before, context)));
    return known;
  };
  for (const phrase of PHRASES) {
    if (phrase.readings && phrase.unit !== figure.unit) continue;
    if (phrase.regionReject?.test(region)) continue;
    if (phrase.context && !holds(phrase.context)) continue;
    if (phrase.notAfter?.test(before)) continue;
    for (const m of region.matchAll(phrase.pattern)) {
      if (phrase.reject?.test(m[0])) continue;
      const start = regionStart + m.index;
      out.push({ phrase, start, end: start + m[0].length, text: m[0] });
    }
  }
  return out;
}

/** Of two matches, the one a figure after both binds to: the later end, then the longer, then a blocker. */
function nearer(a: Match, b: Match): Match {
  if (a.end !== b.end) return a.end > b.end ? a : b;
  if (a.text.length !== b.text.length) return a.text.length > b.text.length ? a : b;
  return !b.phrase.readings ? b : a;
}

/** The phrase a figure binds to: the match nearest before it in its region. */
function bind(ctx: SentenceContext, regionStart: number, figure: Figure): Match | null {
  let best: Match | null = null;
  for (const m of candidates(ctx, regionStart, figure.start, figure)) best = best ? nearer(best, m) : m;
  if (best === null || figure.start - best.end > (best.phrase.maxGap ?? MAX_GAP)) return null;
  return best;
}

const LIST_GLUE = /^[、，,和及与\s]*$/;

/**
 * 「行政许可、行政处罚、行政强制决定分别为15件、30件、2件」: the phrases before 分别 pair with
 * the figures after it, in order. Returns the phrase of each figure of the run starting at
 * `first` (null when the counts differ: nothing is compared rather than guessed).
 */
function distribute(ctx: SentenceContext, figures: readonly Figure[], first: number, regionStart: number, respectively: number): Map<number, Match | null> {
  const run = [first];
  for (let k = first + 1; k < figures.length; k++) {
    const prev = figures[k - 1] as Figure;
    const next = figures[k] as Figure;
    if (next.unit !== prev.unit || !LIST_GLUE.test(ctx.sentence.slice(prev.end, next.start))) break;
    run.push(k);
  }
  // As many phrases as fit without overlapping, earliest end first: 「予以公开、部分公开」 is two
  // phrases here, not the pair's combined reading; 「不予处理」 (longer, same end) beats 「处理」.
  const sorted = candidates(ctx, regionStart, respectively, figures[first] as Figure).sort(
    (a, b) => a.end - b.end || b.text.length - a.text.length || (a.phrase.readings ? 1 : 0) - (b.phrase.readings ? 1 : 0),
  );
  const phrases: Match[] = [];
  for (const m of sorted) if (m.start >= (phrases[phrases.length - 1]?.end ?? 0)) phrases.push(m);
  const out = new Map<number, Match | null>();
  run.forEach((k, n) => out.set(k, run.length === phrases.length ? (phrases[n] ?? null) : null));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Comparison

function readingValue(tables: ReportTables, reading: Reading): number | null {
  let sum = 0;
  for (const id of reading.cells) {
    const v = getTableValue(tables, id);
    if (typeof v !== "number" || !Number.isFinite(v)) return null;
    sum += v;
  }
  return Math.round(sum * 1e6) / 1e6;
}

function agrees(figure: Figure, value: number): boolean {
  if (figure.unit === "count") return figure.value === value;
  // An amount written with d decimals agrees with the cell rounded to d decimals.
  const tolerance = 0.5 * 10 ** -figure.decimals + 1e-9;
  return Math.abs(figure.value - value) <= tolerance;
}

function unitWord(figure: Figure): string {
  return figure.unit === "money" ? "万元" : "件";
}

function show(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

interface SentenceContext {
  readonly path: string;
  readonly paragraph: string;
  readonly sentence: string;
  /** Where the sentence starts in the paragraph. */
  readonly offset: number;
  readonly tables: ReportTables;
  readonly out: Finding[];
}

function checkClaims(ctx: SentenceContext, figures: readonly Figure[], year: number): void {
  const { sentence, tables } = ctx;
  if (mentionsOtherYear(sentence, figures, year)) return;
  const segments = comparisonSegments(sentence);
  let segment = 0;
  let distributed = new Map<number, Match | null>();
  figures.forEach((figure, i) => {
    while ((segments[segment]?.end ?? Infinity) < figure.start) segment++;
    if (figure.unit === null || segments[segment]?.comparing) return;
    const previous = i > 0 ? figures[i - 1] : undefined;
    const regionStart = Math.max(clauseStart(sentence, figure.start), previous ? previous.end : 0);
    const respectively = regionStart + sentence.slice(regionStart, figure.start).lastIndexOf("分别");
    if (!distributed.has(i) && respectively >= regionStart) {
      distributed = distribute(ctx, figures, i, regionStart, respectively);
    }
    const match = distributed.has(i) ? distributed.get(i) : bind(ctx, regionStart, figure);
    if (!match) return;
    const readings = match.phrase.readings?.(match.text) ?? [];
    const values = readings
      .map((reading) => ({ reading, value: readingValue(tables, reading) }))
      .filter((r): r is { reading: Reading; value: number } => r.value !== null);
    const [first, ...others] = values;
    if (!first || values.some((r) => agrees(figure, r.value))) return;
    const quote = sentence.slice(match.start, figure.end);
    const unit = unitWord(figure);
    const alternatives = others.map((r) => `，${r.reading.label}为 ${show(r.value)} ${unit}`).join("");
    ctx.out.push({
      ruleId: "X-1",
      severity: "warning",
      cells: [first.reading.cells[0] as CellId],
      expected: first.value,
      actual: figure.value,
      message: `正文写“${quote}”，但${first.reading.label}为 ${show(first.value)} ${unit}${alternatives}，请核对`,
      path: ctx.path,
      excerpt: sentence,
    });
  });
}

const TOTAL_LEAD = /(?:共计|合计|总计|累计|共)(?:为|有|达|是)?\s*$/;

/** 「其中A件、B件……共N件」: the parts after the last 其中 must add up to the total. */
function checkSumOfParts(ctx: SentenceContext, figures: readonly Figure[]): void {
  const { sentence } = ctx;
  figures.forEach((total, i) => {
    if (total.unit !== "count") return;
    const previous = i > 0 ? figures[i - 1] : undefined;
    const lead = sentence.slice(previous ? previous.end : 0, total.start);
    if (!TOTAL_LEAD.test(lead)) return;
    const windowStart = Math.max(0, total.start - 2 * LOOK_BACK);
    const found = sentence.slice(windowStart, total.start).lastIndexOf("其中");
    const among = found < 0 ? -1 : windowStart + found;
    if (among < 0 || /[；;]/.test(sentence.slice(among, total.start))) return;
    const parts = figures.slice(0, i).filter((f) => f.start > among);
    if (parts.length < 2 || parts.some((p) => p.unit !== "count")) return;
    const sum = parts.reduce((s, p) => s + p.value, 0);
    if (sum === total.value) return;
    const quote = sentence.slice(among, total.end);
    ctx.out.push({
      ruleId: "X-1",
      severity: "warning",
      cells: [],
      expected: sum,
      actual: total.value,
      message: `正文“${quote}”中所列各项相加为 ${sum} 件，与所写合计 ${total.value} 件不一致，请核对`,
      path: ctx.path,
      excerpt: sentence,
    });
  });
}

/**
 * X-1 findings for the narrative sections of a report, in document order: figures next to a
 * phrase naming a cell of tables 二–四 that differ from it, and parts that do not add up to
 * the total quoted with them. Linear in the length of the text. Without tables (a legacy
 * report) there is nothing to compare.
 */
export function checkTextFigures(report: CheckableReport, tables: ReportTables | undefined): Finding[] {
  if (!tables) return [];
  const out: Finding[] = [];
  (report.sections ?? []).forEach((section, index) => {
    const path = `sections.${index}.html`;
    for (const paragraph of htmlToParagraphs(section.html)) {
      for (const { text: sentence, start: offset } of sentencesOf(paragraph)) {
        const figures = figuresOf(sentence);
        if (!figures.some((f) => f.unit !== null)) continue;
        const ctx: SentenceContext = { path, paragraph, sentence, offset, tables, out };
        checkClaims(ctx, figures, report.year);
        checkSumOfParts(ctx, figures);
      }
    }
  });
  return out;
}
