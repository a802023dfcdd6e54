/**
 * Several server processes on one port (NIANBAO_PROCESSES): one Node.js process uses one core,
 * so on a machine with more, the server can run a process per core behind the same port
 * (node:cluster; the primary hands each new connection to a process in turn). The primary boots
 * once (migration, demo data, the session key), then starts the processes and starts again one
 * that dies.
 *
 * With N processes asked for, the primary starts N **app** processes (Next.js and the whole
 * pipeline) on a unix socket of its own, then N **front** processes on the public port, which
 * serve the public report pages they hold rendered and pass every other request to an app
 * process (front-and-app.ts: why, and what passes between them). A front is small (no Next.js);
 * the app processes are where pages are rendered and every write happens.
 *
 * What keeps several processes correct, on SQLite (WAL) as on one process:
 * - the report page's cache asks the database on every request whether its edition is still
 *   the live one (report-fast-path.ts), so a publication in one process is seen by all (on
 *   PostgreSQL the answer is kept until a change is notified, db/pg/live-state-watch.ts);
 * - each process counts views in memory and adds them to the stored count
 *   (`view_count = view_count + n`) about once a second: no view is lost, a page shows the
 *   others' views of the last second a moment later;
 * - sessions, lockouts and the reload cookie of the view dedupe are in the database or the
 *   browser, not in a process;
 * - the background jobs that must run once (定时发布, audit retention, 原文 files) run in the
 *   first app process only (publication re-checks the status in its transaction all the same);
 *   every process writes its own views.
 */
import { availableParallelism } from "node:os";

export const MAX_PROCESSES = 32;

/**
 * How many server processes NIANBAO_PROCESSES asks for: a number, or `auto` for one per core;
 * unset means one. Anything else is refused with a message for the person starting the server.
 */
export function requestedProcesses(value: string | undefined, cores = availableParallelism()): number {
  const text = value?.trim() ?? "";
  if (text === "") return 1;
  if (text === "auto") return Math.max(1, Math.min(cores, MAX_PROCESSES));
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_PROCESSES) {
    throw new Error(`NIANBAO_PROCESSES 应为 1–${MAX_PROCESSES} 的整数或 auto（每个 CPU 核一个进程），当前为「${value}」。`);
  }
  return Number(text);
}

/** The environment variable telling a process which one it is (app process 0 runs the jobs that must run once). */
export const PROCESS_INDEX_VARIABLE = "NIANBAO_PROCESS_INDEX";
/** …and which kind it is. */
export const PROCESS_ROLE_VARIABLE = "NIANBAO_PROCESS_ROLE";
export type ProcessRole = "front" | "app";
/** The unix socket the app processes listen on, and the token a front's render requests carry (set by the primary). */
export const APP_SOCKET_VARIABLE = "NIANBAO_APP_SOCKET";
export const RENDER_TOKEN_VARIABLE = "NIANBAO_RENDER_TOKEN";

export function processRoleOf(env: NodeJS.ProcessEnv): ProcessRole {
  return env[PROCESS_ROLE_VARIABLE] === "front" ? "front" : "app";
}

/** After a process died, how long before it is started again (a process that dies at once is not started in a tight loop). */
export function restartDelayMs(recentDeaths: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, recentDeaths - 1));
}
