import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { reportSections, sectionRevisions, users, type ReportSectionRow } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { isFormatId, type TableId } from "@/lib/formats";
import { sanitizeReportHtml } from "@/lib/html/sanitize";
import { fillComputedCells } from "@/lib/rules";
import { saveSectionSchema, tableCellsSchema, type SaveSectionInput } from "@/lib/validations/report";
import { writeAudit } from "./audit";
import { db } from "./db";
import { requireEditableReport, requireReadableReport } from "./report-access";
import type { SessionViewer } from "./session";

/** Autosaves of one person within this window form one revision (a "save burst"). */
export const REVISION_COALESCE_MS = 5 * 60_000;

export interface SectionSnapshot {
  html: string;
  cells: Record<string, unknown> | null;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type SaveSectionResult =
  | { status: "saved"; version: number; savedAt: Date }
  | { status: "conflict"; theirs: SectionSnapshot };

const actorOf = (v: SessionViewer) => ({ userId: v.userId, username: v.username, role: v.role });

function sectionRow(reportId: number, key: string): ReportSectionRow {
  const row = db()
    .select()
    .from(reportSections)
    .where(and(eq(reportSections.reportId, reportId), eq(reportSections.key, key)))
    .get();
  if (!row) throw new AppError("not_found", "该节不存在。");
  return row;
}

function snapshotOf(row: ReportSectionRow): SectionSnapshot {
  const by = row.updatedById
    ? db().select({ name: users.displayName }).from(users).where(eq(users.id, row.updatedById)).get()?.name ?? null
    : null;
  return { html: row.html, cells: row.cells, version: row.version, updatedAt: row.updatedAt, updatedBy: by };
}

/** Validates and normalises the new content of a section: sanitised HTML, or well-formed cells with totals computed. */
function contentFor(row: ReportSectionRow, format: string, input: SaveSectionInput) {
  if (row.kind === "narrative") {
    if (input.html === undefined) throw new AppError("invalid", "缺少本节内容。");
    return { html: sanitizeReportHtml(input.html), cells: null };
  }
  if (!input.cells || !row.tableId || !isFormatId(format)) throw new AppError("invalid", "缺少表格数据。");
  const tableId = row.tableId as TableId;
  const parsed = tableCellsSchema(format, tableId).safeParse(input.cells);
  if (!parsed.success) {
    // The message names the cell; fieldErrors key it by its id (`table3.total.newReceived`), as the editor does.
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? "表格数据有误。";
    const cellId = issue && issue.path.length > 0 ? [tableId, ...issue.path.map(String)].join(".") : tableId;
    throw new AppError("invalid", message, { [cellId]: message });
  }
  const filled = fillComputedCells(format, { [tableId]: parsed.data });
  return { html: row.html, cells: filled[tableId] as Record<string, unknown> };
}

/** Records the save in the section's history, coalescing a person's autosaves into bursts. */
function recordRevision(sectionId: number, authorId: number, content: { html: string; cells: Record<string, unknown> | null }, version: number, at: Date, restoredFromId?: number): boolean {
  const latest = db()
    .select()
    .from(sectionRevisions)
    .where(eq(sectionRevisions.sectionId, sectionId))
    .orderBy(desc(sectionRevisions.id))
    .limit(1)
    .get();
  const coalesce =
    restoredFromId === undefined &&
    latest !== undefined &&
    latest.authorId === authorId &&
    latest.restoredFromId === null &&
    at.getTime() - latest.updatedAt.getTime() < REVISION_COALESCE_MS;
  if (coalesce) {
    db()
      .update(sectionRevisions)
      .set({ ...content, version, updatedAt: at, saveCount: latest.saveCount + 1 })
      .where(eq(sectionRevisions.id, latest.id))
      .run();
    return false;
  }
  db()
    .insert(sectionRevisions)
    .values({ sectionId, ...content, version, authorId, createdAt: at, updatedAt: at, restoredFromId: restoredFromId ?? null })
    .run();
  return true;
}

/**
 * Saves a section on top of `baseVersion`. If someone saved the section in the meantime the
 * save is refused and their version returned, so the clerk can compare and choose — nothing is
 * overwritten silently. Drafts may be incomplete or inconsistent; malformed data never is stored.
 */
export async function saveSection(raw: SaveSectionInput): Promise<SaveSectionResult> {
  const input = saveSectionSchema.safeParse(raw);
  if (!input.success) {
    const issue = input.error.issues[0];
    const message = issue?.message ?? "保存的数据有误。";
    throw new AppError("invalid", message, issue && issue.path.length > 0 ? { [issue.path.map(String).join(".")]: message } : undefined);
  }
  const { report, viewer } = await requireEditableReport(input.data.reportId);
  const row = sectionRow(report.id, input.data.sectionKey);
  const content = contentFor(row, report.format, input.data);
  const at = now();

  const outcome = db().transaction(
    () => {
      const updated = db()
        .update(reportSections)
        .set({ ...content, version: input.data.baseVersion + 1, updatedAt: at, updatedById: viewer.userId })
        .where(and(eq(reportSections.id, row.id), eq(reportSections.version, input.data.baseVersion)))
        .run();
      if (updated.changes === 0) return { conflict: true as const };
      const newBurst = recordRevision(row.id, viewer.userId, content, input.data.baseVersion + 1, at);
      return { conflict: false as const, newBurst };
    },
    { behavior: "immediate" },
  );

  if (outcome.conflict) {
    return { status: "conflict", theirs: snapshotOf(sectionRow(report.id, row.key)) };
  }
  if (outcome.newBurst) {
    await writeAudit({ actor: actorOf(viewer), action: "section.save", target: { type: "report", id: report.id }, result: "success", details: { section: row.key } });
  }
  return { status: "saved", version: input.data.baseVersion + 1, savedAt: at };
}

/** 「标记为已完成」 (or back to editing). */
export async function setSectionCompleted(reportId: number, sectionKey: string, completed: boolean): Promise<void> {
  const { report, viewer } = await requireEditableReport(reportId);
  const row = sectionRow(report.id, sectionKey);
  db().update(reportSections).set({ completed }).where(eq(reportSections.id, row.id)).run();
  await writeAudit({
    actor: actorOf(viewer),
    action: completed ? "section.complete" : "section.reopen",
    target: { type: "report", id: report.id },
    result: "success",
    details: { section: sectionKey },
  });
}

export interface RevisionSummary {
  id: number;
  version: number;
  authorName: string;
  createdAt: Date;
  updatedAt: Date;
  saveCount: number;
  restoredFromId: number | null;
  html: string;
  cells: Record<string, unknown> | null;
}

/** A section's history, newest first. */
export async function listSectionRevisions(reportId: number, sectionKey: string): Promise<RevisionSummary[]> {
  const { report } = await requireReadableReport(reportId);
  const row = sectionRow(report.id, sectionKey);
  return db()
    .select({
      id: sectionRevisions.id,
      version: sectionRevisions.version,
      authorName: users.displayName,
      createdAt: sectionRevisions.createdAt,
      updatedAt: sectionRevisions.updatedAt,
      saveCount: sectionRevisions.saveCount,
      restoredFromId: sectionRevisions.restoredFromId,
      html: sectionRevisions.html,
      cells: sectionRevisions.cells,
    })
    .from(sectionRevisions)
    .innerJoin(users, eq(users.id, sectionRevisions.authorId))
    .where(eq(sectionRevisions.sectionId, row.id))
    .orderBy(desc(sectionRevisions.id))
    .all();
}

/** Restores an old revision as a new revision (history is never rewritten). */
export async function restoreSectionRevision(reportId: number, sectionKey: string, revisionId: number): Promise<{ version: number }> {
  const { report, viewer } = await requireEditableReport(reportId);
  const row = sectionRow(report.id, sectionKey);
  const revision = db()
    .select()
    .from(sectionRevisions)
    .where(and(eq(sectionRevisions.id, revisionId), eq(sectionRevisions.sectionId, row.id)))
    .get();
  if (!revision) throw new AppError("not_found", "该历史版本不存在。");
  const at = now();
  const version = db().transaction(
    () => {
      const current = sectionRow(report.id, sectionKey);
      const content = { html: revision.html, cells: revision.cells };
      db()
        .update(reportSections)
        .set({ ...content, version: current.version + 1, updatedAt: at, updatedById: viewer.userId })
        .where(eq(reportSections.id, current.id))
        .run();
      recordRevision(current.id, viewer.userId, content, current.version + 1, at, revision.id);
      return current.version + 1;
    },
    { behavior: "immediate" },
  );
  await writeAudit({
    actor: actorOf(viewer),
    action: "section.restore",
    target: { type: "report", id: report.id },
    result: "success",
    details: { section: sectionKey, revisionId },
  });
  return { version };
}
