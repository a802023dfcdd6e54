import {
  getCellInfo,
  isFormatId,
  listCells,
  resolveFormat,
  type CellId,
  type CellInfo,
  type FormatDefinition,
  type FormatId,
} from "@/lib/formats";
import { emptyTables, type CellTree, type CellValue, type ReportTables } from "@/lib/interchange";
import { computeTotals, fillComputedCells } from "@/lib/rules";

/** One report summed into the 汇总: a unit's filed or published report. */
export interface SummationPart {
  /** Identifies the part for the caller (e.g. the unit id or `report:12`); unique within one call. */
  readonly id: string;
  /** Chinese name shown in the breakdown, e.g. 「示例县柳溪镇人民政府」. */
  readonly label: string;
  /** Format of the part's report; only parts in the 汇总's own format are summed. */
  readonly format: FormatId | string;
  readonly tables: ReportTables | undefined;
}

/** A contributor to the sum, as the breakdown names it. */
export interface SummationContributor {
  readonly id: string;
  readonly label: string;
}

/** One contributor's value of one cell (null: the cell is blank in that contributor's tables). */
export interface CellContribution extends SummationContributor {
  readonly value: number | null;
}

/**
 * Who contributed what, cell by cell, in a compact serialisable shape for the client:
 * the contributors once, and per cell their values aligned with `contributors`
 * (200 units × 230 cells ship as numbers, not as 46,000 labelled objects).
 * `cellBreakdown` turns one cell's row into a labelled list.
 */
export interface SummationBreakdown {
  /** The county's own figures first (when given), then the summed parts in the order passed. */
  readonly contributors: readonly SummationContributor[];
  /**
   * Every cell of the format: each contributor's value, aligned with `contributors`. For a
   * computed cell (总计) that is the total of the contributor's own input cells (as the sum is
   * computed), so every row adds up to the summed cell.
   */
  readonly values: Readonly<Record<CellId, readonly (number | null)[]>>;
}

/** A contributor with the input cells it left blank. */
export interface PartCells extends SummationContributor {
  readonly cells: readonly CellId[];
}

/** A part that was not summed, and why (Chinese, for the clerk). */
export interface IncompatiblePart extends SummationContributor {
  readonly reason: string;
}

export interface SummationResult {
  /**
   * The summed tables: every input cell is the sum over the contributors, every computed cell
   * (总计) is then computed from the summed inputs. A cell blank in any contributor stays blank.
   */
  readonly tables: ReportTables;
  readonly breakdown: SummationBreakdown;
  /** Contributors with blank input cells (those cells are blank in the sum, never counted as 0). */
  readonly blanks: readonly PartCells[];
  /** Parts left out because their tables are not those of the 汇总's format. */
  readonly incompatible: readonly IncompatiblePart[];
  /**
   * Contributors whose typed totals differ from the totals of their own input cells (e.g. an
   * imported report published with a wrong 总计). The sum uses their input cells, so its totals
   * are those of the inputs; the caller may show which units' published totals were not used.
   */
  readonly recomputedTotals: readonly PartCells[];
}

/** Id and default label of the county's own figures (本级) in the breakdown and in `blanks`. */
export const OWN_CONTRIBUTOR_ID = "own";
export const OWN_CONTRIBUTOR_LABEL = "本级";

/**
 * Cell values are added in millionths (6 decimal places, the most a 万元 cell may have): exact
 * integer arithmetic while a cell's sum stays below 9×10⁹.
 */
const SCALE = 1e6;

/** Values of all cells of the format by cell index (`undefined` when missing). */
function readCells(cells: readonly CellInfo[], tables: ReportTables | undefined): (CellValue | undefined)[] {
  return cells.map((cell) => {
    let node: CellTree | CellValue | undefined = tables?.[cell.tableId];
    for (const segment of cell.path) node = node !== null && typeof node === "object" ? node[segment] : undefined;
    return typeof node === "number" || node === null ? node : undefined;
  });
}

/** Set a cell in tables built here (every branch of `emptyTables` is this call's own). */
function writeCell(tables: ReportTables, cell: CellInfo, value: CellValue): void {
  let node: CellTree | undefined = tables[cell.tableId];
  cell.path.forEach((segment, i) => {
    if (!node) throw new Error(`no cell ${cell.id} in empty tables`);
    if (i === cell.path.length - 1) node[segment] = value;
    else {
      const child: CellTree | CellValue | undefined = node[segment];
      node = child !== null && typeof child === "object" ? child : undefined;
    }
  });
}

function incompatibleReason(target: FormatDefinition, partFormat: string): string {
  if (!isFormatId(partFormat)) return "无法识别该报告的格式，不能计入汇总";
  const part = resolveFormat(partFormat);
  if (part.tables.length === 0) return `该报告为${part.label}，没有统一的统计表，不能计入汇总`;
  return `该报告使用${part.label}，其统计表与${target.label}的栏目不同，不能逐格相加；请该单位按${target.label}更正后再汇总`;
}

/**
 * Sum reports cell by cell for a 汇总 report (issue 14): the county government's own figures
 * (`own`, entered separately so a re-sum never overwrites them) plus every part's tables.
 *
 * - Input (non-computed) cells of tables 二–四 are added; computed cells (总计) are then filled
 *   with `fillComputedCells` from the summed inputs, so a sum of consistent reports is consistent
 *   and a part's wrongly typed total is not carried over (see `recomputedTotals`).
 * - Decimals (万元) are added in millionths, so 0.1 + 0.2 gives 0.3 without binary noise; digits
 *   beyond the 6th decimal (already a V1 error in the part) are rounded away.
 * - A blank (or missing) cell in a contributor is not treated as 0: the summed cell stays blank
 *   (so the rule engine's V0 points at it) and `blanks` says which contributor left which cells
 *   blank.
 * - Parts of another format (a 2019 trial-format report into a 2021 汇总, a free-form legacy
 *   report) are not summed: their tables have other columns (2019 table 二 counts 「本年新制作数量」
 *   where 2021 counts 「本年制发件数」) and no clean cell mapping exists. They are listed in
 *   `incompatible` with a reason; the caller decides whether the 汇总 may go on without them.
 *
 * With no contributor at all every input cell is 0. Throws when two parts share an id.
 */
export function sumTables(
  format: FormatId | FormatDefinition,
  parts: readonly SummationPart[],
  own?: ReportTables,
  options?: { readonly ownLabel?: string },
): SummationResult {
  const def = resolveFormat(format);
  const seen = new Set<string>(own ? [OWN_CONTRIBUTOR_ID] : []);
  for (const part of parts) {
    if (seen.has(part.id)) throw new Error(`duplicate summation part id "${part.id}"`);
    seen.add(part.id);
  }

  const incompatible: IncompatiblePart[] = [];
  const contributors: (SummationContributor & { readonly tables: ReportTables | undefined })[] = [];
  if (own) contributors.push({ id: OWN_CONTRIBUTOR_ID, label: options?.ownLabel ?? OWN_CONTRIBUTOR_LABEL, tables: own });
  for (const part of parts) {
    if (part.format === def.id) contributors.push({ id: part.id, label: part.label, tables: part.tables });
    else incompatible.push({ id: part.id, label: part.label, reason: incompatibleReason(def, part.format) });
  }

  const cells = listCells(def);
  const inputs = cells.filter((c) => !c.computed);
  // Each contributor's cells read once, by index (walking the stored paths; no id parsing).
  const read = contributors.map((c) => readCells(cells, c.tables));
  const values: Record<CellId, (number | null)[]> = {};
  const blankCells: CellId[][] = contributors.map(() => []);
  const tables = emptyTables(def.id);

  for (const cell of inputs) {
    const row: (number | null)[] = new Array<number | null>(contributors.length);
    let millionths = 0;
    let blank = false;
    for (let i = 0; i < contributors.length; i++) {
      const value = read[i]?.[cell.index];
      if (typeof value === "number") {
        row[i] = value;
        millionths += Math.round(value * SCALE);
      } else {
        row[i] = null;
        blank = true;
        blankCells[i]?.push(cell.id);
      }
    }
    values[cell.id] = row;
    writeCell(tables, cell, blank ? null : millionths / SCALE);
  }
  const summed = fillComputedCells(def, tables);

  const recomputed: CellId[][] = contributors.map(() => []);
  const computedRows = new Map<CellId, (number | null)[]>();
  contributors.forEach((contributor, i) => {
    // computeTotals lists the computed cells in reading order.
    for (const [id, total] of Object.entries(computeTotals(def, { tables: contributor.tables }))) {
      let row = computedRows.get(id);
      if (!row) computedRows.set(id, (row = []));
      row.push(total);
      const info = getCellInfo(def, id);
      const typed = info ? read[i]?.[info.index] : undefined;
      if (total !== null && typed !== total) recomputed[i]?.push(id);
    }
  });
  for (const cell of cells) {
    if (cell.computed) values[cell.id] = computedRows.get(cell.id) ?? contributors.map(() => null);
  }

  const withCells = (lists: CellId[][]): PartCells[] =>
    contributors.flatMap(({ id, label }, i) => {
      const list = lists[i] ?? [];
      return list.length > 0 ? [{ id, label, cells: list }] : [];
    });

  return {
    tables: summed,
    breakdown: { contributors: contributors.map(({ id, label }) => ({ id, label })), values },
    blanks: withCells(blankCells),
    incompatible,
    recomputedTotals: withCells(recomputed),
  };
}

/**
 * One cell's breakdown as a labelled list (the county's own figures first, then each unit),
 * e.g. for the dialog that opens when the clerk clicks a summed cell. Empty for an unknown cell.
 */
export function cellBreakdown(breakdown: SummationBreakdown, cellId: CellId): CellContribution[] {
  const row = breakdown.values[cellId];
  if (!row) return [];
  return breakdown.contributors.map(({ id, label }, i) => ({ id, label, value: row[i] ?? null }));
}
