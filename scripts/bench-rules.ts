/**
 * Benchmark of the rule engine: a full gov-2021 check (all cells, all arithmetic rules,
 * cross-year rules against last year's report, X-4 over the narrative) of a demo report.
 *
 *   npx tsx scripts/bench-rules.ts [runs]
 *
 * Prints median and p95 in microseconds over `runs` (default 10,000) timed calls.
 */
import { performance } from "node:perf_hooks";
import type { ReportDocument } from "@/lib/interchange";
import { checkReport, computeTotals } from "@/lib/rules";
import { generateDemoReports } from "./lib/demo-reports";

function report(fileName: string): ReportDocument {
  const found = generateDemoReports().find((f) => f.fileName === fileName);
  if (!found) throw new Error(`no demo report ${fileName}`);
  return found.document;
}

function measure(label: string, runs: number, fn: () => unknown): void {
  for (let i = 0; i < Math.min(1000, runs); i++) fn(); // warm-up
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times[i] = (performance.now() - start) * 1000;
  }
  times.sort();
  const at = (q: number): number => times[Math.min(runs - 1, Math.floor(q * runs))] ?? 0;
  console.log(`${label}: median ${at(0.5).toFixed(1)} µs, p95 ${at(0.95).toFixed(1)} µs (${runs} runs)`);
}

const runs = Number(process.argv[2] ?? 10_000);
const current = report("qingshi-2023.json");
const previous = report("qingshi-2022.json");
const draft = report("qingshi-2024-draft.json");

measure("checkReport gov-2021, complete report + previous year", runs, () => checkReport("gov-2021", current, previous));
measure("checkReport gov-2021, draft with 157 blank cells", runs, () => checkReport("gov-2021", draft, current));
measure("computeTotals gov-2021", runs, () => computeTotals("gov-2021", current));
