/**
 * Times the search data function itself (the FTS queries, highlighting and row loading, without
 * page rendering) over the bench database. Run with the react-server condition, under which the
 * `server-only` guard is an empty module: `tsx --conditions=react-server scripts/bench/search-query.ts`.
 */
import { performance } from "node:perf_hooks";
import { searchPublishedReports } from "@/lib/data/public/search";

const QUERIES = ["公开", "依申请公开", "政府信息公开工作", "主动公开政府信息", "桥石21乡", "统计样本", "不存在的内容", '"', "OR NEAR *", "信息".repeat(500)];

async function main() {
  const latencies: number[] = [];
  for (const q of QUERIES) {
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      await searchPublishedReports({ q, page: 1 + (i % 3) });
      latencies.push(performance.now() - started);
    }
    for (const year of [2010, 2020]) {
      const started = performance.now();
      await searchPublishedReports({ q, year });
      latencies.push(performance.now() - started);
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! * 10) / 10;
  process.stdout.write(JSON.stringify({ queries: latencies.length, p50: at(50), p95: at(95), p99: at(99) }));
}

void main();
