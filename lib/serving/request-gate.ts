/**
 * The gate in front of Next.js (a stage of lib/serving/pipeline.ts): refuses a state-changing
 * request from another site (lib/csrf.ts) or with a declared body over 1 MB, with 403/413 and
 * a Chinese message instead of Next's 500.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { BODY_TOO_LARGE_MESSAGE, CROSS_SITE_MESSAGE, crossSiteRefusal, declaresTooLargeBody } from "../csrf";
import { SECURITY_HEADERS } from "../security-headers";

/** A body beyond this is not even read to its end: the connection is closed. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

const headerOf = (req: IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
};

/** Answers the request with a refusal and returns true, or returns false to let it through. */
export function refuseHostileRequest(req: IncomingMessage, res: ServerResponse, log: Pick<Logger, "warn">): boolean {
  const refusal = crossSiteRefusal(req.method ?? "GET", {
    origin: headerOf(req, "origin"),
    host: headerOf(req, "host"),
    "x-forwarded-host": headerOf(req, "x-forwarded-host"),
    "sec-fetch-site": headerOf(req, "sec-fetch-site"),
  });
  const tooLarge = !refusal && req.method !== "GET" && req.method !== "HEAD" && declaresTooLargeBody(headerOf(req, "content-length"));
  if (!refusal && !tooLarge) return false;
  const [status, message] = refusal ? [403, CROSS_SITE_MESSAGE] : [413, BODY_TOO_LARGE_MESSAGE];
  log.warn(`[refused] ${status} ${req.method} ${(req.url ?? "").slice(0, 200)}: ${refusal ?? "body too large"}`);
  const json = (req.url ?? "").startsWith("/api/") || (headerOf(req, "accept") ?? "").includes("application/json");
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      "Content-Type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "Cache-Control": "private, no-store",
    });
    res.end(json ? JSON.stringify({ message }) : message);
  };
  // Discard the body (never kept in memory) and answer once it has arrived, so the client can
  // read the answer instead of failing to send; a body beyond 64 MB ends the connection.
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) req.destroy();
  });
  req.on("end", answer);
  req.on("error", () => undefined);
  return true;
}
