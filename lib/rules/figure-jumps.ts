import type { TextChecksDecl } from "@/lib/formats";
import { getTableValue, type ReportTables } from "@/lib/interchange";
import { formatNumber } from "./numbers";
import type { Finding } from "./types";

/**
 * X-8 — a key figure at least `ratio` times, or at most 1/`ratio` of, last year's, when the
 * larger of the two reaches `floor`: not wrong in itself, but worth a word of explanation.
 * Only figures both years have as numbers are compared (blank cells are V0's business).
 */
export function checkFigureJumps(tables: ReportTables | undefined, previousTables: ReportTables | undefined, decl: TextChecksDecl): Finding[] {
  const out: Finding[] = [];
  const { ratio, floor, figures } = decl.jump;
  for (const figure of figures) {
    const now = getTableValue(tables, figure.cell);
    const before = getTableValue(previousTables, figure.cell);
    if (typeof now !== "number" || typeof before !== "number") continue;
    if (Math.max(now, before) < floor) continue;
    const up = now >= before * ratio;
    const down = now * ratio <= before;
    if (!up && !down) continue;
    const change =
      before === 0
        ? `上年为 0，本年为 ${formatNumber(now)}`
        : now === 0
          ? `上年为 ${formatNumber(before)}，本年为 0`
          : up
            ? `本年 ${formatNumber(now)}，是上年（${formatNumber(before)}）的 ${round1(now / before)} 倍`
            : `本年 ${formatNumber(now)}，只有上年（${formatNumber(before)}）的 ${round1((now / before) * 100)}%`;
    out.push({
      ruleId: "X-8",
      severity: "warning",
      cells: [figure.cell],
      expected: before,
      actual: now,
      message: `${figure.name}变化异常：${change}。请核对数据，并在正文或提交说明中说明原因`,
    });
  }
  return out;
}

const round1 = (n: number): string => String(Math.round(n * 10) / 10);

