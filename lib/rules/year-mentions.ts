import { htmlToParagraphs, normalizeDigits } from "./html-text";
import type { CheckableReport, Finding } from "./types";

/*
 * another year where the report year is expected.
 *
 * A report legitimately mentions other years ("2024年工作打算", "与2022年相比",
 * "2021年以来", "上年度报告中指出的问题"), so only four narrow patterns are flagged,
 * each only when its year differs from the report year N:
 *
 * 1. title      — a year in the title before 「报告」 that is not part of a date
 *                 (「2022年度…年度报告」, but not 「…（2024年1月）」);
 * 2. statistics — a statistics-period sentence: a sentence with 统计期限/统计时限/统计时间/
 *                 统计区间/统计周期/统计期间/数据期限 …, or with a full calendar-year span
 *                 「YYYY年1月1日…至…12月31日」; every full date (YYYY年M月…) after the
 *                 keyword must be in year N;
 * 3. reference  — the report announcing itself: 「现（向社会）公布/发布 … YYYY年度 … 报告」;
 * 4. paragraph  — in the preamble or 一、总体情况 only: a paragraph opening with a
 *                 past year as the time of the narrative (「2022年，我镇…」, 「2022年度，」,
 *                 「2022年全年…」) — the usual trace of last year's text copied over.
 *                 Later years are not flagged (plans), nor 「YYYY年以来」.
 *
 * Chinese-numeral years (二〇二二年) are not recognised. One finding per title, per
 * sentence or per paragraph.
 */

const YEAR = "((?:19|20)\\d{2})";
const TITLE_YEAR = new RegExp(`${YEAR}年(度)?(?!\\d{1,2}月)`, "g");
// Cut-off wordings (「统计截至2024年1月10日」) are deliberately not keywords: a cut-off
// date early in year N+1 is legitimate for figures such as page views.
const STAT_KEYWORD = /统计(?:期限|时限|时间|区间|周期|期间|时段)|数据(?:统计)?(?:期限|时限|区间|期间)/;
const FULL_DATE = new RegExp(`${YEAR}年\\d{1,2}月`, "g");
const YEAR_SPAN = new RegExp(`${YEAR}年1月1日(?:起)?\\s*(?:至|到|—+|–|-|~|～)\\s*(?:${YEAR}年)?12月31日`);
const REFERENCE = new RegExp(`(?:现|特|特此|予以|向社会)(?:向社会)?(?:公布|发布)[^。；;\\n]{0,15}?${YEAR}年(?:度)?[^。；;\\n]{0,40}?报告`, "g");
const PARAGRAPH_LEAD = new RegExp(`^${YEAR}年(?:度)?(?:，|,|全年)`);
const SENTENCE_END = /[。；;！!？?]/;

/** Sections whose paragraphs may open with the year of the narrative. */
const LEAD_SECTIONS = new Set(["preamble", "overview"]);

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function sentences(paragraph: string): string[] {
  return paragraph.split(SENTENCE_END).filter((s) => s.trim().length > 0);
}

function sectionLabel(heading: string): string {
  return heading.trim() ? `“${heading.trim()}”中` : "引言中";
}

interface Mention {
  readonly excerpt: string;
  readonly year: number;
}

function titleMention(title: string, year: number): Mention | null {
  const text = normalizeDigits(title);
  for (const m of text.matchAll(TITLE_YEAR)) {
    const y = Number(m[1]);
    if (y !== year && text.indexOf("报告", m.index) >= 0) return { excerpt: m[0], year: y };
  }
  return null;
}

function statisticsMention(sentence: string, year: number): Mention | null {
  const keyword = STAT_KEYWORD.exec(sentence);
  const span = YEAR_SPAN.exec(sentence);
  if (!keyword && !span) return null;
  const start = keyword ? keyword.index : (span?.index ?? 0);
  const tail = sentence.slice(start);
  for (const m of tail.matchAll(FULL_DATE)) {
    const y = Number(m[1]);
    if (y !== year) return { excerpt: clip(tail.trim()), year: y };
  }
  return null;
}

function referenceMention(sentence: string, year: number): Mention | null {
  for (const m of sentence.matchAll(REFERENCE)) {
    const y = Number(m[1]);
    if (y !== year) return { excerpt: clip(m[0]), year: y };
  }
  return null;
}

function leadMention(paragraph: string, year: number): Mention | null {
  const m = PARAGRAPH_LEAD.exec(paragraph);
  if (!m) return null;
  const y = Number(m[1]);
  return y < year ? { excerpt: m[0], year: y } : null;
}

/** X-4 findings for the title and the narrative sections, in document order. */
export function checkYearMentions(report: CheckableReport): Finding[] {
  const year = report.year;
  const out: Finding[] = [];
  const push = (path: string, mention: Mention, message: string): void => {
    out.push({ ruleId: "X-4", severity: "warning", cells: [], expected: year, actual: mention.year, message, path, excerpt: mention.excerpt });
  };

  if (report.title) {
    const m = titleMention(report.title, year);
    if (m) push("title", m, `标题中的“${m.excerpt}”与报告年度 ${year} 年不一致，请核对标题年份`);
  }

  (report.sections ?? []).forEach((section, i) => {
    const path = `sections.${i}.html`;
    const where = sectionLabel(section.heading);
    for (const paragraph of htmlToParagraphs(section.html).map(normalizeDigits)) {
      if (LEAD_SECTIONS.has(section.key)) {
        const m = leadMention(paragraph, year);
        if (m) {
          push(path, m, `${where}有段落以“${m.excerpt}”开头，与报告年度 ${year} 年不一致，可能沿用了往年报告内容，请核对`);
        }
      }
      for (const sentence of sentences(paragraph)) {
        const stat = statisticsMention(sentence, year);
        if (stat) {
          push(
            path,
            stat,
            `${where}的统计期限“${stat.excerpt}”与报告年度 ${year} 年不一致，统计期限应为 ${year}年1月1日至${year}年12月31日`,
          );
          continue;
        }
        const ref = referenceMention(sentence, year);
        if (ref) push(path, ref, `${where}的“${ref.excerpt}”与报告年度 ${year} 年不一致，请核对年份`);
      }
    }
  });
  return out;
}
