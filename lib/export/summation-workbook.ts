/**
 * The 汇总 export (issue 14): tables 二–四 of a summed report and its per-unit breakdown as an
 * `.xlsx` workbook (supervisors forward it upward) and the breakdown as CSV. Pure: figures in,
 * bytes out; the data layer loads the 汇总 and authorizes, the route sends the file.
 *
 * Every sheet is laid out from the format's data (`buildTableLayout`, the same render model as
 * the statistics tables on screen), so the merged headers are exactly the format's.
 */
import ExcelJS from "exceljs";
import {
  buildTableLayout,
  listCells,
  resolveFormat,
  type CellInfo,
  type CellType,
  type FormatId,
  type LayoutCell,
  type TableDef,
  type TableLayout,
} from "@/lib/formats";
import { getTableValue, type ReportTables } from "@/lib/interchange";
import { toCsv, type CsvValue } from "@/lib/csv";
import type { SummationBreakdown } from "@/lib/summation";

export interface SummationExportInput {
  /** Title of the 汇总 report, e.g. 「示例县2023年政府信息公开工作年度报告」; the first row of every sheet. */
  readonly title: string;
  readonly format: FormatId;
  /** The summed tables (what the 汇总 report shows). */
  readonly tables: ReportTables;
  /** Who contributed what (本级 first, then each unit), from `sumTables`. */
  readonly breakdown: SummationBreakdown;
}

export const BREAKDOWN_SHEET_NAME = "分单位明细";
export const BREAKDOWN_UNIT_HEADER = "单位";
export const BREAKDOWN_TOTAL_LABEL = "合计";

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Rows of the per-unit breakdown: one per contributor, then 合计 (the summed tables). */
export interface BreakdownRows {
  /** The cells of the format, in reading order: one column each after 「单位」. */
  readonly cells: readonly CellInfo[];
  /** 「单位」, then each cell's Chinese name (e.g. 「三、（七）总计·自然人」). */
  readonly header: readonly string[];
  /** Contributor label, then its value of each cell (null: blank). */
  readonly rows: readonly (readonly [string, ...(number | null)[]])[];
  /** 「合计」, then the summed tables' value of each cell (null: blank in the sum). */
  readonly total: readonly [string, ...(number | null)[]];
}

export function summationBreakdownRows(input: SummationExportInput): BreakdownRows {
  const cells = listCells(input.format);
  const { contributors, values } = input.breakdown;
  const rows = contributors.map(
    (contributor, i) =>
      [contributor.label, ...cells.map((cell) => values[cell.id]?.[i] ?? null)] as [string, ...(number | null)[]],
  );
  const total: [string, ...(number | null)[]] = [
    BREAKDOWN_TOTAL_LABEL,
    ...cells.map((cell) => {
      const value = getTableValue(input.tables, cell.id);
      return typeof value === "number" ? value : null;
    }),
  ];
  return { cells, header: [BREAKDOWN_UNIT_HEADER, ...cells.map((c) => c.name)], rows, total };
}

/**
 * The per-unit breakdown as CSV (lib/csv: UTF-8 with BOM, CRLF, RFC 4180): a header row
 * (「单位」 and every cell's Chinese name), one row per contributor, then 「合计」. Blank cells
 * stay empty, never 0.
 */
export function summationCsv(input: SummationExportInput): string {
  const { header, rows, total } = summationBreakdownRows(input);
  const lines: (readonly CsvValue[])[] = [header, ...rows, total];
  return toCsv(lines);
}

// ---------------------------------------------------------------------------------------------
// Workbook

const FONT_NAME = "宋体";
const BODY_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 11 };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 14, bold: true };
const SUBTITLE_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 12, bold: true };
const THIN: Partial<ExcelJS.Border> = { style: "thin" };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
/** A light grey for computed cells (总计), as on screen. */
const COMPUTED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

/** Points per wrapped line of 11 pt 宋体, and the padding of a row. */
const LINE_HEIGHT = 14.5;
const ROW_PADDING = 4;
const TITLE_LINE_HEIGHT = 20;
const SUBTITLE_LINE_HEIGHT = 17;

const NUMBER_FORMATS: Readonly<Record<CellType, string>> = {
  int: "0",
  signedInt: "0",
  // 万元: at least 2 decimals, and every stored one (the format allows 6; real reports use them).
  decimal: "0.00####",
};

const numberStyles = new Map<string, Partial<ExcelJS.Style>>();

/**
 * The style of a number cell, one shared object per kind (exceljs writes one style record per
 * distinct style object, which keeps a 200-unit 明细 sheet fast): its number format, a grey
 * fill for computed cells (总计) and the 合计 row, bold for 合计. Treat as read-only.
 */
function numberStyle(type: CellType, computed: boolean, total: boolean): Partial<ExcelJS.Style> {
  const key = `${type}:${computed}:${total}`;
  let style = numberStyles.get(key);
  if (!style) {
    style = {
      font: total ? { ...BODY_FONT, bold: true } : BODY_FONT,
      border: BORDER,
      numFmt: NUMBER_FORMATS[type],
      alignment: { horizontal: "right", vertical: "middle" },
      ...(computed || total ? { fill: COMPUTED_FILL } : {}),
    };
    numberStyles.set(key, style);
  }
  return style;
}

/**
 * Width of a text in Excel column units (the width of a digit): a Chinese character or
 * full-width punctuation is about two.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2.1 : 1.1;
  return width;
}

/** A sheet name Excel accepts: no `\ / ? * [ ] :`, at most 31 characters. */
export function sheetName(text: string): string {
  return Array.from(text.replace(/[\\/?*[\]:]/g, "-")).slice(0, 31).join("");
}

/** A layout cell with its position on the sheet (1-based row and column). */
interface PlacedCell {
  readonly cell: LayoutCell;
  readonly row: number;
  readonly col: number;
}

/** Place every cell of the layout on the grid (HTML table algorithm: skip slots taken by row spans). */
function placeLayout(rows: readonly (readonly LayoutCell[])[], firstRow: number): PlacedCell[] {
  const taken: boolean[][] = [];
  const out: PlacedCell[] = [];
  rows.forEach((row, r) => {
    const slots = (taken[r] ??= []);
    let col = 0;
    for (const cell of row) {
      while (slots[col]) col += 1;
      out.push({ cell, row: firstRow + r, col: col + 1 });
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        const rowSlots = (taken[r + dr] ??= []);
        for (let dc = 0; dc < cell.colSpan; dc += 1) rowSlots[col + dc] = true;
      }
      col += cell.colSpan;
    }
  });
  return out;
}

/**
 * Style every cell of a merged range (Excel draws a merged cell's borders from each member);
 * the cells share the style object.
 */
function styleRange(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number, style: Partial<ExcelJS.Style>): void {
  for (let r = top; r <= bottom; r += 1) {
    for (let c = left; c <= right; c += 1) sheet.getCell(r, c).style = style;
  }
}

function mergeIfSpanned(sheet: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): void {
  if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
}

/** A title row merged across the sheet's width. */
function addTitleRow(sheet: ExcelJS.Worksheet, row: number, text: string, width: number, font: Partial<ExcelJS.Font>): void {
  sheet.getCell(row, 1).value = text;
  mergeIfSpanned(sheet, row, 1, row, width);
  styleRange(sheet, row, 1, row, width, { font, alignment: { horizontal: "center", vertical: "middle", wrapText: true } });
}

/**
 * Column widths that fit the Chinese labels: a label wraps within its column, so a long one
 * is capped; a group label spanning many rows (「三、本年度办理结果」) may wrap over them.
 */
function columnWidths(placed: readonly PlacedCell[], columnCount: number): number[] {
  const widths = Array.from({ length: columnCount }, () => 0);
  for (const { cell, col } of placed) {
    if (cell.colSpan !== 1) continue;
    let need: number;
    if (cell.kind === "data") need = 10;
    else {
      const cap = cell.kind === "rowHeader" ? 44 : 16;
      need = Math.min(cap, Math.ceil(textWidth(cell.text) / Math.min(cell.rowSpan, 3)) + 2);
    }
    widths[col - 1] = Math.max(widths[col - 1] ?? 0, need);
  }
  return widths.map((w) => Math.max(w, 8));
}

/**
 * exceljs leaves out a column whose width equals its own default (9), and Excel then shows its
 * default (8.43), so a width of 9 is written as 9.1.
 */
function setColumnWidth(sheet: ExcelJS.Worksheet, column: number, width: number): void {
  sheet.getColumn(column).width = width === 9 ? 9.1 : Math.round(width * 10) / 10;
}

function linesNeeded(text: string, width: number): number {
  return Math.max(1, Math.ceil(textWidth(text) / Math.max(1, width - 1.5)));
}

/** A label placed on the sheet, for fitting row heights. */
interface TextCell {
  readonly text: string;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Points per line (default: 11 pt text). */
  readonly lineHeight?: number;
}

/**
 * Row heights for wrapped labels (Excel does not fit the height of merged or wrapped cells
 * itself): each row fits its single-row labels, then the last row of a taller merged label grows
 * when the rows it spans are not high enough.
 */
function fitRowHeights(sheet: ExcelJS.Worksheet, cells: readonly TextCell[], widths: readonly number[]): void {
  const heights = new Map<number, number>();
  const spanWidth = (col: number, colSpan: number): number => widths.slice(col - 1, col - 1 + colSpan).reduce((a, b) => a + b, 0);
  const heightOf = (row: number): number => heights.get(row) ?? LINE_HEIGHT + ROW_PADDING;
  for (const c of cells.filter((c) => c.rowSpan === 1)) {
    const need = linesNeeded(c.text, spanWidth(c.col, c.colSpan)) * (c.lineHeight ?? LINE_HEIGHT) + ROW_PADDING;
    heights.set(c.row, Math.max(heightOf(c.row), need));
  }
  for (const c of cells.filter((c) => c.rowSpan > 1)) {
    const need = linesNeeded(c.text, spanWidth(c.col, c.colSpan)) * LINE_HEIGHT + ROW_PADDING;
    let have = 0;
    for (let r = c.row; r < c.row + c.rowSpan; r += 1) have += heightOf(r);
    const last = c.row + c.rowSpan - 1;
    if (need > have) heights.set(last, heightOf(last) + need - have);
  }
  for (const [row, height] of heights) sheet.getRow(row).height = Math.round(height * 4) / 4;
}

/** Rows above the table on every sheet: the report title and the table title. */
const TITLE_ROWS = 2;

function addTableSheet(workbook: ExcelJS.Workbook, input: SummationExportInput, table: TableDef, layout: TableLayout): void {
  const width = layout.columnCount;
  const headRows = layout.head.length;
  const placed = placeLayout([...layout.head, ...layout.body], TITLE_ROWS + 1);
  const labelColumns = Math.min(...placed.filter((p) => p.cell.kind === "data").map((p) => p.col)) - 1;
  const sheet = workbook.addWorksheet(sheetName(table.title), {
    views: [{ state: "frozen", xSplit: headRows > 0 ? labelColumns : 0, ySplit: TITLE_ROWS + headRows }],
    pageSetup: {
      paperSize: 9,
      orientation: width >= 10 ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      ...(headRows > 0 ? { printTitlesRow: `${TITLE_ROWS + 1}:${TITLE_ROWS + headRows}` } : {}),
    },
  });
  const cellsById = new Map(listCells(input.format).map((c) => [c.id, c]));

  addTitleRow(sheet, 1, input.title, width, TITLE_FONT);
  addTitleRow(sheet, 2, table.title, width, SUBTITLE_FONT);

  for (const { cell, row, col } of placed) {
    const bottom = row + cell.rowSpan - 1;
    const right = col + cell.colSpan - 1;
    const target = sheet.getCell(row, col);
    mergeIfSpanned(sheet, row, col, bottom, right);
    if (cell.kind === "data") {
      const value = getTableValue(input.tables, cell.cellId);
      if (typeof value === "number") target.value = value;
      styleRange(sheet, row, col, bottom, right, numberStyle(cellsById.get(cell.cellId)?.type ?? cell.type, cell.computed, false));
    } else {
      target.value = cell.text;
      const left = cell.kind === "rowHeader" && cell.rowSpan === 1;
      styleRange(sheet, row, col, bottom, right, {
        font: cell.kind === "blockHeader" ? { ...BODY_FONT, bold: true } : BODY_FONT,
        border: BORDER,
        alignment: { horizontal: left ? "left" : "center", vertical: "middle", wrapText: true },
      });
    }
  }

  const widths = columnWidths(placed, width);
  widths.forEach((w, i) => setColumnWidth(sheet, i + 1, w));
  fitRowHeights(
    sheet,
    [
      { text: input.title, row: 1, col: 1, rowSpan: 1, colSpan: width, lineHeight: TITLE_LINE_HEIGHT },
      { text: table.title, row: 2, col: 1, rowSpan: 1, colSpan: width, lineHeight: SUBTITLE_LINE_HEIGHT },
      ...placed.flatMap(({ cell, row, col }) =>
        cell.kind === "data" ? [] : [{ text: cell.text, row, col, rowSpan: cell.rowSpan, colSpan: cell.colSpan }],
      ),
    ],
    widths,
  );
}

/** Header rows of the 明细 sheet: title, table titles over their cells, cell names. */
const BREAKDOWN_HEADER_ROWS = 3;
/** Width of a cell's column on the 明细 sheet (its name wraps). */
const NAME_COLUMN_WIDTH = 14;

function addBreakdownSheet(workbook: ExcelJS.Workbook, input: SummationExportInput): void {
  const { cells, header, rows, total } = summationBreakdownRows(input);
  const width = header.length;
  const sheet = workbook.addWorksheet(BREAKDOWN_SHEET_NAME, {
    views: [{ state: "frozen", xSplit: 1, ySplit: BREAKDOWN_HEADER_ROWS }],
    pageSetup: { paperSize: 9, orientation: "landscape", printTitlesRow: `2:${BREAKDOWN_HEADER_ROWS}`, printTitlesColumn: "A:A" },
  });
  const headerStyle: Partial<ExcelJS.Style> = {
    font: BODY_FONT,
    border: BORDER,
    alignment: { horizontal: "center", vertical: "middle", wrapText: true },
  };

  addTitleRow(sheet, 1, `${input.title}（${BREAKDOWN_SHEET_NAME}）`, Math.min(width, 12), TITLE_FONT);
  sheet.getCell(2, 1).value = BREAKDOWN_UNIT_HEADER;
  sheet.mergeCells(2, 1, 3, 1);
  styleRange(sheet, 2, 1, 3, 1, headerStyle);
  const format = resolveFormat(input.format);
  for (const table of format.tables) {
    const first = cells.findIndex((c) => c.tableId === table.id);
    const count = cells.filter((c) => c.tableId === table.id).length;
    if (first < 0) continue;
    const left = first + 2;
    sheet.getCell(2, left).value = table.title;
    mergeIfSpanned(sheet, 2, left, 2, left + count - 1);
    styleRange(sheet, 2, left, 2, left + count - 1, { ...headerStyle, alignment: { horizontal: "left", vertical: "middle" } });
  }
  const nameStyle: Partial<ExcelJS.Style> = headerStyle;
  cells.forEach((cell, i) => {
    const target = sheet.getCell(BREAKDOWN_HEADER_ROWS, i + 2);
    target.value = cell.name;
    target.style = nameStyle;
  });

  const valueRows = [...rows, total];
  const labelStyle: Partial<ExcelJS.Style> = { font: BODY_FONT, border: BORDER, alignment: { vertical: "middle", wrapText: true } };
  const totalLabelStyle: Partial<ExcelJS.Style> = { ...labelStyle, font: { ...BODY_FONT, bold: true } };
  valueRows.forEach((values, r) => {
    const row = sheet.getRow(BREAKDOWN_HEADER_ROWS + 1 + r);
    const isTotal = r === valueRows.length - 1;
    const [label, ...numbers] = values;
    const labelCell = row.getCell(1);
    labelCell.value = label;
    labelCell.style = isTotal ? totalLabelStyle : labelStyle;
    numbers.forEach((value, i) => {
      const target = row.getCell(i + 2);
      if (value !== null) target.value = value;
      target.style = numberStyle(cells[i]?.type ?? "int", cells[i]?.computed === true, isTotal);
    });
  });

  const labelWidth = Math.min(40, Math.max(12, ...valueRows.map(([label]) => textWidth(label) + 2)));
  setColumnWidth(sheet, 1, labelWidth);
  for (let c = 2; c <= width; c += 1) setColumnWidth(sheet, c, NAME_COLUMN_WIDTH);
  const longestName = Math.max(0, ...cells.map((c) => textWidth(c.name)));
  sheet.getRow(3).height = Math.ceil(longestName / (NAME_COLUMN_WIDTH - 1.5)) * LINE_HEIGHT + ROW_PADDING;
  sheet.getRow(1).height = TITLE_LINE_HEIGHT + ROW_PADDING;
}

/**
 * The 汇总 workbook: one sheet per statistics table of the format (二、三、四; named by the
 * table title), laid out like the format — title rows, the merged headers and row labels,
 * numbers as numbers (万元 with two or more decimals), blank cells empty, thin borders, frozen
 * headers — and 「分单位明细」: one row per contributor (本级 first, then each unit) with every
 * cell of the format as a column, and a 「合计」 row equal to the summed tables.
 */
export async function summationWorkbook(input: SummationExportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "年报";
  workbook.title = input.title;
  const format = resolveFormat(input.format);
  for (const table of format.tables) addTableSheet(workbook, input, table, buildTableLayout(table));
  addBreakdownSheet(workbook, input);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
