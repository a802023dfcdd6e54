/**
 * The request pipeline: every HTTP request the server receives goes through these stages, in
 * this order, in production and in development alike.
 *
 *   1. headers only this server may set: a client's copy is dropped (x-middleware-subrequest)
 *      or overwritten (the client IP, from the socket or, behind nginx, X-Forwarded-For);
 *   2. the request log (an id for the request, one line when it is done);
 *   3. the gate: cross-site writes and oversized bodies are refused (request-gate.ts);
 *   4. the fast path for public report pages (report-fast-path.ts: cache and 浏览量);
 *   5. the other public pages, as plain HTML (public-pages.ts);
 *   6. Next.js, for everything else, compressed (compression.ts).
 * Every text response leaves compressed when the client takes it (brotli or gzip).
 */
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { CLIENT_IP_HEADER } from "../client-ip";
import type { NextHandler } from "./next-render";
import type { PublicPages } from "./public-pages";
import type { ReportFastPath } from "./report-fast-path";
import { refuseHostileRequest } from "./request-gate";

export interface PipelineStages {
  /** TRUST_PROXY=1: take the client IP from X-Forwarded-For (behind nginx). */
  trustProxy: boolean;
  /** Starts the request's log line (request-log.ts); returns its id. */
  logRequest: (req: IncomingMessage, res: ServerResponse, ip: string) => string;
  fastPath: Pick<ReportFastPath, "handle">;
  publicPages: Pick<PublicPages, "handle">;
  /** Next.js's request handler, compressing (compression.ts). */
  next: NextHandler;
  log: Pick<Logger, "warn" | "error">;
}

export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string" && forwarded.trim()) return forwarded.split(",")[0]!.trim();
  return req.socket.remoteAddress ?? "";
}

export function createPipeline(stages: PipelineStages): RequestListener {
  return (req, res) => {
    delete req.headers["x-middleware-subrequest"];
    const ip = clientIpOf(req, stages.trustProxy);
    req.headers[CLIENT_IP_HEADER] = ip;
    const reqId = stages.logRequest(req, res, ip);
    if (refuseHostileRequest(req, res, stages.log)) return;
    const fallBack = (error: unknown) => {
      stages.log.error({ err: error, reqId }, "[public pages] falling back to Next.js");
      if (!res.headersSent) void stages.next(req, res);
    };
    let servedFast: boolean | Promise<boolean>;
    try {
      servedFast = stages.fastPath.handle(req, res);
    } catch (error) {
      fallBack(error);
      return;
    }
    // A cached report page is answered synchronously: nothing more to do, no promise made.
    if (servedFast === true) return;
    Promise.resolve(servedFast)
      .then((served) => served || stages.publicPages.handle(req, res))
      .then((served) => {
        if (!served) void stages.next(req, res);
      })
      .catch(fallBack);
  };
}
