/*
 * Minimal HTML → text conversion for text checks. Runs in the browser and in Node,
 * so it uses regular expressions instead of a DOM parser; good enough for the
 * narrative HTML of reports (paragraphs, headings, lists, simple tables).
 */

import { decodeHtmlEntities } from "../html/entities";

const BLOCK_TAG = /<\/?(?:p|div|h[1-6]|li|ul|ol|tr|td|th|table|section|article|blockquote|header|footer)\b[^>]*>|<br\s*\/?>/gi;
const ANY_TAG = /<[^>]*>/g;

/** Paragraphs of an HTML fragment as plain text (block elements and <br> split paragraphs). */
export function htmlToParagraphs(html: string): string[] {
  const text = decodeHtmlEntities(html.replace(BLOCK_TAG, "\n").replace(ANY_TAG, ""));
  return text
    .split("\n")
    .map((line) => line.replace(/[\s\u3000]+/g, " ").trim())
    .filter((line) => line.length > 0);
}

/**
 * Normalize text for year matching: full-width digits to ASCII and no spaces inside
 * dates (「２０２３ 年」 → 「2023年」).
 */
export function normalizeDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/(\d)\s+(?=[年月日])/g, "$1")
    .replace(/([年月])\s+(?=\d)/g, "$1");
}
