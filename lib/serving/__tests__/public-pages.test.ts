import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RenderedPage } from "../next-render";
import { isPublicPagePath, PublicPages } from "../public-pages";

describe("public pages", () => {
  it("are every page outside the staff area, sign-in, the API and Next.js's assets, without a file extension", () => {
    for (const path of ["/", "/reports", "/reports/7", "/search", "/units/3", "/open-data", "/nowhere"]) expect(isPublicPagePath(path)).toBe(true);
    for (const path of ["/staff", "/staff/reports/1", "/login", "/change-password", "/api/health", "/_next/static/chunks/a.js", "/feed.xml", "/reports/7/report.json", "/open-data/reports.csv", "/favicon.svg"])
      expect(isPublicPagePath(path)).toBe(false);
  });

  const page = "<!DOCTYPE html><html><body><p>政府信息公开工作年度报告</p></body></html>".repeat(60);
  const seen: { path?: string; headers?: IncomingHttpHeaders } = {};
  const stage = new PublicPages(async (path, headers): Promise<RenderedPage> => {
    seen.path = path;
    seen.headers = headers;
    if (path.startsWith("/missing")) return { status: 404, headers: { "content-type": "text/html; charset=utf-8" }, body: Buffer.from(page) };
    return {
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8", "set-cookie": ["nb_size=l; Path=/"], "cache-control": "private, no-cache", vary: "RSC", "content-length": "1" },
      body: Buffer.from(page),
    };
  });
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      void stage.handle(req, res).then((served) => {
        if (!served) res.end("next");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string, headers: Record<string, string>, method = "GET") =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .request(`${base}${path}`, { method, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject)
        .end();
    });

  it("renders with the request's headers but its encoding, and answers compressed as the client asks", async () => {
    const br = await get("/search?q=公开", { "accept-encoding": "gzip, br", cookie: "nb_size=l" });
    expect(seen.path).toBe("/search?q=%E5%85%AC%E5%BC%80");
    expect(seen.headers?.cookie).toBe("nb_size=l");
    expect(seen.headers?.["accept-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(page);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.headers.vary).toBe("RSC, Accept-Encoding");
    expect(br.headers["set-cookie"]).toEqual(["nb_size=l; Path=/"]);
    expect(br.headers["cache-control"]).toBe("private, no-cache");

    const gzip = await get("/reports", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(page);

    const plain = await get("/reports", {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(page);
  });

  it("remembers a 字号 or 长者模式 link followed on any public page, as the report page does", async () => {
    const elder = await get("/search?q=x&elder=1", {});
    expect(elder.headers["set-cookie"]).toEqual(["nb_size=l; Path=/", expect.stringMatching(/^nb_elder=1; Max-Age=\d+; Path=\/; SameSite=Lax$/)]);
    expect((await get("/search?q=x", {})).headers["set-cookie"]).toEqual(["nb_size=l; Path=/"]);
  });

  it("keeps the status, answers HEAD without a body, and leaves RSC requests and other paths to Next.js", async () => {
    expect((await get("/missing", { "accept-encoding": "gzip" })).status).toBe(404);
    const head = await get("/reports", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.body.length).toBe(0);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect((await get("/reports", { rsc: "1" })).body.toString()).toBe("next");
    expect((await get("/staff", {})).body.toString()).toBe("next");
  });
});
