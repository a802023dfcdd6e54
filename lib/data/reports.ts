import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { createNextYearReport as createReport, renameReport } from "@/db/commands/reports";
import { previousYearDocument, readReportDocument, sectionContentOf, yearReportState, type YearReportState } from "@/db/report-store";
import { reports, reportSections, units, users, type ReportStatus } from "@/db/schema";
import { unitLevelOf } from "@/db/unit-tree";
import { now } from "@/lib/clock";
import { daysUntil, nextReportYear, reportDeadline } from "@/lib/time";
import { AppError } from "@/lib/errors";
import { getFormat } from "@/lib/formats";
import type { ReportDocument } from "@/lib/interchange";
import { canDraftReportsOf, canEditReport } from "@/lib/permissions";
import { countFindings, type Finding } from "@/lib/rules";
import type { EditorReport } from "@/lib/report-editing";
import { parseOrThrow } from "@/lib/validations/parse";
import { reportTitleSchema } from "@/lib/validations/report";
import { db } from "./db";
import { checkStoredReport } from "./report-checks";
import { requireEditableReport, requireReadableReport } from "./report-access";
import { actorOf, requireViewer } from "./session";
import { summationStateOf } from "./summation";

/**
 * Findings of a stored report: every rule, checked against last year's report of the same unit
 * and (X-5) the other units' public reports of the year.
 */
export async function findingsOf(doc: ReportDocument, unit: { id: number; kind: ReportDocument["unit"]["kind"] }, reportId: number): Promise<Finding[]> {
  return (await checkStoredReport(doc, unit, reportId)).findings;
}

export interface WorkspaceReport {
  id: number;
  year: number;
  title: string;
  status: ReportStatus;
  sectionsCompleted: number;
  sectionsTotal: number;
  /** Mistakes (one per cause); blank cells are counted in `blanks`. */
  errors: number;
  warnings: number;
  /** Cells not filled in yet (V0). */
  blanks: number;
  lastEditedAt: Date | null;
  lastEditedBy: string | null;
  deadline: string;
  daysLeft: number;
}

/**
 * The viewer's unit's reports, newest year first, with progress and findings, and whether the
 * report before the next one is published (its published edition is what the next report is
 * pre-filled from and checked against; 新建年度报告 warns when it is not).
 */
export async function listUnitReports(): Promise<{
  unitName: string;
  canCreate: boolean;
  nextYear: number | null;
  lastYearState: YearReportState;
  reports: WorkspaceReport[];
}> {
  const viewer = await requireViewer();
  if (viewer.role === "admin") throw new AppError("not_found");
  const [unit] = await db().select().from(units).where(eq(units.id, viewer.unitId));
  if (!unit) throw new AppError("not_found");
  const rows = await db().select().from(reports).where(eq(reports.unitId, unit.id)).orderBy(desc(reports.year));
  const result: WorkspaceReport[] = [];
  for (const report of rows) {
    const sections = await db()
      .select({ completed: reportSections.completed, updatedAt: reportSections.updatedAt, by: users.displayName })
      .from(reportSections)
      .leftJoin(users, eq(users.id, reportSections.updatedById))
      .where(eq(reportSections.reportId, report.id));
    const last = sections
      .filter((s) => s.updatedAt)
      .sort((a, b) => b.updatedAt!.getTime() - a.updatedAt!.getTime())[0];
    const doc = (await readReportDocument(db(), report.id))!;
    const { errors, warnings, blanks } = countFindings(await findingsOf(doc, unit, report.id));
    const deadline = reportDeadline(report.year, unit.reportDeadline);
    result.push({
      id: report.id,
      year: report.year,
      title: report.title,
      status: report.status,
      sectionsCompleted: sections.filter((s) => s.completed).length,
      sectionsTotal: sections.length,
      errors,
      warnings,
      blanks,
      lastEditedAt: last?.updatedAt ?? null,
      lastEditedBy: last?.by ?? null,
      deadline,
      daysLeft: daysUntil(deadline, now()),
    });
  }
  const nextYear = nextReportYear(rows.map((r) => r.year), now());
  const lastYearState = nextYear === null ? "none" : yearReportState(rows.find((r) => r.year === nextYear - 1));
  return { unitName: unit.name, canCreate: canDraftReportsOf(viewer, unit.id) && nextYear !== null, nextYear, lastYearState, reports: result };
}

/**
 * Creates next year's report in the current national format, pre-filled from last year's
 * published edition (db/commands/reports.ts).
 */
export async function createNextYearReport(): Promise<{ id: number; year: number }> {
  const viewer = await requireViewer();
  if (!canDraftReportsOf(viewer, viewer.unitId)) throw new AppError("forbidden", "只有填报员可以新建年度报告。");
  return createReport(db(), await actorOf(viewer), viewer.unitId);
}

/** Everything the editor needs; clerks and leaders of the unit only. */
export async function getReportForEditing(reportId: number): Promise<EditorReport> {
  const { report, unit, viewer } = await requireReadableReport(reportId);
  const format = getFormat(report.format);
  const guidanceByKey = new Map([...(format.preamble ? [format.preamble] : []), ...format.sections].map((s) => [s.key, s.guidance]));
  const rows = await db()
    .select({ section: reportSections, by: users.displayName })
    .from(reportSections)
    .leftJoin(users, eq(users.id, reportSections.updatedById))
    .where(eq(reportSections.reportId, report.id))
    .orderBy(asc(reportSections.position));
  const deadline = reportDeadline(report.year, unit.reportDeadline);
  const stored = (await readReportDocument(db(), report.id))!;
  const { findings } = await checkStoredReport(stored, unit, report.id);
  return {
    id: report.id,
    year: report.year,
    title: report.title,
    status: report.status,
    format: report.format,
    unitName: unit.name,
    unitKind: unit.kind,
    unitLevel: await unitLevelOf(db(), unit.id),
    editable: canEditReport(viewer, report),
    summation: await summationStateOf({ report, unit, viewer }),
    sections: rows.map(({ section, by }) => ({
      ...sectionContentOf(section),
      key: section.key,
      heading: section.heading,
      completed: section.completed,
      version: section.version,
      state: section.completed ? "completed" : section.updatedAt ? "editing" : "not_started",
      updatedAt: section.updatedAt,
      updatedBy: by,
      guidance: guidanceByKey.get(section.key) ?? "",
    })),
    previous: (await previousYearDocument(db(), unit.id, report.year)) ?? null,
    copiedText: findings.filter((f) => f.ruleId === "X-5"),
    deadline,
    daysLeft: daysUntil(deadline, now()),
  };
}

/** The report as it will be published (the same document the public page renders). */
export async function getReportPreview(reportId: number): Promise<{ document: ReportDocument; findings: Finding[]; status: ReportStatus; live: boolean }> {
  const { report, unit } = await requireReadableReport(reportId);
  const document = (await readReportDocument(db(), report.id))!;
  return { document, findings: await findingsOf(document, unit, report.id), status: report.status, live: report.liveEditionId !== null };
}

export async function updateReportTitle(reportId: number, input: { title: string }): Promise<void> {
  const { report, viewer } = await requireEditableReport(reportId);
  const { title } = parseOrThrow(reportTitleSchema, input);
  await renameReport(db(), await actorOf(viewer), { reportId: report.id, title });
}
