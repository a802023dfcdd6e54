/**
 * The server, wired from its parts: boot (boot.ts), the serving processes — one app process
 * (app-process.ts: Next.js behind the pipeline, pipeline.ts, and the background jobs, jobs.ts),
 * or, with NIANBAO_PROCESSES=N, N app processes behind N front processes (processes.ts,
 * front.ts) — and a clean stop (shutdown.ts). `npm start` runs it on the production build,
 * `npm run dev` in development (scripts/serve.ts --dev) — the same pipeline and the same jobs:
 * views count, cross-site writes are refused and scheduled reports are published in both.
 */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { auditRetentionDays } from "../../db/audit-retention";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed/demo-accounts";
import { createLogDestination, createLogger, routeConsoleTo } from "../logger";
import { boot, RefusedToStart, type Booted } from "./boot";
import {
  APP_SOCKET_VARIABLE,
  PROCESS_INDEX_VARIABLE,
  PROCESS_ROLE_VARIABLE,
  processRoleOf,
  RENDER_TOKEN_VARIABLE,
  requestedProcesses,
  restartDelayMs,
  type ProcessRole,
} from "./processes";

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
      const env = process.env;
      const booted = bootedByPrimary();
      // Imported by role: a front process must never load Next.js (front.ts).
      if (processRoleOf(env) === "front") {
        const { serveFront } = await import("./front");
        await serveFront({ port, log, destination, booted, appSocketPath: env[APP_SOCKET_VARIABLE]!, renderToken: env[RENDER_TOKEN_VARIABLE]! });
      } else {
        const { serveApp } = await import("./app-process");
        const behindFronts = { socketPath: env[APP_SOCKET_VARIABLE]!, renderToken: env[RENDER_TOKEN_VARIABLE]! };
        await serveApp({ dev: false, port, log, destination, booted, runsOnceJobs: env[PROCESS_INDEX_VARIABLE] === "0", behindFronts });
      }
      return;
    }
    const booted = await boot(log);
    if (processes > 1) {
      runProcesses(processes, log, () => announce(log, port, booted, false, processes));
      return;
    }
    const { serveApp } = await import("./app-process");
    await serveApp({ dev: options.dev, port, log, destination, booted, runsOnceJobs: true });
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
 * The primary of several processes: starts the app processes on a unix socket of its own, then,
 * once they all listen, the front processes on the public port (processes.ts); starts again one
 * that dies (after a delay that grows when it keeps dying), and on SIGTERM/SIGINT passes the
 * signal on and exits when all have stopped (each finishes its requests and writes its views,
 * shutdown.ts).
 */
function runProcesses(count: number, log: ReturnType<typeof createLogger>, onListening: () => void): void {
  const socketPath = path.join(os.tmpdir(), `nianbao-${process.pid}-app.sock`);
  fs.rmSync(socketPath, { force: true });
  const shared = { [APP_SOCKET_VARIABLE]: socketPath, [RENDER_TOKEN_VARIABLE]: randomBytes(24).toString("base64url") };
  let stopping = false;
  let listening = 0;
  const deaths = new Map<string, number[]>();
  const start = (role: ProcessRole, index: number) => {
    const worker = cluster.fork({ ...shared, [PROCESS_ROLE_VARIABLE]: role, [PROCESS_INDEX_VARIABLE]: String(index) });
    worker.once("listening", () => {
      ++listening;
      if (listening === count) for (let i = 0; i < count; i++) start("front", i);
      if (listening === 2 * count) onListening();
    });
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      const slot = `${role} ${index}`;
      const recent = [...(deaths.get(slot) ?? []), Date.now()].filter((at) => Date.now() - at < 60_000);
      deaths.set(slot, recent);
      const delay = restartDelayMs(recent.length);
      log.error({ role, index, code, signal, restartInMs: delay }, `服务进程（${role === "front" ? "前端" : "应用"} ${index}）意外退出，将重新启动。`);
      setTimeout(() => !stopping && start(role, index), delay);
    });
  };
  for (let i = 0; i < count; i++) start("app", i);
  process.once("exit", () => fs.rmSync(socketPath, { force: true }));
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`收到 ${signal}，正在关闭 ${2 * count} 个服务进程…`);
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
