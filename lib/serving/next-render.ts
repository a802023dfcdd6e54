/**
 * Renders a page through Next.js inside this process, for the stages that serve public pages
 * (report-fast-path.ts, public-pages.ts): Next's own request handler gets a synthetic request
 * and a response that collects the page, made with the request/response mocks Next.js uses for
 * its own in-process renders (revalidation, renderToHTML). Nothing goes over a socket, so the
 * render is no request of its own: it passes no gate, writes no log line and counts no view; it
 * carries only the headers it is given.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { finished } from "node:stream/promises";
import { createRequestResponseMocks } from "next/dist/server/lib/mock-request";

export interface RenderedPage {
  status: number;
  /** The response's headers, names in lower case. */
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** What `app.getRequestHandler()` returns, as the pipeline calls it. */
export type NextHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * The socket Next.js sees for a synthetic request: not encrypted, from this machine. (Next's
 * default mock socket throws on any other property; a plain object answers undefined.)
 */
const SYNTHETIC_SOCKET = { encrypted: false, remoteAddress: "127.0.0.1" } as unknown as Socket;

/** GETs `path` (with its query) from Next.js in this process, with these request headers. */
export async function renderThroughNext(handle: NextHandler, path: string, headers: IncomingHttpHeaders): Promise<RenderedPage> {
  const chunks: Buffer[] = [];
  const { req, res } = createRequestResponseMocks({
    url: path,
    method: "GET",
    headers,
    socket: SYNTHETIC_SOCKET,
    // Copied like Next's own collector does: a writer may reuse its Uint8Array afterwards.
    resWriter: (chunk) => chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)) > 0,
  });
  await handle(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  await finished(res); // Next.js may still be streaming when its handler returns
  return {
    status: res.statusCode,
    headers: res.getHeaders(),
    body: Buffer.concat(chunks),
  };
}
