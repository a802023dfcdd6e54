/**
 * The report page's throughput in the deployments issue 17 compares: several app processes on
 * one PostgreSQL behind nginx (README, Deploying › PostgreSQL: an `upstream` with keepalive)
 * against one process on SQLite. wrk (32 keep-alive connections, a browser user agent, no
 * cookie: every request a counted first view) runs on each in turn, round after round, so that
 * every round's runs see the same machine; wrk-check.lua checks every response.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { ensureCommand, nginxConfigHead, runWrk, type WrkResult } from "./load-tools";
import { roundRatios, throughputSummary, type ThroughputRun, type ThroughputSummary } from "./stats";

/**
 * nginx on 127.0.0.1:`port` passing everything to the app processes on `upstreamPorts`, as the
 * README's example config does (one worker process; HTTP/1.1 keepalive to the upstream, the
 * headers the app expects behind a proxy; buffers that hold a whole report page). Returns a stop
 * function.
 */
export async function startNginxUpstream(dir: string, port: number, upstreamPorts: readonly number[]): Promise<() => void> {
  dir = path.join(dir, `nginx-upstream-${port}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o755);
  const config = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    config,
    `${nginxConfigHead(dir, 1)}
  upstream nianbao {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-Host $host;
    proxy_set_header X-Forwarded-For $remote_addr;
    proxy_set_header X-Forwarded-Proto http;
    proxy_set_header x-middleware-subrequest "";
    # A report page (about 60 KB) fits in memory: never a temporary file per response.
    proxy_buffer_size 16k;
    proxy_buffers 16 16k;
    proxy_max_temp_file_size 0;
    location / { proxy_pass http://nianbao; }
  }
}
`,
  );
  const child = spawn("nginx", ["-c", config, "-p", dir], { stdio: "ignore" });
  for (let i = 0; i < 40; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return () => child.kill("SIGTERM");
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`nginx did not start (see ${dir}/nginx-error.log)`);
}

/** The page's body length as the given base serves it, with the reload cookie (so not counted). */
function pageLength(url: string, reportId: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": "identity", cookie: `nbv_${reportId}=1` } }, (res) => {
        let length = 0;
        res.on("data", (chunk: Buffer) => (length += chunk.length));
        res.on("end", () => (res.statusCode === 200 ? resolve(length) : reject(new Error(`${url} answered ${res.statusCode}`))));
      })
      .on("error", reject);
  });
}

export interface Topology {
  /** What it is, for the table (e.g. "2 processes on PostgreSQL behind nginx"). */
  label: string;
  /** Where the report page is served, e.g. http://127.0.0.1:3294 (no trailing slash). */
  base: string;
}

export interface TopologyResult extends ThroughputSummary {
  label: string;
  runs: WrkResult[];
}

export interface TopologyComparison {
  url: string;
  rounds: number;
  seconds: number;
  topologies: TopologyResult[];
  /** Each topology's req/s over the first one's, round by round: min and median. */
  ratios: { label: string; min: number; median: number }[];
}

const asRun = (r: WrkResult): ThroughputRun => ({ requestsPerSecond: r.requestsPerSecond, checked: r.checked, bad: r.bad + r.non2xx });

/**
 * The report page on each topology in turn (A, B, C, A, B, C …), `rounds` runs of `seconds`
 * each after a 2-second warm-up run on each; the first topology is the baseline of the ratios.
 */
export async function compareTopologies(options: { reportId: number; topologies: readonly Topology[]; rounds: number; seconds: number }): Promise<TopologyComparison | { skipped: string }> {
  if (!ensureCommand("wrk", "wrk")) return { skipped: "wrk is not installed and could not be installed (apt-get install wrk)" };
  const pagePath = `/reports/${options.reportId}`;
  const lengths: number[] = [];
  for (const t of options.topologies) {
    await runWrk(`${t.base}${pagePath}`, { seconds: 2 }); // warm up: every process has the page cached
    lengths.push(await pageLength(`${t.base}${pagePath}`, options.reportId));
  }
  const runs: WrkResult[][] = options.topologies.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, t] of options.topologies.entries()) {
      // The count on the page grows by a digit now and then: a few bytes of slack.
      runs[i]!.push(await runWrk(`${t.base}${pagePath}`, { seconds: options.seconds, expectLength: lengths[i]!, lengthSlack: 24 }));
    }
  }
  const baseline = runs[0]!.map(asRun);
  return {
    url: pagePath,
    rounds: options.rounds,
    seconds: options.seconds,
    topologies: options.topologies.map((t, i) => ({ label: t.label, ...throughputSummary(runs[i]!.map(asRun)), runs: runs[i]! })),
    ratios: options.topologies.slice(1).map((t, i) => ({ label: t.label, ...roundRatios(runs[i + 1]!.map(asRun), baseline) })),
  };
}
