import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppProcesses, answerRenderRequests, RENDER_TOKEN_HEADER } from "../front-and-app";

const TOKEN = "render-token-for-tests";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function listen(server: http.Server, at: string | number): Promise<void> {
  return new Promise((resolve) => server.listen(at, () => resolve()));
}

/** An "app process" on a unix socket that records what it received; `answer` writes its response. */
async function appOnSocket(answer: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "front-app-"));
  const socketPath = path.join(dir, "app.sock");
  const received: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, res, body);
    });
  });
  await listen(server, socketPath);
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => fs.rmSync(dir, { recursive: true, force: true }));
  return { socketPath, received, server };
}

/** A "front": a public server whose every request is forwarded (as front.ts does after its fast path). */
async function frontFor(socketPath: string, before: (res: http.ServerResponse) => void = () => undefined) {
  const errors: unknown[] = [];
  const apps = new AppProcesses(socketPath, TOKEN, (error) => errors.push(error));
  const server = http.createServer((req, res) => {
    before(res);
    void apps.forward(req, res, "203.0.113.9", "front-req-12345");
  });
  await listen(server, 0);
  cleanups.push(() => apps.close(), () => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apps, errors };
}

async function get(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe("a front passing requests to an app process", () => {
  it("passes method, URL, body and the client's own headers; hop-by-hop ones and any render token stay behind; the client IP is the front's verdict", async () => {
    const app = await appOnSocket((_req, res, body) => res.end(`got ${body}`));
    const front = await frontFor(app.socketPath);
    const answer = await get(`${front.url}/staff/reports/7?tab=1`, {
      method: "POST",
      body: "field=值",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Cookie: "session=abc",
        Origin: "http://example.test",
        "X-Forwarded-For": "198.51.100.1", // a client's claim, not the front's verdict
        [RENDER_TOKEN_HEADER]: TOKEN, // a client cannot ask for an uncounted render
        TE: "trailers",
      },
    });
    expect(answer).toMatchObject({ status: 200, body: "got field=值" });
    const seen = app.received[0]!;
    expect(seen).toMatchObject({ method: "POST", url: "/staff/reports/7?tab=1", body: "field=值" });
    expect(seen.headers).toMatchObject({ cookie: "session=abc", origin: "http://example.test", "x-forwarded-for": "203.0.113.9", "x-request-id": "front-req-12345" });
    expect(seen.headers![RENDER_TOKEN_HEADER]).toBeUndefined();
    expect(seen.headers!.te).toBeUndefined();
  });

  it("returns the app's status and headers, keeping the cookie the front set beside the app's", async () => {
    const app = await appOnSocket((_req, res) => {
      res.writeHead(404, { "Content-Type": "text/html; charset=utf-8", "Set-Cookie": ["a=1; Path=/", "b=2; Path=/"], "X-Request-Id": "app-id" });
      res.end("未找到");
    });
    const front = await frontFor(app.socketPath, (res) => res.setHeader("Set-Cookie", ["nbv_7=1; Path=/reports/7"]));
    const answer = await get(`${front.url}/reports/7?_rsc=1`);
    expect(answer.status).toBe(404);
    expect(answer.body).toBe("未找到");
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(answer.headers.getSetCookie()).toEqual(["nbv_7=1; Path=/reports/7", "a=1; Path=/", "b=2; Path=/"]);
    expect(answer.headers.get("x-request-id")).toBeNull(); // the front's request log sets its own
  });

  it("streams the answer: the client reads the first part before the app has finished", async () => {
    let finish!: () => void;
    const app = await appOnSocket((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("first part;");
      finish = () => res.end("last part");
    });
    const front = await frontFor(app.socketPath);
    const response = await fetch(`${front.url}/slow`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(Buffer.from(first.value!).toString()).toBe("first part;");
    finish();
    let rest = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += Buffer.from(chunk.value).toString();
    expect(rest).toBe("last part");
  });

  it("answers 502 with a message in Chinese when no app process listens", async () => {
    const front = await frontFor(path.join(os.tmpdir(), `no-app-${process.pid}.sock`));
    const answer = await get(`${front.url}/staff`);
    expect(answer.status).toBe(502);
    expect(answer.body).toBe("服务暂时不可用，请稍后再试。");
    expect(front.errors).toHaveLength(1);
  });

  it("asks for a page render with the token and the host, and gets the page as rendered", async () => {
    const app = await appOnSocket((req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(`page ${req.url}`));
    const apps = new AppProcesses(app.socketPath, TOKEN);
    cleanups.push(() => apps.close());
    const page = await apps.render("/reports/3?size=large", "localhost:3000");
    expect(page.status).toBe(200);
    expect(page.body.toString()).toBe("page /reports/3?size=large");
    expect(app.received[0]!.headers).toMatchObject({ host: "localhost:3000", [RENDER_TOKEN_HEADER]: TOKEN });
  });
});

describe("an app process answering render requests", () => {
  async function appServer() {
    const rendered: string[] = [];
    const piped: string[] = [];
    const listener = answerRenderRequests(
      TOKEN,
      async (url) => {
        rendered.push(url);
        if (url.includes("fail")) throw new Error("render failed");
        return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "set-cookie": "x=1" }, body: Buffer.from("<p>页面</p>") };
      },
      (req, res) => {
        piped.push(req.url ?? "");
        res.end("pipeline");
      },
      () => undefined,
    );
    const server = http.createServer(listener);
    await listen(server, 0);
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, rendered, piped };
  }

  it("renders for the right token only; every other request goes to the pipeline", async () => {
    const app = await appServer();
    const page = await get(`${app.url}/reports/5`, { headers: { [RENDER_TOKEN_HEADER]: TOKEN } });
    expect(page).toMatchObject({ status: 200, body: "<p>页面</p>" });
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("set-cookie")).toBeNull();

    expect((await get(`${app.url}/reports/5`, { headers: { [RENDER_TOKEN_HEADER]: "guessed" } })).status).toBe(403);
    expect((await get(`${app.url}/reports/5`, { method: "POST", headers: { [RENDER_TOKEN_HEADER]: TOKEN } })).status).toBe(403);
    expect((await get(`${app.url}/reports/fail`, { headers: { [RENDER_TOKEN_HEADER]: TOKEN } })).status).toBe(500);
    expect(await get(`${app.url}/reports/5`)).toMatchObject({ status: 200, body: "pipeline" });
    expect(app.rendered).toEqual(["/reports/5", "/reports/fail"]);
    expect(app.piped).toEqual(["/reports/5"]);
  });
});

describe("a front process", () => {
  it("loads no Next.js: nothing it imports pulls `next` in (Next.js keeps async hooks on, which halves a cached page's speed)", () => {
    const script = `
      require("./lib/serving/front.ts");
      const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]next[\\\\/]/.test(file));
      console.log(JSON.stringify({ modules: Object.keys(require.cache).length, next: loaded.slice(0, 5) }));`;
    const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: path.resolve(__dirname, "../../.."), encoding: "utf8", timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const loaded = JSON.parse(result.stdout.trim().split("\n").pop()!) as { modules: number; next: string[] };
    expect(loaded.modules).toBeGreaterThan(20); // the front and its own imports were loaded
    expect(loaded.next).toEqual([]);
  }, 60_000);
});
