import { htmlToParagraphs, normalizeDigits } from "./html-text";
import type { CheckableReport } from "./types";

/** A narrative section as the text checks read it. */
export interface TextSection {
  readonly index: number;
  readonly key: string;
  readonly heading: string;
  /** `sections.<index>.html`, the path findings carry. */
  readonly path: string;
  /** Paragraphs as plain text, digits normalised (full-width → ASCII). */
  readonly paragraphs: readonly string[];
}

export function textSections(report: CheckableReport): TextSection[] {
  return (report.sections ?? []).map((s, index) => ({
    index,
    key: s.key,
    heading: s.heading,
    path: `sections.${index}.html`,
    paragraphs: htmlToParagraphs(s.html).map(normalizeDigits),
  }));
}

/** 「“一、总体情况”」 or 「引言」 for messages. */
export function sectionName(heading: string): string {
  return heading.trim() ? `“${heading.trim()}”` : "引言";
}

/** Characters that count as written text: no whitespace. */
export function countChars(paragraphs: readonly string[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.replace(/[\s\u3000]/g, "").length;
  return n;
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
