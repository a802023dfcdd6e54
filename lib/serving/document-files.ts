/**
 * 原文 files (issue 15): a background job of the serve process (jobs.ts), never run inside a
 * request. It finds published editions without their files — at start, which is the retry after a
 * crash or a failed attempt, and every few seconds after a publication — and generates them one
 * at a time: the PDF with one Chromium, launched when first needed, reused for every file, closed
 * after a minute without work and on stop. Each file has a time limit; a failure is logged and
 * tried again later (after 30 s, doubling up to an hour, and at every start). A file is stored
 * with its SHA-256 in one transaction (db/commands/edition-files.ts).
 *
 * The generators are a map by kind: adding the Word file is one line (`docx: …`).
 */
import type { Browser } from "playwright-core";
import type { Logger } from "pino";
import type { Db } from "../../db/client";
import { storeEditionFile } from "../../db/commands/edition-files";
import { editionSnapshot, findMissingEditionFiles } from "../../db/edition-files";
import type { EditionFileKind } from "../document/file-kinds";
import { reportDocx } from "../document/docx";
import { launchPrintBrowser, reportPdf } from "../document/pdf";
import { parseReportJson, type ReportDocument } from "../interchange";

export interface GeneratorTools {
  /** The shared Chromium, launched on first use. */
  browser(): Promise<Browser>;
  readonly timeoutMs: number;
}

export type EditionFileGenerator = (document: ReportDocument, tools: GeneratorTools) => Promise<Buffer>;

export const EDITION_FILE_GENERATORS: Partial<Record<EditionFileKind, EditionFileGenerator>> = {
  pdf: async (document, tools) => reportPdf(await tools.browser(), document, tools.timeoutMs),
  docx: (document) => reportDocx(document),
};

export const DOCUMENT_FILE_TIMING = {
  /** Time limit of one file. */
  timeoutMs: 60_000,
  /** First wait after a failure; doubled after each further failure, up to `maxRetryMs`. */
  retryMs: 30_000,
  maxRetryMs: 3_600_000,
  /** The browser is closed after this long without work. */
  browserIdleMs: 60_000,
};

export interface DocumentFilesOptions {
  db: Db;
  log: Pick<Logger, "info" | "error">;
  generators?: Partial<Record<EditionFileKind, EditionFileGenerator>>;
  timing?: Partial<typeof DOCUMENT_FILE_TIMING>;
  launchBrowser?: () => Promise<Browser>;
  /** The clock for retry times (tests). */
  now?: () => number;
}

class TimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class DocumentFiles {
  private readonly db: Db;
  private readonly log: DocumentFilesOptions["log"];
  private readonly generators: Partial<Record<EditionFileKind, EditionFileGenerator>>;
  private readonly timing: typeof DOCUMENT_FILE_TIMING;
  private readonly launchBrowser: () => Promise<Browser>;
  private readonly now: () => number;
  private browserPromise: Promise<Browser> | null = null;
  private lastWorkAt = 0;
  private stopping = false;
  /** Rejects when stop() is called: a file in progress is abandoned at once. */
  private readonly stopped: Promise<never>;
  private abort: (reason: Error) => void = () => undefined;
  /** Failed files: how often, and not before when to try again. */
  private readonly failures = new Map<string, { count: number; retryAt: number }>();

  constructor(options: DocumentFilesOptions) {
    this.db = options.db;
    this.log = options.log;
    this.generators = options.generators ?? EDITION_FILE_GENERATORS;
    this.timing = { ...DOCUMENT_FILE_TIMING, ...options.timing };
    this.launchBrowser = options.launchBrowser ?? launchPrintBrowser;
    this.now = options.now ?? Date.now;
    this.stopped = new Promise<never>((_, reject) => (this.abort = reject));
    this.stopped.catch(() => undefined);
  }

  /**
   * Generates every missing file, one at a time, newest edition first; returns how many were
   * stored. The list is read again after each file, so a publication made meanwhile comes next.
   */
  async runOnce(): Promise<number> {
    const kinds = Object.keys(this.generators) as EditionFileKind[];
    const attempted = new Set<string>();
    let stored = 0;
    while (!this.stopping) {
      const next = (await findMissingEditionFiles(this.db, kinds, 1_000)).find((missing) => {
        const key = `${missing.editionId}:${missing.kind}`;
        const failure = this.failures.get(key);
        return !attempted.has(key) && !(failure && failure.retryAt > this.now());
      });
      if (!next) break;
      const key = `${next.editionId}:${next.kind}`;
      attempted.add(key);
      if (await this.generate(next.editionId, next.kind, key)) stored += 1;
    }
    if (!this.stopping && this.browserPromise && this.now() - this.lastWorkAt >= this.timing.browserIdleMs) await this.closeBrowser();
    return stored;
  }

  /**
   * Ends the current run: a file in progress is abandoned and the browser closed at once (the
   * file is made at the next start) instead of holding up the server's stop.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.abort(new Error("stopped"));
    await this.closeBrowser();
  }

  /** Closes the browser (after `stop` and the run in progress). */
  async close(): Promise<void> {
    this.stopping = true;
    await this.closeBrowser();
  }

  private async generate(editionId: number, kind: EditionFileKind, key: string): Promise<boolean> {
    const generator = this.generators[kind];
    const edition = await editionSnapshot(this.db, editionId);
    if (!generator || !edition) return false;
    const started = performance.now();
    this.lastWorkAt = this.now();
    try {
      const parsed = parseReportJson(edition.snapshot);
      if (!parsed.ok) throw new Error(`stored snapshot is not a valid nianbao-report/1 document (${parsed.error.path}: ${parsed.error.message})`);
      const tools: GeneratorTools = { browser: () => this.browser(), timeoutMs: this.timing.timeoutMs };
      const content = await Promise.race([withTimeout(generator(parsed.document, tools), this.timing.timeoutMs), this.stopped]);
      const result = await storeEditionFile(this.db, { editionId, kind, content });
      this.failures.delete(key);
      this.lastWorkAt = this.now();
      if (result.stored) {
        this.log.info({ editionId, kind, bytes: result.byteSize, ms: Math.round(performance.now() - started) }, `原文文件已生成（${kind}，版本 ${editionId}）`);
      }
      return result.stored;
    } catch (error) {
      if (this.stopping) return false; // abandoned by stop(): the next start makes it
      const count = (this.failures.get(key)?.count ?? 0) + 1;
      const wait = Math.min(this.timing.retryMs * 2 ** (count - 1), this.timing.maxRetryMs);
      this.failures.set(key, { count, retryAt: this.now() + wait });
      this.log.error({ err: error, editionId, kind, attempt: count, retryInMs: wait }, `原文文件生成失败（${kind}，版本 ${editionId}），稍后重试`);
      // A browser that timed out or crashed may be stuck: the next file starts a fresh one.
      if (kind === "pdf") await this.closeBrowser();
      return false;
    } finally {
      this.lastWorkAt = this.now();
    }
  }

  private browser(): Promise<Browser> {
    if (!this.browserPromise) {
      const launching = this.launchBrowser();
      this.browserPromise = launching;
      launching.then(
        (browser) => browser.on("disconnected", () => this.browserPromise === launching && (this.browserPromise = null)),
        () => this.browserPromise === launching && (this.browserPromise = null),
      );
    }
    return this.browserPromise;
  }

  private async closeBrowser(): Promise<void> {
    const launching = this.browserPromise;
    this.browserPromise = null;
    if (!launching) return;
    try {
      await (await launching).close();
    } catch {
      // Already gone (crashed or never started).
    }
  }
}
