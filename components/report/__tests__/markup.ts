/**
 * Small helpers to inspect static markup from renderToStaticMarkup in the node test
 * environment (no DOM). The markup is React's own output, so simple patterns suffice.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";

/** A demo document from the seed folder, validated like an import. */
export function loadSeedReport(name: string): ReportDocument {
  const file = path.join(process.cwd(), "db", "seed", "reports", `${name}.json`);
  const result = parseReportJson(readFileSync(file, "utf8"));
  if (!result.ok) throw new Error(`${name}: ${result.error.path} ${result.error.message}`);
  return result.document;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The `<table …data-table-id="id"…>…</table>` element (statistics tables contain no nested tables). */
export function tableMarkup(html: string, tableId: string): string {
  const start = html.indexOf(`data-table-id="${tableId}"`);
  if (start < 0) throw new Error(`no table ${tableId}`);
  const open = html.lastIndexOf("<table", start);
  const end = html.indexOf("</table>", start);
  return html.slice(open, end + "</table>".length);
}

/** Inner markup of every element `<tag …>…</tag>` (no nesting of the same tag). */
export function elements(html: string, tag: string): string[] {
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g");
  return [...html.matchAll(re)].map((m) => m[0]);
}

/** Text content of the data cell with this id ("" for an empty cell). */
export function cellText(html: string, cellId: string): string | undefined {
  const re = new RegExp(`<td[^>]*data-cell-id="${escapeRegExp(cellId)}"[^>]*>([\\s\\S]*?)</td>`);
  const match = re.exec(html);
  return match ? (match[1] ?? "") : undefined;
}

/** Value of an attribute in an opening tag. */
export function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1];
}

/** Opening tags `<tag …>` of all elements of that tag. */
export function openingTags(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>`, "g"))].map((m) => m[0]);
}

/** Visible text: tags removed, entities for quotes/ampersands decoded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
