import "server-only";
import { eq, sql, type Placeholder } from "drizzle-orm";
import { isPostgres, type Db } from "@/db/client";
import { preparedOnce } from "@/db/prepared";
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

const reportQuery = (database: Db, reportId: number | Placeholder) =>
  database
    .select({
      report: reports,
      unit: { id: units.id, name: units.name, shortName: units.shortName, kind: units.kind, reportDeadline: units.reportDeadline },
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(eq(reports.id, reportId));

/** Prepared once per SQLite connection (db/prepared.ts): every autosave reads its report. */
const prepareReportQuery = (database: Db) => reportQuery(database, sql.placeholder("reportId")).prepare();

async function loadReport(reportId: number): Promise<ReportWithUnit | undefined> {
  const database = db();
  if (isPostgres(database)) return (await reportQuery(database, reportId))[0];
  return preparedOnce(database, prepareReportQuery).get({ reportId });
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
