import { UNIT_KIND_LABELS, type CellValue, type UnitKind } from "@/lib/interchange";
import { levelOfKind, mayMakeRules } from "@/lib/unit-levels";
import { UNIT_LEVEL_LABELS, type UnitLevel } from "@/lib/vocabulary";
import type { CompiledFormat } from "./compile";
import { formatNumber } from "./numbers";
import type { Finding } from "./types";

/**
 * R2-2: 规章 cells should be 0 for units without rule-making power (county level and below; see
 * mayMakeRules); one finding per non-zero cell. The level is the unit's (a department's is its
 * parent's); without it, it is the kind's own (a department then counts as county-level).
 */
export function checkRulemaking(
  compiled: CompiledFormat,
  values: readonly (CellValue | undefined)[],
  unitKind: UnitKind | undefined,
  unitLevel?: UnitLevel,
): Finding[] {
  if (!unitKind) return [];
  const level = unitLevel ?? levelOfKind(unitKind, null);
  if (mayMakeRules(level)) return [];
  const who = unitKind === "department" ? `${UNIT_LEVEL_LABELS[level]}人民政府部门` : UNIT_KIND_LABELS[unitKind];
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
      message: `${name} 为 ${formatNumber(value)}；${who}没有规章制定权，规章各栏通常应为 0，请核实`,
    });
  }
  return out;
}
