/**
 * Which compression a response gets (`Accept-Encoding`), and compressing a whole body once.
 * Brotli is preferred, then gzip; a coding with q=0 is refused, `*` stands for any coding the
 * header does not name.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type ContentEncoding = "br" | "gzip";

export interface AcceptedEncodings {
  br: boolean;
  gzip: boolean;
}

/** Verdicts on recent Accept-Encoding values (browsers send a handful of distinct ones). */
const verdicts = new Map<string, AcceptedEncodings>();
const MAX_VERDICTS = 100;

export function acceptedEncodings(acceptEncoding: string | string[] | undefined): AcceptedEncodings {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(",") : (acceptEncoding ?? "");
  let verdict = verdicts.get(header);
  if (verdict === undefined) {
    verdict = Object.freeze(parseAcceptEncoding(header));
    if (verdicts.size >= MAX_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(header, verdict);
  }
  return verdict;
}

function parseAcceptEncoding(header: string): AcceptedEncodings {
  const q = new Map<string, number>();
  for (const entry of header.split(",")) {
    const [coding, ...params] = entry.trim().toLowerCase().split(";");
    if (!coding) continue;
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(coding, weight === undefined ? 1 : Number(weight.slice(2)) || 0);
  }
  const accepts = (coding: ContentEncoding) => (q.get(coding) ?? q.get("*") ?? 0) > 0;
  return { br: accepts("br"), gzip: accepts("gzip") };
}

export function negotiateEncoding(acceptEncoding: string | string[] | undefined): ContentEncoding | null {
  const accepted = acceptedEncodings(acceptEncoding);
  return accepted.br ? "br" : accepted.gzip ? "gzip" : null;
}

/** Brotli quality for bodies compressed per request (11 is ten times slower for a few % less). */
const PER_REQUEST_BROTLI_QUALITY = 5;

export function compressBody(body: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === "br"
    ? brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: PER_REQUEST_BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipSync(body, { level: 6 });
}

/** Adds `Accept-Encoding` to a Vary header value (keeps what is there). */
export function varyOnEncoding(vary: string | undefined): string {
  const names = (vary ?? "").split(",").map((v) => v.trim()).filter(Boolean);
  if (names.some((v) => v === "*" || v.toLowerCase() === "accept-encoding")) return names.join(", ");
  return [...names, "Accept-Encoding"].join(", ");
}
