import { AppError } from "./errors";

/** Largest JSON body a staff route accepts (a full report section is far smaller). */
export const MAX_JSON_BODY_BYTES = 1_000_000;

/**
 * Mutating route handlers accept only same-origin JSON requests: a cross-site form or script
 * cannot send `Content-Type: application/json` with our Origin, so this is the CSRF defence
 * (server actions get the same check from Next.js).
 */
function assertSameOriginJson(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || origin === "null" || !host || new URL(origin).host !== host) {
    throw new AppError("forbidden", "请求来源无效。");
  }
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    throw new AppError("invalid", "请求格式无效。");
  }
}

async function readJson(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_JSON_BODY_BYTES) throw new AppError("too_large");
  const text = await request.text();
  if (text.length > MAX_JSON_BODY_BYTES) throw new AppError("too_large");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid", "请求格式无效。");
  }
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
    return Response.json(await work(body), { headers });
  } catch (error) {
    if (error instanceof AppError) {
      return Response.json({ message: error.message, fieldErrors: error.fieldErrors }, { status: error.status, headers });
    }
    console.error("[route] unexpected error", error);
    return Response.json({ message: "系统繁忙，请稍后重试。" }, { status: 500, headers });
  }
}
