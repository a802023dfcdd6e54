/**
 * What the search index stores of a live report, on either engine: the pure part of
 * db/search-index.ts (SQLite, FTS5) and db/pg/search-index.ts (PostgreSQL, pg_trgm), so that
 * both index exactly the same title, unit and body text.
 */
import type { ReportDocument } from "@/lib/interchange";
import { htmlToParagraphs } from "@/lib/rules";

/** The searchable text of a report: headings, paragraphs, attachment titles and rows, one per line. */
export function plainTextOf(doc: ReportDocument): string {
  const parts = doc.sections.flatMap((s) => [s.heading, ...htmlToParagraphs(s.html)]);
  for (const a of doc.attachments) parts.push(a.title, ...a.rows.map((r) => r.join(" ")));
  return parts.filter(Boolean).join("\n");
}

/** The three searched columns of a report's index row. */
export interface SearchDocumentText {
  readonly title: string;
  readonly unit: string;
  readonly body: string;
}

export function searchDocumentOf(doc: ReportDocument, unitName: string): SearchDocumentText {
  return { title: doc.title, unit: unitName, body: plainTextOf(doc) };
}

/**
 * Filter tokens stored with each row: fixed-width so that no token is a substring of another
 * (the trigram index matches substrings).
 */
export const yearFacet = (year: number) => `y${String(year).padStart(4, "0")}`;
export const unitFacet = (unitId: number) => `u${String(unitId).padStart(9, "0")}`;
export const facetsOf = (year: number, unitId: number) => ` ${yearFacet(year)} ${unitFacet(unitId)} `;

/** Text for the per-character index: every character its own token ("公开" → "公 开"). */
export function spacedCharacters(text: string): string {
  return [...text.replace(/\s+/g, " ")].join(" ");
}
