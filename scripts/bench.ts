/**
 * npm run bench — measures the production build on a generated database and prints a table
 * and JSON (also written to .bench/results.json). Needs a build (`npx next build`).
 *
 * Autosave: 20 editors, each with its own draft, save table 三 (the largest section) about
 * once a second (an autosave fires ~1 s after typing stops) for 20 s; the figure is the
 * round-trip latency of the save request. A closed loop without pauses then shows the
 * saturation throughput.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { insertReportDocument } from "@/db/report-store";
import { isDatabaseEmpty, seedDemoData } from "@/db/seed";
import { units, users } from "@/db/schema";
import { createEmptyReport, setTableValue } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";
import { hashPassword } from "@/lib/password-hash";
import { orgCodeCheckChar } from "@/lib/validations/org-code";

const PORT = Number(process.env.BENCH_PORT ?? 3290);
const BASE = `http://localhost:${PORT}`;
const EDITORS = 20;
const PASSWORD = "Bench-Editor-2026";

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

async function startServer(databasePath: string) {
  const child = spawn("node_modules/.bin/tsx", ["scripts/serve.ts"], {
    env: { ...process.env, PORT: String(PORT), DATABASE_PATH: databasePath, AUTH_SECRET: "bench-secret-0123456789abcdef", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("server did not start");
}

/** Creates the bench units, a clerk and a blank draft for each. */
async function prepareEditors(databasePath: string) {
  const db = openDatabase(databasePath);
  migrateDatabase(db);
  if (isDatabaseEmpty(db)) await seedDemoData(db);
  const county = db.select().from(units).where(eq(units.kind, "county")).get()!;
  const passwordHash = await hashPassword(PASSWORD);
  const editors: { username: string; reportId: number }[] = [];
  for (let i = 1; i <= EDITORS; i++) {
    const body = `BENCH${String(i).padStart(3, "0")}`;
    const unit = db
      .insert(units)
      .values({ name: `压测乡${i}人民政府`, shortName: `压测乡${i}`, kind: "township", parentId: county.id, orgCode: body + orgCodeCheckChar(body) })
      .returning()
      .get();
    const username = `bench.clerk${i}`;
    db.insert(users).values({ username, displayName: `压测${i}`, role: "clerk", unitId: unit.id, passwordHash, mustChangePassword: false }).run();
    const doc = createEmptyReport({ format: "gov-2021", year: 2025, unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" } });
    editors.push({ username, reportId: insertReportDocument(db, doc, { unitId: unit.id, status: "draft", origin: "editor" }) });
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
  if (!jar.has("authjs.session-token")) throw new Error(`sign-in failed for ${username}`);
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

async function save(editor: Editor): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${BASE}/api/reports/${editor.reportId}/sections/applications`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", Origin: BASE, Cookie: editor.cookies },
    body: JSON.stringify({ baseVersion: editor.version, cells: table3(editor.step++) }),
  });
  const text = await response.text();
  const elapsed = performance.now() - started;
  if (!text.includes('"status":"saved"')) throw new Error(`save refused: ${text.slice(0, 200)}`);
  editor.version += 1;
  return elapsed;
}

async function autosaveBench(editors: Editor[]) {
  const latencies: number[] = [];
  const until = performance.now() + 20_000;
  await Promise.all(
    editors.map(async (editor, i) => {
      await new Promise((r) => setTimeout(r, (i * 1000) / editors.length)); // spread the editors over a second
      while (performance.now() < until) {
        latencies.push(await save(editor));
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

async function main() {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` first");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-"));
  const databasePath = path.join(dir, "bench.db");
  const prepared = await prepareEditors(databasePath);
  const server = await startServer(databasePath);
  try {
    const editors: Editor[] = [];
    for (const p of prepared) editors.push({ cookies: await signIn(p.username), reportId: p.reportId, version: 1, step: 0 });
    for (const e of editors) await save(e); // warm-up
    const autosave = await autosaveBench(editors);
    const saturation = await saturationBench(editors);
    const results = {
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      autosave: { editors: EDITORS, ...autosave, unit: "ms", target: "p95 ≤ 30 ms" },
      autosaveSaturation: saturation,
    };
    console.log("\n| measurement | value |\n|---|---|");
    console.log(`| autosave round trip, ${EDITORS} editors saving ~1/s (${autosave.saves} saves) | p50 ${autosave.p50} ms · p95 ${autosave.p95} ms · p99 ${autosave.p99} ms |`);
    console.log(`| autosave saturation (${EDITORS} editors, no pauses) | ${saturation.savesPerSecond} saves/s |`);
    console.log(`\n${JSON.stringify(results, null, 2)}`);
    fs.mkdirSync(".bench", { recursive: true });
    fs.writeFileSync(".bench/results.json", `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
