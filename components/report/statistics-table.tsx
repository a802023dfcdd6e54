import {
  buildTableLayout,
  getTable,
  type FormatDefinition,
  type FormatId,
  type LayoutCell,
  type TableId,
  type TableLayout,
} from "@/lib/formats";
import type { ReactNode } from "react";
import { getCell, type CellValue, type ReportDocument } from "@/lib/interchange";
import {
  captionClass,
  computedCellClass,
  gridTableClass,
  headerCellClass,
  numberCellClass,
  rowHeaderCellClass,
  tableClass,
  tableMinWidthClass,
  wideTableMinWidthClass,
} from "./report-styles";
import { TableScroll } from "./table-scroll";

export interface StatisticsTableProps {
  /** The format the document follows (its id or definition). */
  readonly format: FormatId | FormatDefinition;
  readonly tableId: TableId;
  /** Only the tables of the document are read. */
  readonly document: Pick<ReportDocument, "tables">;
  /** Keep the caption for screen readers only (when a visible section heading repeats it). */
  readonly hideCaption?: boolean;
  /** Prefix of the header cell ids (must be unique on the page); default `report-<tableId>`. */
  readonly idPrefix?: string;
  /**
   * What a data cell shows instead of its plain number, e.g. a button that opens the cell's
   * breakdown by unit on the 汇总 page (only from a client component: it is a function).
   */
  readonly renderValue?: (cellId: string, text: string | null) => ReactNode;
}

/** A layout cell with its position in the table grid. */
interface PlacedCell {
  readonly cell: LayoutCell;
  readonly row: number;
  readonly col: number;
  /**
   * Header cells only describe data cells of the same group: the whole grid table is one
   * group; each block of table 2 (block header, column headers, rows) is its own group.
   */
  readonly group: number;
  readonly id: string;
}

const isHeaderKind = (cell: LayoutCell): boolean => cell.kind !== "data";

/** Place every cell in the grid (HTML table algorithm: skip slots taken by earlier row spans). */
function placeCells(layout: TableLayout, idPrefix: string): PlacedCell[][] {
  const rows = [...layout.head, ...layout.body];
  const taken: boolean[][] = [];
  let group = 0;
  return rows.map((row, r) => {
    if (r > 0 && row[0]?.kind === "blockHeader") group += 1;
    const slots = (taken[r] ??= []);
    let col = 0;
    return row.map((cell) => {
      while (slots[col]) col += 1;
      const placed: PlacedCell = { cell, row: r, col, group, id: `${idPrefix}-${r}-${col}` };
      for (let dr = 0; dr < cell.rowSpan; dr += 1) {
        const rowSlots = (taken[r + dr] ??= []);
        for (let dc = 0; dc < cell.colSpan; dc += 1) rowSlots[col + dc] = true;
      }
      col += cell.colSpan;
      return placed;
    });
  });
}

/**
 * Explicit header association of a data cell (`headers` attribute): the column headers
 * above it (top to bottom) and the row labels left of it (outer to inner), within its group.
 * Merged headers such as 「三、本年度办理结果」 (22 rows) or 「法人或其他组织」 (5 columns)
 * cover only part of a row group, which `scope` alone cannot express.
 */
function headerIdsFor(target: PlacedCell, headers: readonly PlacedCell[]): string {
  const start = target.col;
  const end = target.col + target.cell.colSpan;
  const columnHeaders = headers.filter(
    (h) =>
      h.group === target.group &&
      (h.cell.kind === "columnHeader" || h.cell.kind === "blockHeader") &&
      h.row + h.cell.rowSpan <= target.row &&
      h.col < end &&
      h.col + h.cell.colSpan > start,
  );
  const rowHeaders = headers.filter(
    (h) =>
      h.group === target.group &&
      h.cell.kind === "rowHeader" &&
      h.row <= target.row &&
      h.row + h.cell.rowSpan > target.row &&
      h.col < start,
  );
  return [...columnHeaders, ...rowHeaders].map((h) => h.id).join(" ");
}

/** The stored number as is (decimals are not rounded). */
export function formatCellValue(value: CellValue | undefined): string | null {
  return typeof value === "number" ? String(value) : null;
}

function scopeOf(cell: LayoutCell): "col" | "colgroup" | "row" | "rowgroup" {
  switch (cell.kind) {
    case "rowHeader":
      return cell.rowSpan > 1 ? "rowgroup" : "row";
    case "blockHeader":
      return "colgroup";
    default:
      return cell.colSpan > 1 ? "colgroup" : "col";
  }
}

/**
 * The number of leading grid columns that hold row labels (left of every number): these stay
 * in view while a narrow screen scrolls the numbers (table-scroll.css). 0 for table 4.
 */
function labelColumnCount(rows: readonly (readonly PlacedCell[])[]): number {
  const dataColumns = rows.flat().filter((p) => p.cell.kind === "data").map((p) => p.col);
  return dataColumns.length > 0 ? Math.min(...dataColumns) : 0;
}

function HeaderCellView({ placed, labelColumns }: { placed: PlacedCell; labelColumns: number }) {
  const { cell } = placed;
  if (cell.kind === "data") return null;
  // A label cell lies wholly within the label columns (a block header spanning the table does not).
  const end = placed.col + cell.colSpan;
  const label = cell.kind !== "blockHeader" && end <= labelColumns;
  const className =
    cell.kind === "rowHeader"
      ? rowHeaderCellClass
      : cell.kind === "corner"
        ? `${headerCellClass} text-xs font-normal text-muted`
        : headerCellClass;
  return (
    <th
      id={placed.id}
      scope={scopeOf(cell)}
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
      rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
      className={className}
      data-label-col={label ? placed.col : undefined}
      data-label-last={label && end === labelColumns ? "" : undefined}
    >
      {cell.text}
    </th>
  );
}

function DataCellView({
  cellId,
  computed,
  colSpan,
  headers,
  value,
  renderValue,
}: {
  cellId: string;
  computed: boolean;
  colSpan: number;
  headers: string;
  value: CellValue | undefined;
  renderValue?: StatisticsTableProps["renderValue"];
}) {
  const text = formatCellValue(value);
  const className = computed ? `${numberCellClass} ${computedCellClass}` : numberCellClass;
  return (
    <td
      data-cell-id={cellId}
      headers={headers || undefined}
      colSpan={colSpan > 1 ? colSpan : undefined}
      className={className}
    >
      {renderValue ? renderValue(cellId, text) : (text ?? <span className="sr-only">未填写</span>)}
    </td>
  );
}

function RowView({
  row,
  headers,
  document,
  labelColumns,
  renderValue,
}: {
  row: readonly PlacedCell[];
  headers: readonly PlacedCell[];
  document: Pick<ReportDocument, "tables">;
  labelColumns: number;
  renderValue?: StatisticsTableProps["renderValue"];
}) {
  return (
    <tr>
      {row.map((placed) =>
        placed.cell.kind === "data" ? (
          <DataCellView
            key={placed.id}
            cellId={placed.cell.cellId}
            computed={placed.cell.computed}
            colSpan={placed.cell.colSpan}
            headers={headerIdsFor(placed, headers)}
            value={getCell(document, placed.cell.cellId)}
            renderValue={renderValue}
          />
        ) : (
          <HeaderCellView key={placed.id} placed={placed} labelColumns={labelColumns} />
        ),
      )}
    </tr>
  );
}

/** Split the body rows into one group per `<tbody>` (one per block of table 2). */
function bodyGroups(rows: readonly (readonly PlacedCell[])[]): PlacedCell[][][] {
  const groups: PlacedCell[][][] = [];
  for (const row of rows) {
    const group = row[0]?.group ?? 0;
    const last = groups[groups.length - 1];
    if (last && (last[0]?.[0]?.group ?? 0) === group) last.push([...row]);
    else groups.push([[...row]]);
  }
  return groups;
}

/**
 * One statistics table of a format (table 2, 3 or 4), rendered from the format's layout
 * with merged headers, row-label groups and each data cell tagged with its cell id.
 */
export function StatisticsTable({ format, tableId, document, hideCaption = false, idPrefix, renderValue }: StatisticsTableProps) {
  const table = getTable(format, tableId);
  if (!table) return null;
  const layout = buildTableLayout(table);
  const prefix = idPrefix ?? `report-${tableId}`;
  const placed = placeCells(layout, prefix);
  const headers = placed.flat().filter((p) => isHeaderKind(p.cell));
  const headRows = placed.slice(0, layout.head.length);
  const bodyRows = placed.slice(layout.head.length);
  const minWidth = layout.columnCount >= 10 ? wideTableMinWidthClass : tableMinWidthClass;
  const grid = table.layout === "grid";
  const labelColumns = labelColumnCount(bodyRows);
  const rowProps = { headers, document, labelColumns, renderValue };

  return (
    <TableScroll title={layout.title} width={layout.columnCount >= 10 ? "wide" : "normal"}>
      <table className={`${tableClass} ${minWidth}${grid ? ` ${gridTableClass}` : ""}`} data-table-id={tableId} data-label-columns={labelColumns}>
        <caption className={hideCaption ? "sr-only" : captionClass}>{layout.title}</caption>
        <colgroup>
          {Array.from({ length: layout.columnCount }, (_, i) =>
            i < labelColumns ? <col key={i} data-label-col={i} /> : <col key={i} data-number-col="" />,
          )}
        </colgroup>
        {headRows.length > 0 && (
          <thead>
            {headRows.map((row, i) => (
              <RowView key={i} row={row} {...rowProps} />
            ))}
          </thead>
        )}
        {bodyGroups(bodyRows).map((group, g) => (
          <tbody key={g}>
            {group.map((row, i) => (
              <RowView key={i} row={row} {...rowProps} />
            ))}
          </tbody>
        ))}
      </table>
    </TableScroll>
  );
}
