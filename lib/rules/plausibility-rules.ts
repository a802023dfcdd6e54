import { UNIT_KIND_LABELS, type CellValue, type UnitKind } from "@/lib/interchange";
import type { CompiledFormat } from "./compile";
import { formatNumber } from "./numbers";
import type { Finding } from "./types";

/**
 * Unit kinds without power to make 规章 (《中华人民共和国立法法》: only 国务院部门 and
 * 省级、设区的市级 governments may). In this CMS a `department` is a department of a
 * county-level government, so every supported kind is listed.
 */
export const KINDS_WITHOUT_RULEMAKING_POWER: readonly UnitKind[] = ["county", "township", "subdistrict", "department"];

/** R2-2: 规章 cells should be 0 for units without rule-making power; one finding per non-zero cell. */
export function checkRulemaking(
  compiled: CompiledFormat,
  values: readonly (CellValue | undefined)[],
  unitKind: UnitKind | undefined,
): Finding[] {
  if (!unitKind || !KINDS_WITHOUT_RULEMAKING_POWER.includes(unitKind)) return [];
  const out: Finding[] = [];
  for (const id of compiled.format.rules.rulemakingCells) {
    const index = compiled.indexOf.get(id);
    const value = index === undefined ? undefined : values[index];
    if (typeof value !== "number" || value === 0) continue;
    const name = index === undefined ? id : (compiled.cells[index]?.name ?? id);
    out.push({
      ruleId: "R2-2",
      severity: "warning",
      cells: [id],
      expected: 0,
      actual: value,
      message: `${name} 为 ${formatNumber(value)}；${UNIT_KIND_LABELS[unitKind]}没有规章制定权，规章各栏通常应为 0，请核实`,
    });
  }
  return out;
}
