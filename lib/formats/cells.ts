import { resolveFormat } from "./registry";
import { joinNameParts, treeLeaves } from "./tree";
import type { CellId, CellType, FormatDefinition, FormatId, TableDef, TableId } from "./types";

/** Everything known about one data cell of a format. */
export interface CellInfo {
  readonly id: CellId;
  readonly tableId: TableId;
  /** Path inside `tables[tableId]` of a report document, e.g. ["total","results","totalProcessed"]. */
  readonly path: readonly string[];
  readonly type: CellType;
  readonly computed: boolean;
  /** Storage path of the row ("" for table 4, which has a single unlabeled row). */
  readonly rowKey: string;
  /** Storage path of the column. */
  readonly columnKey: string;
  /** Verbatim labels of the row, outermost first (block label excluded for table 2). */
  readonly rowLabels: readonly string[];
  /** Verbatim labels of the column, outermost first. */
  readonly columnLabels: readonly string[];
  /** Table title followed by row labels and column labels. */
  readonly labelPath: readonly string[];
  /** Human name for messages, e.g. 「三、（七）总计·自然人」. */
  readonly name: string;
  /** Position in reading order (row by row) across all tables of the format. */
  readonly index: number;
}

type CellDraft = Omit<CellInfo, "index">;

function gridCells(table: TableDef & { layout: "grid" }): CellDraft[] {
  const columns = treeLeaves(table.columns);
  const out: CellDraft[] = [];
  if (!table.rows) {
    for (const c of columns) {
      out.push({
        id: `${table.id}.${c.path}`,
        tableId: table.id,
        path: c.path.split("."),
        type: c.type ?? table.defaultType,
        computed: c.computed,
        rowKey: "",
        columnKey: c.path,
        rowLabels: [],
        columnLabels: c.labels,
        labelPath: [table.title, ...c.labels],
        name: joinNameParts(c.nameParts),
      });
    }
    return out;
  }
  for (const r of treeLeaves(table.rows)) {
    for (const c of columns) {
      out.push({
        id: `${table.id}.${c.path}.${r.path}`,
        tableId: table.id,
        path: [...c.path.split("."), ...r.path.split(".")],
        type: r.type ?? c.type ?? table.defaultType,
        computed: r.computed || c.computed,
        rowKey: r.path,
        columnKey: c.path,
        rowLabels: r.labels,
        columnLabels: c.labels,
        labelPath: [table.title, ...r.labels, ...c.labels],
        name: joinNameParts([joinNameParts(r.nameParts), joinNameParts(c.nameParts)]),
      });
    }
  }
  return out;
}

function blockCells(table: TableDef & { layout: "blocks" }): CellDraft[] {
  const out: CellDraft[] = [];
  for (const block of table.blocks) {
    for (const r of block.rows) {
      for (const c of block.columns) {
        const rowKey = r.key ?? "";
        const columnKey = c.key ?? "";
        out.push({
          id: `${table.id}.${rowKey}.${columnKey}`,
          tableId: table.id,
          path: [...rowKey.split("."), ...columnKey.split(".")],
          type: c.type ?? r.type ?? table.defaultType,
          computed: r.computed === true || c.computed === true,
          rowKey,
          columnKey,
          rowLabels: [r.label],
          columnLabels: [c.label],
          labelPath: [table.title, block.label, r.label, c.label],
          name: joinNameParts([r.name ?? r.label, c.name ?? c.label]),
        });
      }
    }
  }
  return out;
}

/** Cells of one table in reading order (without format-wide indices). */
function tableCells(table: TableDef): CellDraft[] {
  return table.layout === "grid" ? gridCells(table) : blockCells(table);
}

interface CellIndex {
  readonly list: readonly CellInfo[];
  readonly byId: ReadonlyMap<CellId, CellInfo>;
}

const cache = new WeakMap<FormatDefinition, CellIndex>();

function cellIndex(format: FormatDefinition): CellIndex {
  let index = cache.get(format);
  if (!index) {
    const list: CellInfo[] = [];
    for (const table of format.tables) {
      for (const draft of tableCells(table)) list.push({ ...draft, index: list.length });
    }
    index = { list, byId: new Map(list.map((c) => [c.id, c])) };
    cache.set(format, index);
  }
  return index;
}

/** Every cell of the format in reading order: table by table, row by row, left to right. */
export function listCells(format: FormatId | FormatDefinition): readonly CellInfo[] {
  return cellIndex(resolveFormat(format)).list;
}

/** Cells of one table of the format in reading order. */
export function listTableCells(format: FormatId | FormatDefinition, tableId: TableId): readonly CellInfo[] {
  return listCells(format).filter((c) => c.tableId === tableId);
}

export function getCellInfo(format: FormatId | FormatDefinition, id: CellId): CellInfo | undefined {
  return cellIndex(resolveFormat(format)).byId.get(id);
}

export function isCellId(format: FormatId | FormatDefinition, id: string): boolean {
  return cellIndex(resolveFormat(format)).byId.has(id);
}

/** Human name of a cell for messages, e.g. 「三、（七）总计·自然人」; the id itself if unknown. */
export function cellName(format: FormatId | FormatDefinition, id: CellId): string {
  return getCellInfo(format, id)?.name ?? id;
}

/** Split a cell id into its table id and storage path. */
export function splitCellId(id: CellId): { tableId: string; path: string[] } {
  const [tableId = "", ...path] = id.split(".");
  return { tableId, path };
}
