/**
 * A clean stop on SIGTERM or SIGINT: no new connections, the requests in progress finish, the
 * jobs stop and write the views still pending, then the process exits. Requests still running
 * after 5 s are given up.
 */
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { Jobs } from "./jobs";

const GRACE_MS = 5_000;

export function stopOnSignals(options: { server: Server; jobs: Jobs; app: { close(): Promise<void> }; log: Pick<Logger, "info" | "error"> }): void {
  const { server, jobs, app, log } = options;
  let stopping: Promise<void> | null = null;
  const finish = () => {
    stopping ??= (async () => {
      try {
        await jobs.stop();
        await app.close(); // development: file watchers and the bundler
      } catch (error) {
        log.error({ err: error }, "[shutdown] stopping failed");
      } finally {
        process.exit(0);
      }
    })();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log.info(`收到 ${signal}，正在关闭…`);
    server.close(finish);
    setTimeout(finish, GRACE_MS).unref(); // connections that do not end in time
    setTimeout(() => process.exit(1), GRACE_MS + 2_000).unref(); // a stop that hangs
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
