import type { CellInfo } from "@/lib/formats";
import type { CellValue } from "@/lib/interchange";
import { sumOf, type CompiledFormat } from "./compile";
import { decimalPlaces, formatNumber, tidy } from "./numbers";
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

/**
 * V0 (blank cell) and V1 (value of the wrong kind), one finding per cell in reading order.
 *
 * A blank computed cell (总计) is not reported while one of the cells it is the sum of is blank:
 * nobody types a total, it follows from its parts, and the blank part is reported itself. Only a
 * total left blank although all its parts are filled (an imported report) is a V0 of its own.
 */
export function checkValues(compiled: CompiledFormat, values: readonly (CellValue | undefined)[]): {
  blank: Finding[];
  invalid: Finding[];
} {
  const blank: Finding[] = [];
  const invalid: Finding[] = [];
  const inputsOf = new Map(compiled.formulas.map((f) => [f.cell, f.inputs]));
  for (const cell of compiled.cells) {
    const value = values[cell.index];
    if (value === null || value === undefined) {
      if (!cell.computed) {
        blank.push({ ruleId: "V0", severity: "error", kind: "blank", cells: [cell.id], message: `${cell.name} 未填写；本年度没有发生的，请填写 0` });
        continue;
      }
      const inputs = inputsOf.get(cell.index);
      const sum = inputs ? sumOf(values, inputs) : null;
      if (inputs && sum === null) continue;
      blank.push({
        ruleId: "V0",
        severity: "error",
        kind: "blank",
        cells: [cell.id],
        ...(sum === null ? {} : { expected: tidy(sum) }),
        message: sum === null ? `${cell.name} 未填写` : `${cell.name} 未填写；按各项之和应为 ${formatNumber(tidy(sum))}`,
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
