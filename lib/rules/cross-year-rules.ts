import { cellName, type FormatDefinition } from "@/lib/formats";
import { getTableValue, type CellValue } from "@/lib/interchange";
import type { CompiledFormat } from "./compile";
import { formatNumber, sameNumber } from "./numbers";
import type { CheckableReport, Finding } from "./types";

/**
 * Whether last year's report can be compared with this one: it must be for the year
 * before and, when both carry an organisation code, for the same unit. Returns the
 * reason (Chinese) when it cannot; cross-year rules are then skipped.
 */
export function crossYearMismatch(report: CheckableReport, previous: CheckableReport): string | null {
  if (previous.year !== report.year - 1) {
    return `上年度报告的年度为 ${previous.year} 年，不是 ${report.year - 1} 年，未进行跨年度核对`;
  }
  const a = report.unit?.orgCode;
  const b = previous.unit?.orgCode;
  if (a && b && a !== b) return "上年度报告与本报告不属于同一单位（统一社会信用代码不同），未进行跨年度核对";
  return null;
}

const isNumber = (v: CellValue | undefined): v is number => typeof v === "number";

/** R3-5: 上年结转 (this year) = 结转下年度继续办理 (last year), per column. */
export function checkCarryOver(
  compiled: CompiledFormat,
  values: readonly (CellValue | undefined)[],
  previous: CheckableReport,
  previousFormat: FormatDefinition,
): Finding[] {
  const out: Finding[] = [];
  for (const link of compiled.format.rules.carryOver) {
    const index = compiled.indexOf.get(link.cell);
    const current = index === undefined ? undefined : values[index];
    const before = getTableValue(previous.tables, link.previousCell);
    if (!isNumber(current) || !isNumber(before) || sameNumber(current, before)) continue;
    const name = index === undefined ? link.cell : (compiled.cells[index]?.name ?? link.cell);
    out.push({
      ruleId: "R3-5",
      severity: "warning",
      cells: [link.cell],
      expected: before,
      actual: current,
      message: `${name} 为 ${formatNumber(current)}，上年度报告的“${cellName(previousFormat, link.previousCell)}”为 ${formatNumber(before)}，两者通常应相等，请核实`,
    });
  }
  return out;
}

/** R2-1: valid(N) ≈ valid(N−1) + made(N) − repealed(N), for 规章 and 行政规范性文件. */
export function checkContinuity(
  compiled: CompiledFormat,
  values: readonly (CellValue | undefined)[],
  previous: CheckableReport,
): Finding[] {
  const out: Finding[] = [];
  const value = (id: string): CellValue | undefined => {
    const i = compiled.indexOf.get(id);
    return i === undefined ? undefined : values[i];
  };
  for (const decl of compiled.format.rules.continuity) {
    const made = value(decl.made);
    const repealed = value(decl.repealed);
    const valid = value(decl.valid);
    const validBefore = getTableValue(previous.tables, decl.valid);
    if (!isNumber(made) || !isNumber(repealed) || !isNumber(valid) || !isNumber(validBefore)) continue;
    const expected = validBefore + made - repealed;
    if (sameNumber(valid, expected)) continue;
    out.push({
      ruleId: "R2-1",
      severity: "warning",
      cells: [decl.made, decl.repealed, decl.valid],
      expected,
      actual: valid,
      message:
        `${decl.rowName}·现行有效件数 为 ${formatNumber(valid)}，按上年现行有效 ${formatNumber(validBefore)} 件` +
        ` + 本年制发 ${formatNumber(made)} 件 − 本年废止 ${formatNumber(repealed)} 件推算应为 ${formatNumber(expected)}，` +
        "请核实（如有文件因有效期届满等原因失效，可在正文中说明）",
    });
  }
  return out;
}
