/*
 * Statistics tables (二–四) read from a Word table: the table is laid out on a grid (merged
 * cells cover every slot they span, as in Word), and each value is placed by its labels — the
 * row labels to its left and the column labels above it — compared with the format's labels
 * (lib/formats), not by position. So a table with an extra title row, labels split over more
 * or fewer columns, spaces inside labels or half-width brackets still lands in the right cells.
 */
import { buildTableLayout, type CellId, type LayoutCell, type TableDef } from "@/lib/formats";
import { textOf, type HtmlElement } from "@/lib/document/html-tree";
import { LabelIndex, normalizeLabel, parseCellText } from "./labels";

/** One cell of a Word table with its text and where it sits on the grid. */
interface GridCell {
  readonly text: string;
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/** The slots of a table: `slots[r][c]` is the cell covering row r, column c. */
export interface Grid {
  readonly cells: readonly GridCell[];
  readonly slots: readonly (readonly (GridCell | undefined)[])[];
}

const rowsOf = (table: HtmlElement): HtmlElement[] =>
  table.children.flatMap((c) => (c.type === "element" && ["thead", "tbody", "tfoot"].includes(c.tag) ? c.children : [c])).filter((c): c is HtmlElement => c.type === "element" && c.tag === "tr");

const span = (value: string | undefined): number => Math.max(1, Math.min(50, Number.parseInt(value ?? "1", 10) || 1));

/** Lays a table out as the HTML table algorithm does (cells skip slots taken by row spans above). */
export function tableGrid(table: HtmlElement): Grid {
  const cells: GridCell[] = [];
  const slots: (GridCell | undefined)[][] = [];
  rowsOf(table).forEach((tr, r) => {
    const row = (slots[r] ??= []);
    let col = 0;
    for (const td of tr.children) {
      if (td.type !== "element" || (td.tag !== "td" && td.tag !== "th")) continue;
      while (row[col]) col += 1;
      const cell: GridCell = { text: textOf(td).replace(/\s+/g, " ").trim(), row: r, col, rowSpan: span(td.attrs.rowspan), colSpan: span(td.attrs.colspan) };
      cells.push(cell);
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        const target = (slots[r + dr] ??= []);
        for (let dc = 0; dc < cell.colSpan; dc += 1) target[col + dc] = cell;
      }
      col += cell.colSpan;
    }
  });
  return { cells, slots };
}

/** Grid of the format's own layout (text cells and data cells with their ids). */
function layoutGrid(def: TableDef): { rows: (LayoutCell | undefined)[][]; headRows: number } {
  const layout = buildTableLayout(def);
  const all = [...layout.head, ...layout.body];
  const rows: (LayoutCell | undefined)[][] = [];
  all.forEach((cells, r) => {
    const row = (rows[r] ??= []);
    let col = 0;
    for (const cell of cells) {
      while (row[col]) col += 1;
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        const target = (rows[r + dr] ??= []);
        for (let dc = 0; dc < cell.colSpan; dc += 1) target[col + dc] = cell;
      }
      col += cell.colSpan;
    }
  });
  return { rows, headRows: layout.head.length };
}

const isLabelText = (text: string): boolean => text !== "" && !parseCellText(text).ok;

/** Texts of the distinct cells along a line of slots that are labels (not numbers or blanks). */
function labelPath<T>(slots: readonly (T | undefined)[], textOfCell: (cell: T) => string | null): string {
  const seen = new Set<T>();
  const parts: string[] = [];
  for (const cell of slots) {
    if (cell === undefined || seen.has(cell)) continue;
    seen.add(cell);
    const text = textOfCell(cell);
    if (text !== null && isLabelText(text)) parts.push(text);
  }
  return parts.join("");
}

const layoutText = (cell: LayoutCell): string | null => (cell.kind === "data" ? null : cell.text);

export interface PlacedTable {
  /** Cell id → value read (null for a blank cell). */
  readonly values: Map<CellId, number | null>;
  /** What could not be placed (Chinese, for the clerk). */
  readonly unplaced: string[];
}

/** The format's data cells keyed by (row label path, column label path) for a grid table. */
function expectedGridCells(def: TableDef) {
  const { rows, headRows } = layoutGrid(def);
  const width = Math.max(...rows.map((r) => r.length));
  const columnPaths: string[] = [];
  for (let c = 0; c < width; c += 1) columnPaths.push(labelPath(rows.slice(0, headRows).map((r) => r[c]), layoutText));
  const byRow = new LabelIndex<Map<string, CellId>>();
  const rowPaths: string[] = [];
  for (const row of rows.slice(headRows)) {
    const rowPath = labelPath(row, (cell) => (cell.kind === "rowHeader" ? cell.text : null));
    rowPaths.push(rowPath);
    const byColumn = new Map<string, CellId>();
    row.forEach((cell, c) => {
      if (cell?.kind === "data") byColumn.set(columnPaths[c]!, cell.cellId);
    });
    byRow.add(rowPath, byColumn);
  }
  return { byRow, rowPaths };
}

/** Finds a column among the expected column paths: the same labels, maybe under an extra title cell. */
function findColumn(columns: Map<string, CellId>, docPath: string): CellId | undefined {
  const columnIndex = new LabelIndex<CellId>();
  for (const [path, id] of columns) columnIndex.add(path, id);
  const direct = columnIndex.find(docPath);
  if (direct) return direct;
  const normalized = normalizeLabel(docPath);
  for (const [path, id] of columns) if (path && normalized.endsWith(normalizeLabel(path))) return id;
  return undefined;
}

function readValue(text: string, where: string, values: Map<CellId, number | null>, unplaced: string[], id: CellId): void {
  const parsed = parseCellText(text);
  if (parsed.ok) values.set(id, parsed.value);
  else unplaced.push(`${where}：「${text}」不是数字，未填入`);
}

/** Places the values of a grid table (table 3 or 4) by their row and column labels. */
function placeGridTable(def: TableDef, grid: Grid): PlacedTable {
  const values = new Map<CellId, number | null>();
  const unplaced: string[] = [];
  const { byRow, rowPaths } = expectedGridCells(def);
  const hasRowLabels = rowPaths.some((p) => p !== "");
  const textOfGridCell = (cell: GridCell) => cell.text;
  let firstDataRow = -1;
  const dataRows: { r: number; columns: Map<string, CellId> }[] = [];
  grid.slots.forEach((slots, r) => {
    const rowPath = labelPath(slots, textOfGridCell);
    const onlyNumbers = rowPath === "" && slots.some((s) => s !== undefined);
    let columns: Map<string, CellId> | undefined;
    if (hasRowLabels) columns = rowPath ? byRow.find(rowPath) : undefined;
    else if (onlyNumbers && firstDataRow < 0 && r > 0) columns = byRow.find("");
    if (!columns) {
      if (firstDataRow >= 0 && rowPath && hasRowLabels) unplaced.push(`${def.title}：未识别的行「${rowPath}」`);
      return;
    }
    if (firstDataRow < 0) firstDataRow = r;
    dataRows.push({ r, columns });
  });
  if (firstDataRow < 0) return { values, unplaced: [`${def.title}：表中没有找到与格式相符的行`] };
  const width = Math.max(...grid.slots.map((s) => s.length));
  const columnPaths: string[] = [];
  for (let c = 0; c < width; c += 1) columnPaths.push(labelPath(grid.slots.slice(0, firstDataRow).map((s) => s[c]), textOfGridCell));
  for (const { r, columns } of dataRows) {
    const slots = grid.slots[r]!;
    slots.forEach((cell, c) => {
      if (!cell || cell.row !== r || cell.col !== c || isLabelText(cell.text)) return;
      const id = findColumn(columns, columnPaths[c] ?? "");
      const rowPath = labelPath(slots, textOfGridCell);
      if (!id) {
        if (cell.text) unplaced.push(`${def.title}：「${rowPath || "数据行"}」中的「${cell.text}」找不到对应的列「${columnPaths[c] ?? ""}」`);
        return;
      }
      readValue(cell.text, `${def.title}「${rowPath || "数据行"}」「${columnPaths[c]}」`, values, unplaced, id);
    });
  }
  return { values, unplaced };
}

/** Places the values of table 2 (stacked blocks): rows by their label, columns by the latest 「信息内容」 header row. */
function placeBlockTable(def: Extract<TableDef, { layout: "blocks" }>, grid: Grid): PlacedTable {
  const values = new Map<CellId, number | null>();
  const unplaced: string[] = [];
  const rowIndex = new LabelIndex<{ key: string; columns: LabelIndex<string> }>();
  const headerLabels = new LabelIndex<true>();
  const blockLabels = new LabelIndex<true>();
  for (const block of def.blocks) {
    blockLabels.add(block.label, true);
    headerLabels.add(block.rowHeaderLabel, true);
    const columns = new LabelIndex<string>();
    for (const c of block.columns) columns.add(c.label, c.key ?? "");
    for (const row of block.rows) rowIndex.add(row.label, { key: row.key ?? "", columns });
  }
  let header: string[] = [];
  grid.slots.forEach((slots, r) => {
    const firstCell = slots.find((s) => s !== undefined);
    if (!firstCell) return;
    const rowLabel = firstCell.text;
    if (headerLabels.find(rowLabel)) {
      header = slots.map((s) => s?.text ?? "");
      return;
    }
    const path = labelPath(slots, (cell: GridCell) => cell.text);
    if (blockLabels.find(path) || blockLabels.find(rowLabel)) return;
    const row = rowIndex.find(rowLabel);
    if (!row) {
      if (path) unplaced.push(`${def.title}：未识别的行「${path}」`);
      return;
    }
    slots.forEach((cell, c) => {
      if (!cell || cell === firstCell || cell.row !== r || cell.col !== c) return;
      const columnLabel = header[c] ?? "";
      const columnKey = row.columns.find(columnLabel);
      if (!columnKey) {
        if (cell.text) unplaced.push(`${def.title}：「${rowLabel}」中的「${cell.text}」找不到对应的列「${columnLabel}」`);
        return;
      }
      readValue(cell.text, `${def.title}「${rowLabel}」「${columnLabel}」`, values, unplaced, `${def.id}.${row.key}.${columnKey}`);
    });
  });
  return { values, unplaced };
}

/** Reads one statistics table of the format from a Word table. */
export function placeTable(def: TableDef, table: HtmlElement): PlacedTable {
  const grid = tableGrid(table);
  return def.layout === "blocks" ? placeBlockTable(def, grid) : placeGridTable(def, grid);
}
