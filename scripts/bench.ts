/**
 * npm run bench — measures the production build on a generated database and prints a table
 * and JSON (also written to .bench/results.json). Needs a build (`npx next build`).
 *
 * Public pages (scripts/bench/public-pages.ts): the largest demo report page with wrk (32
 * keep-alive connections, browser user agent, no cookies, so every request is a genuine first
 * view that is counted) against nginx serving the same bytes from disk, in interleaved rounds,
 * plain and compressed; counter accuracy; the six public pages' weights; Lighthouse (mobile)
 * for each (BENCH_LIGHTHOUSE=0 leaves it out).
 *
 * Autosave: 20 editors, each with its own draft, save table 三 (the largest section) about
 * once a second (an autosave fires ~1 s after typing stops) for 20 s; the figure is the
 * round-trip latency of the save request. A closed loop without pauses then shows the
 * saturation throughput.
 *
 * Memory: the server's process tree is sampled from /proc every 100 ms for the whole run
 * (scripts/bench/memory.ts). The server logs as in production (LOG_LEVEL, default info), its
 * stdout going to a file, so the cost of the request log is part of every figure.
 *
 * X-5 (copied text, scripts/bench/copied-text.ts): a full check of the largest demo report
 * against 1,000 other reports, in this process before the server starts. Alone, without a
 * build: `npm run bench -- copied-text`.
 *
 * 原文 files (scripts/bench/documents.ts): the PDF of the largest demo report, time per file and
 * size, with the job's own generators: `npm run bench -- documents` (no build needed).
 */
import { execFile, spawn } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import pg from "pg";
import { moveSqliteToPostgres } from "@/db/pg/move-from-sqlite";
import { rebuildSearchIndex } from "@/db/pg/search-index";
import { migrateDatabase } from "@/db/migrate";
import { systemActor } from "@/db/actor";
import { createUnit } from "@/db/commands/units";
import { createUser } from "@/db/commands/users";
import { insertReportDocument } from "@/db/report-store";
import { transaction } from "@/db/transaction";
import { isDatabaseEmpty, seedDemoData } from "@/db/seed";
import { units } from "@/db/schema";
import { createEmptyReport, setTableValue } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";
import { hashPassword } from "@/lib/password-hash";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";
import { SESSION_COOKIE } from "@/lib/session-cookie";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import { largestReportPage, lighthouseScores, pageWeights, reportPageAgainstNginx } from "./bench/public-pages";
import { MemorySampler, type MemoryPeak } from "./bench/memory";
import { generateSearchCorpus } from "./bench/search-corpus";
import { copiedTextBench, copiedTextRows } from "./bench/copied-text";
import { documentsBench, documentsRows } from "./bench/documents";
import { compareTopologies, startNginxUpstream } from "./bench/app-topologies";
import { ensureCommand } from "./bench/load-tools";
import type { ProvincePrepared, ProvincePrepareInput } from "./bench/province-prepare";
import { percentile } from "./bench/stats";
import { timeSummation } from "./bench/summation-timing";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://localhost:${PORT}`;
const EDITORS = 20;
const PASSWORD = "Bench-Editor-2026";

const round = (n: number) => Math.round(n * 10) / 10;

async function startServer(databasePath: string, logFile: string, processes = process.env.NIANBAO_PROCESSES ?? "1", env: Record<string, string> = {}, port = PORT) {
  const log = fs.openSync(logFile, "a");
  const child = spawn("node_modules/.bin/tsx", ["scripts/serve.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_PATH: databasePath,
      AUTH_SECRET: "bench-secret-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      NIANBAO_PROCESSES: processes,
      DOCUMENT_FILES: "0",
      ...env,
    },
    stdio: ["ignore", log, log],
    detached: true,
  });
  fs.closeSync(log);
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // Not left running (and loading the machine) when it was too slow to answer.
  if (child.pid) process.kill(-child.pid, "SIGKILL");
  throw new Error(`server did not start within 60 s (log: ${logFile})`);
}

/** Creates the bench units, a clerk and a blank draft for each. */
async function prepareEditors(databasePath: string) {
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  if (await isDatabaseEmpty(db)) await seedDemoData(db);
  const county = db.select().from(units).where(eq(units.kind, "county")).get()!;
  const passwordHash = await hashPassword(PASSWORD);
  const bench = systemActor("cli");
  const editors: { username: string; reportId: number }[] = [];
  for (let i = 1; i <= EDITORS; i++) {
    const body = `BENCH${String(i).padStart(3, "0")}`;
    const unit = { name: `压测乡${i}人民政府`, shortName: `压测乡${i}`, kind: "township" as const, parentId: county.id, orgCode: body + orgCodeCheckChar(body) };
    const unitId = await createUnit(db, bench, unit);
    const username = `bench.clerk${i}`;
    await createUser(db, bench, { username, displayName: `压测${i}`, role: "clerk", unitId, passwordHash, mustChangePassword: false });
    const doc = createEmptyReport({ format: "gov-2021", year: 2025, unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" } });
    editors.push({ username, reportId: await transaction(db, (tx) => insertReportDocument(tx, doc, { unitId, status: "draft", origin: "editor" })) });
  }
  db.$client.close();
  return editors;
}

function cookieHeader(response: Response, jar: Map<string, string>) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const [name, ...value] = pair!.split("=");
    jar.set(name!.trim(), value.join("="));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

async function signIn(username: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${BASE}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  let cookies = cookieHeader(csrfResponse, jar);
  const response = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
    body: new URLSearchParams({ csrfToken, username, password: PASSWORD, callbackUrl: `${BASE}/staff` }),
  });
  cookies = cookieHeader(response, jar);
  if (!jar.has(SESSION_COOKIE)) throw new Error(`sign-in failed for ${username}`);
  return cookies;
}

/** A table 三 as a clerk types it: a few figures that change with every save. */
function table3(step: number) {
  let tables = createEmptyReport({ format: "gov-2021", year: 2025, unit: { name: "x", kind: "township" } }).tables!;
  tables = setTableValue(tables, "table3.naturalPerson.newReceived", 10 + (step % 7));
  tables = setTableValue(tables, "table3.naturalPerson.results.granted", 5 + (step % 5));
  return fillComputedCells("gov-2021", tables).table3!;
}

interface Editor {
  cookies: string;
  reportId: number;
  version: number;
  step: number;
}

async function save(editor: Editor, base = BASE): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/api/reports/${editor.reportId}/sections/applications`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Origin: base, Cookie: editor.cookies },
    body: JSON.stringify({ baseVersion: editor.version, cells: table3(editor.step++) }),
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!text.includes('"status":"saved"')) throw new Error(`save refused: ${text.slice(0, 200)}`);
  editor.version += 1;
  return elapsed;
}

/**
 * Unmeasured saves before the measured ones: the figure is a server that has been running, not
 * one's first requests (route modules loaded, code compiled, pool connections opened: a second
 * or so). All editors at once, three times: one editor after another would use one keep-alive
 * connection, so with several processes only one app process would be warmed up, and the
 * first measured second would find the others cold (p95 of 200–600 ms from that alone).
 */
async function warmUpAutosave(editors: Editor[], base = BASE) {
  for (let round = 0; round < 3; round++) await Promise.all(editors.map((editor) => save(editor, base)));
}

async function autosaveBench(editors: Editor[], base = BASE) {
  const latencies: number[] = [];
  const until = performance.now() + 20_000;
  await Promise.all(
    editors.map(async (editor, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / editors.length)); // spread the editors over a second
      while (performance.now() < until) {
        latencies.push(await save(editor, base));
        await new Promise((r) => setTimeout(r, 800 + Math.random() * 400));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { saves: latencies.length, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)) };
}

async function saturationBench(editors: Editor[]) {
  let count = 0;
  const started = performance.now();
  const until = started + 5_000;
  await Promise.all(
    editors.map(async (editor) => {
      while (performance.now() < until) {
        await save(editor);
        count++;
      }
    }),
  );
  return { savesPerSecond: Math.round(count / ((performance.now() - started) / 1000)) };
}

/** Sends exactly `total` cookie-less page views over `connections` keep-alive connections. */
async function sendViews(url: string, total: number, connections: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  let started = 0;
  let ok = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get(url, { agent, headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0" } }, (res) => {
          if (res.statusCode === 200) ok++;
          res.resume();
          res.on("end", () => resolve());
        })
        .on("error", reject);
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (started < total) {
        started++;
        await one();
      }
    }),
  );
  agent.destroy();
  return ok;
}

/** The largest of the demo's published report pages (the search corpus comes after them), and a reader of its count. */
function largestDemoReport(db: ReturnType<typeof openDatabase>) {
  const ids = (db.$client.prepare("select id from reports where live_edition_id is not null order by id limit 20").all() as { id: number }[]).map((r) => r.id);
  return largestReportPage(BASE, ids);
}

const viewsOf = (db: ReturnType<typeof openDatabase>, reportId: number) => () =>
  (db.$client.prepare("select view_count from reports where id = ?").get(reportId) as { view_count: number }).view_count;

/** The largest demo report page against nginx serving the same bytes. */
async function publicPagesSpeed(databasePath: string, dir: string) {
  const db = openDatabase(databasePath);
  try {
    const report = await largestDemoReport(db);
    return { speed: await reportPageAgainstNginx({ base: BASE, reportId: report.id, html: report.html, dir, port: PORT + 1, rounds: 3, seconds: 5, views: viewsOf(db, report.id) }) };
  } finally {
    db.$client.close();
  }
}

/** The report page against nginx, the public pages' weights and Lighthouse scores. */
async function publicPagesBench(databasePath: string, dir: string) {
  const db = openDatabase(databasePath);
  const report = await largestDemoReport(db);
  const { unit_id: unitId } = db.$client.prepare("select unit_id from reports where id = ?").get(report.id) as { unit_id: number };
  const views = viewsOf(db, report.id);
  const paths = ["/", "/reports", `/reports/${report.id}`, `/units/${unitId}`, `/search?q=${encodeURIComponent("依申请公开")}`, "/open-data"];
  try {
    const weights = await pageWeights(BASE, paths);
    const speed = await reportPageAgainstNginx({ base: BASE, reportId: report.id, html: report.html, dir, port: PORT + 1, rounds: 3, seconds: 5, views });
    // The brotli page weight above may have been taken before its template was built: take it again.
    const reportWeight = (await pageWeights(BASE, [`/reports/${report.id}`]))[0]!;
    weights.splice(weights.findIndex((w) => w.path === reportWeight.path), 1, reportWeight);
    // An exact number of views over 50 connections (wrk stops mid-flight, this does not).
    await new Promise((r) => setTimeout(r, 1500));
    const before = views();
    const sent = await sendViews(`${BASE}/reports/${report.id}`, 20_000, 50);
    await new Promise((r) => setTimeout(r, 2500));
    const exactViews = { sent, counted: views() - before, exact: views() - before === sent };
    const lighthouse = process.env.BENCH_LIGHTHOUSE === "0" ? { skipped: "BENCH_LIGHTHOUSE=0" } : await lighthouseScores(BASE, paths, dir);
    return { weights, speed, exactViews, lighthouse };
  } finally {
    db.$client.close();
  }
}

/** The search data function itself (FTS queries, highlighting, rows), in a child process. */
async function searchQueryBench(databasePath: string) {
  const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/bench/search-query.ts"], {
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: "utf8",
  });
  return JSON.parse(stdout) as { queries: number; p50: number; p95: number; p99: number };
}

function machine() {
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "")?.[1] ?? os.cpus()[0]?.model ?? "cpu";
  return {
    cpus: os.availableParallelism(),
    cpuModel: cpuModel.trim(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** Request log lines the server wrote during the run (its stdout). */
function serverLogStats(logFile: string) {
  const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
  const lines = text.split("\n").filter(Boolean);
  return {
    level: process.env.LOG_LEVEL ?? "info",
    lines: lines.length,
    requestLines: lines.filter((l) => l.includes('"reqId"')).length,
    bytes: Buffer.byteLength(text),
  };
}

type Row = [measurement: string, figure: string, target: string];

function printTable(rows: Row[]) {
  console.log("\n| measurement | figure | target |\n|---|---|---|");
  for (const [m, f, t] of rows) console.log(`| ${m} | ${f} | ${t} |`);
}

/** Search over 10,000 published reports: each query 20 times through the real /search page. */
async function searchBench(corpusSize: number) {
  const queries = ["公开", "依申请公开", "政府信息公开工作", "主动公开政府信息", "桥石21乡", "统计样本", "不存在的内容", '"', "OR NEAR *", "信息".repeat(500)];
  const latencies: number[] = [];
  for (const q of queries) {
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const response = await fetch(`${BASE}/search?q=${encodeURIComponent(q)}`);
      await response.text();
      if (response.status !== 200) throw new Error(`search for ${q.slice(0, 20)} answered ${response.status}`);
      latencies.push(performance.now() - started);
    }
  }
  latencies.sort((a, b) => a - b);
  return { reports: corpusSize, queries: latencies.length, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), unit: "ms" };
}

/** `npm run bench -- copied-text`: only the X-5 bench (no build or server needed). */
function copiedTextOnly() {
  const result = copiedTextBench();
  console.log(`\nMachine: ${machine().cpus} × ${machine().cpuModel}, Node ${process.version}; load average ${loadAverage().join(" ")}`);
  printTable(copiedTextRows(result));
  console.log(`\nhighest X-5 match per section: ${result.highestMatches.map((m) => `${m.sectionKey} ${m.percent}% (${m.source})`).join("; ")}`);
}

/** Stops the server started by startServer (its process group) and waits until the port is free. */
async function stopServer(server: ReturnType<typeof spawn>) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid!, "SIGTERM");
  await exited;
}

/**
 * `npm run bench -- report-page`: only the report page against nginx, with the server as one
 * process and as one process per core (NIANBAO_PROCESSES=N: N front processes, which serve the
 * cached page, before N app processes; lib/serving/processes.ts), each compared with nginx
 * running as many workers (issue 11's ratio; issue 17's several processes).
 */
async function reportPageOnly() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-"));
  const databasePath = path.join(dir, "bench.db");
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  await seedDemoData(db);
  db.$client.close();
  const loadBefore = loadAverage();
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};
  try {
    for (const processes of [1, os.availableParallelism()]) {
      const server = await startServer(databasePath, path.join(dir, `server-${processes}.log`), String(processes));
      try {
        const { speed } = await publicPagesSpeed(databasePath, dir);
        results[`processes${processes}`] = speed;
        if ("skipped" in speed) {
          rows.push(["report page against nginx", `skipped: ${speed.skipped}`, ""]);
          break;
        }
        for (const c of [speed.plain, speed.compressed]) {
          const same = processes === 1 ? { min: c.ratioMin, median: c.ratioMedian } : { min: c.ratioAllCoresMin, median: c.ratioAllCoresMedian };
          rows.push([
            `report page ${speed.url}, app as ${processes > 1 ? `${processes} front processes (no Next.js) before ${processes} app processes` : "1 process"}, ${c.what}, wrk 32 connections, ${c.rounds.length} interleaved rounds: req/s min / median`,
            `app ${c.appMin} / ${c.appMedian} · nginx 1 worker ${c.nginxMin} / ${c.nginxMedian} · nginx ${os.availableParallelism()} workers ${c.nginxAllCoresMin} / ${c.nginxAllCoresMedian}; **ratio to nginx with as many workers ${same.min} / ${same.median}**; ${c.checked} responses checked, ${c.bad} not a 200 of the right length`,
            c === speed.plain ? "ratio ≥ 0.5" : "",
          ]);
        }
        rows.push([`view counter, ${processes} process(es): responses seen by wrk / views counted`, `${speed.counter.responses} / ${speed.counter.counted} (+${speed.counter.inFlightAtStops} in flight when wrk stopped)`, "every request counted"]);
      } finally {
        await stopServer(server);
      }
    }
    console.log(`\nMachine: ${machine().cpus} × ${machine().cpuModel}, ${machine().memoryGiB} GiB, Node ${process.version}; load average before ${loadBefore.join(" ")}, after ${loadAverage().join(" ")}`);
    printTable(rows);
    fs.mkdirSync(".bench", { recursive: true });
    fs.writeFileSync(".bench/report-page.json", `${JSON.stringify({ measuredAt: new Date().toISOString(), machine: machine(), results }, null, 2)}\n`);
    console.log("\nJSON: .bench/report-page.json");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- documents`: only the 原文 file bench (no build or server needed). */
async function documentsOnly() {
  const result = await documentsBench();
  console.log(`\nMachine: ${machine().cpus} × ${machine().cpuModel}, Node ${process.version}; load average ${loadAverage().join(" ")}`);
  printTable(documentsRows(result));
  console.log("\nThe files are in .bench/ (largest-report.*).");
}

/** `count` different phrases of 3 and 5 Chinese characters taken at spaced places from a page's text. */
function phrasesFrom(html: string, count: number): string[] {
  const runs = html.replace(/<[^>]+>/g, " ").match(/[\u4e00-\u9fff]{8,}/g) ?? [];
  const phrases = new Set<string>();
  for (let i = 0; phrases.size < count && i < count * 20 && runs.length > 0; i++) {
    const run = runs[(i * 7) % runs.length]!;
    const length = i % 2 === 0 ? 3 : 5;
    const start = (i * 3) % (run.length - length + 1);
    phrases.add(run.slice(start, start + length));
  }
  return [...phrases];
}

/** p50 / p95 of `times` GETs of a path, one after another (the page's own latency, not a load test). */
async function pageLatency(pathname: string, times: number, cookies = ""): Promise<{ path: string; p50: number; p95: number; bytes: number }> {
  const latencies: number[] = [];
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const response = await fetch(`${BASE}${pathname}`, { headers: { "User-Agent": "nianbao-bench", ...(cookies ? { Cookie: cookies } : {}) }, redirect: "manual" });
    bytes = (await response.arrayBuffer()).byteLength;
    if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  return { path: pathname, p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), bytes };
}

const PROVINCE_EDITORS = 50;
const value = (flag: string) => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
};

/**
 * A copy of the province file in `dir` (the bench writes: accounts, drafts, 汇总, view counts;
 * the file given is never written). A non-empty WAL is copied with it.
 */
function copyProvinceFile(databasePath: string, dir: string): string {
  const started = performance.now();
  const copy = path.join(dir, "province.db");
  fs.copyFileSync(databasePath, copy);
  if (fs.existsSync(`${databasePath}-wal`) && fs.statSync(`${databasePath}-wal`).size > 0) fs.copyFileSync(`${databasePath}-wal`, `${copy}-wal`);
  console.log(`Copied the province file in ${Math.round((performance.now() - started) / 1000)} s.`);
  return copy;
}

/** Runs scripts/bench/province-prepare.ts with the environment of the server to be measured (its engine). */
async function prepareProvince(databasePath: string, env: Record<string, string>, input: ProvincePrepareInput): Promise<ProvincePrepared> {
  const { stdout } = await promisify(execFile)("node_modules/.bin/tsx", ["scripts/bench/province-prepare.ts", JSON.stringify(input)], {
    env: { ...process.env, DATABASE_PATH: databasePath, ...env },
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as ProvincePrepared;
}

/**
 * `npm run bench -- province --db <file> [--postgres | --database-url <url>]`: on a province-sized
 * database made by `npm run seed:province` (issue 17), with one server process, on SQLite — or,
 * with --postgres, on a throwaway PostgreSQL server the file is first moved into
 * (db/pg/move-from-sqlite.ts) and whose search index is then filled (`--database-url`: a
 * PostgreSQL database that already holds the moved province and its index — the bench writes to
 * it, so give it a copy; for trying the bench without the ~6-minute move). The bench works on a
 * copy of the file; the file is only read.
 *
 * - Public pages, search and the overviews: each page 3 times unmeasured, then 40 times in a
 *   row; the figure is its latency as a reader sees it (p50 / p95), with the size of its HTML.
 * - Autosave: 50 clerks of 50 townships spread over the province, each with its township's next
 *   year's report as a draft made by 「新建年度报告」's command, saving table 三 about once a
 *   second for 20 s (autosaveBench).
 * - 汇总 of a county and of a city (scripts/bench/summation-timing.ts): their published reports
 *   of the last year, put into correction by a leader and started as 汇总 reports with every
 *   unit lacking a report marked 「暂缺」 (scripts/bench/province-setup.ts), then the 汇总 page
 *   and the 「汇总」 button's server action, as their clerk, over HTTP.
 * - On PostgreSQL, the report page's req/s (scripts/bench/app-topologies.ts): one process on
 *   SQLite (on the copy of the file), two processes on the PostgreSQL database behind nginx, and
 *   one of those two alone, in interleaved rounds of BENCH_WRK_SECONDS (default 10) each.
 *
 * BENCH_KEEP=1 keeps the working directory (the copy, the server and nginx logs) and says where.
 */
async function provinceOnly() {
  const databasePath = value("--db");
  const databaseUrl = value("--database-url");
  const autosaveOnly = process.argv.includes("--autosave-only");
  if (!databasePath || !fs.existsSync(databasePath)) throw new Error("usage: npm run bench -- province --db <database made by npm run seed:province> [--postgres | --database-url <url>]");
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-province-bench-"));
  const servers: ReturnType<typeof spawn>[] = [];
  let postgres: ThrowawayPostgres | null = null;
  let stopNginx = () => {};
  try {
    const copyPath = copyProvinceFile(databasePath, dir);
    const sqlite = openDatabase(copyPath);
    const count = (sql: string) => (sqlite.$client.prepare(sql).get() as { n: number }).n;
    const size = { units: count("select count(*) as n from units"), reports: count("select count(*) as n from reports where live_edition_id is not null") };
    const year = (sqlite.$client.prepare("select max(year) as y from reports where live_edition_id is not null").get() as { y: number }).y;
    const county = sqlite.$client.prepare("select id, name from units where kind = 'county' order by id limit 1").get() as { id: number; name: string };
    const city = sqlite.$client.prepare("select id, name from units where kind = 'city' order by id limit 1").get() as { id: number; name: string };
    const province = sqlite.$client.prepare("select id, name from units where kind = 'province' order by id limit 1").get() as { id: number; name: string };
    const township = sqlite.$client.prepare("select id from units where kind = 'township' order by id desc limit 1").get() as { id: number };
    const report = sqlite.$client.prepare("select id from reports where unit_id = ? and year = ?").get(township.id, year) as { id: number } | undefined;
    sqlite.$client.close();

    if (process.argv.includes("--postgres") && !databaseUrl) postgres = await provinceOnPostgres(databasePath);
    const url = databaseUrl ?? postgres?.url ?? null;
    const engineLabel = url ? `PostgreSQL 15, moved from the SQLite file${databaseUrl ? " (an existing database)" : ""}` : `SQLite, ${Math.round(fs.statSync(databasePath).size / 2 ** 20)} MiB`;

    // The bench's accounts, drafts and 汇总 reports, through the commands, on the engine measured.
    const preparing = performance.now();
    // One public address for every server, as a deployment behind nginx sets it: otherwise each
    // process writes its own port into the page's absolute links (canonical, QR code, 本页地址),
    // and the two behind nginx would serve pages of different lengths.
    const site = { SITE_URL: "https://xxgk.example.gov.cn" };
    const engineEnv: Record<string, string> = url ? { DATABASE_URL: url, TRUST_PROXY: "1", ...site } : { DATABASE_URL: "", ...site };
    const prepared = await prepareProvince(copyPath, engineEnv, { countyId: county.id, cityId: city.id, provinceId: province.id, year, editors: PROVINCE_EDITORS, password: PASSWORD });
    const { county: countySummation, city: citySummation } = prepared;
    console.log(`Prepared ${PROVINCE_EDITORS} editors' drafts of ${prepared.editorsYear} and the 汇总 of ${countySummation.unitName} and ${citySummation.unitName} in ${Math.round((performance.now() - preparing) / 1000)} s.`);

    const started = performance.now();
    servers.push(await startServer(copyPath, path.join(dir, "server.log"), "1", engineEnv));
    if (url) console.log(`Server started on PostgreSQL in ${Math.round((performance.now() - started) / 1000)} s.`);

    const countyCookies = await signIn("bench.county");
    const cityCookies = await signIn("bench.city");
    const provinceCookies = await signIn("bench.province");
    const q = (text: string, extra = "") => `/search?q=${encodeURIComponent(text)}${extra}`;
    const measured: { what: string; path: string; p50: number; p95: number; bytes: number; target: string }[] = [];
    // Three unmeasured requests first: the figure is the page as readers see it once the server
    // runs, not its first load after a start (which builds the catalog and the unit tree).
    const measure = async (what: string, pathname: string, target: string, cookies = "") => {
      await pageLatency(pathname, 3, cookies);
      measured.push({ what, target, ...(await pageLatency(pathname, 40, cookies)) });
    };
    if (!autosaveOnly) {
      await measure("public list, newest first", "/reports", "p95 ≤ 50 ms");
      await measure("public list, one year", `/reports?year=${year}`, "p95 ≤ 50 ms");
      await measure("public list, one year and unit", `/reports?year=${year}&unit=${county.id}`, "p95 ≤ 50 ms");
      await measure(`public list, one city (region filter: ${city.name})`, `/reports?region=${city.id}`, "p95 ≤ 50 ms");
      await measure("unit page (8 years, trend charts)", `/units/${township.id}`, "p95 ≤ 50 ms");
      if (report) await measure("report page (cached, counted)", `/reports/${report.id}`, "p95 ≤ 50 ms");
      await measure("search, 2 characters", q("公开"), "p95 ≤ 50 ms");
      await measure("search, 3 characters", q("依申请"), "p95 ≤ 50 ms");
      await measure("search, 5 characters", q("政府信息公"), "p95 ≤ 50 ms");
      await measure("search, 3 characters, year filter", q("依申请", `&year=${year}`), "p95 ≤ 50 ms");
      await measure("search, 3 characters, one city (region filter)", q("依申请", `&region=${city.id}`), "p95 ≤ 50 ms");
      await measure("search, 5 characters, year and unit filters", q("政府信息公", `&year=${year}&unit=${township.id}`), "p95 ≤ 50 ms");
      // Every search above is asked 43 times, and searches are kept until the public data changes
      // (lib/data/public/search.ts; on PostgreSQL a phrase's matches too): those figures are the
      // repeated search. A reader's first search of a phrase is this one: 40 different phrases
      // from a report's text, each asked once.
      if (report) {
        const phrases = phrasesFrom(await (await fetch(`${BASE}/reports/${report.id}`, { headers: { "User-Agent": "nianbao-bench" } })).text(), 40);
        const latencies: number[] = [];
        for (const phrase of phrases) latencies.push((await pageLatency(q(phrase), 1)).p50);
        latencies.sort((a, b) => a - b);
        measured.push({ what: `search, ${phrases.length} different 3- and 5-character phrases from a report's text, each asked once (the first search of a phrase)`, path: "/search?q=…", p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), bytes: 0, target: "p95 ≤ 50 ms" });
      }
      await measure(`county overview (${county.name})`, `/staff/overview?year=${year}`, "p95 ≤ 50 ms", countyCookies);
      // A city's overview: 各地区情况 and the first 100 of its units (the generated province's first city has about 440).
      await measure(`city overview (${city.name}): 各地区情况 and the first page of its units`, `/staff/overview?year=${year}`, "p95 ≤ 50 ms", cityCookies);
      await measure(`city overview, one county clicked (${county.name})`, `/staff/overview?year=${year}&under=${county.id}`, "p95 ≤ 50 ms", cityCookies);
      // Every unit of the province is read and counted for 各地区情况; the table shows a page of them.
      await measure(`province overview (${province.name}): 各地区情况 and the first page of its ${size.units - 1} units`, `/staff/overview?year=${year}`, "p95 ≤ 50 ms", provinceCookies);
      await measure(`province overview, its units overdue (show=overdue)`, `/staff/overview?year=${year}&show=overdue`, "p95 ≤ 50 ms", provinceCookies);
    }

    const editors: Editor[] = [];
    for (const e of prepared.editors) editors.push({ cookies: await signIn(e.username), reportId: e.reportId, version: e.version, step: 0 });
    await warmUpAutosave(editors);
    const autosave = await autosaveBench(editors);
    // The same editors against two front processes before two app processes (lib/serving), a server of its own.
    const twoBase = `http://localhost:${PORT + 5}`;
    servers.push(await startServer(copyPath, path.join(dir, "server-autosave-2.log"), "2", engineEnv, PORT + 5));
    await warmUpAutosave(editors, twoBase);
    const autosaveTwo = await autosaveBench(editors, twoBase);
    await stopServer(servers.pop()!);

    const summation = autosaveOnly
      ? null
      : {
          county: { ...countySummation, ...(await timeSummation(BASE, countyCookies, countySummation, 8)) },
          city: { ...citySummation, ...(await timeSummation(BASE, cityCookies, citySummation, 8)) },
        };

    let reportPage: Awaited<ReturnType<typeof compareTopologies>> | null = null;
    if (url && report && !autosaveOnly) {
      // A: one process on SQLite (the copy); B: two processes on PostgreSQL behind nginx; C: one of those two alone.
      servers.push(await startServer(copyPath, path.join(dir, "server-2.log"), "1", engineEnv, PORT + 2));
      servers.push(await startServer(copyPath, path.join(dir, "server-sqlite.log"), "1", { DATABASE_URL: "", ...site }, PORT + 3));
      if (!ensureCommand("nginx", "nginx-light")) reportPage = { skipped: "nginx is not installed and could not be installed (apt-get install nginx-light)" };
      else {
        stopNginx = await startNginxUpstream(dir, PORT + 4, [PORT, PORT + 2]);
        reportPage = await compareTopologies({
          reportId: report.id,
          rounds: 3,
          seconds: Number(process.env.BENCH_WRK_SECONDS) || 10,
          topologies: [
            { label: "1 process on SQLite", base: `http://127.0.0.1:${PORT + 3}` },
            { label: "2 processes on PostgreSQL behind nginx", base: `http://127.0.0.1:${PORT + 4}` },
            { label: "1 process on PostgreSQL", base: `http://127.0.0.1:${PORT}` },
          ],
        });
      }
    }

    console.log(`\nMachine: ${machine().cpus} × ${machine().cpuModel}, ${machine().memoryGiB} GiB, Node ${process.version}; load average ${loadAverage().join(" ")}`);
    console.log(`Database: ${size.units} units, ${size.reports} published reports (${engineLabel}); one server process (the report page's req/s: as said); 40 requests per page in a row.`);
    const rows: Row[] = measured.map((m) => [`${m.what}: \`${m.path}\``, `p50 ${m.p50} ms · p95 ${m.p95} ms · ${Math.round(m.bytes / 1024)} KB`, m.target]);
    rows.push([
      `autosave round trip, ${PROVINCE_EDITORS} clerks of ${PROVINCE_EDITORS} townships each saving table 三 of their ${prepared.editorsYear} draft ~1/s for 20 s (${autosave.saves} saves)`,
      `p50 ${autosave.p50} ms · p95 ${autosave.p95} ms · p99 ${autosave.p99} ms`,
      "p95 ≤ 30 ms",
    ]);
    rows.push([`the same with two front processes before two app processes (NIANBAO_PROCESSES=2, ${autosaveTwo.saves} saves)`, `p50 ${autosaveTwo.p50} ms · p95 ${autosaveTwo.p95} ms · p99 ${autosaveTwo.p99} ms`, "p95 ≤ 30 ms"]);
    for (const [level, s] of summation ? ([["county", summation.county], ["city", summation.city]] as const) : []) {
      const what = `${s.unitName}'s ${s.year} report: ${s.listedUnits} units on its list, ${s.summedReports} published reports summed, ${s.absentUnits} 暂缺`;
      rows.push([`汇总 of a ${level}, the 汇总 page (${what}), ${s.page.runs} views`, `p50 ${s.page.p50} ms · p95 ${s.page.p95} ms`, ""]);
      rows.push([`汇总 of a ${level}, 「汇总」 (server action, one transaction): first · then ${s.sum.runs} × 重新汇总`, `${s.firstSum} ms · p50 ${s.sum.p50} ms · p95 ${s.sum.p95} ms`, ""]);
    }
    if (reportPage && "skipped" in reportPage) rows.push(["report page req/s, 2 processes on PostgreSQL behind nginx against 1 on SQLite", `skipped: ${reportPage.skipped}`, "≥ 1.6×"]);
    else if (reportPage) {
      const [sqliteOne, ...others] = reportPage.topologies;
      const how = `report page \`${reportPage.url}\` with its live count, wrk 32 connections, ${reportPage.rounds} interleaved ${reportPage.seconds} s rounds: req/s min / median`;
      for (const t of [sqliteOne!, ...others]) {
        // wrk has exited when the processes are read again: its share is in the rest.
        const busyCores = (machine().cpus * t.cpuBusy.reduce((sum, b) => sum + b, 0)) / t.cpuBusy.length / 100;
        const rest = Math.round((busyCores - t.coresByCommand.reduce((sum, c) => sum + c.cores, 0)) * 100) / 100;
        const cores = [...t.coresByCommand.map((c) => `${c.command} ${c.cores}`), `the rest (wrk, …) ${rest}`].join(", ");
        const cpu = `the machine's ${machine().cpus} cores ${Math.min(...t.cpuBusy)}–${Math.max(...t.cpuBusy)}% busy (cores used: ${cores})`;
        rows.push([`${how}, ${t.label}`, `${t.min} / ${t.median}; ${t.checked} responses checked, ${t.bad} not a 200 of the right length; ${cpu}`, ""]);
      }
      for (const r of reportPage.ratios) rows.push([`${r.label} against 1 process on SQLite (per round): min / median`, `**${r.min}× / ${r.median}×**`, r.label.includes("2 processes") ? "≥ 1.6×" : ""]);
    }
    printTable(rows);
    fs.mkdirSync(".bench", { recursive: true });
    const jsonFile = `.bench/province${url ? "-postgres" : ""}${autosaveOnly ? "-autosave" : ""}.json`;
    const results = { measuredAt: new Date().toISOString(), machine: machine(), loadAverage: loadAverage(), engine: engineLabel, size, measured, autosave: { editors: PROVINCE_EDITORS, year: prepared.editorsYear, ...autosave, twoProcesses: autosaveTwo, unit: "ms", target: "p95 ≤ 30 ms" }, summation, reportPage };
    fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nJSON: ${jsonFile}`);
  } finally {
    stopNginx();
    for (const server of servers.reverse()) await stopServer(server);
    postgres?.stop();
    if (process.env.BENCH_KEEP) console.log(`kept ${dir}`); else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A throwaway PostgreSQL server holding the province database (moved from the SQLite file, checked table by table). */
async function provinceOnPostgres(databasePath: string): Promise<ThrowawayPostgres> {
  const server = await startThrowawayPostgres("province");
  try {
    const started = performance.now();
    const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      await moveSqliteToPostgres(sqlite, server.url);
    } finally {
      sqlite.close();
    }
    console.log(`Moved into PostgreSQL in ${Math.round((performance.now() - started) / 1000)} s (every table checked).`);
    const indexing = performance.now();
    const pool = new pg.Pool({ connectionString: server.url, max: 1 });
    try {
      const indexed = await drizzlePostgres(pool).transaction((tx) => rebuildSearchIndex(tx));
      console.log(`Search index: ${indexed} live reports in ${Math.round((performance.now() - indexing) / 1000)} s.`);
    } finally {
      await pool.end();
    }
    return server;
  } catch (error) {
    server.stop();
    throw error;
  }
}

async function main() {
  if (process.argv[2] === "copied-text") return copiedTextOnly();
  if (process.argv[2] === "province") return provinceOnly();
  if (process.argv[2] === "report-page") return reportPageOnly();
  if (process.argv[2] === "documents") return documentsOnly();
  if (process.argv[2] !== undefined) throw new Error(`unknown bench ${process.argv[2]} (known: copied-text, documents, report-page, province)`);
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-"));
  const databasePath = path.join(dir, "bench.db");
  const logFile = path.join(dir, "server.log");
  const loadBefore = loadAverage();
  const copiedText = copiedTextBench();
  const prepared = await prepareEditors(databasePath);
  const corpusDb = openDatabase(databasePath);
  const corpusSize = generateSearchCorpus(corpusDb);
  corpusDb.$client.close();
  const started = performance.now();
  const server = await startServer(databasePath, logFile);
  const sampler = MemorySampler.available() ? new MemorySampler(server.pid!) : null;
  sampler?.start();
  let memory: MemoryPeak | null = null;
  try {
    const editors: Editor[] = [];
    for (const p of prepared) editors.push({ cookies: await signIn(p.username), reportId: p.reportId, version: 1, step: 0 });
    await warmUpAutosave(editors);
    const autosave = await autosaveBench(editors);
    const saturation = await saturationBench(editors);
    const search = await searchBench(corpusSize);
    const searchQuery = await searchQueryBench(databasePath);
    const publicPages = await publicPagesBench(databasePath, dir);
    memory = sampler?.stop() ?? null;
    const results = {
      measuredAt: new Date().toISOString(),
      machine: machine(),
      conditions: { loadAverageBefore: loadBefore, loadAverageAfter: loadAverage(), durationSeconds: Math.round((performance.now() - started) / 1000) },
      publicPages,
      search: { query: { ...searchQuery, unit: "ms", target: "p95 ≤ 30 ms" }, page: search },
      autosave: { editors: EDITORS, ...autosave, unit: "ms", target: "p95 ≤ 30 ms" },
      autosaveSaturation: saturation,
      copiedText,
      memory: memory ? { ...memory, unit: "MiB" } : { skipped: "no /proc" },
      serverLog: serverLogStats(logFile),
    };

    const m = results.machine;
    console.log(`\nMachine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; load average before ${loadBefore.join(" ")}, after ${results.conditions.loadAverageAfter.join(" ")}`);
    const rows: Row[] = [];
    const { weights, speed, exactViews, lighthouse } = publicPages;
    const kb = (bytes: number) => `${Math.round(bytes / 102.4) / 10} KB`;
    for (const w of weights) {
      rows.push([
        `page weight ${w.path}: HTML plain · gzip · brotli (gzip -9 · brotli 11 for comparison) · stylesheets · scripts`,
        `${kb(w.htmlBytes)} · ${kb(w.gzipBytes)} · ${kb(w.brotliBytes)} (${kb(w.gzip9Bytes)} · ${kb(w.brotli11Bytes)}) · ${kb(w.stylesheetBytes)} · ${w.scripts}; first load ${kb(w.firstLoadBytes)}`,
        w.path.startsWith("/reports/") ? "HTML ≤ 60 KB, gzip ≤ 15 KB, first load ≤ 100 KB" : "",
      ]);
    }
    if ("skipped" in speed) rows.push(["report page against nginx", `skipped: ${speed.skipped}`, ""]);
    else {
      for (const c of [speed.plain, speed.compressed]) {
        rows.push([
          `report page ${speed.url} with its live count, ${c.what}, wrk 32 connections, ${c.rounds.length} interleaved rounds (app, nginx 1 worker, nginx 2 workers, …): req/s min / median`,
          `app ${c.appMin} / ${c.appMedian} · nginx 1 worker ${c.nginxMin} / ${c.nginxMedian} (ratio ${c.ratioMin} / ${c.ratioMedian}) · nginx 2 workers ${c.nginxAllCoresMin} / ${c.nginxAllCoresMedian} (ratio ${c.ratioAllCoresMin} / ${c.ratioAllCoresMedian}); ${c.checked} responses checked, ${c.bad} not a 200 of the right length`,
          c === speed.plain ? "ratio ≥ 0.5" : "",
        ]);
      }
      rows.push(["view counter over the whole wrk run: responses seen by wrk / views counted", `${speed.counter.responses} / ${speed.counter.counted} (+${speed.counter.inFlightAtStops} in flight when wrk stopped)`, "every request counted"]);
    }
    rows.push(["view counter: views sent / stored (50 connections)", `${exactViews.sent} / ${exactViews.counted} (${exactViews.exact ? "exact" : "MISMATCH"})`, "exact"]);
    if ("skipped" in lighthouse) rows.push(["Lighthouse", `skipped: ${lighthouse.skipped}`, ""]);
    else
      for (const l of lighthouse)
        rows.push([`Lighthouse 12 mobile ${l.path}: performance · accessibility (LCP, TBT, CLS, transfer)`, `${l.performance} · ${l.accessibility} (${l.lcpMs} ms, ${l.tbtMs} ms, ${l.cls}, ${l.transferKiB} KiB)`, "≥ 95 · 100"]);
    rows.push([`search query over ${search.reports} published reports (${searchQuery.queries} searches)`, `p50 ${searchQuery.p50} ms · p95 ${searchQuery.p95} ms · p99 ${searchQuery.p99} ms`, "p95 ≤ 30 ms"]);
    rows.push([`the rendered /search page (${search.queries} requests)`, `p50 ${search.p50} ms · p95 ${search.p95} ms`, ""]);
    rows.push([`autosave round trip, ${EDITORS} editors saving ~1/s (${autosave.saves} saves)`, `p50 ${autosave.p50} ms · p95 ${autosave.p95} ms · p99 ${autosave.p99} ms`, "p95 ≤ 30 ms"]);
    rows.push([`autosave saturation (${EDITORS} editors, no pauses)`, `${saturation.savesPerSecond} saves/s`, ""]);
    rows.push(...copiedTextRows(copiedText));
    rows.push([
      "peak memory of the server (RSS of its process tree, sampled every 100 ms; VmHWM of the Node process)",
      memory ? `${memory.peakTreeRssMiB} MiB · ${memory.peakProcessHwmMiB} MiB` : "unavailable (no /proc)",
      "",
    ]);
    rows.push([`request log (LOG_LEVEL=${results.serverLog.level}, stdout to a file)`, `${results.serverLog.requestLines} request lines · ${Math.round(results.serverLog.bytes / 2 ** 20)} MiB`, ""]);
    printTable(rows);
    fs.mkdirSync(".bench", { recursive: true });
    fs.writeFileSync(".bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
    console.log("\nJSON: .bench/results.json");
  } finally {
    if (!memory) sampler?.stop();
    process.kill(-server.pid!, "SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
