/**
 * What every serving process builds on its own database connection, whether it runs Next.js
 * (app-process.ts) or only fronts it (front.ts): the view counter, the report page's fast path
 * and who made a request, for the log.
 */
import { decode } from "next-auth/jwt";
import type { Db } from "../../db/client";
import { liveStateReader } from "../../db/report-live-state";
import { addReportViews } from "../../db/report-views";
import { findSession } from "../../db/session-lookup";
import { securityPolicy } from "../env";
import { SECURITY_HEADERS } from "../security-headers";
import type { RenderedPage } from "./next-render";
import { ReportFastPath } from "./report-fast-path";
import { SessionUsers } from "./request-log";
import { ViewCounter } from "./view-counting";

export function viewCounterOn(db: Db): ViewCounter {
  return new ViewCounter((increments) => addReportViews(db, increments));
}

export function reportFastPathOn(db: Db, views: ViewCounter, render: (path: string) => Promise<RenderedPage>, cacheRenders: boolean): ReportFastPath {
  return new ReportFastPath({ readLiveState: liveStateReader(db), render, counter: views, securityHeaders: SECURITY_HEADERS, cacheRenders });
}

export function sessionUsersOn(db: Db, authSecret: string): SessionUsers {
  return new SessionUsers({
    decode: (token, cookieName) => decode({ token, secret: authSecret, salt: cookieName }),
    findSession: (sessionId) => findSession(db, sessionId),
    policy: securityPolicy().session,
  });
}
