import { listCells, type CellId } from "@/lib/formats";
import {
  createEmptyReport,
  setCell,
  type CellValue,
  type ReportDocument,
  type UnitKind,
} from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";

type GovFormat = "gov-2021" | "gov-2019-trial";

/** A report of the format with every cell 0 (consistent). */
export function zeroReport(format: GovFormat = "gov-2021", year = 2023, kind: UnitKind = "township"): ReportDocument {
  let doc = createEmptyReport({ format, year, unit: { name: "示例县青石镇人民政府", orgCode: "11339999MB0A12318P", kind } });
  for (const cell of listCells(format)) doc = setCell(doc, cell.id, 0);
  return { ...doc, title: `示例县青石镇人民政府${year}年政府信息公开工作年度报告` };
}

/** Set cells; with `totals` the computed cells are recomputed afterwards. */
export function withCells(doc: ReportDocument, values: Readonly<Record<CellId, CellValue>>, totals = false): ReportDocument {
  let out = doc;
  for (const [id, value] of Object.entries(values)) out = setCell(out, id, value);
  return totals ? { ...out, tables: fillComputedCells(out.format, out.tables) } : out;
}

/** Leaf values of the consistent 2023 fixture (totals are computed). */
export const LEAVES_2023: Readonly<Record<CellId, number>> = {
  "table2.normativeDocuments.made": 2,
  "table2.normativeDocuments.repealed": 1,
  "table2.normativeDocuments.valid": 10,
  "table2.licensing.decisions": 15,
  "table2.punishment.decisions": 30,
  "table2.coercion.decisions": 2,
  "table2.fees.amountWanYuan": 0.5,
  "table3.naturalPerson.newReceived": 11,
  "table3.naturalPerson.carriedOver": 2,
  "table3.naturalPerson.results.granted": 6,
  "table3.naturalPerson.results.partialGrant": 1,
  "table3.naturalPerson.results.denied.processInfo": 1,
  "table3.naturalPerson.results.unableToProvide.noInfo": 3,
  "table3.naturalPerson.results.notProcessed.repeat": 1,
  "table3.naturalPerson.carriedForward": 1,
  "table3.commercial.newReceived": 2,
  "table3.commercial.results.granted": 1,
  "table3.commercial.results.unableToProvide.noInfo": 1,
  "table3.legal.newReceived": 1,
  "table3.legal.results.granted": 1,
  "table4.review.maintain": 1,
  "table4.review.correct": 1,
  "table4.litigationDirect.maintain": 1,
};

/** A consistent gov-2021 report for 2023 (no findings at all). */
export function consistent2023(): ReportDocument {
  return withCells(zeroReport("gov-2021", 2023), LEAVES_2023, true);
}

/** The matching 2022 report: its carry-forward and 现行有效件数 continue into 2023. */
export function consistent2022(): ReportDocument {
  return withCells(
    zeroReport("gov-2021", 2022),
    {
      "table2.normativeDocuments.made": 1,
      "table2.normativeDocuments.valid": 9,
      "table3.naturalPerson.newReceived": 7,
      "table3.naturalPerson.results.granted": 5,
      "table3.naturalPerson.carriedForward": 2,
    },
    true,
  );
}
