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
  /** The share of the machine's CPU time busy during each timed run (all cores, every process: wrk, nginx, the app, the database), in percent. */
  cpuBusy: number[];
  /** Over the timed runs, the cores each command kept busy on average (1 = one core all the time), largest first. */
  coresByCommand: { command: string; cores: number }[];
}

/** CPU time (user + system jiffies) used so far by the processes of each command name: wrk, nginx, node, postgres … */
function cpuByCommand(): Map<string, number> {
  const used = new Map<string, number>();
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // "pid (comm) state …": the name may hold spaces; utime and stime are fields 14 and 15.
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = name.startsWith("postgres") ? "postgres" : name.split(/[ :]/)[0]!;
    used.set(command, (used.get(command) ?? 0) + Number(fields[11]) + Number(fields[12]));
  }
  return used;
}

/** The machine's CPU time so far (/proc/stat's first line): busy and total jiffies. */
function cpuTimes(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already in user).
  const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
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
  const busy: number[][] = options.topologies.map(() => []);
  const byCommand: Map<string, number>[] = options.topologies.map(() => new Map());
  const ticksPerSecond = 100; // USER_HZ on Linux
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, t] of options.topologies.entries()) {
      const before = cpuTimes();
      const commandsBefore = cpuByCommand();
      // The count on the page grows by a digit now and then: a few bytes of slack.
      runs[i]!.push(await runWrk(`${t.base}${pagePath}`, { seconds: options.seconds, expectLength: lengths[i]!, lengthSlack: 24 }));
      const after = cpuTimes();
      for (const [command, ticks] of cpuByCommand()) {
        const spent = ticks - (commandsBefore.get(command) ?? 0);
        if (spent > 0) byCommand[i]!.set(command, (byCommand[i]!.get(command) ?? 0) + spent);
      }
      busy[i]!.push(Math.round((1000 * (after.busy - before.busy)) / Math.max(1, after.total - before.total)) / 10);
    }
  }
  const coresOf = (i: number) =>
    [...byCommand[i]!]
      .map(([command, ticks]) => ({ command, cores: Math.round((ticks / ticksPerSecond / (options.rounds * options.seconds)) * 100) / 100 }))
      .filter((c) => c.cores >= 0.05)
      .sort((a, b) => b.cores - a.cores);
  const baseline = runs[0]!.map(asRun);
  return {
    url: pagePath,
    rounds: options.rounds,
    seconds: options.seconds,
    topologies: options.topologies.map((t, i) => ({ label: t.label, ...throughputSummary(runs[i]!.map(asRun)), runs: runs[i]!, cpuBusy: busy[i]!, coresByCommand: coresOf(i) })),
    ratios: options.topologies.slice(1).map((t, i) => ({ label: t.label, ...roundRatios(runs[i + 1]!.map(asRun), baseline) })),
  };
}
