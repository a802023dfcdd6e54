import { TABLE3_COLUMN_IDS, type Table3ColumnId } from "@/lib/formats";
import { emptyTables, setTableValue, type ReportTables } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";
import type { Rng } from "./prng";

/** Applicant columns (table 3 without the computed 总计 column). */
export const APPLICANT_COLUMNS = TABLE3_COLUMN_IDS.filter((c) => c !== "total") as Exclude<Table3ColumnId, "total">[];
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

export type CarryOver = Readonly<Record<ApplicantColumn, number>>;

/** Size of a township's workload, used to draw believable small numbers. */
export interface TownshipScale {
  readonly applications: readonly [number, number];
  readonly licensing: readonly [number, number];
  readonly punishment: readonly [number, number];
  readonly normativeValid: readonly [number, number];
  readonly feesWanYuan: number;
}

const COLUMN_WEIGHTS: Readonly<Record<ApplicantColumn, number>> = {
  naturalPerson: 78,
  commercial: 9,
  research: 1,
  social: 2,
  legal: 7,
  otherOrg: 3,
};

const OUTCOME_WEIGHTS = {
  "results.granted": 50,
  "results.partialGrant": 10,
  "results.denied.thirdPartyRights": 2,
  "results.denied.internalAffairs": 1,
  "results.denied.processInfo": 2,
  "results.unableToProvide.noInfo": 16,
  "results.unableToProvide.needCreation": 3,
  "results.unableToProvide.unclear": 2,
  "results.notProcessed.complaint": 5,
  "results.notProcessed.repeat": 5,
  "results.notProcessed.confirmInfo": 2,
  "results.other.overdueCorrection": 2,
} as const;

export const NO_CARRY_OVER: CarryOver = {
  naturalPerson: 0,
  commercial: 0,
  research: 0,
  social: 0,
  legal: 0,
  otherOrg: 0,
};

export interface GeneratedTables {
  readonly tables: ReportTables;
  /** Values needed by the next year's report. */
  readonly carriedForward: CarryOver;
  readonly normativeValid: number;
}

function set(tables: ReportTables, id: string, value: number): ReportTables {
  return setTableValue(tables, id, value);
}

/** gov-2021 tables with every cell 0. */
function zeroed(): ReportTables {
  const zeroTree = (node: unknown): unknown =>
    node === null ? 0 : typeof node === "object" ? Object.fromEntries(Object.entries(node as object).map(([k, v]) => [k, zeroTree(v)])) : node;
  return zeroTree(emptyTables("gov-2021")) as ReportTables;
}

/**
 * Complete, consistent gov-2021 tables for one township-year: no rule errors,
 * `carriedOver` taken from last year, 规章 all 0, 行政规范性文件 continuing from last year.
 */
export function generateTables(
  rng: Rng,
  scale: TownshipScale,
  carriedOver: CarryOver,
  previousNormativeValid: number | null,
): GeneratedTables {
  let tables = zeroed();

  // Table 2.
  const made = rng.int(0, 3);
  const base = previousNormativeValid ?? rng.int(scale.normativeValid[0], scale.normativeValid[1]);
  const repealed = Math.min(base, rng.int(0, 2));
  const valid = base + made - repealed;
  tables = set(tables, "table2.normativeDocuments.made", made);
  tables = set(tables, "table2.normativeDocuments.repealed", repealed);
  tables = set(tables, "table2.normativeDocuments.valid", valid);
  tables = set(tables, "table2.licensing.decisions", rng.int(scale.licensing[0], scale.licensing[1]));
  tables = set(tables, "table2.punishment.decisions", rng.int(scale.punishment[0], scale.punishment[1]));
  tables = set(tables, "table2.coercion.decisions", rng.int(0, 3));
  tables = set(tables, "table2.fees.amountWanYuan", scale.feesWanYuan);

  // Table 3: draw the applicant of each new application, then an outcome for each
  // application to be processed; a few stay open (carried forward).
  const received: Record<ApplicantColumn, number> = { ...NO_CARRY_OVER };
  const count = rng.int(scale.applications[0], scale.applications[1]);
  for (let i = 0; i < count; i++) received[rng.weighted(COLUMN_WEIGHTS)] += 1;
  const carriedForward: Record<ApplicantColumn, number> = { ...NO_CARRY_OVER };
  for (const column of APPLICANT_COLUMNS) {
    const pool = received[column] + carriedOver[column];
    const open = pool > 0 && rng.chance(column === "naturalPerson" ? 0.45 : 0.15) ? 1 : 0;
    carriedForward[column] = open;
    tables = set(tables, `table3.${column}.newReceived`, received[column]);
    tables = set(tables, `table3.${column}.carriedOver`, carriedOver[column]);
    tables = set(tables, `table3.${column}.carriedForward`, open);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < pool - open; i++) {
      const row = rng.weighted(OUTCOME_WEIGHTS);
      outcomes[row] = (outcomes[row] ?? 0) + 1;
    }
    for (const [row, n] of Object.entries(outcomes)) tables = set(tables, `table3.${column}.${row}`, n);
  }

  // Table 4: rare cases.
  const reviews = rng.chance(0.5) ? rng.int(1, 2) : 0;
  for (let i = 0; i < reviews; i++) {
    const result = rng.weighted({ maintain: 6, correct: 1, other: 1, unfinished: 2 });
    const id = `table4.review.${result}`;
    tables = set(tables, id, (readNumber(tables, id) ?? 0) + 1);
  }
  if (rng.chance(0.3)) tables = set(tables, "table4.litigationDirect.maintain", 1);

  return { tables: fillComputedCells("gov-2021", tables), carriedForward, normativeValid: valid };
}

function readNumber(tables: ReportTables, id: string): number | null {
  let node: unknown = tables;
  for (const segment of id.split(".")) node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined;
  return typeof node === "number" ? node : null;
}

/** A draft's tables: the cells accepted by `keep` keep their value from `complete`, the rest are blank. */
export function partialTables(complete: ReportTables, keep: (cellId: string) => boolean): ReportTables {
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === "number" || node === null) return keep(path) ? node : null;
    return Object.fromEntries(Object.entries(node as object).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
  };
  return walk(complete, "") as ReportTables;
}
