/**
 * The production server: prepares the database (migrations, demo seed), then serves the
 * built Next.js app on PORT. `npm start` runs this after installing and building.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { decode } from "next-auth/jwt";
import { auditRetentionDays, pruneAuditLogIfDue } from "../db/audit-retention";
import { openDatabase, databasePath } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { runDuePublications } from "../db/report-publish";
import { rebuildSearchIndexIfEmpty } from "../db/search-index";
import { findSession } from "../db/session-lookup";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/demo-accounts";
import { accountsWithDemoPassword, isDatabaseEmpty, isDemoDataPresent, seedDemoData } from "../db/seed";
import { now } from "../lib/clock";
import { BODY_TOO_LARGE_MESSAGE, CROSS_SITE_MESSAGE, crossSiteRefusal, declaresTooLargeBody } from "../lib/csrf";
import { securityPolicy } from "../lib/env";
import { createLogDestination, createLogger, routeConsoleTo } from "../lib/logger";
import { SECURITY_HEADERS } from "../lib/security-headers";
import { ReportFastPath, type LiveState, type RenderedPage } from "../lib/serving/report-fast-path";
import { createRequestLogger, SessionUsers } from "../lib/serving/request-log";
import { ViewCounter } from "../lib/serving/view-counting";

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";
const demoMode = process.env.NIANBAO_DEMO !== "0";
const trustProxy = process.env.TRUST_PROXY === "1";
const logDestination = createLogDestination();
const log = createLogger({ destination: logDestination });
routeConsoleTo(log);

/** Stops at start-up: the reason goes to the log and, for the person starting the server, to stderr. */
function refuseToStart(message: string, error?: unknown): never {
  log.fatal(error instanceof Error ? { err: error } : {}, message);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** AUTH_SECRET signs session cookies; generate one per installation when not configured. */
function ensureAuthSecret(): void {
  if (process.env.AUTH_SECRET) return;
  const file = path.join(path.dirname(path.resolve(databasePath())), ".auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

async function prepareDatabase(): Promise<boolean> {
  const db = openDatabase();
  try {
    migrateDatabase(db);
    rebuildSearchIndexIfEmpty(db);
    if (isDatabaseEmpty(db)) {
      if (demoMode) {
        await seedDemoData(db);
        log.info("已写入演示数据 (demo data seeded).");
      } else {
        log.warn("数据库中没有账号：请运行 npm run admin:create 创建第一个系统管理员。");
      }
    } else if (!demoMode) {
      const exposed = await accountsWithDemoPassword(db);
      if (exposed.length > 0) {
        refuseToStart(`拒绝启动：NIANBAO_DEMO=0，但以下账号仍使用公开的演示密码：${exposed.join(", ")}。请先修改这些账号的密码或停用它们。`);
      }
    }
    return isDemoDataPresent(db);
  } finally {
    db.$client.close();
  }
}

function clientIpOf(req: http.IncomingMessage): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string" && forwarded.trim()) return forwarded.split(",")[0]!.trim();
  return req.socket.remoteAddress ?? "";
}

const headerOf = (req: http.IncomingMessage, name: string): string | null => {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
};

/**
 * Refuses, before Next.js sees it, a state-changing request from another site (lib/csrf.ts)
 * or with a declared body over 1 MB: 403/413 with a Chinese message instead of Next's 500.
 */
function refuseHostileRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const refusal = crossSiteRefusal(req.method ?? "GET", {
    origin: headerOf(req, "origin"),
    host: headerOf(req, "host"),
    "x-forwarded-host": headerOf(req, "x-forwarded-host"),
    "sec-fetch-site": headerOf(req, "sec-fetch-site"),
  });
  const tooLarge = !refusal && req.method !== "GET" && req.method !== "HEAD" && declaresTooLargeBody(headerOf(req, "content-length"));
  if (!refusal && !tooLarge) return false;
  const [status, message] = refusal ? [403, CROSS_SITE_MESSAGE] : [413, BODY_TOO_LARGE_MESSAGE];
  console.warn(`[refused] ${status} ${req.method} ${(req.url ?? "").slice(0, 200)}: ${refusal ?? "body too large"}`);
  const json = (req.url ?? "").startsWith("/api/") || (headerOf(req, "accept") ?? "").includes("application/json");
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      "Content-Type": json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
      "Cache-Control": "private, no-store",
    });
    res.end(json ? JSON.stringify({ message }) : message);
  };
  // Discard the body (never kept in memory) and answer once it has arrived, so the client can
  // read the answer instead of failing to send; a body beyond 64 MB ends the connection.
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > 64 * 1024 * 1024) req.destroy();
  });
  req.on("end", answer);
  req.on("error", () => undefined);
  return true;
}

let viewCounter: ViewCounter;
let fastPathRender: (path: string) => Promise<RenderedPage> = () => Promise.reject(new Error("not started"));

/** The view counter and page cache for /reports/{id}, on their own database connection. */
function createReportFastPath(): ReportFastPath {
  const db = openDatabase();
  const liveState = db.$client.prepare(
    `select r.live_edition_id as liveEditionId, r.withdrawn_at as withdrawnAt, r.view_count as viewCount,
            (select group_concat(p.id || ':' || coalesce(p.live_edition_id, '') || '-' || coalesce(p.withdrawn_at, ''))
               from reports p where p.unit_id = r.unit_id) || (select u.name from units u where u.id = r.unit_id) as related
       from reports r where r.id = ?`,
  );
  const addViews = db.$client.prepare("update reports set view_count = view_count + ? where id = ?");
  const persist = db.$client.transaction((increments: [number, number][]) => {
    for (const [id, n] of increments) addViews.run(n, id);
  });
  viewCounter = new ViewCounter(
    (increments) => persist(increments),
    (error) => log.error({ err: error }, "[views] flush failed"),
  );
  viewCounter.start(1000);
  return new ReportFastPath({
    readLiveState: (id) => liveState.get(id) as LiveState | undefined,
    render: (path) => fastPathRender(path),
    counter: viewCounter,
    securityHeaders: SECURITY_HEADERS,
  });
}

/** Renders a page through Next.js by asking this very server, marked as internal. */
function renderInternally(path: string, token: string): Promise<RenderedPage> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers: { "x-nianbao-internal": token } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c: Buffer) => chunks.push(c));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 500,
          headers: { "content-type": String(response.headers["content-type"] ?? "") },
          body: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}

/** Who made a request, for the log: the same session rule as lib/data/session.ts, on its own connection. */
function createSessionUsers(): SessionUsers {
  const db = openDatabase();
  return new SessionUsers({
    decode: (token, cookieName) => decode({ token, secret: process.env.AUTH_SECRET!, salt: cookieName }),
    findSession: (sessionId) => findSession(db, sessionId),
    policy: securityPolicy().session,
  });
}

async function main() {
  // Refuse a retention shorter than the legal minimum before anything else happens.
  let retentionDays = 0;
  try {
    retentionDays = auditRetentionDays();
  } catch (error) {
    refuseToStart(error instanceof Error ? error.message : String(error));
  }
  ensureAuthSecret();
  const demoPresent = await prepareDatabase();

  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const fastPath = createReportFastPath();
  const internalToken = randomBytes(16).toString("hex");
  fastPathRender = (path) => renderInternally(path, internalToken);
  const logRequest = createRequestLogger(createLogger({ destination: logDestination, redact: false }), createSessionUsers());

  const server = http.createServer((req, res) => {
    const internal = req.headers["x-nianbao-internal"] === internalToken;
    // Headers only our own server may set: never trust a client's copy.
    delete req.headers["x-nianbao-internal"];
    delete req.headers["x-middleware-subrequest"];
    req.headers["x-nianbao-client-ip"] = internal ? "127.0.0.1" : clientIpOf(req);
    // A page rendered for the fast path is part of the request that asked for it: not logged.
    if (internal) {
      void handle(req, res);
      return;
    }
    const reqId = logRequest(req, res, req.headers["x-nianbao-client-ip"]);
    if (refuseHostileRequest(req, res)) return;
    fastPath
      .handle(req, res)
      .then((served) => {
        if (!served) void handle(req, res);
      })
      .catch((error) => {
        log.error({ err: error, reqId }, "[fast-path] falling back to Next.js");
        if (!res.headersSent) void handle(req, res);
      });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    log.info({ port, auditRetentionDays: retentionDays }, `年报 Nianbao 已启动：http://localhost:${port}`);
    if (demoPresent) {
      log.info({ accounts: DEMO_ACCOUNTS.map((a) => a.username) }, "演示数据：演示账号的密码见 README");
      // The public demo password is printed for a person at a terminal, never into a log file.
      if (process.stdout.isTTY) {
        const accounts = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(16)} ${a.displayName}（${a.unit}，${a.role}）`);
        process.stdout.write(`\n年报 Nianbao 已启动：http://localhost:${port}\n演示账号（密码均为 ${DEMO_PASSWORD}）：\n${accounts.join("\n")}\n\n`);
      }
    }
  });

  // In-process scheduler for 定时发布: checks at start (a restart catches up) and every 15 s.
  const schedulerDb = openDatabase();
  const publishDue = () => {
    try {
      const count = runDuePublications(schedulerDb, now());
      if (count > 0) log.info({ count }, `定时发布：已发布 ${count} 份报告。`);
    } catch (error) {
      log.error({ err: error }, "[scheduler] scheduled publication failed");
    }
  };
  publishDue();
  setInterval(publishDue, 15_000).unref();

  // Audit retention: rows older than AUDIT_RETENTION_DAYS are pruned at most once a day
  // (checked at start and hourly; the time of the last run is kept in the database).
  const pruneAudit = () => {
    try {
      const pruned = pruneAuditLogIfDue(schedulerDb, { now: now(), retentionDays });
      if (pruned) log.info({ deleted: pruned.deleted, retentionDays }, "审计日志保留期清理完成 (audit retention pruning)");
    } catch (error) {
      log.error({ err: error }, "[scheduler] audit retention pruning failed");
    }
  };
  pruneAudit();
  setInterval(pruneAudit, 3_600_000).unref();

  const shutdown = (signal: string) => {
    log.info(`收到 ${signal}，正在关闭…`);
    viewCounter.stop(); // a clean shutdown loses no views
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error) => refuseToStart(error instanceof Error ? error.message : String(error), error));
