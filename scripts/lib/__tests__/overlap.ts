/**
 * A stand-in for the X-5 (雷同) measure while its engine is written (issue 13): how much of a
 * narrative section's text is also found in another text. Used only by the demo-report tests.
 *
 * Normalisation: plain text without the sub-headings (<h3>) and the preamble's standard
 * sentences, without punctuation or whitespace, every digit run one placeholder. Coverage is the
 * share of characters covered by a 10-character shingle that also occurs in the other text.
 */
import { GOV_TEXT_CHECKS } from "@/lib/formats/text-checks";
import { htmlToPlainText } from "@/lib/html/sanitize";

export const SHINGLE = 10;

const BOILERPLATE = GOV_TEXT_CHECKS.boilerplate.map((source) => new RegExp(source, "g"));

export function normalizeNarrative(html: string): string {
  let text = htmlToPlainText(html.replace(/<h3>[\s\S]*?<\/h3>/g, "\n"));
  for (const re of BOILERPLATE) text = text.replace(re, "");
  return text.replace(/[^\p{L}\p{N}]/gu, "").replace(/\d+/g, "#");
}

export function shingles(text: string): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + SHINGLE <= text.length; i++) set.add(text.slice(i, i + SHINGLE));
  return set;
}

/** Share (0..1) of the characters of `text` covered by a shingle found in `other`. */
export function coverage(text: string, other: ReadonlySet<string>): number {
  if (text.length === 0) return 0;
  const covered = new Uint8Array(text.length);
  for (let i = 0; i + SHINGLE <= text.length; i++) {
    if (other.has(text.slice(i, i + SHINGLE))) covered.fill(1, i, i + SHINGLE);
  }
  return covered.reduce((s, v) => s + v, 0) / text.length;
}
