/** wrk and nginx for the benchmark: installed through apt-get when missing and possible. */
import { execFile, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";

const execFileAsync = promisify(execFile);

function have(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

/** Installs Debian packages when a command is missing (root only); false when impossible. */
export function ensureCommand(command: string, debianPackage: string): boolean {
  if (have(command)) return true;
  if (process.getuid?.() !== 0 || !have("apt-get")) return false;
  spawnSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${debianPackage}`], { stdio: "ignore" });
  return have(command);
}

export interface WrkResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Responses checked by wrk-check.lua, and those that were not a 200 of the right length. */
  checked: number;
  bad: number;
}

export interface WrkOptions {
  seconds?: number;
  connections?: number;
  headers?: Record<string, string>;
  /** The body length every response must have (within `lengthSlack` bytes). */
  expectLength?: number;
  lengthSlack?: number;
}

const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

function toMs(value: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === "us" ? n / 1000 : m[2] === "s" ? n * 1000 : n;
}

/**
 * Keep-alive load with 32 connections (as the issue asks), a browser user agent and no cookies.
 * Asynchronous, so the memory sampler keeps running meanwhile.
 */
export async function runWrk(url: string, options: WrkOptions = {}): Promise<WrkResult> {
  const { seconds = 10, connections = 32 } = options;
  const headers = Object.entries({ "User-Agent": BROWSER_UA, ...options.headers }).flatMap(([name, value]) => ["-H", `${name}: ${value}`]);
  const script = path.join(__dirname, "wrk-check.lua");
  const { stdout: out } = await execFileAsync("wrk", ["-t2", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", script, ...headers, url], {
    encoding: "utf8",
    env: {
      ...process.env,
      EXPECT_LENGTH: options.expectLength === undefined ? "" : String(options.expectLength),
      LENGTH_SLACK: String(options.lengthSlack ?? 0),
    },
  });
  const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  return {
    requests: num(/(\d+) requests in/),
    requestsPerSecond: Math.round(num(/Requests\/sec:\s+([\d.]+)/)),
    p50Ms: toMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? ""),
    p99Ms: toMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? ""),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    checked: num(/checked (\d+) bad/),
    bad: num(/checked \d+ bad (\d+)/),
  };
}

/** The start of the bench's nginx configurations, up to the inside of `http {`: files in `dir`, no access log, unlimited keep-alive. */
export function nginxConfigHead(dir: string, workers: number | "auto"): string {
  return `worker_processes ${workers};
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;`;
}

/**
 * Serves one HTML file with nginx on loopback, with a gzip -9 copy beside it for clients that
 * take gzip (gzip_static); returns a stop function. `workers`: a number, or "auto" (one per core).
 */
export async function startNginx(dir: string, html: Buffer, port: number, workers: number | "auto" = "auto"): Promise<() => void> {
  fs.chmodSync(dir, 0o755); // nginx's workers (another user) must reach the file
  dir = path.join(dir, `nginx-${port}`);
  fs.mkdirSync(dir, { recursive: true });
  const www = path.join(dir, "www");
  fs.mkdirSync(www, { recursive: true });
  fs.writeFileSync(path.join(www, "report.html"), html);
  fs.writeFileSync(path.join(www, "report.html.gz"), gzipSync(html, { level: 9 }));
  for (const file of fs.readdirSync(www)) fs.chmodSync(path.join(www, file), 0o644);
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(www, 0o755);
  const config = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    config,
    `${nginxConfigHead(dir, workers)}
  server {
    listen 127.0.0.1:${port};
    root ${www};
    location / { default_type "text/html; charset=utf-8"; gzip_static on; gzip_vary on; }
  }
}
`,
  );
  const child = spawn("nginx", ["-c", config, "-p", dir], { stdio: "ignore" });
  for (let i = 0; i < 40; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/report.html`)).ok) return () => child.kill("SIGTERM");
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error("nginx did not start");
}
