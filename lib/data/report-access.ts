import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, type ValuesOrPlaceholders } from "@/db/prepared";
import { reportSections, reports, reportSummations, units, type Report, type ReportSectionRow } from "@/db/schema";
import type { UnitKind } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors";
import { canEditReport, canReadReport } from "@/lib/permissions";
import { db } from "./db";
import { requireViewer, type SessionViewer } from "./session";

export interface ReportWithUnit {
  report: Report;
  unit: { id: number; name: string; shortName: string; kind: UnitKind; reportDeadline: string };
}

const unitColumns = { id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, reportDeadline: units.reportDeadline };

/** Every staff read of a report goes through it: prepared once per SQLite connection (db/prepared.ts). */
const reportQuery = (database: Db, { reportId }: ValuesOrPlaceholders<{ reportId: number }>) =>
  database.select({ report: reports, unit: unitColumns }).from(reports).innerJoin(units, eq(units.id, reports.unitId)).where(eq(reports.id, reportId));

/** The report with one section and whether it is a 汇总 report: what an autosave reads, in one query. */
const reportSectionQuery = (database: Db, { reportId, sectionKey }: ValuesOrPlaceholders<{ reportId: number; sectionKey: string }>) =>
  database
    .select({ report: reports, unit: unitColumns, section: reportSections, summationOf: reportSummations.reportId })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .leftJoin(reportSections, and(eq(reportSections.reportId, reports.id), eq(reportSections.key, sectionKey)))
    .leftJoin(reportSummations, eq(reportSummations.reportId, reports.id))
    .where(eq(reports.id, reportId));

/** "Missing" and "not yours" are the same 404. */
function refuseUnreadable<T extends ReportWithUnit>(viewer: SessionViewer, found: T | undefined): asserts found is T {
  if (!found || !canReadReport(viewer, found.report)) throw new AppError("not_found");
}

/** A clerk of the unit may change the report while it is a draft. */
function refuseUneditable(viewer: SessionViewer, report: Report): void {
  if (!canEditReport(viewer, report)) {
    throw new AppError("forbidden", viewer.role === "clerk" ? "该报告已提交或已发布，不能再修改。" : "只有本单位的填报员可以修改报告。");
  }
}

/** The report if the viewer may read it; "missing" and "not yours" are the same 404. */
export async function requireReadableReport(reportId: number): Promise<ReportWithUnit & { viewer: SessionViewer }> {
  const viewer = await requireViewer();
  const found = Number.isInteger(reportId) ? await firstRow(db(), reportQuery, { reportId }) : undefined;
  refuseUnreadable(viewer, found);
  return { ...found, viewer };
}

/** The report if the viewer may change it now (a clerk of the unit, report still a draft). */
export async function requireEditableReport(reportId: number): Promise<ReportWithUnit & { viewer: SessionViewer }> {
  const found = await requireReadableReport(reportId);
  refuseUneditable(found.viewer, found.report);
  return found;
}

/**
 * As requireEditableReport, with one of the report's sections (null when it has none by that
 * key) and whether the report is a 汇总 report (its tables are written by 汇总 only), read
 * together: an autosave's one read besides the session's.
 */
export async function requireEditableReportSection(
  reportId: number,
  sectionKey: string,
): Promise<ReportWithUnit & { viewer: SessionViewer; section: ReportSectionRow | null; summation: boolean }> {
  const viewer = await requireViewer();
  const found = Number.isInteger(reportId) ? await firstRow(db(), reportSectionQuery, { reportId, sectionKey }) : undefined;
  refuseUnreadable(viewer, found);
  refuseUneditable(viewer, found.report);
  return { report: found.report, unit: found.unit, viewer, section: found.section, summation: found.summationOf !== null };
}
