import { resolveFormat, type CellId, type FormatDefinition, type FormatId } from "@/lib/formats";
import { setTableValues, type ReportTables } from "@/lib/interchange";
import { compileFormat, readValues, sumOf } from "./compile";
import { tidy } from "./numbers";
import type { CheckableReport } from "./types";

/**
 * The value every computed cell must have given the input (non-computed) cells:
 * table 3 「（七）总计」 row and 「总计」 column, table 4 「总计」 cells. A value is null
 * when one of its inputs is blank. Meant for live suggestions in the editor — it never
 * changes the report (typed totals of imported reports are kept as published).
 */
export function computeTotals(
  format: FormatId | FormatDefinition,
  report: Pick<CheckableReport, "tables">,
): Record<CellId, number | null> {
  const compiled = compileFormat(resolveFormat(format));
  const values = readValues(compiled, report.tables);
  const out: Record<CellId, number | null> = {};
  for (const { cell, inputs } of compiled.formulas) {
    const id = compiled.cells[cell]?.id;
    if (!id) continue;
    const sum = sumOf(values, inputs);
    out[id] = sum === null ? null : tidy(sum);
  }
  return out;
}

/** Tables with every computed cell set to its computed value (for generators and "fill totals"). */
export function fillComputedCells(
  format: FormatId | FormatDefinition,
  tables: ReportTables | undefined,
): ReportTables {
  return setTableValues(tables, Object.entries(computeTotals(format, { tables })));
}
