/**
 * The two kinds of process of a server with several processes (lib/serving/processes.ts), and
 * what passes between them over a local socket:
 *
 * - a **front** process takes every connection on the public port. It serves the public report
 *   pages it holds rendered (report-fast-path.ts: live state read, view counted, count spliced
 *   in) and passes every other request to an app process (`forward`). It never loads Next.js:
 *   Next.js keeps Node's async hooks on in its process, which halves what Node serves per second
 *   (README: Performance), and a cached page needs none of it;
 * - an **app** process runs Next.js and the whole pipeline (server.ts) on a unix socket that only
 *   the front processes connect to. For a front it also renders a report page without counting
 *   it (`answerRenderRequests`: the page the front then keeps), when asked with the render token
 *   the primary gave both at start.
 *
 * What the app process sees of a forwarded request: the method, URL, body and headers as the
 * client sent them (hop-by-hop headers aside; any render token removed), the client's IP in
 * X-Forwarded-For (the front's verdict: the socket's address, or nginx's with TRUST_PROXY=1)
 * and the front's request id. Its answer goes back as it streams, with the cookies the front
 * set (the 30-minute view cookie) kept beside the app's.
 */
import { timingSafeEqual } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { RenderedPage } from "./next-render";

/** The header carrying the render token (front → app, never from a client). */
export const RENDER_TOKEN_HEADER = "x-nianbao-render-token";

/** Headers of one connection, not of the message (RFC 9110 §7.6.1), plus the render token. */
const NOT_FORWARDED = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "x-forwarded-for",
  "x-request-id",
  RENDER_TOKEN_HEADER,
]);
const NOT_RETURNED = new Set(["connection", "keep-alive", "transfer-encoding", "trailer", "upgrade", "x-request-id"]);

const UNAVAILABLE = "服务暂时不可用，请稍后再试。";

/** The front's side: asks the app processes (on `socketPath`) to render pages and to answer requests. */
export class AppProcesses {
  private readonly agent: http.Agent;

  constructor(
    private readonly socketPath: string,
    private readonly renderToken: string,
    private readonly onError: (error: unknown, url: string) => void = () => undefined,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  }

  /** A report page rendered by an app process (not counted there; report-fast-path.ts keeps it). */
  render(path: string, host: string): Promise<RenderedPage> {
    return new Promise((resolve, reject) => {
      const request = http.request({ socketPath: this.socketPath, agent: this.agent, method: "GET", path, headers: { host, [RENDER_TOKEN_HEADER]: this.renderToken } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end();
    });
  }

  /**
   * Passes the request to an app process and its answer back to the client, both streamed.
   * Resolves when the answer has been sent (or the client went away).
   */
  forward(req: IncomingMessage, res: ServerResponse, clientIp: string, requestId: string): Promise<void> {
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
    headers["x-forwarded-for"] = clientIp;
    headers["x-request-id"] = requestId;
    return new Promise<void>((resolve) => {
      const request = http.request({ socketPath: this.socketPath, agent: this.agent, method: req.method, path: req.url, headers }, (response) => {
        copyAnswerHeaders(response.headers, res);
        res.writeHead(response.statusCode ?? 502, response.statusMessage);
        response.pipe(res);
        response.on("error", () => res.destroy());
        res.on("close", resolve);
      });
      request.on("error", (error) => {
        this.onError(error, req.url ?? "");
        if (!res.headersSent) {
          res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
          res.end(UNAVAILABLE);
        } else res.destroy();
        resolve();
      });
      // A client that goes away mid-answer: the app process stops sending too.
      res.on("close", () => {
        if (!res.writableFinished) request.destroy();
      });
      req.pipe(request);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The app's answer headers onto the client's response; cookies the front set already stay. */
function copyAnswerHeaders(answer: IncomingHttpHeaders, res: ServerResponse): void {
  for (const [name, value] of Object.entries(answer)) {
    if (value === undefined || NOT_RETURNED.has(name)) continue;
    if (name === "set-cookie") {
      const already = res.getHeader("set-cookie");
      res.setHeader("set-cookie", [...(already === undefined ? [] : [already].flat().map(String)), ...[value].flat()]);
    } else res.setHeader(name, value);
  }
}

/** Compared in constant time (the socket is local, but the token is a secret all the same). */
function sameToken(given: string | string[], expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The app process's side: a request carrying the render token is a front asking for a page to
 * keep — answered with the page as rendered (`render`, which counts nothing), uncompressed.
 * Any other request goes on to the pipeline.
 */
export function answerRenderRequests(
  renderToken: string,
  render: (path: string) => Promise<RenderedPage>,
  pipeline: http.RequestListener,
  onError: (error: unknown) => void,
): http.RequestListener {
  return (req, res) => {
    const token = req.headers[RENDER_TOKEN_HEADER];
    if (token === undefined) return pipeline(req, res);
    if (!sameToken(token, renderToken) || req.method !== "GET") {
      res.writeHead(403).end();
      return;
    }
    render(req.url ?? "/").then(
      (page) => {
        const contentType = page.headers["content-type"];
        res.writeHead(page.status, { ...(contentType === undefined ? {} : { "Content-Type": contentType }), "Content-Length": String(page.body.length) });
        res.end(page.body);
      },
      (error: unknown) => {
        onError(error);
        res.writeHead(500).end();
      },
    );
  };
}
