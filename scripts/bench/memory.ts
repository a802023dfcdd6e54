/**
 * Peak memory of the server during the benchmark: the resident set (VmRSS) of the server's
 * whole process tree (tsx and the Node process it starts), read from /proc every ~100 ms, and
 * each process's own high-water mark (VmHWM) at the end. Linux only; elsewhere it reports null.
 */
import fs from "node:fs";

function statusKiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // gone
  }
}

function processTree(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) {
    const pid = pids[i]!;
    try {
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        const children = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // exited
    }
  }
  return pids;
}

const MiB = (kib: number) => Math.round((kib / 1024) * 10) / 10;

export interface MemoryPeak {
  /** Highest sum of VmRSS over the server's process tree seen by the sampler. */
  peakTreeRssMiB: number;
  /** Highest VmHWM (kernel-recorded peak RSS) of a single process of the tree: the Node server. */
  peakProcessHwmMiB: number;
  samples: number;
  intervalMs: number;
}

export class MemorySampler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private tree: number[] = [];
  private treeAt = 0;
  private peakKiB = 0;
  private hwmKiB = new Map<number, number>();
  private samples = 0;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs = 100,
  ) {}

  static available(): boolean {
    return fs.existsSync("/proc/self/status");
  }

  private sample(): void {
    const now = Date.now();
    if (now - this.treeAt > 1000) {
      this.tree = processTree(this.rootPid);
      this.treeAt = now;
    }
    let sum = 0;
    for (const pid of this.tree) sum += statusKiB(pid, "VmRSS");
    this.peakKiB = Math.max(this.peakKiB, sum);
    this.samples++;
  }

  private readHighWaterMarks(): void {
    for (const pid of processTree(this.rootPid)) this.hwmKiB.set(pid, Math.max(this.hwmKiB.get(pid) ?? 0, statusKiB(pid, "VmHWM")));
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Call while the server is still running (VmHWM goes with the process). */
  stop(): MemoryPeak {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    this.readHighWaterMarks();
    return {
      peakTreeRssMiB: MiB(this.peakKiB),
      peakProcessHwmMiB: MiB(Math.max(0, ...this.hwmKiB.values())),
      samples: this.samples,
      intervalMs: this.intervalMs,
    };
  }
}
