import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ReportFastPath, splitAtViewCount, type LiveState } from "../report-fast-path";
import { ViewCounter } from "../view-counting";

/** The fast path in front of a stub "Next.js" that renders a page with its view count. */
describe("the public report fast path", () => {
  const state = new Map<number, LiveState>();
  const stored = new Map<number, number>();
  let renders = 0;
  let server: http.Server;
  let base = "";
  const counter = new ViewCounter((increments) => {
    for (const [id, n] of increments) {
      stored.set(id, (stored.get(id) ?? 0) + n);
      state.get(id)!.viewCount = stored.get(id)!;
    }
  });
  const fastPath = new ReportFastPath({
    readLiveState: (id) => state.get(id),
    render: async (path) => {
      renders++;
      const id = Number(/\/reports\/(\d+)/.exec(path)![1]);
      const n = state.get(id)!.viewCount;
      return {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: Buffer.from(`<html><body class="${path}">浏览量：<span data-view-count="${n}">${n}</span></body></html>`),
      };
    },
    counter,
    securityHeaders: { "X-Content-Type-Options": "nosniff" },
  });

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      void Promise.resolve(fastPath.handle(req, res)).then((served) => {
        if (!served) res.writeHead(404).end("next");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(async () => {
    state.set(1, { liveEditionId: 10, withdrawnAt: null, viewCount: 0, related: null });
    stored.set(1, 0);
    await counter.flush();
    stored.set(1, 0);
    state.get(1)!.viewCount = 0;
  });

  const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
  // Node's fetch announces itself as "node", which isbot rightly treats as a bot.
  const fetch = (url: string, init: RequestInit = {}) =>
    globalThis.fetch(url, { ...init, headers: { "User-Agent": BROWSER, ...(init.headers as Record<string, string>) } });
  const viewCount = (html: string) => Number(/data-view-count="(\d+)">(\d+)</.exec(html)![2]);

  it("splits a page at its view count", () => {
    const parts = splitAtViewCount('<p>浏览量：<span data-view-count="12">12</span></p>')!;
    expect(parts.map(String)).toEqual(['<p>浏览量：<span data-view-count="', '">', "</span></p>"]);
    expect(splitAtViewCount("<p>no counter</p>")).toBeNull();
  });

  it("1,000 concurrent genuine views over 50 connections add exactly 1,000", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
    const get = () =>
      new Promise<void>((resolve, reject) => {
        http
          .get(`${base}/reports/1`, { agent }, (res) => {
            res.resume();
            res.on("end", () => resolve());
          })
          .on("error", reject);
      });
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 1000) {
          next++;
          await get();
        }
      }),
    );
    agent.destroy();
    expect(counter.pendingFor(1)).toBe(1000);
    await counter.flush();
    expect(stored.get(1)).toBe(1000);
  });

  it("shows the current count, counts a fresh visit once and not a reload with the cookie, a HEAD, a prefetch or a bot", async () => {
    const first = await fetch(`${base}/reports/1`);
    expect(viewCount(await first.text())).toBe(1);
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toBe("nbv_1=1");
    const reload = await fetch(`${base}/reports/1`, { headers: { cookie } });
    expect(viewCount(await reload.text())).toBe(1);
    await fetch(`${base}/reports/1`, { method: "HEAD" });
    await fetch(`${base}/reports/1`, { headers: { "Next-Router-Prefetch": "1" } });
    await fetch(`${base}/reports/1`, { headers: { "Sec-Purpose": "prefetch" } });
    await fetch(`${base}/reports/1`, { headers: { "User-Agent": "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)" } });
    expect(counter.pendingFor(1)).toBe(1);
    const other = await fetch(`${base}/reports/1`);
    expect(viewCount(await other.text())).toBe(2);
  });

  it("renders once per variant and again when the live edition changes (publication, correction, withdrawal)", async () => {
    renders = 0;
    state.set(2, { liveEditionId: 20, withdrawnAt: null, viewCount: 5, related: null });
    await fetch(`${base}/reports/2`);
    await fetch(`${base}/reports/2`);
    await fetch(`${base}/reports/2?size=l`);
    expect(renders).toBe(2);
    state.get(2)!.liveEditionId = 21;
    const corrected = await fetch(`${base}/reports/2`);
    expect(renders).toBe(3);
    expect(corrected.headers.get("x-content-type-options")).toBe("nosniff");
    state.get(2)!.withdrawnAt = Date.now();
    await fetch(`${base}/reports/2`);
    expect(renders).toBe(4);
  });

  it("answers a page it has rendered without waiting for anything (a hit makes no promise)", async () => {
    state.set(3, { liveEditionId: 30, withdrawnAt: null, viewCount: 7, related: null });
    const answers: (boolean | Promise<boolean>)[] = [];
    const probe = http.createServer((req, res) => {
      const answer = fastPath.handle(req, res);
      answers.push(answer);
      void Promise.resolve(answer).then((served) => served || res.writeHead(404).end("next"));
    });
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const at = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/reports/3`;
    try {
      const first = await fetch(at);
      const second = await fetch(at);
      expect(answers[0]).toBeInstanceOf(Promise); // rendered first
      expect(answers[1]).toBe(true);
      expect(viewCount(await first.text())).toBe(7 + 1);
      expect(viewCount(await second.text())).toBe(7 + 2);
      state.get(3)!.liveEditionId = 31; // a correction: rendered again, so asynchronously
      await fetch(at);
      expect(answers[2]).toBeInstanceOf(Promise);
    } finally {
      await new Promise<void>((r) => probe.close(() => r()));
    }
  });

  it("remembers the font size chosen by link in a cookie", async () => {
    const large = await fetch(`${base}/reports/1?size=l`);
    expect(large.headers.get("set-cookie")).toContain("nb_size=l");
    const again = await fetch(`${base}/reports/1`, { headers: { cookie: "nb_size=l; nbv_1=1" } });
    expect(await again.text()).toContain('class="/reports/1?size=l"');
  });

  it("answers brotli or gzip as the browser takes them, with the current count, and plain bytes otherwise", async () => {
    const raw = (acceptEncoding: string | null) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = { "User-Agent": BROWSER, ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}) };
        http
          .get(`${base}/reports/1`, { headers }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on("error", reject);
      });
    const plain = await raw(null);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(viewCount(plain.body.toString())).toBe(1);
    const zipped = await raw("gzip, deflate");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    const html = gunzipSync(zipped.body).toString();
    expect(viewCount(html)).toBe(2);
    expect(html).toBe(plain.body.toString().replaceAll('"1">1<', '"2">2<'));

    // Brotli around a count of one digit is built the first time it is asked for (gzip meanwhile).
    const first = await raw("gzip, deflate, br, zstd");
    expect(first.headers["content-encoding"]).toBe("gzip");
    await new Promise((r) => setTimeout(r, 200));
    const brotli = await raw("gzip, deflate, br, zstd");
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(Number(brotli.headers["content-length"])).toBe(brotli.body.length);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(plain.body.toString().replaceAll('"1">1<', '"4">4<'));
  });

  it("leaves unknown reports, drafts and other URLs to Next.js", async () => {
    state.set(3, { liveEditionId: null, withdrawnAt: null, viewCount: 0, related: null });
    expect((await fetch(`${base}/reports/3`)).status).toBe(404);
    expect((await fetch(`${base}/reports/999`)).status).toBe(404);
    expect((await fetch(`${base}/reports/1/report.json`)).status).toBe(404);
    expect(await (await fetch(`${base}/reports/1?edition=1`)).text()).toBe("next");
  });

  it("shows the first reader's own view when the view flush ran while the page was being rendered", async () => {
    // As the database does: every read is a new object, the stored count moved by the flush.
    let storedViews = 41;
    const flushing = new ViewCounter((increments) => void (storedViews += increments.reduce((n, [, v]) => n + v, 0)));
    const slowFirstRender = new ReportFastPath({
      readLiveState: () => ({ liveEditionId: 5, withdrawnAt: null, viewCount: storedViews, related: null }),
      render: async () => {
        await flushing.flush(); // the view-flush job's turn came while Next.js rendered
        return { status: 200, headers: { "content-type": "text/html" }, body: Buffer.from(`<span data-view-count="${storedViews}">${storedViews}</span>`) };
      },
      counter: flushing,
      securityHeaders: {},
    });
    const local = http.createServer((req, res) => void Promise.resolve(slowFirstRender.handle(req, res)));
    await new Promise<void>((r) => local.listen(0, "127.0.0.1", r));
    try {
      const first = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/reports/5`);
      expect(storedViews).toBe(42);
      expect(viewCount(await first.text())).toBe(42);
    } finally {
      await new Promise<void>((r) => local.close(() => r()));
    }
  });

  it("in development renders every request (the page's code changes under the server) and still counts", async () => {
    let devRenders = 0;
    const dev = new ReportFastPath({
      readLiveState: (id) => state.get(id),
      render: async () => {
        devRenders++;
        return { status: 200, headers: { "content-type": "text/html" }, body: Buffer.from('<p data-view-count="0">0</p>') };
      },
      counter,
      securityHeaders: {},
      cacheRenders: false,
    });
    const devServer = http.createServer((req, res) => void dev.handle(req, res));
    await new Promise<void>((r) => devServer.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(devServer.address() as AddressInfo).port}/reports/1`;
      expect(viewCount(await (await fetch(url)).text())).toBe(1);
      expect(viewCount(await (await fetch(url)).text())).toBe(2);
      expect(devRenders).toBe(2);
    } finally {
      await new Promise<void>((r) => devServer.close(() => r()));
    }
  });
});
