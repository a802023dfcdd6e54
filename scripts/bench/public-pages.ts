/**
 * The public pages in the bench: the report page against nginx serving the same bytes
 * (interleaved runs), what each public page weighs, and Lighthouse's scores.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ensureCommand, runWrk, startNginx, type WrkResult } from "./load-tools";

const execFileAsync = promisify(execFile);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

/** GET with the given Accept-Encoding; the raw (still compressed) body. */
function fetchRaw(url: string, acceptEncoding: string, cookie = ""): Promise<{ status: number; encoding: string | undefined; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": acceptEncoding, ...(cookie ? { cookie } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, encoding: res.headers["content-encoding"], bytes: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** Of the given report ids, the one whose page is largest (fetched with its view cookie: not counted). */
export async function largestReportPage(base: string, ids: number[]): Promise<{ id: number; html: Buffer }> {
  let largest: { id: number; html: Buffer } = { id: 0, html: Buffer.alloc(0) };
  for (const id of ids) {
    const page = await fetchRaw(`${base}/reports/${id}`, "identity", `nbv_${id}=1`);
    if (page.status === 200 && page.bytes.length > largest.html.length) largest = { id, html: page.bytes };
  }
  return largest;
}

export interface SpeedRound {
  app: WrkResult;
  /** nginx with one worker process, like the app's one Node.js process. */
  nginx: WrkResult;
  /** nginx with a worker per core. */
  nginxAllCores: WrkResult;
}

export interface SpeedComparison {
  what: string;
  rounds: SpeedRound[];
  appMin: number;
  appMedian: number;
  nginxMin: number;
  nginxMedian: number;
  nginxAllCoresMin: number;
  nginxAllCoresMedian: number;
  /** app / nginx (one worker) req/s, per round: min and median. */
  ratioMin: number;
  ratioMedian: number;
  /** app / nginx (a worker per core). */
  ratioAllCoresMin: number;
  ratioAllCoresMedian: number;
  /** Responses that were not a 200 of the right length (both sides, all rounds). */
  bad: number;
  checked: number;
}

function compare(what: string, rounds: SpeedRound[]): SpeedComparison {
  const ratios = rounds.map((r) => r.app.requestsPerSecond / r.nginx.requestsPerSecond);
  const ratiosAllCores = rounds.map((r) => r.app.requestsPerSecond / r.nginxAllCores.requestsPerSecond);
  const all = rounds.flatMap((r) => [r.app, r.nginx, r.nginxAllCores]);
  return {
    what,
    rounds,
    appMin: Math.min(...rounds.map((r) => r.app.requestsPerSecond)),
    appMedian: median(rounds.map((r) => r.app.requestsPerSecond)),
    nginxMin: Math.min(...rounds.map((r) => r.nginx.requestsPerSecond)),
    nginxMedian: median(rounds.map((r) => r.nginx.requestsPerSecond)),
    nginxAllCoresMin: Math.min(...rounds.map((r) => r.nginxAllCores.requestsPerSecond)),
    nginxAllCoresMedian: median(rounds.map((r) => r.nginxAllCores.requestsPerSecond)),
    ratioMin: Math.round(Math.min(...ratios) * 100) / 100,
    ratioMedian: Math.round(median(ratios.map((r) => r * 1000)) / 10) / 100,
    ratioAllCoresMin: Math.round(Math.min(...ratiosAllCores) * 100) / 100,
    ratioAllCoresMedian: Math.round(median(ratiosAllCores.map((r) => r * 1000)) / 10) / 100,
    bad: all.reduce((n, r) => n + r.bad + r.non2xx, 0),
    checked: all.reduce((n, r) => n + r.checked, 0),
  };
}

/**
 * The report page with its live count against nginx serving the same bytes from disk, wrk with
 * 32 keep-alive connections, runs interleaved (app, nginx, app, nginx …): plain, and with
 * `Accept-Encoding: gzip, br` against nginx's gzip_static copy. Every request to the app is a
 * counted view (browser user agent, no cookie); the count is checked over the whole run.
 */
export async function reportPageAgainstNginx(options: { base: string; reportId: number; html: Buffer; dir: string; port: number; rounds: number; seconds: number; views: () => number }) {
  if (!ensureCommand("wrk", "wrk")) return { skipped: "wrk is not installed and could not be installed (apt-get install wrk)" } as const;
  if (!ensureCommand("nginx", "nginx-light")) return { skipped: "nginx is not installed and could not be installed (apt-get install nginx-light)" } as const;
  const url = `${options.base}/reports/${options.reportId}`;
  const nginxUrl = `http://127.0.0.1:${options.port}/report.html`;
  const nginxAllCoresUrl = `http://127.0.0.1:${options.port + 1}/report.html`;
  const stopOne = await startNginx(options.dir, options.html, options.port, 1);
  const stopAll = await startNginx(options.dir, options.html, options.port + 1, "auto").catch((error: unknown) => {
    stopOne();
    throw error;
  });
  const stop = () => {
    stopOne();
    stopAll();
  };
  const compressed = { "Accept-Encoding": "gzip, br" };
  try {
    await runWrk(url, { seconds: 2 }); // warm up: the page cached, brotli templates built
    await runWrk(url, { seconds: 2, headers: compressed });
    await runWrk(nginxUrl, { seconds: 2 });
    await runWrk(nginxAllCoresUrl, { seconds: 2 });
    await new Promise((r) => setTimeout(r, 1500)); // the counter flushes about once a second
    const before = options.views();
    const plain: SpeedRound[] = [];
    const zipped: SpeedRound[] = [];
    let appResponses = 0;
    for (let round = 0; round < options.rounds; round++) {
      const app = await runWrk(url, { seconds: options.seconds, expectLength: options.html.length, lengthSlack: 24 });
      const nginx = await runWrk(nginxUrl, { seconds: options.seconds, expectLength: options.html.length });
      const nginxAllCores = await runWrk(nginxAllCoresUrl, { seconds: options.seconds, expectLength: options.html.length });
      plain.push({ app, nginx, nginxAllCores });
      const appZipped = await runWrk(url, { seconds: options.seconds, headers: compressed });
      const nginxZipped = await runWrk(nginxUrl, { seconds: options.seconds, headers: compressed });
      const nginxAllCoresZipped = await runWrk(nginxAllCoresUrl, { seconds: options.seconds, headers: compressed });
      zipped.push({ app: appZipped, nginx: nginxZipped, nginxAllCores: nginxAllCoresZipped });
      appResponses += app.checked + appZipped.checked;
    }
    await new Promise((r) => setTimeout(r, 2500));
    const counted = options.views() - before;
    return {
      url: `/reports/${options.reportId}`,
      plain: compare("plain HTML", plain),
      compressed: compare("Accept-Encoding: gzip, br (app: brotli; nginx: gzip_static)", zipped),
      counter: {
        responses: appResponses,
        counted,
        // wrk stops with requests in flight: the server has counted those, wrk has not seen them.
        inFlightAtStops: counted - appResponses,
        exact: counted >= appResponses && counted - appResponses <= 32 * 2 * options.rounds,
      },
    };
  } finally {
    stop();
  }
}

export interface PageWeight {
  path: string;
  htmlBytes: number;
  gzipBytes: number;
  brotliBytes: number;
  /** Sent by nginx's gzip_static (gzip -9) and by brotli at its best (quality 11), for comparison. */
  gzip9Bytes: number;
  brotli11Bytes: number;
  stylesheetBytes: number;
  scripts: number;
  /** HTML and stylesheets as sent (brotli): what a first visit transfers, headers aside. */
  firstLoadBytes: number;
}

export async function pageWeights(base: string, paths: string[]): Promise<PageWeight[]> {
  const weights: PageWeight[] = [];
  for (const pagePath of paths) {
    const cookie = /^\/reports\/(\d+)$/.exec(pagePath) ? `nbv_${pagePath.split("/")[2]}=1` : "";
    const plain = await fetchRaw(`${base}${pagePath}`, "identity", cookie);
    const gzip = await fetchRaw(`${base}${pagePath}`, "gzip", cookie);
    const brotli = await fetchRaw(`${base}${pagePath}`, "br", cookie);
    const html = plain.bytes.toString("utf8");
    const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    let stylesheetBytes = 0;
    for (const sheet of sheets) stylesheetBytes += (await fetchRaw(`${base}${sheet}`, "br")).bytes.length;
    weights.push({
      path: pagePath,
      htmlBytes: plain.bytes.length,
      gzipBytes: gzip.bytes.length,
      brotliBytes: brotli.bytes.length,
      gzip9Bytes: gzipSync(plain.bytes, { level: 9 }).length,
      brotli11Bytes: brotliCompressSync(plain.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      stylesheetBytes,
      scripts: (html.match(/<script\b/g) ?? []).length,
      firstLoadBytes: brotli.bytes.length + stylesheetBytes,
    });
  }
  return weights;
}

export interface LighthouseScore {
  path: string;
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  transferKiB: number;
}

/** Lighthouse 12 (mobile, simulated throttling) with Debian's Chromium, one page after another. */
export async function lighthouseScores(base: string, paths: string[], dir: string): Promise<LighthouseScore[] | { skipped: string }> {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) return { skipped: `no Chromium at ${chromium}` };
  const scores: LighthouseScore[] = [];
  for (const pagePath of paths) {
    const output = path.join(dir, "lighthouse.json");
    await execFileAsync(
      "node_modules/.bin/lighthouse",
      [`${base}${pagePath}`, "--quiet", "--output=json", `--output-path=${output}`, "--only-categories=performance,accessibility", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
      { env: { ...process.env, CHROME_PATH: chromium }, maxBuffer: 64 * 2 ** 20 },
    );
    const report = JSON.parse(fs.readFileSync(output, "utf8")) as {
      categories: Record<string, { score: number }>;
      audits: Record<string, { numericValue?: number }>;
    };
    scores.push({
      path: pagePath,
      performance: Math.round(report.categories.performance!.score * 100),
      accessibility: Math.round(report.categories.accessibility!.score * 100),
      lcpMs: Math.round(report.audits["largest-contentful-paint"]?.numericValue ?? NaN),
      tbtMs: Math.round(report.audits["total-blocking-time"]?.numericValue ?? NaN),
      cls: Math.round((report.audits["cumulative-layout-shift"]?.numericValue ?? NaN) * 1000) / 1000,
      transferKiB: Math.round((report.audits["total-byte-weight"]?.numericValue ?? NaN) / 1024),
    });
  }
  return scores;
}
