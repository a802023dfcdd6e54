import { listCells, resolveFormat, type CellId, type FormatDefinition, type FormatId } from "@/lib/formats";
import { getTableValue, type ReportTables } from "@/lib/interchange";

/** One cell whose summed value changed between two sums. */
export interface SumChange {
  readonly id: CellId;
  /** Chinese name of the cell, e.g. 「三、（一）予以公开·自然人」 (`cellName`). */
  readonly name: string;
  /** True for a total (总计) cell, which changes because its inputs did. */
  readonly computed: boolean;
  /** null: blank (or missing). */
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * What a re-sum changed (e.g. after a unit published a correction): every cell of the format
 * whose value differs between `before` and `after`, in reading order, totals included.
 * Values are compared exactly (sums are already rounded to 6 decimals).
 */
export function sumChanges(
  before: ReportTables | undefined,
  after: ReportTables | undefined,
  format: FormatId | FormatDefinition,
): SumChange[] {
  const changes: SumChange[] = [];
  for (const cell of listCells(resolveFormat(format))) {
    const old = getTableValue(before, cell.id) ?? null;
    const now = getTableValue(after, cell.id) ?? null;
    if (old !== now) changes.push({ id: cell.id, name: cell.name, computed: cell.computed, before: old, after: now });
  }
  return changes;
}
