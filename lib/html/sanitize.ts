/*
 * Server-side sanitizer for the narrative HTML of a report. Every save runs it: the editor's
 * output is never trusted. The allowed markup comes from ./allowlist (shared with the editor).
 *
 * Disallowed tags are unwrapped (their text is kept), except the ones in
 * REPORT_HTML_ALLOWLIST.droppedWithContent. `div` becomes `p` when it holds only inline
 * content and is unwrapped when it contains blocks (or sits inside a paragraph or heading).
 * Empty paragraphs, headings and bold runs are removed. The result is a fixed point:
 * sanitizeReportHtml(sanitizeReportHtml(x)) === sanitizeReportHtml(x).
 *
 * Not marked 'server-only' so CLI scripts and tests can use it; pages and components should
 * not need it (the editor's schema already stays inside the allowlist).
 */
import sanitizeHtml from "sanitize-html";
import { htmlToParagraphs } from "@/lib/rules/html-text";
import { REPORT_HTML_ALLOWLIST, parseCellSpan } from "./allowlist";

/** Raw tag names that make an enclosing `div` a container (unwrapped) instead of a paragraph. */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "dir",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
  "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol", "p", "pre", "section",
  "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);

/** Raw tag names whose content is inline only: a `div` inside them is unwrapped, never a `p`. */
const INLINE_CONTEXT_TAGS: ReadonlySet<string> = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6"]);

/** Tags (raw names) removed with their content when they hold no visible text. */
const REMOVED_WHEN_BLANK: ReadonlySet<string> = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6"]);

const BLANK = /^[\s\u00a0\u200b\u3000\ufeff]*$/;

const ALLOWED_TAGS: ReadonlySet<string> = new Set(REPORT_HTML_ALLOWLIST.tags);
const RENAMED: Readonly<Record<string, string>> = REPORT_HTML_ALLOWLIST.renamedTags;

/** Whether the raw tag survives as an element (sanitize-html then runs the exclusive filter on it). */
function isKept(tag: string): boolean {
  return ALLOWED_TAGS.has(RENAMED[tag] ?? tag);
}

interface OpenElement {
  tag: string;
  /** Some descendant is a block element (raw names: decides what a `div` becomes). */
  hasBlock: boolean;
  /** Some ancestor only allows inline content. */
  inInlineContext: boolean;
  /** Kept content holds non-blank text. */
  hasVisibleText: boolean;
  /** Kept content holds any text (even blank) or a line break. */
  hasContent: boolean;
}

function renameTo(tagName: string): sanitizeHtml.Transformer {
  return (_name, attribs) => ({ tagName, attribs });
}

/** Keeps only valid colspan/rowspan values on a table cell. */
const keepCellSpans: sanitizeHtml.Transformer = (tagName, attribs) => {
  const kept: sanitizeHtml.Attributes = {};
  for (const name of ["colspan", "rowspan"] as const) {
    const span = parseCellSpan(attribs[name]);
    if (span !== null) kept[name] = String(span);
  }
  return { tagName, attribs: kept };
};

/** What the exclusive filter does with a kept element: keep, remove with content, or unwrap. */
function decide(element: OpenElement): boolean | "excludeTag" {
  if (element.tag === "strong" || element.tag === "b") return !element.hasContent;
  if (element.tag === "div") {
    if (element.hasBlock) return "excludeTag";
    if (!element.hasVisibleText) return true;
    return element.inInlineContext ? "excludeTag" : false;
  }
  if (REMOVED_WHEN_BLANK.has(element.tag)) return !element.hasVisibleText;
  return false;
}

/** Elements closed since the last opened element or explicit close tag: in the end, the ones the end of input closed. */
interface EndOfInput {
  closed: string[];
}

/**
 * sanitize-html options for one run. The hooks mirror the element tree (htmlparser2 reports
 * every element closed, implied ones included): onOpenTag/onCloseTag keep a stack, textFilter
 * records the text that is actually written, and the exclusive filter, which sanitize-html
 * calls right after onCloseTag for the same kept element, decides from that record. Content
 * counts for the parent only when the element is not removed, so a second run sees exactly
 * what the first one wrote (idempotence).
 */
function optionsForOneRun(endOfInput: EndOfInput): sanitizeHtml.IOptions {
  const open: OpenElement[] = [];
  let lastClosed: OpenElement | undefined;

  const reportToParent = (child: OpenElement) => {
    const parent = open.at(-1);
    if (!parent) return;
    parent.hasVisibleText ||= child.hasVisibleText;
    parent.hasContent ||= child.hasContent || child.tag === "br";
  };

  const transformTags: Record<string, sanitizeHtml.Transformer> = { td: keepCellSpans, th: keepCellSpans };
  for (const [from, to] of Object.entries(RENAMED)) transformTags[from] = renameTo(to);

  return {
    allowedTags: [...REPORT_HTML_ALLOWLIST.tags],
    allowedAttributes: Object.fromEntries(
      Object.entries(REPORT_HTML_ALLOWLIST.attributes).map(([tag, names]) => [tag, [...names]]),
    ),
    allowedClasses: {},
    allowedStyles: {},
    allowedSchemes: [],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: [],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    disallowedTagsMode: "discard",
    nonTextTags: [...REPORT_HTML_ALLOWLIST.droppedWithContent],
    selfClosing: ["br"],
    transformTags,
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
    onOpenTag(name) {
      endOfInput.closed = [];
      const parent = open.at(-1);
      open.push({
        tag: name,
        hasBlock: false,
        inInlineContext: parent ? parent.inInlineContext || INLINE_CONTEXT_TAGS.has(parent.tag) : false,
        hasVisibleText: false,
        hasContent: false,
      });
    },
    textFilter(text) {
      const current = open.at(-1);
      if (current && text !== "") {
        current.hasContent = true;
        if (!BLANK.test(text)) current.hasVisibleText = true;
      }
      return text;
    },
    onCloseTag(name, isImplied) {
      if (isImplied) endOfInput.closed.push(name);
      else endOfInput.closed = [];
      // At the end of input htmlparser2 may close a tag it never reported open (`<p><a `):
      // like sanitize-html itself, ignore a close that does not match the innermost element.
      lastClosed = open.at(-1)?.tag === name ? open.pop() : undefined;
      if (!lastClosed) return;
      const parent = open.at(-1);
      if (parent && (lastClosed.hasBlock || BLOCK_TAGS.has(lastClosed.tag))) parent.hasBlock = true;
      // Kept elements report their content from the exclusive filter, once it is known they stay.
      if (!isKept(lastClosed.tag)) reportToParent(lastClosed);
    },
    exclusiveFilter(frame) {
      const element = lastClosed?.tag === frame.tag ? lastClosed : undefined;
      if (!element) return false;
      const decision = decide(element);
      if (decision !== true) reportToParent(element);
      return decision;
    },
  };
}

/** Upper bound on sanitizing passes; real input settles after one or two. */
const MAX_PASSES = 5;

/**
 * Reduces untrusted HTML to the report narrative allowlist (see lib/html/allowlist.ts).
 * Server-side; run on every save.
 */
export function sanitizeReportHtml(html: string): string {
  let result = sanitizeKeepingTextAfterUnclosedTags(html);
  // Unwrapping can change how the next parse nests the remaining elements (`<p><span><p>`
  // keeps the inner p inside the outer one; without the span it closes it), so run again
  // until the output parses back to itself. One extra pass is nearly always enough.
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const again = sanitizeOnce(result);
    if (again === result) break;
    result = again;
  }
  return result;
}

const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set(REPORT_HTML_ALLOWLIST.droppedWithContent);

/** Upper bound on passes that remove unclosed dropped tags (each pass is one more parse). */
const MAX_UNCLOSED_PASSES = 5;

/** How many elements of each dropped-with-content tag the end of input closed. */
function unclosedDroppedTags(endOfInput: EndOfInput): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of endOfInput.closed) if (DROPPED_WITH_CONTENT.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/**
 * The first sanitizing pass. An element whose content is dropped (`<svg>`, `<script>` …) and
 * that is never closed is closed by the parser only at the end of the input, so everything the
 * person wrote after it would vanish (`<svg onload=…><p>正常文字</p>` became ""). When that
 * happens the opening tags of those elements (for a tag the end closed n times, its last n
 * opening tags) are removed from the input and it is sanitized again: the text after them is
 * kept like any other unwrapped text, the elements and their attributes are gone. Only the
 * input's harmless text is at stake; what markup survives is still the sanitizer's decision.
 */
function sanitizeKeepingTextAfterUnclosedTags(html: string): string {
  let input = html;
  let endOfInput: EndOfInput = { closed: [] };
  let output = sanitizeOnce(input, endOfInput);
  for (let pass = 0; pass < MAX_UNCLOSED_PASSES; pass++) {
    const unclosed = unclosedDroppedTags(endOfInput);
    if (unclosed.size === 0) break;
    const removed: { index: number; length: number }[] = [];
    for (const [tag, count] of unclosed) {
      const openings = [...input.matchAll(new RegExp(`<${tag}(?=[\\s/>]|$)[^>]*>?`, "gi"))];
      for (const opening of openings.slice(-count)) removed.push({ index: opening.index, length: opening[0].length });
    }
    if (removed.length === 0) break;
    removed.sort((a, b) => b.index - a.index);
    for (const { index, length } of removed) input = input.slice(0, index) + input.slice(index + length);
    endOfInput = { closed: [] };
    output = sanitizeOnce(input, endOfInput);
  }
  return output;
}

function sanitizeOnce(html: string, endOfInput: EndOfInput = { closed: [] }): string {
  return sanitizeHtml(html, optionsForOneRun(endOfInput)).replace(/<br \/>/g, "<br>");
}

/**
 * Plain text of narrative HTML for search and diffs: block elements and `<br>` become line
 * breaks, entities are decoded, whitespace inside a line is collapsed and blank lines dropped.
 * The HTML is sanitized first, so script/style content and comments never leak into the text.
 */
export function htmlToPlainText(html: string): string {
  return htmlToParagraphs(sanitizeReportHtml(html)).join("\n");
}
