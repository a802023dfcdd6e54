import fc from "fast-check";
import { TABLE3_COLUMN_IDS, listCells, type CellInfo } from "@/lib/formats";
import { emptyTables, setTableValue, type CellValue, type ReportDocument, type ReportTables } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";

export type GovFormat = "gov-2021" | "gov-2019-trial";

function valueArb(cell: CellInfo): fc.Arbitrary<number> {
  switch (cell.type) {
    case "int":
      return fc.nat({ max: 40 });
    case "signedInt":
      return fc.integer({ min: -20, max: 20 });
    case "decimal":
      // k / 1e6 prints with at most 6 decimals.
      return fc.nat({ max: 500_000_000 }).map((k) => k / 1e6);
  }
}

/**
 * Consistent tables: random input cells, 一、本年新收 chosen so that every column
 * balances (R3-1), then all totals computed.
 */
export function consistentTablesArb(format: GovFormat): fc.Arbitrary<ReportTables> {
  const inputs = listCells(format).filter((c) => !c.computed && !c.id.endsWith(".newReceived"));
  return fc.tuple(...inputs.map(valueArb)).map((values) => {
    let tables = emptyTables(format);
    inputs.forEach((cell, i) => {
      tables = setTableValue(tables, cell.id, values[i] ?? 0);
    });
    tables = fillComputedCells(format, tables);
    for (const column of TABLE3_COLUMN_IDS.filter((c) => c !== "total")) {
      const read = (row: string): number => {
        let node: unknown = tables.table3?.[column];
        for (const s of row.split(".")) node = (node as Record<string, unknown>)[s];
        return node as number;
      };
      const out = read("results.totalProcessed") + read("carriedForward");
      const carriedOver = read("carriedOver") % (out + 1);
      tables = setTableValue(tables, `table3.${column}.carriedOver`, carriedOver);
      tables = setTableValue(tables, `table3.${column}.newReceived`, out - carriedOver);
    }
    return fillComputedCells(format, tables);
  });
}

/** Tables with anything in the cells: blanks, negatives, fractions, wrong totals. */
export function messyTablesArb(format: GovFormat): fc.Arbitrary<ReportTables> {
  const cells = listCells(format);
  const messy: fc.Arbitrary<CellValue> = fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: 9 }) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: -5, max: -1 }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
  );
  return fc.tuple(...cells.map(() => messy)).map((values) => {
    let tables = emptyTables(format);
    cells.forEach((cell, i) => {
      tables = setTableValue(tables, cell.id, values[i] ?? null);
    });
    return tables;
  });
}

export function reportWith(base: ReportDocument, tables: ReportTables): ReportDocument {
  return { ...base, tables };
}
