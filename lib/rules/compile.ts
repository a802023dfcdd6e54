import {
  listCells,
  type BalanceRuleDecl,
  type CellInfo,
  type FormatDefinition,
  type SumRuleDecl,
} from "@/lib/formats";
import type { CellValue, ReportTables } from "@/lib/interchange";

/** A format's rules turned into cell-index arrays, compiled once per format definition. */
export interface CompiledFormat {
  readonly format: FormatDefinition;
  readonly cells: readonly CellInfo[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly balances: readonly { readonly decl: BalanceRuleDecl; readonly left: number[]; readonly right: number[] }[];
  readonly sums: readonly { readonly decl: SumRuleDecl; readonly target: number; readonly addends: number[] }[];
  /** Each computed cell with the (non-computed) input cells whose sum it must equal. */
  readonly formulas: readonly { readonly cell: number; readonly inputs: number[] }[];
}

const cache = new WeakMap<FormatDefinition, CompiledFormat>();

function indicesOf(indexOf: ReadonlyMap<string, number>, ids: readonly string[]): number[] {
  return ids.map((id) => {
    const i = indexOf.get(id);
    if (i === undefined) throw new Error(`rule refers to unknown cell ${id}`);
    return i;
  });
}

export function compileFormat(format: FormatDefinition): CompiledFormat {
  const cached = cache.get(format);
  if (cached) return cached;
  const cells = listCells(format);
  const indexOf = new Map(cells.map((c) => [c.id, c.index]));
  const balances = format.rules.balances.map((decl) => ({
    decl,
    left: indicesOf(indexOf, decl.left),
    right: indicesOf(indexOf, decl.right),
  }));
  const sums = format.rules.sums.map((decl) => ({
    decl,
    target: indicesOf(indexOf, [decl.target])[0] ?? -1,
    addends: indicesOf(indexOf, decl.addends),
  }));

  // A computed cell's formula is the first sum rule targeting it, expanded until only
  // input (non-computed) cells remain; e.g. table3.total.results.totalProcessed becomes
  // the sum of all result rows of the six applicant columns.
  const definition = new Map<number, number[]>();
  for (const s of sums) if (!definition.has(s.target)) definition.set(s.target, s.addends);
  const expand = (cell: number, depth: number): number[] => {
    const parts = definition.get(cell);
    if (!parts || !cells[cell]?.computed) return [cell];
    if (depth > 8) throw new Error("circular sum rules");
    return parts.flatMap((p) => expand(p, depth + 1));
  };
  const formulas = cells
    .filter((c) => c.computed && definition.has(c.index))
    .map((c) => ({ cell: c.index, inputs: expand(c.index, 0) }));

  const compiled: CompiledFormat = { format, cells, indexOf, balances, sums, formulas };
  cache.set(format, compiled);
  return compiled;
}

/** Values of all cells of the format, by cell index (`undefined` when missing). */
export function readValues(compiled: CompiledFormat, tables: ReportTables | undefined): (CellValue | undefined)[] {
  const values: (CellValue | undefined)[] = new Array<CellValue | undefined>(compiled.cells.length);
  for (const cell of compiled.cells) {
    let node: unknown = tables?.[cell.tableId];
    for (const segment of cell.path) {
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
    }
    values[cell.index] = typeof node === "number" || node === null ? node : undefined;
  }
  return values;
}

/** Sum of the given cells, or null when one of them is blank. */
export function sumOf(values: readonly (CellValue | undefined)[], indices: readonly number[]): number | null {
  let total = 0;
  for (const i of indices) {
    const v = values[i];
    if (v === null || v === undefined) return null;
    total += v;
  }
  return total;
}
