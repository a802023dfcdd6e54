import { BODY_TOO_LARGE_MESSAGE, crossSiteRefusal, declaresTooLargeBody, MAX_REQUEST_BODY_BYTES } from "./csrf";
import { AppError } from "./errors";

/**
 * Mutating route handlers accept only same-origin JSON requests: a cross-site form or script
 * cannot send `Content-Type: application/json` with our Origin, so this is the CSRF defence
 * (server actions get the same check from Next.js and the server's gate, lib/serving/request-gate.ts).
 */
function assertSameOriginJson(request: Request): void {
  const h = request.headers;
  const refusal = crossSiteRefusal(
    request.method,
    { origin: h.get("origin"), host: h.get("host"), "x-forwarded-host": h.get("x-forwarded-host"), "sec-fetch-site": h.get("sec-fetch-site") },
    { requireOrigin: true },
  );
  if (refusal) throw new AppError("forbidden", "请求来源无效。");
  if (!h.get("content-type")?.startsWith("application/json")) {
    throw new AppError("invalid", "请求格式无效。");
  }
}

/**
 * Reads the body as UTF-8, never more than `limit` bytes into memory (a chunked body without
 * Content-Length is cut off as soon as it passes the limit). Invalid UTF-8 is refused rather
 * than silently replaced.
 */
export async function readBodyText(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<string> {
  if (declaresTooLargeBody(request.headers.get("content-length"), limit)) throw new AppError("too_large", BODY_TOO_LARGE_MESSAGE);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        throw new AppError("too_large", BODY_TOO_LARGE_MESSAGE);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid", "提交的内容不是有效的 UTF-8 文本（可能含有乱码），未能保存。");
  }
}

/** Deepest nesting of arrays and objects a request may have (a table section needs 4). */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests deeper than `max` (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  // Later code that walks the value (validation, serialisation) must never recurse 100,000 levels deep.
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new AppError("invalid", "请求格式无效：数据嵌套过深。");
  try {
    return JSON.parse(text);
  } catch {
    // A syntax error, or nesting so deep that the parser gives up (RangeError).
    throw new AppError("invalid", "请求格式无效：不是合法的 JSON 数据。");
  }
}

/** Below this size a JSON answer is sent as it is (the size at which the server's compression starts). */
const SMALL_JSON_BYTES = 1024;

/**
 * A JSON response; a small one (an autosave's answer is under 100 bytes) is marked
 * `no-transform`, which the server's compression honours: gzip or brotli on every save cost more
 * than the bytes it saved (Next.js drops a route's Content-Length, so the size threshold never applies).
 */
function jsonResponse(value: unknown, init: { status?: number; headers: Record<string, string> }): Response {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("a JSON route answered nothing");
  const small = Buffer.byteLength(text) < SMALL_JSON_BYTES;
  const cacheControl = small ? `${init.headers["Cache-Control"]}, no-transform` : init.headers["Cache-Control"]!;
  return new Response(text, { status: init.status, headers: { ...init.headers, "Cache-Control": cacheControl, "Content-Type": "application/json" } });
}

/**
 * Runs a JSON route handler: checks origin and size, parses the body, and answers expected
 * failures with their HTTP status and a Chinese message. Responses are never cached.
 */
export async function handleJson(request: Request, work: (body: unknown) => Promise<unknown>): Promise<Response> {
  const headers = { "Cache-Control": "private, no-store" };
  try {
    assertSameOriginJson(request);
    const body = await readJson(request);
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new AppError("invalid", "请求格式无效：应为 JSON 对象。");
    return jsonResponse(await work(body), { headers });
  } catch (error) {
    if (error instanceof AppError) {
      return jsonResponse({ message: error.message, fieldErrors: error.fieldErrors }, { status: error.status, headers });
    }
    console.error("[route] unexpected error", error);
    return jsonResponse({ message: "系统繁忙，请稍后重试。" }, { status: 500, headers });
  }
}

/**
 * Runs a route handler that takes a file upload (multipart/form-data from our own page): same
 * origin required, the body read within the request limit, expected failures answered with
 * their status and a Chinese message (and `fieldErrors` for the form). Never cached.
 */
export async function handleUpload(request: Request, work: (form: FormData) => Promise<unknown>): Promise<Response> {
  const headers = { "Cache-Control": "private, no-store" };
  try {
    const h = request.headers;
    const refusal = crossSiteRefusal(
      request.method,
      { origin: h.get("origin"), host: h.get("host"), "x-forwarded-host": h.get("x-forwarded-host"), "sec-fetch-site": h.get("sec-fetch-site") },
      { requireOrigin: true },
    );
    if (refusal) throw new AppError("forbidden", "请求来源无效。");
    if (declaresTooLargeBody(h.get("content-length"), MAX_REQUEST_BODY_BYTES)) throw new AppError("too_large", BODY_TOO_LARGE_MESSAGE);
    if (!h.get("content-type")?.startsWith("multipart/form-data")) throw new AppError("invalid", "请求格式无效。");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new AppError("invalid", "请求格式无效：未能读取上传的文件。");
    }
    return Response.json(await work(form), { headers });
  } catch (error) {
    if (error instanceof AppError) {
      return Response.json({ message: error.message, fieldErrors: error.fieldErrors }, { status: error.status, headers });
    }
    console.error("[route] unexpected error", error);
    return Response.json({ message: "系统繁忙，请稍后重试。" }, { status: 500, headers });
  }
}
