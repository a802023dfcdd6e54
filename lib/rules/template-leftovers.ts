import type { FormatDefinition } from "@/lib/formats";
import { clip, sectionName, type TextSection } from "./text-sections";
import type { Finding } from "./types";

/*
 * X-9 — what a template leaves behind when it is filled in carelessly: placeholders (「XX」
 * 「××」「X件」「某某」), instructions (「此处填写」, 「（请填写…）」, 「【…】」), the format's own
 * writing guidance pasted in, and the same paragraph twice in one report. One finding per
 * section for the leftovers and one per repeated paragraph.
 */

const PLACEHOLDERS: readonly RegExp[] = [
  /[XxＸｘ×]{2,}/g,
  /(?<![A-Za-z0-9ａ-ｚＡ-Ｚ])[XxＸｘ×](?=\s*(?:件|条|个|次|项|份|人|家|万元|元|篇|期|场))/g,
  /某某/g,
  /(?:此处|在此)(?:填写|填入|输入)|请(?:在此|此处)?填写|待填写|待补充/g,
  /[【［\[][^】］\]]{0,40}?(?:请|填写|此处|示例|注[:：]|说明[:：])[^】］\]]{0,40}?[】］\]]/g,
  /[（(](?:请|此处|在此|填写|注[:：])[^）)]{1,40}[）)]/g,
];

/** Guidance sentences long enough that finding one in a report means it was pasted in (shorter ones are headings reports use). */
const MIN_GUIDANCE_SENTENCE = 24;
/** Paragraphs shorter than this may legitimately repeat (「无。」, a sub-heading). */
const MIN_REPEATED_PARAGRAPH = 20;

const compact = (text: string): string => text.replace(/[\s\u3000]/g, "");

function guidanceSentences(format: FormatDefinition): string[] {
  const texts = [format.guidance, format.preamble?.guidance ?? "", ...format.sections.map((s) => s.guidance)];
  return texts
    .flatMap((t) => t.split(/[。；;\n]/))
    .map(compact)
    .filter((s) => s.length >= MIN_GUIDANCE_SENTENCE);
}

const guidanceCache = new WeakMap<FormatDefinition, readonly string[]>();

function guidanceOf(format: FormatDefinition): readonly string[] {
  let found = guidanceCache.get(format);
  if (!found) {
    found = guidanceSentences(format);
    guidanceCache.set(format, found);
  }
  return found;
}

export function checkTemplateLeftovers(sections: readonly TextSection[], format: FormatDefinition): Finding[] {
  const out: Finding[] = [];
  const guidance = guidanceOf(format);
  const seen = new Map<string, TextSection>();

  for (const section of sections) {
    const name = sectionName(section.heading);
    const leftovers = new Set<string>();
    for (const paragraph of section.paragraphs) {
      for (const pattern of PLACEHOLDERS) for (const m of paragraph.matchAll(pattern)) leftovers.add(context(paragraph, m.index, m[0]));
    }
    const text = compact(section.paragraphs.join(""));
    const pasted = guidance.find((sentence) => text.includes(sentence));
    if (leftovers.size > 0 || pasted) {
      const parts = [
        leftovers.size > 0 ? `有模板占位或填写提示文字：${[...leftovers].slice(0, 3).map((t) => `“${t}”`).join("、")}` : "",
        pasted ? `照抄了本节的填写说明“${clip(pasted, 30)}”` : "",
      ].filter(Boolean);
      out.push({
        ruleId: "X-9",
        severity: "warning",
        cells: [],
        path: section.path,
        excerpt: [...leftovers][0] ?? pasted,
        message: `${name}${parts.join("；")}，请替换为本单位的实际内容`,
      });
    }

    for (const paragraph of section.paragraphs) {
      const key = compact(paragraph);
      if (key.length < MIN_REPEATED_PARAGRAPH) continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, section);
        continue;
      }
      out.push({
        ruleId: "X-9",
        severity: "warning",
        cells: [],
        path: section.path,
        excerpt: paragraph,
        message: `${name}中的段落“${clip(paragraph, 24)}”${first === section ? "在本节" : `在${sectionName(first.heading)}中`}已经出现过，同一段文字重复出现，请删除或改写`,
      });
    }
  }
  return out;
}

/** The placeholder with a few characters around it, so the clerk can find it (and the editor mark it). */
function context(paragraph: string, index: number, match: string): string {
  return paragraph.slice(Math.max(0, index - 6), Math.min(paragraph.length, index + match.length + 4));
}
