/**
 * The server, wired from its parts: boot (boot.ts), one HTTP server whose every request goes
 * through the pipeline (pipeline.ts), the background jobs (jobs.ts) and a clean stop
 * (shutdown.ts). `npm start` runs it on the production build, `npm run dev` in development
 * (scripts/serve.ts --dev) — the same pipeline and the same jobs: views count, cross-site writes
 * are refused and scheduled reports are published in both.
 */
import cluster from "node:cluster";
import http from "node:http";
import next from "next";
import { decode } from "next-auth/jwt";
import { openEngineDatabase } from "../../db/client";
import { liveStateReader } from "../../db/report-live-state";
import { addReportViews } from "../../db/report-views";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { findSession } from "../../db/session-lookup";
import { securityPolicy } from "../env";
import { createLogDestination, createLogger, routeConsoleTo } from "../logger";
import { SECURITY_HEADERS } from "../security-headers";
import { auditRetentionDays } from "../../db/audit-retention";
import { boot, RefusedToStart, type Booted } from "./boot";
import { answerClientError } from "./client-error";
import { startJobs } from "./jobs";
import { withCompression } from "./compression";
import { createPipeline } from "./pipeline";
import { PROCESS_INDEX_VARIABLE, requestedProcesses, restartDelayMs } from "./processes";
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
  const destination = createLogDestination();
  const log = createLogger({ destination });
  routeConsoleTo(log);

  try {
    const processes = options.dev ? 1 : requestedProcesses(process.env.NIANBAO_PROCESSES);
    if (cluster.isWorker) {
      await serve(options, port, log, destination, bootedByPrimary(), process.env[PROCESS_INDEX_VARIABLE] === "0");
      return;
    }
    const booted = await boot(log);
    if (processes > 1) {
      runProcesses(processes, log, () => announce(log, port, booted, false, processes));
      return;
    }
    await serve(options, port, log, destination, booted, true);
    announce(log, port, booted, options.dev, 1);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A refusal is a message for the person starting the server, not a crash.
    log.fatal(error instanceof RefusedToStart ? {} : { err: error }, message);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

/** In a process started by the primary (processes.ts): the primary booted; the key is in the environment. */
function bootedByPrimary(): Booted {
  return { authSecret: process.env.AUTH_SECRET!, retentionDays: auditRetentionDays(process.env), demoPresent: false };
}

/**
 * One serving process: Next.js, the pipeline, the jobs. `runsOnceJobs`: this process runs the
 * jobs that must run once (定时发布, audit retention); every process writes its own views.
 */
async function serve(
  options: ServerOptions,
  port: number,
  log: ReturnType<typeof createLogger>,
  destination: ReturnType<typeof createLogDestination>,
  booted: Booted,
  runsOnceJobs: boolean,
): Promise<void> {
  const hostname = process.env.HOST || "0.0.0.0";
  const server = http.createServer();
  server.keepAliveTimeout = 65_000;
  server.on("clientError", answerClientError);
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: "localhost", port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();

  // The process's own connection: the fast path's reads, the request log's session reads, the jobs.
  const db = openEngineDatabase();
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
  const jobs = startJobs({ db, views, retentionDays: booted.retentionDays, log, runsOnceJobs });
  stopOnSignals({ server, jobs, app, log });
}

/**
 * The primary of several processes: starts them, starts again one that dies (after a delay that
 * grows when it keeps dying), and on SIGTERM/SIGINT passes the signal on and exits when all have
 * stopped (each finishes its requests and writes its views, shutdown.ts).
 */
function runProcesses(count: number, log: ReturnType<typeof createLogger>, onListening: () => void): void {
  let stopping = false;
  let listening = 0;
  const deaths = new Map<number, number[]>();
  const start = (index: number) => {
    const worker = cluster.fork({ [PROCESS_INDEX_VARIABLE]: String(index) });
    worker.once("listening", () => {
      if (++listening === count) onListening();
    });
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      const recent = [...(deaths.get(index) ?? []), Date.now()].filter((at) => Date.now() - at < 60_000);
      deaths.set(index, recent);
      const delay = restartDelayMs(recent.length);
      log.error({ index, code, signal, restartInMs: delay }, `服务进程 ${index} 意外退出，将重新启动。`);
      setTimeout(() => !stopping && start(index), delay);
    });
  };
  for (let i = 0; i < count; i++) start(i);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`收到 ${signal}，正在关闭 ${count} 个服务进程…`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    let remaining = workers.length;
    if (remaining === 0) process.exit(0);
    for (const worker of workers) {
      worker.once("exit", () => --remaining === 0 && process.exit(0));
      worker.process.kill(signal);
    }
    setTimeout(() => process.exit(1), 10_000).unref(); // a stop that hangs
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function announce(log: ReturnType<typeof createLogger>, port: number, booted: { retentionDays: number; demoPresent: boolean }, dev: boolean, processes: number): void {
  const started = `年报 Nianbao 已启动${dev ? "（开发模式）" : processes > 1 ? `（${processes} 个服务进程）` : ""}：http://localhost:${port}`;
  log.info({ port, auditRetentionDays: booted.retentionDays, dev, processes }, started);
  if (!booted.demoPresent) return;
  log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.username) }, "演示数据：演示账号的密码见 README");
  // The public demo password is printed for a person at a terminal, never into a log file.
  if (process.stdout.isTTY) {
    const accounts = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(16)} ${a.displayName}（${a.unit}，${a.role}）`);
    process.stdout.write(`\n${started}\n演示账号（密码均为 ${DEMO_PASSWORD}）：\n${accounts.join("\n")}\n\n`);
  }
}
