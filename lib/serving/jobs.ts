/**
 * The server's background jobs, started and stopped here and nowhere else (no page render or
 * request runs them). With several server processes, the first runs all of them and the others
 * only write their views (lib/serving/processes.ts):
 *
 * - 定时发布: publishes scheduled reports whose time has come, at start (a restart catches up)
 *   and every 15 s; publication re-checks the status in its transaction, so it never publishes
 *   twice;
 * - 浏览量: writes the views counted in memory about once a second, and once more on stop;
 * - audit retention: prunes audit rows older than AUDIT_RETENTION_DAYS, checked at start and
 *   hourly, done at most once a day (the time of the last run is kept in the database);
 * - 原文 files: generates the PDF (and Word) file of every published edition that lacks one, at
 *   start (the retry) and every 5 s, one file at a time with one reused Chromium
 *   (document-files.ts).
 */
import type { Logger } from "pino";
import { pruneAuditLogIfDue } from "../../db/audit-retention";
import type { Db } from "../../db/client";
import { runDuePublications } from "../../db/commands/publication";
import { now } from "../clock";
import { DocumentFiles } from "./document-files";
import type { ViewCounter } from "./view-counting";

export const JOB_INTERVALS_MS = {
  scheduledPublications: 15_000,
  viewFlush: 1_000,
  auditPruning: 3_600_000,
  documentFiles: 5_000,
};

export interface JobsOptions {
  db: Db;
  views: ViewCounter;
  retentionDays: number;
  log: Pick<Logger, "info" | "error">;
  /**
   * Whether this process runs the jobs that must run once (定时发布, audit retention); with
   * several server processes only the first does (lib/serving/processes.ts). Default true.
   */
  runsOnceJobs?: boolean;
  intervals?: Partial<typeof JOB_INTERVALS_MS>;
  /** The 原文 file generation (default: the PDF with Debian's chromium). */
  documentFiles?: DocumentFiles;
}

export interface Jobs {
  /** Stops every timer, waits for a run in progress and writes the views still pending. */
  stop(): Promise<void>;
}

interface Repeating {
  cancel(): void;
  /** The run in progress, if any. */
  idle(): Promise<void>;
}

/** Runs `work` now and then every `ms`; a run still going when the next is due skips that one. */
function repeat(name: string, ms: number, work: () => Promise<void> | void, log: JobsOptions["log"]): Repeating {
  let running: Promise<void> | null = null;
  const runOnce = async () => {
    try {
      await work();
    } catch (error) {
      log.error({ err: error }, `[jobs] ${name} failed`);
    }
  };
  const run = () => {
    if (running) return;
    running = runOnce().finally(() => (running = null));
  };
  run();
  const timer = setInterval(run, ms);
  timer.unref();
  return { cancel: () => clearInterval(timer), idle: async () => void (await running) };
}

export function startJobs(options: JobsOptions): Jobs {
  const { db, views, retentionDays, log } = options;
  const intervals = { ...JOB_INTERVALS_MS, ...options.intervals };
  const documentFiles = options.documentFiles ?? new DocumentFiles({ db, log });
  const jobs = [repeat("view flush", intervals.viewFlush, () => views.flush(), log)];
  if (options.runsOnceJobs ?? true) {
    jobs.push(
      repeat(
        "scheduled publication",
        intervals.scheduledPublications,
        async () => {
          const count = await runDuePublications(db, now());
          if (count > 0) log.info({ count }, `定时发布：已发布 ${count} 份报告。`);
        },
        log,
      ),
      repeat(
        "audit retention pruning",
        intervals.auditPruning,
        async () => {
          const pruned = await pruneAuditLogIfDue(db, { now: now(), retentionDays });
          if (pruned) log.info({ deleted: pruned.deleted, retentionDays }, "审计日志保留期清理完成 (audit retention pruning)");
        },
        log,
      ),
      // DOCUMENT_FILES=0: no 原文 files (the bench's 10,000 generated reports would keep Chromium busy throughout).
      ...(process.env.DOCUMENT_FILES === "0" ? [] : [repeat("edition files", intervals.documentFiles, async () => void (await documentFiles.runOnce()), log)]),
    );
  }
  return {
    async stop() {
      for (const job of jobs) job.cancel();
      await documentFiles.stop(); // a file in progress is abandoned; it and the rest are made at the next start
      await Promise.all(jobs.map((job) => job.idle()));
      await documentFiles.close();
      await views.flush(); // a clean shutdown loses no views
    },
  };
}
