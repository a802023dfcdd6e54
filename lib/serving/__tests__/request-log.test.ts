import { EventEmitter } from "node:events";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../logger";
import { createRequestLogger, loggableUrl, requestIdFrom, SessionUsers } from "../request-log";

const GENERATED_ID = /^[0-9a-f]{12}-[0-9a-z]+$/;

describe("loggableUrl", () => {
  it("keeps a plain path and the values of known public parameters", () => {
    expect(loggableUrl("/reports/12")).toBe("/reports/12");
    expect(loggableUrl("/search?q=依申请公开&year=2023&page=2")).toBe("/search?q=依申请公开&year=2023&page=2");
  });

  it("redacts every other value, callbackUrl and anything that looks like a secret included", () => {
    const logged = loggableUrl("/login?callbackUrl=%2Fstaff%3Ftoken%3Dabc&password=hunter2&token=xyz&code=123&unknown=v");
    expect(logged).toBe("/login?callbackUrl=[redacted]&password=[redacted]&token=[redacted]&code=[redacted]&unknown=[redacted]");
    for (const secret of ["abc", "hunter2", "xyz", "123"]) expect(logged).not.toContain(secret);
  });

  it("caps long paths and values", () => {
    expect(loggableUrl(`/search?q=${"信".repeat(10_000)}`).length).toBeLessThan(130);
    expect(loggableUrl(`/${"a".repeat(5000)}`).length).toBeLessThan(310);
  });
});

describe("requestIdFrom", () => {
  it("keeps a short plain token and replaces anything else", () => {
    expect(requestIdFrom("0f3c9a8e7d6b5a4f3e2d1c0b9a8f7e6d")).toBe("0f3c9a8e7d6b5a4f3e2d1c0b9a8f7e6d");
    for (const bad of [undefined, "", "short", "a".repeat(65), "evil\nfake line", '{"level":"fatal"}', "../../x-y-z-1234", ["abcdefgh1", "x"]]) {
      const id = requestIdFrom(bad as string | undefined);
      expect(id).toMatch(GENERATED_ID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe("SessionUsers", () => {
  const cookie = (token: string) => `nb_size=m; authjs.session-token=${token}; other=1`;
  const policy = { idleMinutes: 30, maxHours: 8 };
  /** A stored session of user 42, started and last seen at `at`. */
  const stored = (at: number, changes: { endedAt?: Date; active?: boolean; userVersion?: number } = {}) => ({
    session: { createdAt: new Date(at), lastSeenAt: new Date(at), endedAt: changes.endedAt ?? null, sessionVersion: 1 },
    user: { id: 42, active: changes.active ?? true, sessionVersion: changes.userVersion ?? 1 },
  });

  it("decodes a cookie once, then answers from the cache while checking the session row every time", async () => {
    const now = Date.now();
    const decode = vi.fn(async (token: string) => (token === "good" ? { sid: "s1", exp: now / 1000 + 3600 } : null));
    const sessions = new Map([["s1", stored(now)]]);
    const users = new SessionUsers({ decode, findSession: (sid) => sessions.get(sid), policy, now: () => now });
    expect(users.resolve(undefined)).toBeNull();
    expect(users.resolve("nb_size=m")).toBeNull();
    expect(await users.resolve(cookie("good"))).toBe(42);
    expect(users.resolve(cookie("good"))).toBe(42); // synchronous now
    expect(decode).toHaveBeenCalledTimes(1);
    sessions.delete("s1");
    expect(users.resolve(cookie("good"))).toBeNull();
    expect(await users.resolve(cookie("forged"))).toBeNull();
  });

  it("names no user for a session the staff pages would refuse: ended, idle, too old, deactivated or revoked", async () => {
    const t0 = Date.parse("2026-03-02T08:00:00Z");
    let now = t0;
    let row = stored(t0);
    const users = new SessionUsers({ decode: async () => ({ sid: "s1", exp: t0 / 1000 + 86_400 }), findSession: () => row, policy, now: () => now });
    expect(await users.resolve(cookie("t"))).toBe(42);
    for (const refused of [stored(t0, { endedAt: new Date(t0) }), stored(t0, { active: false }), stored(t0, { userVersion: 2 })]) {
      row = refused;
      expect(users.resolve(cookie("t"))).toBeNull();
    }
    row = stored(t0);
    now = t0 + 30 * 60_000; // idle limit
    expect(users.resolve(cookie("t"))).toBeNull();
    row = { ...stored(t0), session: { ...stored(t0).session, lastSeenAt: new Date(t0 + 8 * 3_600_000 - 60_000) } };
    now = t0 + 8 * 3_600_000; // absolute limit, though seen a minute ago
    expect(users.resolve(cookie("t"))).toBeNull();
  });

  it("reads the session row through a promise as well (PostgreSQL), with the same judgement", async () => {
    const now = Date.now();
    let row: ReturnType<typeof stored> | undefined = stored(now);
    const findSession = vi.fn(async () => row);
    const users = new SessionUsers({ decode: async () => ({ sid: "s1", exp: now / 1000 + 3600 }), findSession, policy, now: () => now });
    expect(await users.resolve(cookie("t"))).toBe(42);
    expect(await users.resolve(cookie("t"))).toBe(42); // cached cookie, row read again
    expect(findSession).toHaveBeenCalledTimes(2);
    row = stored(now, { endedAt: new Date(now) });
    expect(await users.resolve(cookie("t"))).toBeNull();
    row = undefined;
    expect(await users.resolve(cookie("t"))).toBeNull();
    findSession.mockRejectedValueOnce(new Error("connection lost"));
    expect(await users.resolve(cookie("t"))).toBeNull(); // the log names nobody rather than failing
  });

  it("forgets a token after its expiry and stays bounded", async () => {
    let now = 1_000_000;
    const decode = vi.fn(async (token: string) => ({ sid: token, exp: (now + 10_000) / 1000 }));
    const users = new SessionUsers({ decode, findSession: () => stored(now), policy, maxEntries: 3, now: () => now });
    await users.resolve(cookie("a"));
    now += 20_000;
    await users.resolve(cookie("a"));
    expect(decode).toHaveBeenCalledTimes(2);
    for (const t of ["b", "c", "d"]) await users.resolve(cookie(t));
    await users.resolve(cookie("a")); // evicted by b, c, d
    expect(decode).toHaveBeenCalledTimes(6);
  });
});

describe("createRequestLogger", () => {
  function capture() {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    return { lines, destination };
  }
  function fakeRequest(headers: Record<string, string>, url: string) {
    const req = { method: "GET", url, headers } as unknown as IncomingMessage;
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      writableFinished: true,
      headers: {} as Record<string, string>,
      headersSent: false,
      setHeader(name: string, value: string) {
        this.headers[name.toLowerCase()] = value;
      },
      writeHead(status: number) {
        this.statusCode = status;
        this.headersSent = true;
        return this;
      },
    });
    return { req, res };
  }

  it("writes one line per request with id, status, duration, ip and user, and sets X-Request-Id", async () => {
    const { lines, destination } = capture();
    const logRequest = createRequestLogger(createLogger({ level: "info", destination }), { resolve: () => Promise.resolve(9) });
    const { req, res } = fakeRequest({ cookie: "authjs.session-token=SECRET-TOKEN", "x-request-id": "nginx-req-0001" }, "/staff?callbackUrl=x");
    const id = logRequest(req, res as unknown as ServerResponse, "10.0.0.1");
    expect(id).toBe("nginx-req-0001");
    expect(req.headers["x-request-id"]).toBeUndefined(); // not forwarded to internal fetches
    expect(res.headers["x-request-id"]).toBeUndefined(); // not yet: set as the headers go out
    res.writeHead(404);
    expect(res.headers["x-request-id"]).toBe(id);
    res.emit("close");
    await new Promise((r) => setTimeout(r, 10));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: "info", reqId: id, method: "GET", url: "/staff?callbackUrl=[redacted]", status: 404, ip: "10.0.0.1", userId: 9 });
    expect(typeof entry.durationMs).toBe("number");
    expect(lines[0]).not.toContain("SECRET-TOKEN");
  });

  it("logs server errors at error level, aborted requests as such, and nothing when silent", async () => {
    const { lines, destination } = capture();
    const logRequest = createRequestLogger(createLogger({ level: "info", destination }), { resolve: () => null });
    const failed = fakeRequest({}, "/x");
    logRequest(failed.req, failed.res as unknown as ServerResponse, "");
    failed.res.statusCode = 500;
    failed.res.emit("close");
    const aborted = fakeRequest({}, "/y");
    logRequest(aborted.req, aborted.res as unknown as ServerResponse, "");
    aborted.res.writableFinished = false;
    aborted.res.emit("close");
    await new Promise((r) => setTimeout(r, 10));
    expect(lines.map((l) => JSON.parse(l))).toMatchObject([
      { level: "error", status: 500, url: "/x" },
      { level: "info", url: "/y", aborted: true },
    ]);
    expect(JSON.parse(lines[0]!).userId).toBeUndefined();

    const quiet = capture();
    const silent = createRequestLogger(createLogger({ level: "silent", destination: quiet.destination }), { resolve: () => 1 });
    const r = fakeRequest({}, "/z");
    const silentId = silent(r.req, r.res as unknown as ServerResponse, "");
    r.res.writeHead(200);
    expect(r.res.headers["x-request-id"]).toBe(silentId);
    r.res.emit("close");
    await new Promise((r) => setTimeout(r, 10));
    expect(quiet.lines).toEqual([]);
  });

  it("redacts secrets in objects logged by accident", async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: "info", destination });
    logger.info({ password: "hunter2", req: { headers: { cookie: "authjs.session-token=abc", authorization: "Bearer t" } } }, "oops");
    await new Promise((r) => setTimeout(r, 10));
    expect(lines[0]).not.toMatch(/hunter2|session-token=abc|Bearer t/);
  });
});

describe("X-Request-Id on a real HTTP server", () => {
  it("goes out however the response is written, and matches the logged line", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    const logRequest = createRequestLogger(createLogger({ level: "info", destination }), { resolve: () => null });
    const server = http.createServer((req, res) => {
      logRequest(req, res, "127.0.0.1");
      if (req.url === "/object") res.writeHead(200, { "Content-Type": "text/plain" }).end("a");
      else if (req.url === "/message") res.writeHead(201, "Made", { "Content-Type": "text/plain" }).end("b");
      else if (req.url === "/flat") res.writeHead(200, ["Content-Type", "text/plain"]).end("c");
      else if (req.url === "/pairs") res.writeHead(200, [["Content-Type", "text/plain"]] as unknown as string[]).end("d");
      else {
        res.statusCode = 404;
        res.setHeader("Content-Type", "text/plain");
        res.end("e");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const [path, status] of [["/object", 200], ["/message", 201], ["/flat", 200], ["/pairs", 200], ["/other", 404]] as const) {
        const response = await fetch(`${base}${path}`);
        await response.text();
        expect(response.status).toBe(status);
        expect(response.headers.get("content-type")).toBe("text/plain");
        const id = response.headers.get("x-request-id");
        expect(id, path).toMatch(GENERATED_ID);
        await new Promise((r) => setTimeout(r, 20));
        expect(lines.map((l) => JSON.parse(l)).find((e) => e.reqId === id)).toMatchObject({ url: path, status });
      }
    } finally {
      server.close();
    }
  });
});
