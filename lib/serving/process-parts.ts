/**
 * What every serving process builds on its own database connection, whether it runs Next.js
 * (app-process.ts) or only fronts it (front.ts): the view counter and the live states, the
 * report page's fast path, and who made a request, for the log.
 */
import { decode } from "next-auth/jwt";
import { isPostgres, type Db } from "../../db/client";
import { postgresUrl } from "../../db/engine";
import { WatchedLiveStates } from "../../db/pg/live-state-watch";
import { liveStateReader, type LiveState } from "../../db/report-live-state";
import { SqliteKeptLiveStates } from "../../db/sqlite-live-states";
import { addReportViews } from "../../db/report-views";
import { findSession } from "../../db/session-lookup";
import { securityPolicy } from "../env";
import { SECURITY_HEADERS } from "../security-headers";
import type { RenderedPage } from "./next-render";
import { ReportFastPath } from "./report-fast-path";
import { SessionUsers } from "./request-log";
import { ViewCounter } from "./view-counting";

/** What serves the report page's count in a process: its view counter and its reader of live states. */
export interface LiveStateParts {
  views: ViewCounter;
  readLiveState: (reportId: number) => LiveState | undefined | Promise<LiveState | undefined>;
}

/**
 * Whether and how live states are kept (`keep`):
 * - On PostgreSQL, until a change is notified or the state is a second old
 *   (db/pg/live-state-watch.ts): a round trip per request would cost the page most of its speed.
 * - On SQLite, until another connection commits (db/sqlite-live-states.ts) — only for a process
 *   whose connection writes nothing but view counts (`onlyViewWrites`: a front process); one
 *   that also runs the jobs (scheduled publications, 原文 files) on it reads every request
 *   (in-process, about 10–20 µs).
 * The process's own view writes forget the states they changed. `keep: false`: always read (a
 * process that serves no cached page).
 */
export function liveStatePartsOn(db: Db, options: { keep: boolean; onlyViewWrites: boolean; onError: (error: unknown) => void }): LiveStateParts {
  const url = postgresUrl();
  if (options.keep && !isPostgres(db) && options.onlyViewWrites) {
    const kept = new SqliteKeptLiveStates(db, liveStateReader(db) as (reportId: number) => LiveState | undefined);
    const views = new ViewCounter(async (increments) => {
      await addReportViews(db, increments);
      kept.forget(increments.map(([reportId]) => reportId));
    });
    return { views, readLiveState: (reportId) => kept.get(reportId) };
  }
  if (!options.keep || !isPostgres(db) || !url) {
    return { views: new ViewCounter((increments) => addReportViews(db, increments)), readLiveState: liveStateReader(db) };
  }
  const watched = new WatchedLiveStates(liveStateReader(db) as (reportId: number) => Promise<LiveState | undefined>, url, { onError: options.onError });
  void watched.start();
  const views = new ViewCounter(async (increments) => {
    await addReportViews(db, increments);
    watched.forget(increments.map(([reportId]) => reportId));
  });
  return { views, readLiveState: (reportId) => watched.get(reportId) };
}

export function reportFastPathOn(parts: LiveStateParts, render: (path: string) => Promise<RenderedPage>, cacheRenders: boolean): ReportFastPath {
  return new ReportFastPath({ readLiveState: parts.readLiveState, render, counter: parts.views, securityHeaders: SECURITY_HEADERS, cacheRenders });
}

export function sessionUsersOn(db: Db, authSecret: string): SessionUsers {
  return new SessionUsers({
    decode: (token, cookieName) => decode({ token, secret: authSecret, salt: cookieName }),
    findSession: (sessionId) => findSession(db, sessionId),
    policy: securityPolicy().session,
  });
}
