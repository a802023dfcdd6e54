/**
 * The handful of figures a citizen compares across years: applications (table 3, 总计 column)
 * and proactive disclosure (table 2). Pure functions over published documents; used by the
 * unit trend charts and the 与上年对比 panel of a report page.
 */
import { listCells, type CellId } from "@/lib/formats";
import { getCell, type ReportDocument } from "@/lib/interchange";

export interface KeyFigures {
  readonly year: number;
  /** 一、本年新收政府信息公开申请数量 (总计). */
  readonly received: number | null;
  /** 三、（一）予以公开 (总计). */
  readonly granted: number | null;
  /** 三、（三）不予公开, the sum of its eight reasons (总计). */
  readonly denied: number | null;
  /** 四、结转下年度继续办理 (总计). */
  readonly carriedForward: number | null;
  /** 行政规范性文件 本年制发件数 (2019 format: 规范性文件 本年新制作数量). */
  readonly normativeMade: number | null;
  /** 行政规范性文件 现行有效件数 (2021 format only). */
  readonly normativeValid: number | null;
  /** 行政许可 本年处理决定数量. */
  readonly licensing: number | null;
  /** 行政处罚 本年处理决定数量. */
  readonly punishment: number | null;
  /** 行政强制 本年处理决定数量. */
  readonly coercion: number | null;
}

export type KeyFigureKey = Exclude<keyof KeyFigures, "year">;

export interface KeyFigureDef {
  readonly key: KeyFigureKey;
  readonly label: string;
  /** Counting unit shown next to numbers. */
  readonly unit: string;
}

/** 依申请公开: the application figures, in display order. */
export const APPLICATION_FIGURES: readonly KeyFigureDef[] = [
  { key: "received", label: "本年新收申请", unit: "件" },
  { key: "granted", label: "予以公开", unit: "件" },
  { key: "denied", label: "不予公开", unit: "件" },
  { key: "carriedForward", label: "结转下年度继续办理", unit: "件" },
];

/** 主动公开: the proactive disclosure figures, in display order. */
export const PROACTIVE_FIGURES: readonly KeyFigureDef[] = [
  { key: "normativeMade", label: "制发行政规范性文件", unit: "件" },
  { key: "normativeValid", label: "现行有效行政规范性文件", unit: "件" },
  { key: "licensing", label: "行政许可决定", unit: "件" },
  { key: "punishment", label: "行政处罚决定", unit: "件" },
  { key: "coercion", label: "行政强制决定", unit: "件" },
];

export const KEY_FIGURES: readonly KeyFigureDef[] = [...APPLICATION_FIGURES, ...PROACTIVE_FIGURES];

const number = (doc: ReportDocument, id: CellId): number | null => {
  const value = getCell(doc, id);
  return typeof value === "number" && Number.isFinite(value) ? value : null;
};

/** Sum of cells; null when there are none or any of them is blank (unknown, not zero). */
function sumOf(doc: ReportDocument, ids: readonly CellId[]): number | null {
  if (ids.length === 0) return null;
  let sum = 0;
  for (const id of ids) {
    const value = number(doc, id);
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

const DENIED_PREFIX = "table3.total.results.denied.";

/**
 * The key figures of a document, or null for a format without national tables
 * (legacy free-form reports keep their 附表 as text).
 */
export function extractKeyFigures(doc: ReportDocument): KeyFigures | null {
  if (doc.format === "legacy-freeform") return null;
  const deniedIds = listCells(doc.format)
    .filter((c) => c.id.startsWith(DENIED_PREFIX))
    .map((c) => c.id);
  const is2019 = doc.format === "gov-2019-trial";
  return {
    year: doc.year,
    received: number(doc, "table3.total.newReceived"),
    granted: number(doc, "table3.total.results.granted"),
    denied: sumOf(doc, deniedIds),
    carriedForward: number(doc, "table3.total.carriedForward"),
    normativeMade: number(doc, is2019 ? "table2.normativeDocuments.newlyMade" : "table2.normativeDocuments.made"),
    normativeValid: is2019 ? null : number(doc, "table2.normativeDocuments.valid"),
    licensing: number(doc, "table2.licensing.decisions"),
    punishment: number(doc, "table2.punishment.decisions"),
    coercion: number(doc, "table2.coercion.decisions"),
  };
}

/** One unit's figures per year, oldest first, one entry per year (documents without tables skipped). */
export function buildUnitTrend(docs: readonly ReportDocument[]): KeyFigures[] {
  const byYear = new Map<number, KeyFigures>();
  for (const doc of docs) {
    const figures = extractKeyFigures(doc);
    if (figures) byYear.set(figures.year, figures);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * The trend on a true year axis: every year from the first to the last, a year without a
 * report (or without tables) as all gaps, so a chart never draws two years as neighbours.
 */
export function onYearAxis(points: readonly KeyFigures[]): KeyFigures[] {
  if (points.length === 0) return [];
  const byYear = new Map(points.map((p) => [p.year, p]));
  const first = points[0]!.year;
  const last = points[points.length - 1]!.year;
  return Array.from({ length: last - first + 1 }, (_, i) => byYear.get(first + i) ?? missingYear(first + i));
}

function missingYear(year: number): KeyFigures {
  return { year, received: null, granted: null, denied: null, carriedForward: null, normativeMade: null, normativeValid: null, licensing: null, punishment: null, coercion: null };
}

/** Whether any year has a value for the figure (a chart of nothing but gaps is left out). */
export function hasAnyValue(points: readonly KeyFigures[], keys: readonly KeyFigureKey[]): boolean {
  return points.some((p) => keys.some((k) => p[k] !== null));
}

export interface FigureComparison {
  readonly key: KeyFigureKey;
  readonly label: string;
  readonly unit: string;
  readonly previous: number | null;
  readonly current: number | null;
  /** current − previous; null when either is unknown. */
  readonly change: number | null;
}

/** This year against last year, figure by figure (rows where both are unknown are dropped). */
export function compareKeyFigures(current: KeyFigures, previous: KeyFigures): FigureComparison[] {
  return KEY_FIGURES.flatMap((def) => {
    const now = current[def.key];
    const before = previous[def.key];
    if (now === null && before === null) return [];
    return [
      {
        key: def.key,
        label: def.label,
        unit: def.unit,
        previous: before,
        current: now,
        change: now === null || before === null ? null : Math.round((now - before) * 1e6) / 1e6,
      },
    ];
  });
}

/** 「+3」「−2」「持平」 for a change; 「—」 when unknown. */
export function formatChange(change: number | null): string {
  if (change === null) return "—";
  if (change === 0) return "持平";
  return change > 0 ? `+${change}` : `−${Math.abs(change)}`;
}
