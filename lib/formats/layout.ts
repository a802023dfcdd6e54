import { leafCount, treeDepth } from "./tree";
import type { BlockTableDef, CellType, GridTableDef, HeaderNode, TableDef, TableId } from "./types";

/** A cell of a column header grid. */
export interface HeaderCell {
  readonly label: string;
  readonly colSpan: number;
  readonly rowSpan: number;
  /** Storage path of the column for leaves (e.g. `review.maintain`); undefined for groups. */
  readonly key?: string;
  readonly leaf: boolean;
  readonly computed: boolean;
}

/** A label cell of the row-label area, placed on the row of its first leaf. */
export interface RowLabelCell {
  readonly label: string;
  readonly colSpan: number;
  readonly rowSpan: number;
  readonly leaf: boolean;
  readonly computed: boolean;
}

export interface RowLabelRow {
  /** Storage path of the leaf row, e.g. `results.denied.stateSecret`. */
  readonly key: string;
  readonly computed: boolean;
  /** Label cells that start on this row (group cells appear on their first row only). */
  readonly cells: readonly RowLabelCell[];
}

function height(node: HeaderNode): number {
  return node.children && node.children.length > 0 ? 1 + treeDepth(node.children) : 1;
}

function joinKey(base: string, key: string | undefined): string {
  if (!key) return base;
  return base ? `${base}.${key}` : key;
}

/**
 * Turn a column tree into header rows with colSpan/rowSpan. Leaves always end on the
 * last header row: a leaf stretches down (「自然人」 rowSpan 2 in table 3) and so does a
 * group whose subtree is shallower than the grid (「行政复议」 rowSpan 2 in table 4).
 */
export function buildHeaderGrid(columns: readonly HeaderNode[]): HeaderCell[][] {
  const depth = treeDepth(columns);
  const rows: HeaderCell[][] = Array.from({ length: depth }, () => []);
  const place = (nodes: readonly HeaderNode[], rowIndex: number, path: string, computed: boolean): void => {
    for (const node of nodes) {
      const remaining = depth - rowIndex;
      const rowSpan = remaining - height(node) + 1;
      const nodePath = joinKey(path, node.key);
      const nodeComputed = computed || node.computed === true;
      const leaf = !node.children || node.children.length === 0;
      rows[rowIndex]?.push({
        label: node.label,
        colSpan: leafCount(node),
        rowSpan,
        key: leaf ? nodePath : undefined,
        leaf,
        computed: nodeComputed,
      });
      if (!leaf && node.children) place(node.children, rowIndex + rowSpan, nodePath, nodeComputed);
    }
  };
  place(columns, 0, "", false);
  return rows;
}

/**
 * Turn a row tree into one entry per leaf row with the label cells starting on it.
 * The label area is `treeDepth(rows)` columns wide; a leaf stretches right
 * (「一、本年新收…」 colSpan 3, 「（一）予以公开」 colSpan 2) and groups span their leaves
 * (「三、本年度办理结果」 rowSpan 22, 「（三）不予公开」 rowSpan 8).
 */
export function buildRowLabelGrid(rows: readonly HeaderNode[]): RowLabelRow[] {
  const depth = treeDepth(rows);
  const out: { key: string; computed: boolean; cells: RowLabelCell[] }[] = [];
  const pending: RowLabelCell[] = [];
  const place = (nodes: readonly HeaderNode[], level: number, path: string, computed: boolean): void => {
    for (const node of nodes) {
      const remaining = depth - level;
      const colSpan = remaining - height(node) + 1;
      const nodePath = joinKey(path, node.key);
      const nodeComputed = computed || node.computed === true;
      const leaf = !node.children || node.children.length === 0;
      pending.push({ label: node.label, colSpan, rowSpan: leafCount(node), leaf, computed: nodeComputed });
      if (leaf) {
        out.push({ key: nodePath, computed: nodeComputed, cells: pending.splice(0) });
      } else if (node.children) {
        place(node.children, level + colSpan, nodePath, nodeComputed);
      }
    }
  };
  place(rows, 0, "", false);
  return out;
}

/** A cell of a rendered table. */
export type LayoutCell =
  | {
      readonly kind: "corner" | "columnHeader" | "rowHeader" | "blockHeader";
      readonly text: string;
      readonly colSpan: number;
      readonly rowSpan: number;
    }
  | {
      readonly kind: "data";
      readonly cellId: string;
      readonly type: CellType;
      readonly computed: boolean;
      readonly colSpan: number;
      readonly rowSpan: number;
    };

/** A complete render model of a table: header rows, body rows, width in grid columns. */
export interface TableLayout {
  readonly tableId: TableId;
  readonly title: string;
  readonly columnCount: number;
  readonly head: readonly (readonly LayoutCell[])[];
  readonly body: readonly (readonly LayoutCell[])[];
}

function gridLayout(table: GridTableDef): TableLayout {
  const header = buildHeaderGrid(table.columns);
  const orderedLeaves = orderLeaves(table.columns);
  const labelDepth = table.rows ? treeDepth(table.rows) : 0;
  const head: LayoutCell[][] = header.map((row, i) => {
    const cells: LayoutCell[] = row.map((c) => ({
      kind: "columnHeader" as const,
      text: c.label,
      colSpan: c.colSpan,
      rowSpan: c.rowSpan,
    }));
    if (i === 0 && labelDepth > 0) {
      cells.unshift({ kind: "corner", text: table.cornerLabel ?? "", colSpan: labelDepth, rowSpan: header.length });
    }
    return cells;
  });
  const dataCells = (rowKey: string | null, rowComputed: boolean, rowType?: CellType): LayoutCell[] =>
    orderedLeaves.map((c) => ({
      kind: "data" as const,
      cellId: rowKey === null ? `${table.id}.${c.key}` : `${table.id}.${c.key}.${rowKey}`,
      type: rowType ?? c.type ?? table.defaultType,
      computed: rowComputed || c.computed,
      colSpan: 1,
      rowSpan: 1,
    }));
  const body: LayoutCell[][] = table.rows
    ? buildRowLabelGrid(table.rows).map((row) => [
        ...row.cells.map((c) => ({ kind: "rowHeader" as const, text: c.label, colSpan: c.colSpan, rowSpan: c.rowSpan })),
        ...dataCells(row.key, row.computed),
      ])
    : [dataCells(null, false)];
  return { tableId: table.id, title: table.title, columnCount: labelDepth + orderedLeaves.length, head, body };
}

interface OrderedLeaf {
  readonly key: string;
  readonly computed: boolean;
  readonly type?: CellType;
}

function orderLeaves(nodes: readonly HeaderNode[], path = "", computed = false, type?: CellType): OrderedLeaf[] {
  const out: OrderedLeaf[] = [];
  for (const node of nodes) {
    const nodePath = joinKey(path, node.key);
    const nodeComputed = computed || node.computed === true;
    const nodeType = node.type ?? type;
    if (node.children && node.children.length > 0) out.push(...orderLeaves(node.children, nodePath, nodeComputed, nodeType));
    else out.push({ key: nodePath, computed: nodeComputed, type: nodeType });
  }
  return out;
}

function blockLayout(table: BlockTableDef): TableLayout {
  const valueColumns = Math.max(...table.blocks.map((b) => b.columns.length));
  const columnCount = 1 + valueColumns;
  const body: LayoutCell[][] = [];
  for (const block of table.blocks) {
    // The last column of a narrower block stretches to the full width.
    const span = (i: number): number => (i === block.columns.length - 1 ? valueColumns - i : 1);
    body.push([{ kind: "blockHeader", text: block.label, colSpan: columnCount, rowSpan: 1 }]);
    body.push([
      { kind: "columnHeader", text: block.rowHeaderLabel, colSpan: 1, rowSpan: 1 },
      ...block.columns.map((c, i) => ({ kind: "columnHeader" as const, text: c.label, colSpan: span(i), rowSpan: 1 })),
    ]);
    for (const r of block.rows) {
      body.push([
        { kind: "rowHeader", text: r.label, colSpan: 1, rowSpan: 1 },
        ...block.columns.map((c, i) => ({
          kind: "data" as const,
          cellId: `${table.id}.${r.key ?? ""}.${c.key ?? ""}`,
          type: c.type ?? r.type ?? table.defaultType,
          computed: r.computed === true || c.computed === true,
          colSpan: span(i),
          rowSpan: 1,
        })),
      ]);
    }
  }
  return { tableId: table.id, title: table.title, columnCount, head: [], body };
}

/**
 * Render model of a table: the merged header (with the top-left note cell for table 3),
 * the row labels with their spans and the data cells with their cell ids.
 * Table 2 is rendered as stacked blocks (block header row, column header row, data rows).
 */
export function buildTableLayout(table: TableDef): TableLayout {
  return table.layout === "grid" ? gridLayout(table) : blockLayout(table);
}
