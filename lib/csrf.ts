/**
 * Cross-site request forgery: which requests may change something. Pure functions, used by the
 * server's gate (lib/serving/request-gate.ts) in front of every request and by the JSON route handlers
 * (lib/route.ts).
 *
 * Next.js checks the Origin of server actions itself, but (measured on 16.4) it answers a
 * foreign Origin with a 500, and it runs an action that comes with no Origin at all — even when
 * the browser says `Sec-Fetch-Site: cross-site`. Browsers send Origin on every cross-site POST,
 * so a request without one is a hand-made client (curl, a script with a stolen cookie — not
 * CSRF) unless the browser's own Sec-Fetch-Site says it came from elsewhere.
 */

/** Methods that never change anything (Next.js and our routes keep it so). */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Largest request body the server accepts at all (server actions and JSON routes stay under 1 MB). */
export const MAX_REQUEST_BODY_BYTES = 1_048_576;

export interface OriginHeaders {
  origin?: string | null;
  host?: string | null;
  "x-forwarded-host"?: string | null;
  "sec-fetch-site"?: string | null;
}

/** The host the request was addressed to: a proxy's X-Forwarded-Host (first value) or Host. */
export function requestHost(headers: OriginHeaders): string | null {
  const forwarded = headers["x-forwarded-host"]?.split(",")[0]?.trim();
  return forwarded || headers.host?.trim() || null;
}

function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.host : null;
  } catch {
    return null;
  }
}

/**
 * Why a request must be refused as cross-site, or null when it may proceed. Unsafe methods
 * need an Origin naming this host; without an Origin they pass only when Sec-Fetch-Site is
 * absent (not a browser) or `same-origin`. With `requireOrigin` (JSON routes, called only by
 * our own pages) a missing Origin is refused too.
 */
export function crossSiteRefusal(method: string, headers: OriginHeaders, options: { requireOrigin?: boolean } = {}): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = headers["sec-fetch-site"]?.trim().toLowerCase();
  if (fetchSite && fetchSite !== "same-origin") return `sec-fetch-site ${fetchSite}`;
  const origin = headers.origin?.trim();
  if (!origin) return options.requireOrigin ? "missing origin" : null;
  const host = requestHost(headers);
  const originHost = origin === "null" ? null : hostOf(origin);
  if (!originHost) return "opaque or malformed origin";
  if (!host || originHost.toLowerCase() !== host.toLowerCase()) return "foreign origin";
  return null;
}

/** Whether a declared Content-Length is more than the server accepts. */
export function declaresTooLargeBody(contentLength: string | null | undefined, limit = MAX_REQUEST_BODY_BYTES): boolean {
  if (!contentLength) return false;
  const n = Number(contentLength);
  return !Number.isFinite(n) || n > limit;
}

export const CROSS_SITE_MESSAGE = "请求来源无效：出于安全原因，本站不接受来自其他网站的提交。请回到本站页面重新操作。";
export const BODY_TOO_LARGE_MESSAGE = "提交的内容过大（上限 1 MB），未能保存。请精简内容或分节填写后重试。";
