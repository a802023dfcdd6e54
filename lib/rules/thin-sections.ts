import type { TextChecksDecl } from "@/lib/formats";
import { countChars, sectionName, type TextSection } from "./text-sections";
import type { Finding } from "./types";

/**
 * X-6 — a section too thin to say what the format asks of it (thresholds in the format data).
 * An empty section is not judged here: it is simply not written yet, and 「标记为已完成」 and
 * 提交审核 already refuse it.
 */
export function checkThinSections(sections: readonly TextSection[], decl: TextChecksDecl): Finding[] {
  const out: Finding[] = [];
  for (const rule of decl.thinSections) {
    const section = sections.find((s) => s.key === rule.sectionKey);
    if (!section) continue;
    const chars = countChars(section.paragraphs);
    if (chars === 0) continue;
    const name = sectionName(section.heading);
    const problems: string[] = [];
    if (rule.minChars !== undefined && chars < rule.minChars) problems.push(`只有 ${chars} 字，不足 ${rule.minChars} 字`);
    const text = section.paragraphs.join("");
    if (rule.mustMention && !rule.mustMention.anyOf.some((word) => text.includes(word))) {
      problems.push(`没有写明${rule.mustMention.what}`);
    }
    if (problems.length === 0) continue;
    out.push({
      ruleId: "X-6",
      severity: "warning",
      cells: [],
      path: section.path,
      ...(rule.minChars !== undefined && chars < rule.minChars ? { expected: rule.minChars, actual: chars } : {}),
      message: `${name}${problems.join("，")}，内容过于单薄，请按本节要求充实`,
    });
  }
  return out;
}
