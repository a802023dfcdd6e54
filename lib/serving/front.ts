/**
 * A front process (processes.ts, front-and-app.ts): the public port, the report pages it holds
 * rendered — read, counted and spliced here, as in an app process — and every other request
 * passed to an app process. It loads no Next.js, so nothing here may import `next` (or a module
 * that does): that is what makes a cached page cost half as much as in an app process.
 */
import http from "node:http";
import type { DestinationStream, Logger } from "pino";
import { openEngineDatabase } from "../../db/client";
import { CLIENT_IP_HEADER } from "../client-ip";
import { createLogger } from "../logger";
import type { Booted } from "./boot";
import { answerClientError } from "./client-error";
import { AppProcesses } from "./front-and-app";
import { startJobs } from "./jobs";
import { createPipeline } from "./pipeline";
import { liveStatePartsOn, reportFastPathOn, sessionUsersOn } from "./process-parts";
import { createRequestLogger } from "./request-log";
import { stopOnSignals } from "./shutdown";

export interface FrontProcessOptions {
  port: number;
  log: Logger;
  destination: DestinationStream;
  booted: Booted;
  appSocketPath: string;
  renderToken: string;
}

export async function serveFront(options: FrontProcessOptions): Promise<void> {
  const { port, log, destination, booted } = options;
  const server = http.createServer();
  server.keepAliveTimeout = 65_000;
  server.on("clientError", answerClientError);

  const db = openEngineDatabase();
  const live = liveStatePartsOn(db, { keep: true, onlyViewWrites: true, onError: (error) => log.error({ err: error }, "[live state] listening failed") });
  const views = live.views;
  const apps = new AppProcesses(options.appSocketPath, options.renderToken, (error, url) =>
    log.error({ err: error, url: url.slice(0, 200) }, "[front] no app process answered"),
  );
  const logRequest = createRequestLogger(createLogger({ destination, redact: false }), sessionUsersOn(db, booted.authSecret));
  const requestIds = new WeakMap<http.IncomingMessage, string>();
  server.on(
    "request",
    createPipeline({
      trustProxy: process.env.TRUST_PROXY === "1",
      logRequest: (req, res, ip) => {
        const id = logRequest(req, res, ip);
        requestIds.set(req, id);
        return id;
      },
      fastPath: reportFastPathOn(live, (path) => apps.render(path, `localhost:${port}`), true),
      publicPages: { handle: async () => false },
      next: (req, res) => apps.forward(req, res, String(req.headers[CLIENT_IP_HEADER] ?? ""), requestIds.get(req) ?? ""),
      log,
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, process.env.HOST || "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Only the views: the jobs that must run once are an app process's.
  const jobs = startJobs({ db, views, retentionDays: booted.retentionDays, log, runsOnceJobs: false });
  stopOnSignals({ server, jobs, app: { close: async () => apps.close() }, log });
}
