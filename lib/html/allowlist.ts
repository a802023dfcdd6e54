/*
 * The one allowlist for the narrative HTML of a report.
 *
 * Both the server sanitizer (lib/html/sanitize.ts, sanitize-html) and the rich-text editor's
 * TipTap schema (components/editor) read this data, so what the editor can produce and what the
 * server keeps can never drift apart. Pure data: safe to import from client components.
 */

/** Heading levels a narrative may use: the page itself uses h1/h2 for the title and section headings. */
export const REPORT_HEADING_LEVELS = [3, 4] as const;

/** Largest colspan/rowspan a table cell may declare. */
export const REPORT_MAX_CELL_SPAN = 50;

export const REPORT_HTML_ALLOWLIST = {
  /** Every element that may appear in stored narrative HTML. */
  tags: ["p", "h3", "h4", "strong", "ol", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "br"],
  /** The only attributes anywhere: cell spans (positive integers ≤ REPORT_MAX_CELL_SPAN). */
  attributes: {
    td: ["colspan", "rowspan"],
    th: ["colspan", "rowspan"],
  },
  /** Disallowed tags that map onto an allowed one (`div` only when it holds inline content). */
  renamedTags: {
    b: "strong",
    h1: "h3",
    h2: "h3",
    h5: "h4",
    h6: "h4",
    div: "p",
  },
  /**
   * Disallowed tags whose content is dropped together with the tag (every other disallowed tag
   * is unwrapped and its text kept).
   */
  droppedWithContent: [
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "textarea",
    "select",
    "option",
    "xmp",
    "noembed",
    "noframes",
    "title",
    "head",
  ],
} as const;

export type ReportHtmlTag = (typeof REPORT_HTML_ALLOWLIST.tags)[number];
export type ReportHtmlAttribute = (typeof REPORT_HTML_ALLOWLIST.attributes)[keyof typeof REPORT_HTML_ALLOWLIST.attributes][number];

const ALLOWED_TAGS: ReadonlySet<string> = new Set(REPORT_HTML_ALLOWLIST.tags);

export function isAllowedReportTag(tag: string): tag is ReportHtmlTag {
  return ALLOWED_TAGS.has(tag.toLowerCase());
}

/** Whether `attribute` may appear on `tag` (attribute names compared case-insensitively). */
export function isAllowedReportAttribute(tag: string, attribute: string): boolean {
  const allowed: readonly string[] | undefined =
    REPORT_HTML_ALLOWLIST.attributes[tag.toLowerCase() as keyof typeof REPORT_HTML_ALLOWLIST.attributes];
  return allowed?.includes(attribute.toLowerCase()) ?? false;
}

/**
 * A colspan/rowspan value as a number, or null when it is not a positive integer
 * ≤ REPORT_MAX_CELL_SPAN (such values are dropped, which means a span of 1).
 */
export function parseCellSpan(value: string | null | undefined): number | null {
  if (value == null) return null;
  const match = /^\s*(\d{1,3})\s*$/.exec(value);
  if (!match?.[1]) return null;
  const span = Number(match[1]);
  return span >= 1 && span <= REPORT_MAX_CELL_SPAN ? span : null;
}
