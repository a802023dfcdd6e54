/**
 * Compression of what Next.js answers itself (staff pages, API routes, feeds, open-data files,
 * scripts and stylesheets): brotli or gzip by `Accept-Encoding`, with `Vary: Accept-Encoding`,
 * streamed — the `compression` middleware of Express, which does this well, in place of
 * Next.js's own (gzip only; `compress: false` in next.config.ts). The public pages and the
 * report page compress in their own stages (public-pages.ts, report-fast-path.ts).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import compression from "compression";
import type { NextHandler } from "./next-render";

const compress = compression({ threshold: 1024 });

export function withCompression(handle: NextHandler): NextHandler {
  return (req: IncomingMessage, res: ServerResponse) =>
    new Promise<void>((resolve, reject) => {
      // The middleware's types are Express's; it only uses what Node's request and response have.
      compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], (error?: unknown) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else handle(req, res).then(resolve, reject);
      });
    });
}
