import { getFormat, isCellId, listCells, splitCellId, type CellId, type FormatId } from "@/lib/formats";
import type { CellTree, CellValue, ReportDocument, ReportTables } from "./schema";

/** All tables of a format with every cell blank (`{}` for legacy-freeform). */
export function emptyTables(format: FormatId): ReportTables {
  const tables: ReportTables = {};
  for (const cell of listCells(format)) {
    let node: CellTree = (tables[cell.tableId] ??= {});
    cell.path.forEach((segment, i) => {
      if (i === cell.path.length - 1) {
        node[segment] = null;
      } else {
        const next = node[segment];
        const child: CellTree = next !== null && typeof next === "object" ? next : {};
        node[segment] = child;
        node = child;
      }
    });
  }
  return tables;
}

/**
 * Value of a cell of a tables object: a number, `null` for a blank cell,
 * `undefined` when the cell does not exist in it.
 */
export function getTableValue(tables: ReportTables | undefined, id: CellId): CellValue | undefined {
  if (!tables) return undefined;
  const { tableId, path } = splitCellId(id);
  let node: CellTree | CellValue | undefined = tables[tableId];
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = node[segment];
  }
  if (node === null || typeof node === "number") return node;
  return undefined;
}

/** Value of a cell of a document (see getTableValue). */
export function getCell(doc: Pick<ReportDocument, "tables">, id: CellId): CellValue | undefined {
  return getTableValue(doc.tables, id);
}

function setIn(tree: CellTree | undefined, path: readonly string[], value: CellValue): CellTree {
  const [head, ...rest] = path;
  if (head === undefined) throw new Error("empty cell path");
  const copy: CellTree = { ...(tree ?? {}) };
  if (rest.length === 0) {
    copy[head] = value;
  } else {
    const child = copy[head];
    copy[head] = setIn(child !== null && typeof child === "object" ? child : undefined, rest, value);
  }
  return copy;
}

/** Tables with one cell replaced (immutable; untouched branches are shared). */
export function setTableValue(tables: ReportTables | undefined, id: CellId, value: CellValue): ReportTables {
  const { tableId, path } = splitCellId(id);
  return { ...(tables ?? {}), [tableId]: setIn(tables?.[tableId], path, value) };
}

/**
 * Tables with many cells replaced: the same result as `setTableValue` once per entry, in order
 * (immutable; untouched branches are shared), but each branch on the way is copied only once
 * rather than once per cell — an autosave sets every cell of a table.
 */
export function setTableValues(tables: ReportTables | undefined, entries: Iterable<readonly [CellId, CellValue]>): ReportTables {
  const out: ReportTables = { ...(tables ?? {}) };
  const copied = new WeakSet<object>();
  const own = (node: unknown): CellTree => {
    const copy: CellTree = node !== null && typeof node === "object" ? { ...(node as CellTree) } : {};
    copied.add(copy);
    return copy;
  };
  for (const [id, value] of entries) {
    const { tableId, path } = splitCellId(id);
    if (path.length === 0) throw new Error("empty cell path");
    const table = out[tableId];
    let node: CellTree = table && copied.has(table) ? table : (out[tableId] = own(table));
    for (let i = 0; i < path.length - 1; i++) {
      const segment = path[i]!;
      const child: CellTree | CellValue | undefined = node[segment];
      if (child !== null && typeof child === "object" && copied.has(child)) node = child;
      else node = node[segment] = own(child);
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/**
 * A copy of the document with one cell replaced. Throws when the cell id does not
 * belong to the document's format (a programming error, not user input).
 */
export function setCell<D extends ReportDocument>(doc: D, id: CellId, value: CellValue): D {
  if (!isCellId(doc.format, id)) throw new Error(`unknown cell "${id}" for format ${doc.format}`);
  return { ...doc, tables: setTableValue(doc.tables, id, value) };
}

/** Cell ids of the format whose value in the document is blank or missing. */
export function blankCells(doc: ReportDocument): CellId[] {
  return listCells(getFormat(doc.format))
    .filter((c) => getCell(doc, c.id) == null)
    .map((c) => c.id);
}
