import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import * as listCommands from "@/db/commands/reporting-list";
import { reportingListEntries, reports, units, type FilingMode, type UnitKind } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError, fieldError } from "@/lib/errors";
import { canEditReportingList, placementOf } from "@/lib/reporting-list";
import { chinaYear } from "@/lib/time";
import { refuseGarbledText } from "@/lib/validations/parse";
import { reportingListSchema, type ReportingListInput, type ReportingListValues } from "@/lib/validations/reporting-list";
import { recordRefusal } from "./audit";
import { db } from "./db";
import { defaultOverviewYear, parseOverviewYear, requireSupervisor } from "./overview";
import { actorOf } from "./session";

export interface ReportingListUnit {
  unitId: number;
  name: string;
  kind: UnitKind;
  included: boolean;
  /** Why the unit is left out; null when it is on the list. */
  reason: string | null;
  /** 备案 of its own for the year; null follows the supervising unit's setting. */
  filingMode: FilingMode | null;
}

export interface ReportingList {
  unitName: string;
  year: number;
  /** Years the year select offers, newest first (as in the overview). */
  years: number[];
  /** Clerks edit the list; leaders read it. */
  canEdit: boolean;
  /** Whether anything was saved for the year (otherwise the defaults are shown). */
  saved: boolean;
  /** 备案方式 for the units on the list (the supervising unit's setting). */
  filingMode: FilingMode;
  units: ReportingListUnit[];
}

const collator = new Intl.Collator("zh-CN");

/**
 * The supervising unit's 报送单位名单 for a year: every active unit directly below it, on the list
 * or left out with the reason (the saved list, else lib/reporting-list.ts's defaults). For the
 * unit's clerks and leaders; anyone else gets "not found".
 */
export async function getReportingList(params: { year?: string } = {}): Promise<ReportingList> {
  const { viewer, unit } = await requireSupervisor();
  const year = parseOverviewYear(params.year, defaultOverviewYear());
  const [own] = await db().select({ filingMode: units.filingMode }).from(units).where(eq(units.id, unit.id));
  const below = await db()
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId })
    .from(units)
    .where(and(eq(units.parentId, unit.id), eq(units.active, true)))
    .orderBy(asc(units.id));
  const saved = await db()
    .select({
      supervisorId: reportingListEntries.supervisorId,
      unitId: reportingListEntries.unitId,
      included: reportingListEntries.included,
      reason: reportingListEntries.reason,
      filingMode: reportingListEntries.filingMode,
    })
    .from(reportingListEntries)
    .where(and(eq(reportingListEntries.supervisorId, unit.id), eq(reportingListEntries.year, year)));
  const ids = below.map((u) => u.id);
  const reportYears = ids.length
    ? (await db().selectDistinct({ year: reports.year }).from(reports).where(inArray(reports.unitId, ids))).map((r) => r.year)
    : [];
  const savedYears = (
    await db().selectDistinct({ year: reportingListEntries.year }).from(reportingListEntries).where(eq(reportingListEntries.supervisorId, unit.id))
  ).map((r) => r.year);
  const years = [...new Set([...reportYears, ...savedYears, defaultOverviewYear(), year])].sort((a, b) => b - a);
  return {
    unitName: unit.name,
    year,
    years,
    canEdit: canEditReportingList(viewer, unit),
    saved: saved.length > 0,
    filingMode: own?.filingMode ?? "none",
    units: below
      .map((u) => ({
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        ...placementOf(u, saved),
        filingMode: saved.find((e) => e.unitId === u.id)?.filingMode ?? null,
      }))
      .sort((a, b) => collator.compare(a.name, b.name) || a.unitId - b.unitId),
  };
}

/** Parses the form on the server: a missing reason is refused at that unit's field (`entries.<i>.reason`). */
function parseList(input: unknown): ReportingListValues {
  refuseGarbledText(input);
  const parsed = reportingListSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.map(String).join(".") || "form"] ??= issue.message;
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "请按提示修改后重试。", fieldErrors);
  }
  if (parsed.data.year > chinaYear(now())) throw fieldError("year", "不能为尚未开始的年度保存名单。");
  return parsed.data;
}

/** Saves the year's list; only the supervising unit's clerks (leaders are refused, and it is audited). */
export async function saveReportingList(input: ReportingListInput): Promise<void> {
  const { viewer, unit } = await requireSupervisor();
  if (!canEditReportingList(viewer, unit)) {
    await recordRefusal(viewer, { action: "reporting_list.save", target: { type: "unit", id: unit.id } });
    throw new AppError("forbidden", "报送单位名单由本单位填报员维护，您可以查看但不能修改。");
  }
  const values = parseList(input);
  await listCommands.saveReportingList(db(), await actorOf(viewer), {
    supervisorId: unit.id,
    year: values.year,
    entries: values.entries,
    filingMode: values.filingMode,
  });
}
