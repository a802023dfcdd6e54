import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER } from "../../client-ip";
import { createPipeline, type PipelineStages } from "../pipeline";

/** The pipeline with recording stand-ins for its stages, on a real HTTP server. */
async function pipelineWith(overrides: Partial<PipelineStages> = {}) {
  const calls: string[] = [];
  const seen: { ip?: string; nextHeaders?: http.IncomingHttpHeaders } = {};
  const errors: unknown[] = [];
  const warnings: string[] = [];
  const stages: PipelineStages = {
    trustProxy: false,
    logRequest: (_req, _res, ip) => {
      calls.push("log");
      seen.ip = ip;
      return "req-1";
    },
    fastPath: {
      handle: async (req: IncomingMessage, res: ServerResponse) => {
        calls.push("fast path");
        if (req.url !== "/reports/1") return false;
        res.end("cached page");
        return true;
      },
    },
    publicPages: {
      handle: async (req: IncomingMessage, res: ServerResponse) => {
        calls.push("public pages");
        if (req.url !== "/search") return false;
        res.end("public page");
        return true;
      },
    },
    next: async (req, res) => {
      calls.push("next");
      seen.nextHeaders = { ...req.headers };
      res.end("next");
    },
    log: { error: (entry: unknown) => void errors.push(entry), warn: (message: string) => void warnings.push(message) },
    ...overrides,
  };
  const server = http.createServer(createPipeline(stages));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { calls, seen, errors, warnings, base };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((r) => server.close(() => r()));
});

describe("the request pipeline", () => {
  it("serves a public report page from the fast path without Next.js, after logging it", async () => {
    const { calls, base } = await pipelineWith();
    expect(await (await fetch(`${base}/reports/1`)).text()).toBe("cached page");
    expect(calls).toEqual(["log", "fast path"]);
  });

  it("serves the other public pages from their own stage, after the fast path", async () => {
    const { calls, base } = await pipelineWith();
    expect(await (await fetch(`${base}/search`)).text()).toBe("public page");
    expect(calls).toEqual(["log", "fast path", "public pages"]);
  });

  it("passes everything else through both to Next.js", async () => {
    const { calls, base } = await pipelineWith();
    expect(await (await fetch(`${base}/staff`)).text()).toBe("next");
    expect(calls).toEqual(["log", "fast path", "public pages", "next"]);
  });

  it("refuses a cross-site write and an oversized body at the gate: logged, never reaching the fast path or Next.js", async () => {
    const { calls, warnings, base } = await pipelineWith();
    const crossSite = await fetch(`${base}/staff/reports/1/review`, { method: "POST", headers: { Origin: "https://evil.example" }, body: "x" });
    expect(crossSite.status).toBe(403);
    const oversized = await fetch(`${base}/api/reports/1/sections/overview`, {
      method: "PUT",
      headers: { Origin: base, "Content-Type": "application/json" },
      body: "x".repeat(1_048_577),
    });
    expect(oversized.status).toBe(413);
    expect(calls).toEqual(["log", "log"]);
    expect(warnings).toEqual(["[refused] 403 POST /staff/reports/1/review: foreign origin", "[refused] 413 PUT /api/reports/1/sections/overview: body too large"]);
  });

  it("sets the client IP from the socket and drops headers only this server may set", async () => {
    const { seen, base } = await pipelineWith();
    await fetch(`${base}/login`, { headers: { [CLIENT_IP_HEADER]: "6.6.6.6", "x-middleware-subrequest": "middleware", "x-forwarded-for": "7.7.7.7" } });
    expect(seen.ip).toBe("127.0.0.1");
    expect(seen.nextHeaders?.[CLIENT_IP_HEADER]).toBe("127.0.0.1");
    expect(seen.nextHeaders?.["x-middleware-subrequest"]).toBeUndefined();
  });

  it("behind a trusted proxy takes the client IP from X-Forwarded-For", async () => {
    const { seen, base } = await pipelineWith({ trustProxy: true });
    await fetch(`${base}/login`, { headers: { "x-forwarded-for": "203.0.113.9, 10.0.0.1" } });
    expect(seen.nextHeaders?.[CLIENT_IP_HEADER]).toBe("203.0.113.9");
  });

  it("takes the fast path's synchronous answers as they are: served, or on to the next stages", async () => {
    const { calls, base } = await pipelineWith({
      fastPath: {
        handle: (req: IncomingMessage, res: ServerResponse) => {
          calls.push("fast path");
          if (req.url !== "/reports/1") return false;
          res.end("cached page");
          return true;
        },
      },
    });
    expect(await (await fetch(`${base}/reports/1`)).text()).toBe("cached page");
    expect(calls).toEqual(["log", "fast path"]);
    calls.length = 0;
    expect(await (await fetch(`${base}/search`)).text()).toBe("public page");
    expect(await (await fetch(`${base}/staff`)).text()).toBe("next");
    expect(calls).toEqual(["log", "fast path", "public pages", "log", "fast path", "public pages", "next"]);
  });

  it("falls back to Next.js when the fast path throws before answering", async () => {
    const { calls, errors, base } = await pipelineWith({
      fastPath: {
        handle: () => {
          throw new Error("database is locked");
        },
      },
    });
    expect(await (await fetch(`${base}/reports/1`)).text()).toBe("next");
    expect(calls).toEqual(["log", "next"]);
    expect(errors).toHaveLength(1);
  });

  it("falls back to Next.js when the fast path fails before answering", async () => {
    const { calls, errors, base } = await pipelineWith({
      fastPath: {
        handle: async () => {
          throw new Error("database is locked");
        },
      },
    });
    expect(await (await fetch(`${base}/reports/1`)).text()).toBe("next");
    expect(calls).toEqual(["log", "next"]);
    expect(errors).toHaveLength(1);
  });
});
