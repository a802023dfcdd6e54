import type { IncomingHttpHeaders } from "node:http";
import { isbot } from "isbot";

/** A reload by the same browser (same cookie) within this window is not a new view. */
export const VIEW_DEDUP_SECONDS = 30 * 60;

export const viewCookieName = (reportId: number) => `nbv_${reportId}`;

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) cookies.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return cookies;
}

/**
 * Whether a request is one genuine view by a person: a GET (not HEAD), not a prefetch, not a
 * known bot or crawler (isbot's maintained list), and not a reload by a browser that already
 * counted this report in the last 30 minutes (its cookie). IP addresses and user agents are
 * deliberately not used to deduplicate: a whole township office shares one address.
 *
 * The view is the page load itself (no separate counter endpoint, so it works without
 * JavaScript). Another site cannot inflate it: browsers label every request with fetch
 * metadata, and only a top-level page load (`Sec-Fetch-Dest: document`) counts — not an
 * <img>, <script>, <iframe>, fetch() or beacon aimed at the page.
 */
/** isbot's verdicts on recent user agents (its pattern is long; a site sees few distinct agents at a time). */
const botVerdicts = new Map<string, boolean>();
const MAX_BOT_VERDICTS = 500;

function isBotAgent(userAgent: string): boolean {
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) {
    verdict = isbot(userAgent);
    if (botVerdicts.size >= MAX_BOT_VERDICTS) botVerdicts.delete(botVerdicts.keys().next().value!);
    botVerdicts.set(userAgent, verdict);
  }
  return verdict;
}

export function isCountableView(method: string | undefined, headers: IncomingHttpHeaders, cookies: Map<string, string>, reportId: number): boolean {
  if (method !== "GET") return false;
  const dest = headers["sec-fetch-dest"];
  if (dest !== undefined && dest !== "document") return false;
  if (headers["next-router-prefetch"] || headers["purpose"] === "prefetch" || headers["sec-purpose"]?.includes("prefetch")) return false;
  if (isBotAgent(headers["user-agent"] ?? "")) return false;
  return !cookies.has(viewCookieName(reportId));
}

/**
 * Views counted in memory and added to the database about once a second (one transaction,
 * db/report-views.ts; the flush is one of the server's jobs, lib/serving/jobs.ts). Increments in
 * one process are exact under any concurrency; a crash loses at most the views of the last
 * second, a clean shutdown none (the jobs flush once more when they stop).
 */
export class ViewCounter {
  private readonly pending = new Map<number, number>();
  /** Views being written: still shown on top of the stored count until the write is done. */
  private readonly writing = new Map<number, number>();
  private flushing: Promise<void> | null = null;

  constructor(private readonly persist: (increments: [number, number][]) => Promise<void> | void) {}

  add(reportId: number): void {
    this.pending.set(reportId, (this.pending.get(reportId) ?? 0) + 1);
  }

  /** Views not yet written to the database (added to the stored count when displaying). */
  pendingFor(reportId: number): number {
    return (this.pending.get(reportId) ?? 0) + (this.writing.get(reportId) ?? 0);
  }

  /**
   * Writes the pending views; one write at a time (a flush asked for during a write waits for
   * it, then writes what came meanwhile). Views whose write fails are kept for the next flush.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const increments = [...this.pending];
    this.pending.clear();
    for (const [id, n] of increments) this.writing.set(id, n);
    let done!: () => void;
    this.flushing = new Promise<void>((resolve) => (done = resolve));
    try {
      await this.persist(increments);
    } catch (error) {
      for (const [id, n] of increments) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw error;
    } finally {
      this.writing.clear();
      this.flushing = null;
      done();
    }
  }
}
