import type { CellValue } from "@/lib/interchange";
import { sumOf, type CompiledFormat } from "./compile";
import { formatNumber, sameNumber, tidy } from "./numbers";
import type { Finding } from "./types";

/*
 * Blank cells: a balance or sum rule is evaluated only when every cell it involves
 * holds a number. With a blank input the rule is skipped — V0 already names the blank
 * cell, and a sum computed as if the blank were 0 would report a misleading expected
 * value. Values that V1 rejects (negative, fractional) are still summed as typed.
 */

/** R3-1: per column, 第一项加第二项之和 = 第三项加第四项之和. */
export function checkBalances(compiled: CompiledFormat, values: readonly (CellValue | undefined)[]): Finding[] {
  const out: Finding[] = [];
  for (const { decl, left, right } of compiled.balances) {
    const l = sumOf(values, left);
    const r = sumOf(values, right);
    if (l === null || r === null || sameNumber(l, r)) continue;
    out.push({
      ruleId: decl.ruleId,
      severity: "error",
      cells: [...decl.left, ...decl.right],
      expected: tidy(l),
      actual: tidy(r),
      message: `“${decl.scope}”列：${decl.leftExplain}为 ${formatNumber(tidy(l))}，${decl.rightExplain}为 ${formatNumber(tidy(r))}，两者应相等`,
    });
  }
  return out;
}

/** R3-2, R3-3, R4-1..R4-3: a total equals the sum of its parts. */
export function checkSums(compiled: CompiledFormat, values: readonly (CellValue | undefined)[]): Finding[] {
  const out: Finding[] = [];
  for (const { decl, target, addends } of compiled.sums) {
    const actual = values[target];
    const expected = sumOf(values, addends);
    if (actual === null || actual === undefined || expected === null || sameNumber(actual, expected)) continue;
    const name = compiled.cells[target]?.name ?? decl.target;
    out.push({
      ruleId: decl.ruleId,
      severity: "error",
      cells: [decl.target, ...decl.addends],
      expected: tidy(expected),
      actual,
      message: `${name} 应为 ${formatNumber(tidy(expected))}（${decl.explain}），现为 ${formatNumber(actual)}`,
    });
  }
  return out;
}
