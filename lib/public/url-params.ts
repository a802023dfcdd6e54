/**
 * Reading the query string of public pages. Pure functions: anything a visitor types in the
 * address bar yields a usable value (or none), never an error.
 */

export type SearchParamValue = string | string[] | undefined;
export type SearchParamRecord = Record<string, SearchParamValue>;

/** The first value of a parameter given once or repeated. */
export function firstParam(value: SearchParamValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A positive integer id from a route segment or parameter (digits only, at most 9). */
export function parseId(value: SearchParamValue): number | null {
  const raw = firstParam(value)?.trim();
  if (!raw || !/^\d{1,9}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

/** A report year (1990–2100). */
export function parseYear(value: SearchParamValue): number | null {
  const raw = firstParam(value)?.trim();
  if (!raw || !/^\d{4}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1990 && n <= 2100 ? n : null;
}

/** A page number ≥ 1 (1 for anything else; a huge number is capped and later clamped). */
export function parsePage(value: SearchParamValue): number {
  const raw = firstParam(value)?.trim();
  if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

export type ReadingSize = "s" | "m" | "l";

export interface ReadingPreferences {
  readonly size: ReadingSize;
  readonly elder: boolean;
}

/** The cookies that remember a reader's choice across pages and visits (set when a reading link is followed). */
export const READING_COOKIES = { size: "nb_size", elder: "nb_elder" } as const;
const READING_COOKIE_MAX_AGE = 31_536_000;

const sizeOf = (raw: string | undefined): ReadingSize | null => (raw === "s" || raw === "m" || raw === "l" ? raw : null);
const elderOf = (raw: string | undefined): boolean | null => (raw === undefined ? null : raw === "1" || raw === "true");

/**
 * 字号 and 长者模式: from the link that was followed (`?size=s|m|l`, `?elder=1|true`; any other
 * `elder` value turns it off), else as remembered in the reader's cookies, else 中 and off.
 * The one parser of the public pages and the report fast path.
 */
export function parseReadingPreferences(params: SearchParamRecord, remembered: ReadonlyMap<string, string> = new Map()): ReadingPreferences {
  return {
    size: sizeOf(firstParam(params.size)) ?? sizeOf(remembered.get(READING_COOKIES.size)) ?? "m",
    elder: elderOf(firstParam(params.elder)) ?? remembered.get(READING_COOKIES.elder) === "1",
  };
}

/** Set-Cookie values remembering the preferences a followed link chose (none when it chose none). */
export function rememberedReadingCookies(params: SearchParamRecord, prefs: ReadingPreferences): string[] {
  const cookies: string[] = [];
  if (sizeOf(firstParam(params.size))) cookies.push(`${READING_COOKIES.size}=${prefs.size}; Max-Age=${READING_COOKIE_MAX_AGE}; Path=/; SameSite=Lax`);
  if (firstParam(params.elder) !== undefined) cookies.push(`${READING_COOKIES.elder}=${prefs.elder ? 1 : 0}; Max-Age=${READING_COOKIE_MAX_AGE}; Path=/; SameSite=Lax`);
  return cookies;
}

/** Class names of the page wrapper for the reading preferences (styled in app/(public)/public.css). */
export function readingClassName(prefs: ReadingPreferences): string {
  return ["public-page", `reading-size-${prefs.size}`, prefs.elder ? "elder-mode" : ""].filter(Boolean).join(" ");
}

/**
 * The query string (with leading `?`, or "" when empty) of the given parameters, in the given
 * order, leaving out empty ones and defaults the caller passes as undefined.
 */
export function queryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The reading preferences as a query string (only non-defaults): the canonical URL of a page variant. */
export function readingQuery(prefs: ReadingPreferences): string {
  return queryString({ size: prefs.size !== "m" ? prefs.size : undefined, elder: prefs.elder ? "1" : undefined });
}
