import "server-only";
import { eq } from "drizzle-orm";
import { reports, units, type Report } from "@/db/schema";
import type { UnitKind } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors";
import { canEditReport, canReadReport } from "@/lib/permissions";
import { db } from "./db";
import { requireViewer, type SessionViewer } from "./session";

export interface ReportWithUnit {
  report: Report;
  unit: { id: number; name: string; shortName: string; kind: UnitKind; reportDeadline: string };
}

async function loadReport(reportId: number): Promise<ReportWithUnit | undefined> {
  const [row] = await db()
    .select({
      report: reports,
      unit: { id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, reportDeadline: units.reportDeadline },
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(eq(reports.id, reportId));
  return row;
}

/** The report if the viewer may read it; "missing" and "not yours" are the same 404. */
export async function requireReadableReport(reportId: number): Promise<ReportWithUnit & { viewer: SessionViewer }> {
  const viewer = await requireViewer();
  const found = Number.isInteger(reportId) ? await loadReport(reportId) : undefined;
  if (!found || !canReadReport(viewer, found.report)) throw new AppError("not_found");
  return { ...found, viewer };
}

/** The report if the viewer may change it now (a clerk of the unit, report still a draft). */
export async function requireEditableReport(reportId: number): Promise<ReportWithUnit & { viewer: SessionViewer }> {
  const found = await requireReadableReport(reportId);
  if (!canEditReport(found.viewer, found.report)) {
    throw new AppError(
      "forbidden",
      found.viewer.role === "clerk" ? "该报告已提交或已发布，不能再修改。" : "只有本单位的填报员可以修改报告。",
    );
  }
  return found;
}
