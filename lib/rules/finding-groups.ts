import { resolveFormat, type CellId, type FormatDefinition, type FormatId } from "@/lib/formats";
import type { ReportTables } from "@/lib/interchange";
import { compileFormat, readValues, type CompiledFormat } from "./compile";
import type { Finding } from "./types";

/**
 * How findings are presented to the person filling in the report: blanks counted apart from
 * mistakes, a consequence grouped under its cause, and the cell to take the clerk to.
 * Pure; the editor, the preview and the server-side gates read findings through these.
 */

/** A cell not filled in yet (V0): counted as 「未填」, not as a mistake; it still blocks submission. */
export const isBlank = (finding: Pick<Finding, "kind">): boolean => finding.kind === "blank";

/**
 * An error that is a mistake in what was entered (not a blank cell): what a gate such as
 * 「标记为已完成」 refuses. Submission refuses every `severity: "error"`, blanks included (V0).
 */
export const isMistake = (finding: Pick<Finding, "severity" | "kind">): boolean => finding.severity === "error" && !isBlank(finding);

/** A finding shown on its own in lists: not a blank cell, not a consequence of another finding. */
export const isListed = (finding: Pick<Finding, "kind" | "consequenceOf">): boolean => !isBlank(finding) && finding.consequenceOf === undefined;

/** A finding's identity within one check (the same shape as the explanation keys of submissions). */
export const findingId = (finding: Pick<Finding, "ruleId" | "cells" | "path">): string =>
  `${finding.ruleId}|${finding.cells.join(",")}|${finding.path ?? ""}`;

export interface FindingCounts {
  /** Mistakes, one per cause (a grouped consequence is not counted again). */
  readonly errors: number;
  readonly warnings: number;
  /** Cells not filled in yet (V0). */
  readonly blanks: number;
}

export function countFindings(findings: readonly Pick<Finding, "severity" | "kind" | "consequenceOf">[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let blanks = 0;
  for (const f of findings) {
    if (isBlank(f)) blanks += 1;
    else if (f.consequenceOf !== undefined) continue;
    else if (f.severity === "error") errors += 1;
    else warnings += 1;
  }
  return { errors, warnings, blanks };
}

/** The findings that follow from `cause` (marked by markConsequences). */
export function consequencesOf(cause: Finding, findings: readonly Finding[]): Finding[] {
  const id = findingId(cause);
  return findings.filter((f) => f.consequenceOf === id);
}

const formulaCache = new WeakMap<CompiledFormat, ReadonlyMap<number, readonly number[]>>();

function formulasOf(compiled: CompiledFormat): ReadonlyMap<number, readonly number[]> {
  let map = formulaCache.get(compiled);
  if (!map) {
    map = new Map(compiled.formulas.map((f) => [f.cell, f.inputs]));
    formulaCache.set(compiled, map);
  }
  return map;
}

/** A cell id list with each computed cell replaced by the input cells it is the sum of. */
function expandToInputs(compiled: CompiledFormat, cells: readonly CellId[]): number[] {
  const formulaOf = formulasOf(compiled);
  const out = new Set<number>();
  for (const id of cells) {
    const index = compiled.indexOf.get(id);
    if (index === undefined) continue;
    for (const i of formulaOf.get(index) ?? [index]) out.add(i);
  }
  return [...out];
}

/**
 * Marks consequences (`consequenceOf`): a balance or sum finding all of whose cells are computed
 * (the 总计 column) follows from a finding of the same rule over the input cells they are summed
 * from (e.g. one wrong figure in the 自然人 column breaks R3-1 for 自然人 and, through the sums,
 * for 总计). Without such a cause (typed totals of an imported report) it stays on its own.
 */
export function markConsequences(compiled: CompiledFormat, findings: readonly Finding[]): Finding[] {
  const allComputed = (f: Finding) =>
    f.kind !== "blank" && f.cells.length > 1 && f.cells.every((id) => compiled.cells[compiled.indexOf.get(id) ?? -1]?.computed === true);
  const consequential = findings.filter(allComputed);
  if (consequential.length === 0) return [...findings];
  const expanded = new Map<Finding, readonly number[]>();
  const inputsOf = (f: Finding) => {
    let e = expanded.get(f);
    if (!e) expanded.set(f, (e = expandToInputs(compiled, f.cells)));
    return e;
  };
  const causeOf = new Map<Finding, string>();
  for (const f of consequential) {
    const inputs = new Set(inputsOf(f));
    const cause = findings.find((g) => g.ruleId === f.ruleId && g.kind !== "blank" && g.cells.length > 1 && !allComputed(g) && inputsOf(g).some((i) => inputs.has(i)));
    if (cause) causeOf.set(f, findingId(cause));
  }
  return findings.map((f) => {
    const cause = causeOf.get(f);
    return cause === undefined ? f : { ...f, consequenceOf: cause };
  });
}

/**
 * The cell the clerk most likely mistyped, to focus when a finding is chosen. The heuristic:
 *
 * 1. The cell the clerk typed most recently among the input cells the finding rests on (computed
 *    cells expanded into the cells they add up): what was just typed is what just broke it.
 * 2. Otherwise, among those input cells except the anchor — the left side of a balance
 *    (本年新收, 上年结转: counted from the register, rarely wrong) or the total of a sum — the one
 *    with the largest value (a slip of the finger adds a digit rather than removing one); on a
 *    tie, the later one in reading order (结转下年度 before the outcome rows).
 * 3. Otherwise the finding's first cell.
 */
export function likelyMistypedCell(
  format: FormatId | FormatDefinition,
  finding: Pick<Finding, "ruleId" | "cells">,
  tables: ReportTables | undefined,
  typedRecently: readonly CellId[] = [],
): CellId | undefined {
  if (finding.cells.length <= 1) return finding.cells[0];
  const compiled = compileFormat(resolveFormat(format));
  const inputs = expandToInputs(compiled, finding.cells)
    .filter((i) => compiled.cells[i]?.computed !== true)
    .sort((a, b) => a - b);
  for (let k = typedRecently.length - 1; k >= 0; k--) {
    const index = compiled.indexOf.get(typedRecently[k]!);
    if (index !== undefined && inputs.includes(index)) return typedRecently[k];
  }
  const balance = compiled.balances.find((b) => b.decl.ruleId === finding.ruleId && sameCells([...b.decl.left, ...b.decl.right], finding.cells));
  const anchors = new Set(balance ? expandToInputs(compiled, balance.decl.left) : [compiled.indexOf.get(finding.cells[0]!) ?? -1]);
  const values = readValues(compiled, tables);
  let best: number | undefined;
  for (const i of inputs) {
    if (anchors.has(i)) continue;
    if (best === undefined || (values[i] ?? 0) >= (values[best] ?? 0)) best = i;
  }
  return best === undefined ? finding.cells[0] : compiled.cells[best]?.id;
}

const sameCells = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
