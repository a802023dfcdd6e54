import type { CellInfo } from "@/lib/formats";
import type { CellValue } from "@/lib/interchange";
import type { CompiledFormat } from "./compile";
import { decimalPlaces, formatNumber } from "./numbers";
import type { Finding } from "./types";

const MAX_DECIMALS = 6;

/** Why a (non-blank) value is not acceptable for its cell type, or null when it is. */
export function valueProblem(cell: Pick<CellInfo, "type">, value: number): string | null {
  switch (cell.type) {
    case "int":
      return Number.isInteger(value) && value >= 0 ? null : "应为不小于 0 的整数";
    case "signedInt":
      return Number.isInteger(value) ? null : "应为整数";
    case "decimal":
      return value >= 0 && decimalPlaces(value) <= MAX_DECIMALS ? null : `应为不小于 0 的数值，最多保留 ${MAX_DECIMALS} 位小数`;
  }
}

/** V0 (blank cell) and V1 (value of the wrong kind), one finding per cell in reading order. */
export function checkValues(compiled: CompiledFormat, values: readonly (CellValue | undefined)[]): {
  blank: Finding[];
  invalid: Finding[];
} {
  const blank: Finding[] = [];
  const invalid: Finding[] = [];
  for (const cell of compiled.cells) {
    const value = values[cell.index];
    if (value === null || value === undefined) {
      blank.push({
        ruleId: "V0",
        severity: "error",
        cells: [cell.id],
        message: cell.computed
          ? `${cell.name} 未填写；请填写合计数，合计为零的填写 0`
          : `${cell.name} 未填写；本年度没有发生的，请填写 0`,
      });
      continue;
    }
    const problem = valueProblem(cell, value);
    if (problem) {
      invalid.push({
        ruleId: "V1",
        severity: "error",
        cells: [cell.id],
        actual: value,
        message: `${cell.name} ${problem}，现为 ${formatNumber(value)}`,
      });
    }
  }
  return { blank, invalid };
}
