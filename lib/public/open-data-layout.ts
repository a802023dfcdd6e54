/**
 * The layout of the open-data tables (pure: documents in, rows out). The data layer selects the
 * published documents; the route handlers write the rows as CSV with lib/csv.
 */
import { getFormat, listCells, type FormatId } from "@/lib/formats";
import { getCell, type ReportDocument } from "@/lib/interchange";
import type { CsvValue } from "@/lib/csv";
import type { PublicReportFile } from "./types";

/** The format whose cells are the columns of the yearly table. */
export const OPEN_DATA_FORMAT: FormatId = "gov-2021";

export const OPEN_DATA_LEAD_COLUMNS = ["单位", "索引号", "发布日期", "报告地址", "报告格式"] as const;

export interface OpenDataEntry {
  readonly unitName: string;
  readonly indexNo: string | null;
  /** YYYY-MM-DD (China date) of first publication. */
  readonly publishedOn: string;
  /** Absolute address of the report page. */
  readonly url: string;
  readonly document: ReportDocument;
}

export interface OpenDataTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvValue[])[];
}

/** Header of the yearly table: the lead columns, then every gov-2021 cell by its Chinese name. */
function openDataHeader(): string[] {
  return [...OPEN_DATA_LEAD_COLUMNS, ...listCells(OPEN_DATA_FORMAT).map((c) => c.name)];
}

/**
 * One report as a row. Cells are taken by id, so a report in the 2019 trial format fills the
 * cells it shares with 2021 (table 3 and 4, most of table 2) and leaves the others empty;
 * a legacy free-form report has no national tables and leaves them all empty.
 */
function openDataRow(entry: OpenDataEntry): CsvValue[] {
  const doc = entry.document;
  const cells = listCells(OPEN_DATA_FORMAT).map((c) => {
    const value = doc.format === "legacy-freeform" ? undefined : getCell(doc, c.id);
    return typeof value === "number" ? value : null;
  });
  return [entry.unitName, entry.indexNo ?? "", entry.publishedOn, entry.url, getFormat(doc.format).label, ...cells];
}

export function buildOpenDataTable(entries: readonly OpenDataEntry[]): OpenDataTable {
  return { header: openDataHeader(), rows: entries.map(openDataRow) };
}

export const REPORT_TABLES_COLUMNS = ["表", "行", "列", "数值", "单元格编号"] as const;

/**
 * Tables 2–4 of one report, one row per cell in reading order: table title, row labels, column
 * labels (joined with 「·」), the value as published (empty for a blank cell) and the cell id of
 * `nianbao-report/1`. A legacy report lists the cells of its 附表 instead (row label = the
 * first cell of the row), without cell ids.
 */
export function reportTablesRows(doc: ReportDocument): CsvValue[][] {
  const rows: CsvValue[][] = [[...REPORT_TABLES_COLUMNS]];
  if (doc.format !== "legacy-freeform") {
    for (const cell of listCells(doc.format)) {
      const rowLabels = cell.labelPath.slice(1, cell.labelPath.length - cell.columnLabels.length);
      const value = getCell(doc, cell.id);
      rows.push([cell.labelPath[0] ?? cell.tableId, rowLabels.join("·"), cell.columnLabels.join("·"), typeof value === "number" ? value : null, cell.id]);
    }
    return rows;
  }
  for (const attachment of doc.attachments) {
    for (const row of attachment.rows) {
      const label = row[0] ?? "";
      row.forEach((text, c) => {
        if (c === 0 && row.length > 1) return;
        const column = attachment.columns[c] ?? `第${c + 1}列`;
        rows.push([attachment.title, label, column, text, null]);
      });
    }
  }
  return rows;
}

/** Rows of tables.csv for a public report file (see reportTablesRows). */
export function tablesCsvRowsOf(file: PublicReportFile): CsvValue[][] {
  return reportTablesRows(file.document);
}
