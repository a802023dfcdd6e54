/**
 * A process that runs Next.js: the whole pipeline (pipeline.ts) and the background jobs. Alone,
 * it takes the public port itself; behind front processes (processes.ts) it listens on the
 * primary's unix socket, takes the client's IP from the front (X-Forwarded-For) and leaves the
 * report page's cache and count to the fronts, rendering pages for them (front-and-app.ts).
 */
import http from "node:http";
import next from "next";
import type { DestinationStream, Logger } from "pino";
import { openEngineDatabase } from "../../db/client";
import { createLogger } from "../logger";
import type { Booted } from "./boot";
import { answerClientError } from "./client-error";
import { withCompression } from "./compression";
import { answerRenderRequests } from "./front-and-app";
import { startJobs } from "./jobs";
import { createPipeline } from "./pipeline";
import { liveStatePartsOn, reportFastPathOn, sessionUsersOn } from "./process-parts";
import { PublicPages, renderPublicPage } from "./public-pages";
import { createRequestLogger, takeRequestId } from "./request-log";
import { stopOnSignals } from "./shutdown";

export interface AppProcessOptions {
  /** Next.js in development mode (compiles on demand, hot reload); everything else is the same. */
  dev: boolean;
  /** The public port (Next.js builds its own URLs with it). */
  port: number;
  log: Logger;
  destination: DestinationStream;
  booted: Booted;
  /** This process runs the jobs that must run once (定时发布, audit retention, 原文 files). */
  runsOnceJobs: boolean;
  /** Behind front processes: the socket to listen on and the token of their render requests. */
  behindFronts?: { socketPath: string; renderToken: string };
}

export async function serveApp(options: AppProcessOptions): Promise<void> {
  const { dev, port, log, destination, booted, behindFronts } = options;
  const server = http.createServer();
  server.keepAliveTimeout = 65_000;
  server.on("clientError", answerClientError);
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();
  const render = (path: string) => renderPublicPage(handle, path, { host: `localhost:${port}` });

  // The process's own connection: the fast path's reads, the request log's session reads, the jobs.
  const db = openEngineDatabase();
  // Behind fronts this process serves no cached page, so it keeps no live states.
  const live = liveStatePartsOn(db, { keep: !behindFronts, onlyViewWrites: false, onError: (error) => log.error({ err: error }, "[live state] listening failed") });
  const pipeline = createPipeline({
    // A front passes the client's IP on; alone, behind nginx, TRUST_PROXY=1 says to take nginx's.
    trustProxy: behindFronts !== undefined || process.env.TRUST_PROXY === "1",
    // A front logs the requests it passes on (as its client saw them); this process only keeps their id.
    logRequest: behindFronts ? takeRequestId : createRequestLogger(createLogger({ destination, redact: false }), sessionUsersOn(db, booted.authSecret)),
    fastPath: behindFronts ? { handle: () => false } : reportFastPathOn(live, render, !dev),
    publicPages: new PublicPages((path, headers) => renderPublicPage(handle, path, headers)),
    next: withCompression(handle),
    log,
  });
  server.on(
    "request",
    behindFronts ? answerRenderRequests(behindFronts.renderToken, render, pipeline, (error) => log.error({ err: error }, "[front] render failed")) : pipeline,
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject); // e.g. the port is taken
    const listening = () => {
      server.off("error", reject);
      resolve();
    };
    if (behindFronts) server.listen(behindFronts.socketPath, listening);
    else server.listen(port, process.env.HOST || "0.0.0.0", listening);
  });
  const jobs = startJobs({ db, views: live.views, retentionDays: booted.retentionDays, log, runsOnceJobs: options.runsOnceJobs });
  stopOnSignals({ server, jobs, app, log });
}
