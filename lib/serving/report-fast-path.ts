/**
 * The fast path for public report pages (/reports/{id}), in front of Next.js in the same
 * process (a stage of lib/serving/pipeline.ts).
 *
 * A published report only changes when it is published, corrected or withdrawn, so its page is
 * rendered by Next.js once per variant (font size, 长者模式) and kept in memory; each request
 * then costs one indexed SQLite read (is the cached edition still the live one?) and the
 * current 浏览量 spliced into the cached bytes. Publishing, correcting or withdrawing changes
 * the live edition or the withdrawal time, so the next request re-renders. Views are counted
 * here, on the server, when the page is served — readers without JavaScript count too.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LiveState } from "../../db/report-live-state";
import { parseReadingPreferences, readingQuery, rememberedReadingCookies, type ReadingPreferences } from "../public/url-params";
import { HSTS_HEADER } from "../security-headers";
import { brotliTemplate, brotliWithValue, type BrotliTemplate } from "./brotli-splice";
import { acceptedEncodings } from "./content-encoding";
import { gzipTemplate, gzipWithValue, type GzipTemplate } from "./gzip-splice";
import type { RenderedPage } from "./next-render";
import { isCountableView, parseCookies, VIEW_DEDUP_SECONDS, viewCookieName, type ViewCounter } from "./view-counting";

export type { LiveState };

/** What a cached page was rendered for: it is current while these are unchanged. */
type RenderedFor = Pick<LiveState, "liveEditionId" | "withdrawnAt" | "related">;

const isRenderedFor = (page: CachedPage, state: LiveState) =>
  page.renderedFor.liveEditionId === state.liveEditionId && page.renderedFor.withdrawnAt === state.withdrawnAt && page.renderedFor.related === state.related;

interface CachedPage {
  renderedFor: RenderedFor;
  /** The page split around the two places the view count appears. */
  parts: [Buffer, Buffer, Buffer] | null;
  body: Buffer;
  /** The page compressed once around the count (gzip-splice.ts). */
  gzip: GzipTemplate;
  /**
   * The page in brotli around a count of so many digits (brotli-splice.ts): built in the
   * background the first time a count of that length is asked for (gzip goes out meanwhile);
   * null when the page cannot have one.
   */
  brotli: Map<number, BrotliTemplate | null | "building">;
  contentType: string;
}

/** /reports/{id}, with the query string (if any) in the second group. */
const REPORT_PATH = /^\/reports\/(\d{1,9})(?:\?(.*))?$/;

const COUNT_PATTERN = /data-view-count="(\d+)">\1</;

/** Splits rendered HTML at its view count so the current number can be spliced in per request. */
export function splitAtViewCount(html: string): [Buffer, Buffer, Buffer] | null {
  const match = COUNT_PATTERN.exec(html);
  if (!match) return null;
  const start = match.index + 'data-view-count="'.length;
  const digits = match[1]!.length;
  const before = html.slice(0, start);
  const middle = html.slice(start + digits, start + digits + 2); // `">`
  const after = html.slice(start + digits + 2 + digits);
  return [Buffer.from(before), Buffer.from(middle), Buffer.from(after)];
}

export interface FastPathOptions {
  /** Synchronous on SQLite, a promise on PostgreSQL (db/report-live-state.ts). */
  readLiveState: (reportId: number) => LiveState | undefined | Promise<LiveState | undefined>;
  /** Renders the page through Next.js (bypassing this fast path). */
  render: (path: string) => Promise<RenderedPage>;
  counter: ViewCounter;
  securityHeaders: Record<string, string>;
  /**
   * Keep rendered pages (production). Off in development, where the page's code changes under
   * the server: every request renders, and is counted and spliced all the same.
   */
  cacheRenders?: boolean;
}

export class ReportFastPath {
  private readonly cache = new Map<string, CachedPage>();
  private readonly rendering = new Map<string, Promise<CachedPage | null>>();

  constructor(private readonly options: FastPathOptions) {}

  /**
   * Serves the request if it is a public report page; returns false to let Next.js handle it
   * (other URLs, earlier editions, RSC requests after counting them, unknown reports).
   *
   * A page already rendered for the live edition is served synchronously: no promise is made
   * on that path (Next.js keeps async hooks on, which makes every promise cost), so the answer
   * is `true`, `false`, or a promise only when the page has to be rendered first (or, on
   * PostgreSQL, when the live state is read from the database).
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const match = REPORT_PATH.exec(req.url ?? "");
    if (!match) return false;
    const reportId = Number(match[1]);
    const read = this.options.readLiveState(reportId);
    return read instanceof Promise ? read.then((state) => this.serve(req, res, reportId, match[2], state)) : this.serve(req, res, reportId, match[2], read);
  }

  /** Serves the report's page given its live state (synchronously when the page is cached). */
  private serve(req: IncomingMessage, res: ServerResponse, reportId: number, queryString: string | undefined, state: LiveState | undefined): boolean | Promise<boolean> {
    if (!state || state.liveEditionId === null) return false;

    const cookies = parseCookies(req.headers.cookie);
    const counted = isCountableView(req.method, req.headers, cookies, reportId);
    if (counted) this.options.counter.add(reportId);
    const setCookies = counted
      ? [`${viewCookieName(reportId)}=1; Max-Age=${VIEW_DEDUP_SECONDS}; Path=/reports/${reportId}; HttpOnly; SameSite=Lax`]
      : [];

    // Client-side navigations ask for the RSC payload, earlier editions are rare: Next.js serves those.
    const query = queryString ? new URLSearchParams(queryString) : null;
    const isRsc = req.headers.rsc === "1" || query?.has("_rsc") === true;
    const extraParams = query ? [...query.keys()].filter((k) => k !== "size" && k !== "elder") : [];
    if (isRsc || extraParams.length > 0) {
      if (setCookies.length) res.setHeader("Set-Cookie", setCookies);
      return false;
    }

    // Font size and 长者模式: from the link that was followed, else remembered in a cookie.
    const params = query ? Object.fromEntries(query) : {};
    const prefs = parseReadingPreferences(params, cookies);
    setCookies.push(...rememberedReadingCookies(params, prefs));

    const key = `${reportId}|${prefs.size}|${prefs.elder ? 1 : 0}`;
    const cached = this.cache.get(key);
    if (cached && isRenderedFor(cached, state)) {
      this.send(req, res, reportId, cached, state, setCookies);
      return true;
    }
    return this.page(key, reportId, prefs, state)
      .then(async (page) => {
        // The state is read again: while the page was rendered the view flush may have moved
        // this process's pending views into the stored count (it would show one view short).
        return page ? { page, now: (await this.options.readLiveState(reportId)) ?? state } : null;
      })
      .then((rendered) => {
        if (!rendered) return false;
        this.send(req, res, reportId, rendered.page, rendered.now, setCookies);
        return true;
      });
  }

  /** Writes the page with the current count spliced in, in the encoding the client takes. */
  private send(req: IncomingMessage, res: ServerResponse, reportId: number, page: CachedPage, state: LiveState, setCookies: string[]): void {
    const count = Buffer.from(page.parts ? String(state.viewCount + this.options.counter.pendingFor(reportId)) : "");
    const accepted = acceptedEncodings(req.headers["accept-encoding"]);
    const brotli = accepted.br ? this.brotliFor(page, count.length) : null;
    const encoding = brotli ? "br" : accepted.gzip ? "gzip" : null;
    const chunks = brotli
      ? brotliWithValue(brotli, count)
      : encoding === "gzip"
        ? gzipWithValue(page.gzip, count)
        : page.parts
          ? [page.parts[0], count, page.parts[1], count, page.parts[2]]
          : [page.body];
    const length = chunks.reduce((n, c) => n + c.length, 0);
    res.writeHead(200, {
      ...this.options.securityHeaders,
      ...(req.headers["x-forwarded-proto"] === "https" ? { [HSTS_HEADER.key]: HSTS_HEADER.value } : {}),
      "Content-Type": page.contentType,
      "Cache-Control": "private, no-cache",
      Vary: "Accept-Encoding",
      ...(encoding ? { "Content-Encoding": encoding } : {}),
      "Content-Length": String(length),
      ...(setCookies.length ? { "Set-Cookie": setCookies } : {}),
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    // Write the cached parts as they are (no copy of a page of a few hundred KB per request).
    res.cork();
    for (const chunk of chunks.slice(0, -1)) res.write(chunk);
    res.end(chunks[chunks.length - 1]);
  }

  /** The page's brotli template for a count of this length, if built (else starts building it). */
  private brotliFor(page: CachedPage, countLength: number): BrotliTemplate | null {
    const template = page.brotli.get(countLength);
    if (template !== undefined) return template === "building" ? null : template;
    page.brotli.set(countLength, "building");
    brotliTemplate(page.parts ?? [page.body], countLength)
      .then((built) => page.brotli.set(countLength, built))
      .catch(() => page.brotli.set(countLength, null));
    return null;
  }

  /** The page rendered for this state: rendered once however many requests ask meanwhile. */
  private page(key: string, reportId: number, prefs: ReadingPreferences, state: LiveState): Promise<CachedPage | null> {
    const inFlight = this.rendering.get(key);
    if (inFlight) return inFlight;
    const path = `/reports/${reportId}${readingQuery(prefs)}`;
    const promise = this.options
      .render(path)
      .then((rendered): CachedPage | null => {
        const contentType = String(rendered.headers["content-type"] ?? "");
        if (rendered.status !== 200 || !contentType.includes("text/html")) return null;
        const parts = splitAtViewCount(rendered.body.toString("utf8"));
        const page: CachedPage = {
          renderedFor: { liveEditionId: state.liveEditionId, withdrawnAt: state.withdrawnAt, related: state.related },
          parts,
          body: rendered.body,
          gzip: gzipTemplate(parts ? [parts[0], parts[1], parts[2]] : [rendered.body]),
          brotli: new Map(),
          contentType,
        };
        if (this.options.cacheRenders !== false) this.cache.set(key, page);
        return page;
      })
      .finally(() => this.rendering.delete(key));
    this.rendering.set(key, promise);
    return promise;
  }
}
