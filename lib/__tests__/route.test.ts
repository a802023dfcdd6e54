import { describe, expect, it, vi } from "vitest";
import { MAX_REQUEST_BODY_BYTES } from "../csrf";
import { handleJson } from "../route";

const URL_ = "http://localhost:3000/api/reports/1/sections/overview";
const sameOrigin = { origin: "http://localhost:3000", host: "localhost:3000", "content-type": "application/json" };

function put(body: BodyInit | null, headers: Record<string, string> = sameOrigin): Request {
  return new Request(URL_, { method: "PUT", headers, body, duplex: "half" } as RequestInit);
}

/** A body streamed in 64 KB chunks without Content-Length, counting how much was pulled. */
function endlessStream(totalBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(65_536).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

async function answer(request: Request) {
  const work = vi.fn(async (body: unknown) => ({ echoed: body }));
  const response = await handleJson(request, work);
  return { status: response.status, body: (await response.json()) as { message?: string }, work };
}

describe("JSON route handlers refuse hostile requests before any work", () => {
  it("runs the work for a same-origin JSON object", async () => {
    const { status, body, work } = await answer(put(JSON.stringify({ baseVersion: 1 })));
    expect(status).toBe(200);
    expect(body).toEqual({ echoed: { baseVersion: 1 } });
    expect(work).toHaveBeenCalledOnce();
  });

  it("marks a small JSON answer no-transform (not worth compressing) and a large one not, never cached", async () => {
    const small = await handleJson(put(JSON.stringify({ baseVersion: 1 })), async () => ({ status: "saved", note: "已保存" }));
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(small.headers.get("cache-control")).toBe("private, no-store, no-transform");
    expect(await small.json()).toEqual({ status: "saved", note: "已保存" });
    const large = await handleJson(put(JSON.stringify({ baseVersion: 1 })), async () => ({ status: "conflict", theirs: { html: "<p>正文</p>".repeat(200) } }));
    expect(large.headers.get("cache-control")).toBe("private, no-store");
    const refused = await handleJson(put("a=1", { ...sameOrigin, "content-type": "text/plain" }), async () => ({}));
    expect(refused.status).toBe(400);
    expect(refused.headers.get("cache-control")).toBe("private, no-store, no-transform");
  });

  it.each([
    ["a foreign Origin", { ...sameOrigin, origin: "https://evil.example" }],
    ["Origin: null", { ...sameOrigin, origin: "null" }],
    ["no Origin", { host: "localhost:3000", "content-type": "application/json" }],
    ["Sec-Fetch-Site: cross-site", { ...sameOrigin, "sec-fetch-site": "cross-site" }],
  ])("403 for %s", async (_name, headers) => {
    const { status, body, work } = await answer(put("{}", headers));
    expect(status).toBe(403);
    expect(body.message).toMatch(/请求来源无效/);
    expect(work).not.toHaveBeenCalled();
  });

  it("400 for a form or text body (what a cross-site form can send)", async () => {
    const { status, work } = await answer(put("a=1", { ...sameOrigin, "content-type": "application/x-www-form-urlencoded" }));
    expect(status).toBe(400);
    expect(work).not.toHaveBeenCalled();
  });

  it("413 for a declared body over 1 MB, without reading it", async () => {
    const { stream, pulled } = endlessStream(5 * 1024 * 1024);
    const { status, body, work } = await answer(put(stream, { ...sameOrigin, "content-length": String(5 * 1024 * 1024) }));
    expect(status).toBe(413);
    expect(body.message).toMatch(/过大/);
    expect(pulled()).toBeLessThan(256 * 1024);
    expect(work).not.toHaveBeenCalled();
  });

  it("413 for a chunked body without Content-Length as soon as it passes 1 MB (never buffers 50 MB)", async () => {
    const { stream, pulled } = endlessStream(50 * 1024 * 1024);
    const { status, work } = await answer(put(stream));
    expect(status).toBe(413);
    expect(pulled()).toBeLessThan(MAX_REQUEST_BODY_BYTES + 256 * 1024);
    expect(work).not.toHaveBeenCalled();
  });

  it("400 for invalid UTF-8 instead of storing replacement characters", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"html":"<p>'), 0xff, 0xfe, 0xc3, 0x28, ...new TextEncoder().encode('</p>"}')]);
    const { status, body, work } = await answer(put(bytes));
    expect(status).toBe(400);
    expect(body.message).toMatch(/UTF-8/);
    expect(work).not.toHaveBeenCalled();
  });

  it("400 for deeply nested and truncated JSON, 400 for non-objects; no crash", async () => {
    for (const text of ["[".repeat(100_000), `${"[".repeat(100_000)}${"]".repeat(100_000)}`, `{"a":${"{\"a\":".repeat(50_000)}1${"}".repeat(50_001)}`, "", "nul", "[]", "42", '"x"', "null"]) {
      const { status, body, work } = await answer(put(text));
      expect.soft(status, text.slice(0, 20)).toBe(400);
      expect(body.message).toMatch(/请求格式无效/);
      expect(work).not.toHaveBeenCalled();
    }
  });
});

describe("JSON nesting depth", () => {
  it("counts brackets outside strings only", async () => {
    const { jsonNestsDeeperThan } = await import("../route");
    expect(jsonNestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(jsonNestsDeeperThan(`{"html":"${"[".repeat(1000)}\\"{{{"}`, 1)).toBe(false);
  });
});
