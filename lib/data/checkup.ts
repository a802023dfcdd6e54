import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { readReportDocument } from "@/db/report-store";
import { lastTransitionTo } from "@/db/report-transitions";
import { reportingListEntries, reports, units, type ReportStatus, type UnitKind } from "@/db/schema";
import type { RuleId } from "@/lib/formats";
import { copiedTextThresholdPercent, countFindings, RULES, type CopiedTextMatch, type Finding } from "@/lib/rules";
import { placementOf } from "@/lib/reporting-list";
import { copiedTextThreshold } from "@/lib/site";
import { reportDeadline } from "@/lib/time";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";
import { findingKey } from "@/lib/validations/workflow";
import { db } from "./db";
import { defaultOverviewYear, descendantsOf, latenessOf, parseOverviewYear, requireSupervisor, type Lateness, type SortOrder } from "./overview";
import { checkStoredReport } from "./report-checks";

/*
 * 年报体检 for a county: every report of every subordinate unit (of one year or of all years,
 * imported archives included) checked as the clerk's editor checks it, with what is still open.
 */

export const CHECKUP_SORTS = ["unit", "year", "errors", "warnings", "copied", "late"] as const;
export type CheckupSort = (typeof CHECKUP_SORTS)[number];

/** Warnings an explanation was given for travel with the submission; these statuses have one. */
const EXPLAINED_STATUSES: readonly ReportStatus[] = ["submitted", "approved", "scheduled", "published"];

export interface CheckupRow {
  reportId: number;
  unitId: number;
  unitName: string;
  unitKind: UnitKind;
  year: number;
  status: ReportStatus;
  /** Moved in from an archive (stored as published then, findings included). */
  imported: boolean;
  /** Mistakes, one per cause (blank cells apart). */
  errors: number;
  blanks: number;
  /** Warnings by rule: all of them, and those without the clerk's explanation (open). */
  warnings: Partial<Record<RuleId, { total: number; open: number }>>;
  warningCount: number;
  openWarningCount: number;
  /** The section most copied from elsewhere (X-5), whatever its share. */
  topCopied: (CopiedTextMatch & { sectionHeading: string }) | null;
  /**
   * Why the unit was left out of its supervisor's 报送单位名单 for the report's year (垂直管理 …),
   * or null when it is on it. A unit left out is never late, as in the overview.
   */
  offListReason: string | null;
  late: Lateness | null;
  daysLate: number;
}

export interface CountyCheckup {
  unitName: string;
  /** The report year checked, or "all" (every year, imported archives included). */
  year: number | "all";
  /** Years the year select offers, newest first. */
  years: number[];
  sort: CheckupSort;
  order: SortOrder;
  rows: CheckupRow[];
  /** Warning rules, in catalog order, as columns. */
  warningRules: { id: RuleId; title: string }[];
  /** The X-5 threshold, in percent. */
  copiedThreshold: number;
}

const collator = new Intl.Collator("zh-CN");

function compareRows(sort: CheckupSort, order: SortOrder): (a: CheckupRow, b: CheckupRow) => number {
  const direction = order === "asc" ? 1 : -1;
  const byUnitYear = (a: CheckupRow, b: CheckupRow) => collator.compare(a.unitName, b.unitName) || b.year - a.year || a.reportId - b.reportId;
  const key: Record<CheckupSort, (row: CheckupRow) => number> = {
    unit: () => 0,
    year: (row) => row.year,
    errors: (row) => row.errors,
    warnings: (row) => row.openWarningCount,
    copied: (row) => row.topCopied?.percent ?? -1,
    late: (row) => (row.late ? row.daysLate : -1),
  };
  return (a, b) => {
    if (sort === "unit") return direction * byUnitYear(a, b);
    return direction * (key[sort](a) - key[sort](b)) || byUnitYear(a, b);
  };
}

async function explainedKeys(reportId: number, status: ReportStatus): Promise<Set<string>> {
  if (!EXPLAINED_STATUSES.includes(status)) return new Set();
  const submission = await lastTransitionTo(db(), reportId, "submitted");
  const explanations = (submission?.details as { explanations?: { finding: Finding }[] } | null)?.explanations ?? [];
  return new Set(explanations.map((e) => findingKey(e.finding)));
}

/**
 * For clerks and leaders of a supervising unit (province, city, county): every report of the
 * chosen year (default: the year due now; "all" for every year) of every unit below it, with its
 * errors, its warnings by rule (explained or open), the most copied section (X-5) and whether it
 * was late. Anyone else gets "not found". Each report is checked on request, against the other
 * public reports of its year (X-5): a county's year is tens of reports; a city's or province's
 * years, thousands, would want the results kept per edition.
 */
export async function getCountyCheckup(params: { year?: string; sort?: string; order?: string } = {}): Promise<CountyCheckup> {
  const { unit } = await requireSupervisor();
  const year = params.year === "all" ? "all" : parseOverviewYear(params.year, defaultOverviewYear());
  const sort: CheckupSort = (CHECKUP_SORTS as readonly string[]).includes(params.sort ?? "") ? (params.sort as CheckupSort) : "unit";
  const order: SortOrder = params.order === "desc" ? "desc" : "asc";

  const allUnits = await db()
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId, active: units.active, reportDeadline: units.reportDeadline })
    .from(units);
  const subordinates = new Map(descendantsOf(unit.id, allUnits).map((u) => [u.id, u]));
  const ofSubordinates = inArray(reports.unitId, [...subordinates.keys()]);
  const listedUnits = inArray(reportingListEntries.unitId, [...subordinates.keys()]);
  const [found, reportYears, savedList] = subordinates.size
    ? await Promise.all([
        db()
          .select({ id: reports.id, unitId: reports.unitId, year: reports.year, status: reports.status, origin: reports.origin, publishedAt: reports.publishedAt, liveEditionId: reports.liveEditionId })
          .from(reports)
          .where(year === "all" ? ofSubordinates : and(ofSubordinates, eq(reports.year, year))),
        db().selectDistinct({ year: reports.year }).from(reports).where(ofSubordinates),
        // Each unit is placed by the list of the unit directly above it, for the report's year.
        db()
          .select({ year: reportingListEntries.year, supervisorId: reportingListEntries.supervisorId, unitId: reportingListEntries.unitId, included: reportingListEntries.included, reason: reportingListEntries.reason })
          .from(reportingListEntries)
          .where(year === "all" ? listedUnits : and(listedUnits, eq(reportingListEntries.year, year))),
      ])
    : [[], [], []];
  const years = [...new Set([...reportYears.map((r) => r.year), defaultOverviewYear(), ...(year === "all" ? [] : [year])])].sort((a, b) => b - a);

  const rows: CheckupRow[] = [];
  for (const report of found) {
    const sub = subordinates.get(report.unitId)!;
    const document = await readReportDocument(db(), report.id);
    if (!document) continue;
    const { findings, copied } = await checkStoredReport(document, { id: sub.id, kind: sub.kind }, report.id);
    const explained = await explainedKeys(report.id, report.status);
    const warnings: CheckupRow["warnings"] = {};
    let open = 0;
    for (const f of findings) {
      if (f.severity !== "warning") continue;
      const isOpen = !explained.has(findingKey(f));
      const count = (warnings[f.ruleId] ??= { total: 0, open: 0 });
      count.total += 1;
      if (isOpen) {
        count.open += 1;
        open += 1;
      }
    }
    const counts = countFindings(findings);
    const top = copied.reduce<CopiedTextMatch | null>((best, c) => (best === null || c.percent > best.percent ? c : best), null);
    const isPublic = report.status === "published" || (report.liveEditionId !== null && report.status !== "withdrawn");
    const placement = placementOf(sub, savedList.filter((e) => e.year === report.year && e.unitId === sub.id));
    rows.push({
      reportId: report.id,
      unitId: sub.id,
      unitName: sub.name,
      unitKind: sub.kind,
      year: report.year,
      status: report.status,
      imported: report.origin === "import",
      errors: counts.errors,
      blanks: counts.blanks,
      warnings,
      warningCount: counts.warnings,
      openWarningCount: open,
      topCopied: top ? { ...top, sectionHeading: document.sections.find((s) => s.key === top.sectionKey)?.heading ?? "" } : null,
      offListReason: placement.included ? null : (placement.reason ?? ""),
      ...(placement.included ? latenessOf(reportDeadline(report.year, sub.reportDeadline), { publishedAt: report.publishedAt, isPublic }) : { late: null, daysLate: 0 }),
    });
  }
  rows.sort(compareRows(sort, order));
  return {
    unitName: unit.name,
    year,
    years,
    sort,
    order,
    rows,
    warningRules: RULES.filter((r) => r.severity === "warning").map((r) => ({ id: r.id, title: r.title })),
    copiedThreshold: copiedTextThresholdPercent({ threshold: copiedTextThreshold() }),
  };
}

/** The 体检 table as CSV rows (header first), for 「导出 CSV」. */
export function checkupCsvRows(checkup: CountyCheckup): (string | number)[][] {
  const header = [
    "单位",
    "年度",
    "状态",
    "来源",
    "错误",
    "未填格数",
    "提醒",
    "未说明的提醒",
    ...checkup.warningRules.flatMap((r) => [`${r.title}（提醒）`, `${r.title}（未说明）`]),
    "最高雷同比例(%)",
    "雷同来源",
    "雷同部分",
    "是否逾期",
    "逾期天数",
    "报送单位名单",
  ];
  return [
    header,
    ...checkup.rows.map((row) => [
      row.unitName,
      row.year,
      REPORT_STATUS_LABELS[row.status],
      row.imported ? "导入" : "系统编制",
      row.errors,
      row.blanks,
      row.warningCount,
      row.openWarningCount,
      ...checkup.warningRules.flatMap((r) => [row.warnings[r.id]?.total ?? 0, row.warnings[r.id]?.open ?? 0]),
      row.topCopied?.percent ?? "",
      row.topCopied?.sourceLabel ?? "",
      row.topCopied?.sectionHeading || (row.topCopied ? "引言" : ""),
      row.late === "overdue" ? "逾期未发布" : row.late === "published_late" ? "逾期发布" : "否",
      row.daysLate,
      row.offListReason === null ? "在名单" : `不在名单${row.offListReason ? `（${row.offListReason}）` : ""}`,
    ]),
  ];
}
