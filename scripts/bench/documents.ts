/**
 * 原文 files, issue 15: the PDF (and, once its generator is registered, the Word file) of the
 * largest demo report, made by the same generators as the server's background job
 * (lib/serving/document-files.ts) with one Chromium reused — target ≤ 3 s per file and a PDF of
 * at most 1 MB with its fonts embedded as subsets. Runs alone with `npm run bench -- documents`
 * (no build or server needed); the files are written to .bench/ for a look.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Browser } from "playwright-core";
import { EDITION_FILE_MEDIA_TYPES, type EditionFileKind } from "@/lib/document/file-kinds";
import { launchPrintBrowser } from "@/lib/document/pdf";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { EDITION_FILE_GENERATORS, DOCUMENT_FILE_TIMING } from "@/lib/serving/document-files";

const SEED_DIR = "db/seed/reports";
const RUNS = 5;

export interface DocumentBenchResult {
  readonly report: string;
  readonly browserLaunchMs: number;
  readonly files: {
    readonly kind: EditionFileKind;
    readonly runsMs: number[];
    readonly bytes: number;
    readonly pages: number | null;
    readonly fonts: string | null;
  }[];
}

/** The demo report with the longest snapshot. */
function largestDemoReport(): { name: string; document: ReportDocument } {
  const files = fs.readdirSync(SEED_DIR).filter((f) => f.endsWith(".json"));
  const name = files.sort((a, b) => fs.statSync(path.join(SEED_DIR, b)).size - fs.statSync(path.join(SEED_DIR, a)).size)[0]!;
  const parsed = parseReportJson(fs.readFileSync(path.join(SEED_DIR, name), "utf8"));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.error.path} ${parsed.error.message}`);
  return { name: name.replace(/\.json$/, ""), document: parsed.document };
}

function pdfFacts(file: string): { pages: number | null; fonts: string | null } {
  try {
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
    const fontLines = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
    const embedded = fontLines.filter((l) => /\+/.test(l.split(/\s+/)[0] ?? "")).map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ""));
    const type3 = fontLines.filter((l) => /Type 3/.test(l)).length;
    return { pages, fonts: `${[...new Set(embedded)].join(", ")} as subsets${type3 ? `; ${type3} Type 3 glyph sets (the title's Noto Serif CJK Black)` : ""}` };
  } catch {
    return { pages: null, fonts: null }; // poppler-utils not installed
  }
}

export async function documentsBench(): Promise<DocumentBenchResult> {
  const { name, document } = largestDemoReport();
  fs.mkdirSync(".bench", { recursive: true });
  const launchStarted = performance.now();
  const browser = await launchPrintBrowser();
  const browserLaunchMs = performance.now() - launchStarted;
  const tools = { browser: async (): Promise<Browser> => browser, timeoutMs: DOCUMENT_FILE_TIMING.timeoutMs };
  const files: DocumentBenchResult["files"][number][] = [];
  try {
    for (const [kind, generate] of Object.entries(EDITION_FILE_GENERATORS) as [EditionFileKind, NonNullable<(typeof EDITION_FILE_GENERATORS)[EditionFileKind]>][]) {
      await generate(document, tools); // warm-up: fonts loaded, caches filled
      const runsMs: number[] = [];
      let content: Buffer = Buffer.alloc(0);
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        content = await generate(document, tools);
        runsMs.push(performance.now() - started);
      }
      const out = path.join(".bench", `largest-report.${kind}`);
      fs.writeFileSync(out, content);
      files.push({ kind, runsMs, bytes: content.byteLength, ...(kind === "pdf" ? pdfFacts(out) : { pages: null, fonts: null }) });
    }
  } finally {
    await browser.close();
  }
  return { report: name, browserLaunchMs, files };
}

const ms = (n: number) => `${Math.round(n)} ms`;

export function documentsRows(result: DocumentBenchResult): [string, string, string][] {
  const rows: [string, string, string][] = [[`Chromium launch (once, reused for every file)`, ms(result.browserLaunchMs), ""]];
  for (const file of result.files) {
    const sorted = [...file.runsMs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    rows.push([
      `${file.kind.toUpperCase()} of the largest demo report (${result.report}), ${sorted.length} runs: min · median · max`,
      `${ms(sorted[0]!)} · ${ms(median)} · ${ms(sorted.at(-1)!)}`,
      "≤ 3 s",
    ]);
    rows.push([
      `its size (${EDITION_FILE_MEDIA_TYPES[file.kind]})${file.pages ? `, ${file.pages} pages` : ""}`,
      `${(file.bytes / 1024).toFixed(0)} KB${file.fonts ? ` (${file.fonts})` : ""}`,
      file.kind === "pdf" ? "≤ 1 MB" : "",
    ]);
  }
  return rows;
}
