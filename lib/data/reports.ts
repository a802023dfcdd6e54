import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { findReportId, insertReportDocument, readReportDocument } from "@/db/report-store";
import { reports, reportSections, units, users, type ReportStatus } from "@/db/schema";
import { now } from "@/lib/clock";
import { chinaYear, daysUntil, reportDeadline } from "@/lib/time";
import { AppError } from "@/lib/errors";
import { getFormat, type FormatId } from "@/lib/formats";
import { emptyTables, REPORT_SCHEMA_ID, setTableValue, getCell, type ReportDocument } from "@/lib/interchange";
import { canDraftReportsOf, canEditReport } from "@/lib/permissions";
import { checkReport, splitFindings, type Finding } from "@/lib/rules";
import type { EditorReport } from "@/lib/report-editing";
import { parseOrThrow } from "@/lib/validations/parse";
import { reportTitleSchema } from "@/lib/validations/report";
import { writeAudit } from "./audit";
import { db } from "./db";
import { requireEditableReport, requireReadableReport } from "./report-access";
import { requireViewer, type SessionViewer } from "./session";

/** The format new reports use. */
export const CURRENT_FORMAT: FormatId = "gov-2021";

const actorOf = (v: SessionViewer) => ({ userId: v.userId, username: v.username, role: v.role });


function previousYearDocument(unitId: number, year: number): ReportDocument | undefined {
  const id = findReportId(db(), unitId, year - 1);
  return id === null ? undefined : (readReportDocument(db(), id) ?? undefined);
}

/** Findings of a stored report, checked against last year's report of the same unit. */
export function findingsOf(doc: ReportDocument, unitId: number, unitKind: ReportDocument["unit"]["kind"]): Finding[] {
  return checkReport(doc.format, doc, previousYearDocument(unitId, doc.year), { unitKind });
}

export interface WorkspaceReport {
  id: number;
  year: number;
  title: string;
  status: ReportStatus;
  sectionsCompleted: number;
  sectionsTotal: number;
  errors: number;
  warnings: number;
  lastEditedAt: Date | null;
  lastEditedBy: string | null;
  deadline: string;
  daysLeft: number;
}

/** The viewer's unit's reports, newest year first, with progress and findings. */
export async function listUnitReports(): Promise<{ unitName: string; canCreate: boolean; nextYear: number | null; reports: WorkspaceReport[] }> {
  const viewer = await requireViewer();
  if (viewer.role === "admin") throw new AppError("not_found");
  const unit = db().select().from(units).where(eq(units.id, viewer.unitId)).get();
  if (!unit) throw new AppError("not_found");
  const rows = db().select().from(reports).where(eq(reports.unitId, unit.id)).orderBy(desc(reports.year)).all();
  const result = rows.map((report): WorkspaceReport => {
    const sections = db()
      .select({ completed: reportSections.completed, updatedAt: reportSections.updatedAt, by: users.displayName })
      .from(reportSections)
      .leftJoin(users, eq(users.id, reportSections.updatedById))
      .where(eq(reportSections.reportId, report.id))
      .all();
    const last = sections
      .filter((s) => s.updatedAt)
      .sort((a, b) => b.updatedAt!.getTime() - a.updatedAt!.getTime())[0];
    const doc = readReportDocument(db(), report.id)!;
    const { errors, warnings } = splitFindings(findingsOf(doc, unit.id, unit.kind));
    const deadline = reportDeadline(report.year, unit.reportDeadline);
    return {
      id: report.id,
      year: report.year,
      title: report.title,
      status: report.status,
      sectionsCompleted: sections.filter((s) => s.completed).length,
      sectionsTotal: sections.length,
      errors: errors.length,
      warnings: warnings.length,
      lastEditedAt: last?.updatedAt ?? null,
      lastEditedBy: last?.by ?? null,
      deadline,
      daysLeft: daysUntil(deadline, now()),
    };
  });
  const nextYear = nextReportYear(rows.map((r) => r.year));
  return { unitName: unit.name, canCreate: canDraftReportsOf(viewer, unit.id) && nextYear !== null, nextYear, reports: result };
}

/**
 * The year a new report is for: the year after the unit's latest report (last calendar year
 * for a unit without reports). The current year is allowed, so that clerks can start drafting
 * in its last weeks; later years are not.
 */
function nextReportYear(existingYears: number[]): number | null {
  const currentYear = chinaYear(now());
  const next = existingYears.length ? Math.max(...existingYears) + 1 : currentYear - 1;
  return next <= currentYear ? next : null;
}

/**
 * Creates next year's report in the current national format, pre-filled from last year's:
 * metadata that stays the same, and 上年结转 per column = last year's 结转下年度继续办理.
 * Last year's figures are shown in the editor as a reference, not copied.
 */
export async function createNextYearReport(): Promise<{ id: number; year: number }> {
  const viewer = await requireViewer();
  if (!canDraftReportsOf(viewer, viewer.unitId)) throw new AppError("forbidden", "只有填报员可以新建年度报告。");
  const unit = db().select().from(units).where(eq(units.id, viewer.unitId)).get();
  if (!unit || !unit.active) throw new AppError("forbidden", "本单位已停用，不能新建报告。");

  const created = db().transaction(
    () => {
      const years = db().select({ year: reports.year }).from(reports).where(eq(reports.unitId, unit.id)).all().map((r) => r.year);
      const year = nextReportYear(years);
      if (year === null) throw new AppError("conflict", "下一年度的报告还不能新建：该年度尚未开始。");
      const format = getFormat(CURRENT_FORMAT);
      const previous = previousYearDocument(unit.id, year);

      let tables = emptyTables(CURRENT_FORMAT);
      if (previous && previous.format !== "legacy-freeform") {
        for (const column of ["naturalPerson", "commercial", "research", "social", "legal", "otherOrg", "total"]) {
          const carried = getCell(previous, `table3.${column}.carriedForward`);
          if (carried !== undefined) tables = setTableValue(tables, `table3.${column}.carriedOver`, carried);
        }
      }
      const keep = previous?.metadata ?? {};
      const doc: ReportDocument = {
        schema: REPORT_SCHEMA_ID,
        format: CURRENT_FORMAT as "gov-2021",
        year,
        unit: { name: unit.name, orgCode: unit.orgCode, kind: unit.kind },
        title: `${unit.name}${year}年政府信息公开工作年度报告`,
        metadata: {
          disclosureMode: keep.disclosureMode ?? "主动公开",
          scope: keep.scope ?? "面向全社会",
          retention: keep.retention ?? "长期公开",
          publisher: unit.name,
          source: keep.source ?? unit.shortName,
          validity: keep.validity ?? "有效",
          category: keep.category ?? "政府信息公开年报",
        },
        sections: [...(format.preamble ? [format.preamble] : []), ...format.sections]
          .filter((s) => s.kind === "narrative")
          .map((s) => ({ key: s.key, heading: s.heading, html: "" })),
        tables,
        attachments: [],
        signature: null,
      };
      const id = insertReportDocument(db(), doc, { unitId: unit.id, status: "draft", origin: "editor", createdById: viewer.userId });
      return { id, year };
    },
    { behavior: "immediate" },
  );
  await writeAudit({ actor: actorOf(viewer), action: "report.create", target: { type: "report", id: created.id }, result: "success", details: { year: created.year } });
  return created;
}

/** Everything the editor needs; clerks and leaders of the unit only. */
export async function getReportForEditing(reportId: number): Promise<EditorReport> {
  const { report, unit, viewer } = await requireReadableReport(reportId);
  const format = getFormat(report.format);
  const guidanceByKey = new Map([...(format.preamble ? [format.preamble] : []), ...format.sections].map((s) => [s.key, s.guidance]));
  const rows = db()
    .select({ section: reportSections, by: users.displayName })
    .from(reportSections)
    .leftJoin(users, eq(users.id, reportSections.updatedById))
    .where(eq(reportSections.reportId, report.id))
    .orderBy(asc(reportSections.position))
    .all();
  const deadline = reportDeadline(report.year, unit.reportDeadline);
  return {
    id: report.id,
    year: report.year,
    title: report.title,
    status: report.status,
    format: report.format,
    unitName: unit.name,
    unitKind: unit.kind,
    editable: canEditReport(viewer, report),
    sections: rows.map(({ section, by }) => ({
      key: section.key,
      heading: section.heading,
      kind: section.kind,
      tableId: section.tableId,
      html: section.html,
      cells: section.cells,
      completed: section.completed,
      version: section.version,
      state: section.completed ? "completed" : section.updatedAt ? "editing" : "not_started",
      updatedAt: section.updatedAt,
      updatedBy: by,
      guidance: guidanceByKey.get(section.key) ?? "",
    })),
    previous: previousYearDocument(unit.id, report.year) ?? null,
    deadline,
    daysLeft: daysUntil(deadline, now()),
  };
}

/** The report as it will be published (the same document the public page renders). */
export async function getReportPreview(reportId: number): Promise<{ document: ReportDocument; findings: Finding[]; status: ReportStatus }> {
  const { report, unit } = await requireReadableReport(reportId);
  const document = readReportDocument(db(), report.id)!;
  return { document, findings: findingsOf(document, unit.id, unit.kind), status: report.status };
}

export async function updateReportTitle(reportId: number, input: { title: string }): Promise<void> {
  const { report, viewer } = await requireEditableReport(reportId);
  const { title } = parseOrThrow(reportTitleSchema, input);
  db().update(reports).set({ title, updatedAt: now() }).where(and(eq(reports.id, report.id), sql`${reports.status} in ('draft','returned')`)).run();
  await writeAudit({ actor: actorOf(viewer), action: "report.title", target: { type: "report", id: report.id }, result: "success", details: { title } });
}
