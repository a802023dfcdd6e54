/**
 * 汇总 in the province bench, timed as the office's clerk does it in the browser: opening the
 * 汇总 page (which adds up every listed unit's figures as of now and checks the sum), and
 * pressing 「汇总」 — the page's server action `sumReportAction`, posted as React's client posts
 * it, which sums again inside one transaction and writes the report's tables, the sources and
 * the audit row.
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { latencySummary } from "./stats";
import type { PreparedSummation } from "./province-setup";

const ACTIONS_FILE = "app/(staff)/staff/reports/[id]/summation/actions.ts";

/** The id of the 「汇总」 button's server action in the production build. */
function sumReportActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === ACTIONS_FILE && entry.exportedName === "sumReportAction");
  if (!found) throw new Error(`sumReportAction of ${ACTIONS_FILE} is not in the build`);
  return found[0];
}

async function timed(what: string, request: () => Promise<Response>, accept: (status: number, body: string) => boolean): Promise<number> {
  const started = performance.now();
  const response = await request();
  const body = await response.text();
  const elapsed = performance.now() - started;
  if (!accept(response.status, body)) throw new Error(`${what} answered ${response.status}: ${body.slice(0, 300)}`);
  return elapsed;
}

export interface SummationTiming {
  page: ReturnType<typeof latencySummary>;
  /** The first 「汇总」 (writes every table the sum changes), in ms. */
  firstSum: number;
  /** 「重新汇总」 after it (the same reads and sum; writes the sources, metadata and audit row, no unchanged table). */
  sum: ReturnType<typeof latencySummary>;
}

/** The page once unmeasured, then the first 「汇总」, then `runs` times the page and 「重新汇总」 in turn. */
export async function timeSummation(base: string, cookies: string, summation: PreparedSummation, runs: number): Promise<SummationTiming> {
  const pagePath = `/staff/reports/${summation.reportId}/summation`;
  const actionId = sumReportActionId();
  const openPage = () =>
    timed(
      `the 汇总 page ${pagePath}`,
      () => fetch(`${base}${pagePath}`, { headers: { Cookie: cookies }, redirect: "manual" }),
      (status, body) => status === 200 && body.includes("汇总："),
    );
  const pressSum = () =>
    timed(
      `「汇总」 on ${pagePath}`,
      () =>
        fetch(`${base}${pagePath}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: base, Cookie: cookies },
          body: JSON.stringify([summation.reportId, { sourcesKey: summation.sourcesKey }]),
        }),
      (status, body) => status === 200 && body.includes('"ok":true'),
    );
  await openPage();
  const firstSum = Math.round((await pressSum()) * 10) / 10;
  const page: number[] = [];
  const sum: number[] = [];
  for (let i = 0; i < runs; i++) {
    page.push(await openPage());
    sum.push(await pressSum());
  }
  return { page: latencySummary(page), firstSum, sum: latencySummary(sum) };
}
