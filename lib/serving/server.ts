/**
 * The server, wired from its parts: boot (boot.ts), one HTTP server whose every request goes
 * through the pipeline (pipeline.ts), the background jobs (jobs.ts) and a clean stop
 * (shutdown.ts). `npm start` runs it on the production build, `npm run dev` in development
 * (scripts/serve.ts --dev) — the same pipeline and the same jobs: views count, cross-site writes
 * are refused and scheduled reports are published in both.
 */
import http from "node:http";
import next from "next";
import { decode } from "next-auth/jwt";
import { openDatabase } from "../../db/client";
import { liveStateReader } from "../../db/report-live-state";
import { addReportViews } from "../../db/report-views";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { findSession } from "../../db/session-lookup";
import { securityPolicy } from "../env";
import { createLogDestination, createLogger, routeConsoleTo } from "../logger";
import { SECURITY_HEADERS } from "../security-headers";
import { boot, RefusedToStart } from "./boot";
import { answerClientError } from "./client-error";
import { startJobs } from "./jobs";
import { withCompression } from "./compression";
import { createPipeline } from "./pipeline";
import { PublicPages, renderPublicPage } from "./public-pages";
import { ReportFastPath } from "./report-fast-path";
import { createRequestLogger, SessionUsers } from "./request-log";
import { stopOnSignals } from "./shutdown";
import { ViewCounter } from "./view-counting";

export interface ServerOptions {
  /** Next.js in development mode (compiles on demand, hot reload); everything else is the same. */
  dev: boolean;
}

export async function startServer(options: ServerOptions): Promise<void> {
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOST || "0.0.0.0";
  const destination = createLogDestination();
  const log = createLogger({ destination });
  routeConsoleTo(log);

  try {
    const booted = await boot(log);

    const server = http.createServer();
    server.keepAliveTimeout = 65_000;
    server.on("clientError", answerClientError);
    const app = next({ dev: options.dev, dir: process.cwd(), hostname: "localhost", port, httpServer: server });
    await app.prepare();
    const handle = app.getRequestHandler();

    // The server's own connection: the fast path's reads, the request log's session reads, the jobs.
    const db = openDatabase();
    const views = new ViewCounter((increments) => addReportViews(db, increments));
    const fastPath = new ReportFastPath({
      readLiveState: liveStateReader(db),
      render: (path) => renderPublicPage(handle, path, { host: `localhost:${port}` }),
      counter: views,
      securityHeaders: SECURITY_HEADERS,
      cacheRenders: !options.dev,
    });
    const sessionUsers = new SessionUsers({
      decode: (token, cookieName) => decode({ token, secret: booted.authSecret, salt: cookieName }),
      findSession: (sessionId) => findSession(db, sessionId),
      policy: securityPolicy().session,
    });
    server.on(
      "request",
      createPipeline({
        trustProxy: process.env.TRUST_PROXY === "1",
        logRequest: createRequestLogger(createLogger({ destination, redact: false }), sessionUsers),
        fastPath,
        publicPages: new PublicPages((path, headers) => renderPublicPage(handle, path, headers)),
        next: withCompression(handle),
        log,
      }),
    );

    await new Promise<void>((resolve, reject) => {
      server.once("error", reject); // e.g. the port is taken
      server.listen(port, hostname, () => {
        server.off("error", reject);
        resolve();
      });
    });
    announce(log, port, booted, options.dev);
    const jobs = startJobs({ db, views, retentionDays: booted.retentionDays, log });
    stopOnSignals({ server, jobs, app, log });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refusal is a message for the person starting the server, not a crash.
    log.fatal(error instanceof RefusedToStart ? {} : { err: error }, message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

function announce(log: ReturnType<typeof createLogger>, port: number, booted: { retentionDays: number; demoPresent: boolean }, dev: boolean): void {
  const started = `年报 Nianbao 已启动${dev ? "（开发模式）" : ""}：http://localhost:${port}`;
  log.info({ port, auditRetentionDays: booted.retentionDays, dev }, started);
  if (!booted.demoPresent) return;
  log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.username) }, "演示数据：演示账号的密码见 README");
  // The public demo password is printed for a person at a terminal, never into a log file.
  if (process.stdout.isTTY) {
    const accounts = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(16)} ${a.displayName}（${a.unit}，${a.role}）`);
    process.stdout.write(`\n${started}\n演示账号（密码均为 ${DEMO_PASSWORD}）：\n${accounts.join("\n")}\n\n`);
  }
}
