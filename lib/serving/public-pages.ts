/**
 * Public pages other than the cached report page (home, list, search, unit, open data, earlier
 * editions, their 404s): a stage of the pipeline in front of Next.js. Each is rendered through
 * Next.js in this process with the request's own headers (cookies for the reading preferences,
 * the client IP), goes out as plain HTML without Next.js's scripts (static-page.ts) and is
 * compressed for the client (brotli or gzip).
 *
 * Staff pages, sign-in, API routes, Next.js's assets, files with an extension (feeds, open-data
 * downloads, robots.txt) and client-side navigations (RSC requests) are left to Next.js.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { parseReadingPreferences, rememberedReadingCookies } from "../public/url-params";
import { compressBody, negotiateEncoding, varyOnEncoding } from "./content-encoding";
import { renderThroughNext, type NextHandler, type RenderedPage } from "./next-render";
import { toStaticPage } from "./static-page";
import { parseCookies } from "./view-counting";

const NOT_PUBLIC = /^\/(?:staff|login|change-password|api|_next)(?:\/|$)/;

export function isPublicPagePath(pathname: string): boolean {
  if (NOT_PUBLIC.test(pathname)) return false;
  return !pathname.slice(pathname.lastIndexOf("/") + 1).includes(".");
}

/** Renders a page through Next.js; an HTML page that is a public page loses its scripts. */
export async function renderPublicPage(handle: NextHandler, path: string, headers: IncomingHttpHeaders): Promise<RenderedPage> {
  const rendered = await renderThroughNext(handle, path, headers);
  if (!String(rendered.headers["content-type"] ?? "").includes("text/html")) return rendered;
  const html = toStaticPage(rendered.body.toString("utf8"));
  return html === null ? rendered : { ...rendered, body: Buffer.from(html) };
}

/** Request headers the render does not get: the connection's own, and the encoding (this stage compresses). */
const NOT_FORWARDED = new Set(["accept-encoding", "connection", "keep-alive", "content-length", "transfer-encoding", "upgrade"]);
/** Response headers this stage sets itself. */
const NOT_COPIED = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "vary"]);

/** Below this a compressed body saves less than its headers cost. */
const MIN_COMPRESSED_SIZE = 1024;

export class PublicPages {
  constructor(private readonly render: (path: string, headers: IncomingHttpHeaders) => Promise<RenderedPage>) {}

  /** Serves the request if it is a public page; returns false to let Next.js handle it. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = req.url ?? "/";
    const url = new URL(path, "http://localhost");
    if (!isPublicPagePath(url.pathname)) return false;
    if (req.headers.rsc !== undefined || url.searchParams.has("_rsc")) return false;

    const headers: IncomingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!NOT_FORWARDED.has(name)) headers[name] = value;
    const rendered = await this.render(path, headers);

    const encoding = rendered.body.length >= MIN_COMPRESSED_SIZE && isText(rendered.headers) ? negotiateEncoding(req.headers["accept-encoding"]) : null;
    const body = encoding ? compressBody(rendered.body, encoding) : rendered.body;
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(rendered.headers)) if (!NOT_COPIED.has(name) && value !== undefined) out[name] = value;
    out.vary = varyOnEncoding(typeof rendered.headers.vary === "string" ? rendered.headers.vary : undefined);
    // A 字号 or 长者模式 link followed on any public page is remembered, as on the report page.
    const query = Object.fromEntries(url.searchParams);
    const remember = rememberedReadingCookies(query, parseReadingPreferences(query, parseCookies(req.headers.cookie)));
    if (remember.length > 0) out["set-cookie"] = [...[rendered.headers["set-cookie"] ?? []].flat().map(String), ...remember];
    if (encoding) out["content-encoding"] = encoding;
    out["content-length"] = String(body.length);
    res.writeHead(rendered.status, out);
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }
}

function isText(headers: OutgoingHttpHeaders): boolean {
  return /^(?:text\/|application\/(?:json|xml|javascript|[\w.+-]+\+(?:json|xml)))/.test(String(headers["content-type"] ?? ""));
}
