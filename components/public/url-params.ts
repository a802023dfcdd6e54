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

/** `?size=s|m|l` (default m) and `?elder=1` (长者模式). */
export function parseReadingPreferences(params: SearchParamRecord): ReadingPreferences {
  const size = firstParam(params.size);
  const elder = firstParam(params.elder);
  return {
    size: size === "s" || size === "l" ? size : "m",
    elder: elder === "1" || elder === "true",
  };
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

/** The reading preferences as query parameters (only non-defaults), to carry them along links. */
export function readingParams(prefs: ReadingPreferences): { size?: ReadingSize; elder?: "1" } {
  return { ...(prefs.size !== "m" ? { size: prefs.size } : {}), ...(prefs.elder ? { elder: "1" as const } : {}) };
}
