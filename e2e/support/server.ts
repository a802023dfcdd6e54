import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { E2E_DATABASE_PATH, E2E_PORT } from "../../playwright.config";

/**
 * A second production server on the e2e database, which a test may kill and start again
 * (the main one belongs to Playwright). Same AUTH_SECRET, so sessions stay valid across it.
 */
export class ExtraServer {
  private process: ChildProcess | null = null;
  readonly port: number;
  /**
   * `portAfterMain`: its port is the main server's plus this (1–9), so that the SQLite and the
   * PostgreSQL lanes, which run side by side on main ports 20 apart, never share one.
   * `stdoutFile`: append the server's stdout (its JSON log) to this file; otherwise it is
   * discarded. `env`: more environment for the server (e.g. NIANBAO_PROCESSES).
   */
  constructor(
    portAfterMain: number,
    private readonly options: { stdoutFile?: string; env?: Record<string, string> } = {},
  ) {
    this.port = E2E_PORT + portAfterMain;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  async start(): Promise<void> {
    const stdout = this.options.stdoutFile ? fs.openSync(this.options.stdoutFile, "a") : "ignore";
    this.process = spawn("node_modules/.bin/tsx", ["scripts/serve.ts"], {
      env: {
        ...process.env,
        PORT: String(this.port),
        DATABASE_PATH: E2E_DATABASE_PATH,
        AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
        NEXT_TELEMETRY_DISABLED: "1",
        // The main e2e server makes the 原文 files; a second Chromium printing the same ones would only load the machine.
        DOCUMENT_FILES: "0",
        ...(this.options.stdoutFile ? { LOG_LEVEL: "info" } : {}),
        ...this.options.env,
      },
      stdio: ["ignore", stdout, "ignore"],
      // Its own process group, so that killing it also kills the node process tsx starts.
      detached: true,
    });
    if (typeof stdout === "number") fs.closeSync(stdout); // the child has its own copy
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server on ${this.port} did not start`);
  }

  /** A clean stop (SIGTERM to the server, which finishes its requests and writes its views). */
  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await exited;
    this.process = null;
  }

  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGKILL");
    await exited;
    this.process = null;
  }
}
