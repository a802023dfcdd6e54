/**
 * Turning whatever a visitor types into a safe search: pure functions (no database), so that
 * hostile input can be tested exhaustively. The data layer (lib/data/public/search.ts) runs the
 * plan against the two full-text tables of db/search-index.ts.
 *
 * - Queries of 3 or more characters become one FTS5 phrase (`"…"`, inner quotes doubled) on the
 *   trigram table, limited to the title, unit and body columns: inside a phrase FTS5 has no
 *   operators, so `NEAR`, `OR`, `*`, `:`, `^` and brackets are plain text, and the trigram
 *   tokenizer matches the phrase as a substring.
 * - Shorter queries (a two-character place name such as 青石) cannot be matched by trigrams.
 *   Made of letters and digits only, they run as a phrase of single characters on the
 *   per-character table (「青 石」: the two characters adjacent, i.e. the substring); a letter with
 *   a punctuation mark or symbol (`a%`, `_率`) falls back to `LIKE` with `%`, `_` and the escape
 *   character escaped; punctuation or symbols alone (`"`, `*`) are not searched at all — the
 *   answer is "nothing found" without reading every report's text.
 * - Year and unit filters are index tokens of the `facets` column (see yearFacet/unitFacet).
 */

/** Longest query used (in characters); the rest is ignored. */
export const MAX_QUERY_LENGTH = 100;
/** Shortest query the trigram index can answer. */
const MIN_FTS_QUERY_LENGTH = 3;

/** Markers the database puts around a match in a snippet (private-use characters, never typed). */
export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";
export const ELLIPSIS = "…";

/** The escape character of LIKE patterns. */
const LIKE_ESCAPE = "\\";

/** What a reader asks the public search for (/search), on either engine. */
export interface SearchOptions {
  q: unknown;
  year?: number | null;
  unitId?: number | null;
  /** Any of these units (a region's); null or absent: no such filter. */
  unitIds?: readonly number[] | null;
  page?: number;
  pageSize?: number;
}

export type SearchPlan =
  | { readonly kind: "empty" }
  /** MATCH expression for the trigram table `search_documents`. */
  | { readonly kind: "fts"; readonly match: string }
  /** MATCH expression for the per-character table `search_characters`. */
  | { readonly kind: "chars"; readonly match: string }
  /** LIKE pattern (escape character `\`) for title, unit and body. */
  | { readonly kind: "like"; readonly pattern: string }
  /** One or two punctuation marks or symbols (a lone `"`, `*` or `%`): nothing to look for. */
  | { readonly kind: "symbols" };

export interface TextSegment {
  readonly text: string;
  readonly match: boolean;
}

// Control characters (NUL ends an FTS5 string early), the snippet markers, and other
// private-use characters are dropped; every kind of white space becomes one space.
const DROPPED = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\uE000-\uF8FF\uFEFF]/g;
const WHITESPACE = /[\s\u3000]+/g;

/**
 * The query as searched: a string (arrays from repeated `?q=` take the first), well-formed
 * Unicode, without control characters, white space collapsed, trimmed, at most 100 characters
 * (code points, so a character outside the BMP is never cut in half).
 */
export function normalizeSearchQuery(raw: unknown): string {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== "string") return "";
  const cleaned = first.toWellFormed().replace(DROPPED, "").replace(WHITESPACE, " ").trim();
  const chars = Array.from(cleaned);
  return chars.length > MAX_QUERY_LENGTH ? chars.slice(0, MAX_QUERY_LENGTH).join("").trim() : cleaned;
}

/** Length in characters (code points). */
export function queryLength(query: string): number {
  return Array.from(query).length;
}

/** An FTS5 string literal: the text in double quotes with inner double quotes doubled. */
export function ftsPhrase(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Escapes `\`, `%` and `_` for `LIKE … ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `${LIKE_ESCAPE}${c}`);
}

/** A `LIKE` pattern matching the text anywhere. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** Letters and digits only: what the per-character (unicode61) index keeps as tokens. */
const WORD_CHARACTERS = /^[\p{L}\p{N}]+$/u;
const ANY_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The query as a phrase of single characters, as the per-character index stores text. */
function characterPhrase(query: string): string {
  return ftsPhrase(Array.from(query).join(" "));
}

/**
 * How to run a normalized query. `facets` are filter tokens (year, unit) every match must
 * carry in its `facets` column; they are quoted like any other phrase.
 */
export function planSearch(query: string, facets: readonly string[] = []): SearchPlan {
  if (query === "") return { kind: "empty" };
  const filters = facets.map((f) => ` AND facets : ${ftsPhrase(f)}`).join("");
  if (queryLength(query) >= MIN_FTS_QUERY_LENGTH) return { kind: "fts", match: `{title unit body} : ${ftsPhrase(query)}${filters}` };
  if (WORD_CHARACTERS.test(query)) return { kind: "chars", match: `text : ${characterPhrase(query)}${filters}` };
  if (!ANY_WORD_CHARACTER.test(query)) return { kind: "symbols" };
  return { kind: "like", pattern: containsPattern(query) };
}

/** Splits a snippet with MATCH_START/MATCH_END markers into plain and highlighted parts. */
export function snippetSegments(snippet: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const start = rest.indexOf(MATCH_START);
    if (start < 0) {
      segments.push({ text: rest, match: false });
      break;
    }
    if (start > 0) segments.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MATCH_END, start + 1);
    const inner = end < 0 ? rest.slice(start + 1) : rest.slice(start + 1, end);
    if (inner) segments.push({ text: inner, match: true });
    rest = end < 0 ? "" : rest.slice(end + 1);
  }
  return mergeSegments(segments);
}

function mergeSegments(segments: TextSegment[]): TextSegment[] {
  const out: TextSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.match === s.match) out[out.length - 1] = { text: last.text + s.text, match: s.match };
    else if (s.text) out.push(s);
  }
  return out;
}

/** Every occurrence of the needle in the text marked (case-insensitive for Latin letters). */
export function highlightAll(text: string, needle: string): TextSegment[] {
  if (!needle) return text ? [{ text, match: false }] : [];
  const hay = text.toLowerCase();
  const lowerNeedle = needle.toLowerCase();
  // Lower-casing can change lengths outside ASCII; then highlight nothing rather than misplace.
  if (hay.length !== text.length || lowerNeedle.length !== needle.length) return [{ text, match: false }];
  const segments: TextSegment[] = [];
  let from = 0;
  for (;;) {
    const at = hay.indexOf(lowerNeedle, from);
    if (at < 0) break;
    if (at > from) segments.push({ text: text.slice(from, at), match: false });
    segments.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) segments.push({ text: text.slice(from), match: false });
  return segments;
}

/**
 * An excerpt of about `radius` characters either side of the first occurrence of the needle,
 * with the occurrences marked; the beginning of the text when the needle does not occur.
 */
export function excerptAround(text: string, needle: string, radius = 40): TextSegment[] {
  const flat = text.replace(/\s+/g, " ").trim();
  const at = needle ? flat.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  let start = 0;
  let end = Math.min(flat.length, radius * 2);
  if (at >= 0) {
    start = Math.max(0, at - radius);
    end = Math.min(flat.length, at + needle.length + radius);
  }
  const slice = flat.slice(start, end);
  const segments = highlightAll(slice, needle);
  if (start > 0) segments.unshift({ text: ELLIPSIS, match: false });
  if (end < flat.length) segments.push({ text: ELLIPSIS, match: false });
  return mergeSegments(segments);
}
