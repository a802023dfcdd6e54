import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { firstRow, type ValuesOrPlaceholders } from "@/db/prepared";
import { reportSections, sectionRevisions, users, type ReportSectionRow } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isFormatId } from "@/lib/formats";
import type { CellTree } from "@/lib/interchange";
import { sectionContentOf } from "@/db/report-store";
import { sanitizeReportHtml } from "@/lib/html/sanitize";
import { fillComputedCells } from "@/lib/rules";
import { refuseGarbledText } from "@/lib/validations/parse";
import { saveSectionSchema, tableCellsSchema, type SaveSectionInput } from "@/lib/validations/report";
import * as sections from "@/db/commands/sections";
import { db } from "./db";
import { actorOf } from "./session";
import { requireEditableReportSection, requireReadableReport } from "./report-access";

export interface SectionSnapshot {
  html: string;
  cells: CellTree | null;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type SaveSectionResult =
  | { status: "saved"; version: number; savedAt: Date }
  | { status: "conflict"; theirs: SectionSnapshot };

const sectionQuery = (database: Db, { reportId, key }: ValuesOrPlaceholders<{ reportId: number; key: string }>) =>
  database
    .select()
    .from(reportSections)
    .where(and(eq(reportSections.reportId, reportId), eq(reportSections.key, key)));

const SECTION_NOT_FOUND = "该节不存在。";

async function sectionRow(reportId: number, key: string): Promise<ReportSectionRow> {
  const row = await firstRow(db(), sectionQuery, { reportId, key });
  if (!row) throw new AppError("not_found", SECTION_NOT_FOUND);
  return row;
}

/** A section of a report the viewer may change now, with the report (one read: report-access.ts). */
async function requireEditableSection(reportId: number, sectionKey: string) {
  const { section, ...found } = await requireEditableReportSection(reportId, sectionKey);
  if (!section) throw new AppError("not_found", SECTION_NOT_FOUND);
  return { ...found, row: section };
}

async function snapshotOf(row: ReportSectionRow): Promise<SectionSnapshot> {
  const [by] = row.updatedById ? await db().select({ name: users.displayName }).from(users).where(eq(users.id, row.updatedById)) : [];
  return { html: row.html, cells: row.cells, version: row.version, updatedAt: row.updatedAt, updatedBy: by?.name ?? null };
}

export const SUMMED_TABLE_MESSAGE = "本报告的统计表由「汇总」生成，不能直接修改：请在汇总页面修改本级数据后重新汇总。";

/** A 汇总 report's tables are written by 汇总 only (a re-sum never overwrites typed figures). */
function refuseSummedTable(summation: boolean, row: ReportSectionRow): void {
  if (summation && row.kind === "table") throw new AppError("forbidden", SUMMED_TABLE_MESSAGE);
}

/** Validates and normalises the new content of a section: sanitised HTML, or well-formed cells with totals computed. */
export function contentFor(row: ReportSectionRow, format: string, input: Pick<SaveSectionInput, "html" | "cells">) {
  const stored = sectionContentOf(row);
  if (stored.kind === "narrative") {
    if (input.html === undefined) throw new AppError("invalid", "缺少本节内容。");
    const html = sanitizeReportHtml(input.html);
    // Character references (`&#1;`, `&#xFFFD;`) become the characters themselves once decoded.
    refuseGarbledText({ html });
    return { html, cells: null };
  }
  const { tableId } = stored;
  if (!input.cells || !isFormatId(format)) throw new AppError("invalid", "缺少表格数据。");
  const parsed = tableCellsSchema(format, tableId).safeParse(input.cells);
  if (!parsed.success) {
    // The message names the cell; fieldErrors key it by its id (`table3.total.newReceived`), as the editor does.
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? "表格数据有误。";
    const cellId = issue && issue.path.length > 0 ? [tableId, ...issue.path.map(String)].join(".") : tableId;
    throw new AppError("invalid", message, { [cellId]: message });
  }
  const filled = fillComputedCells(format, { [tableId]: parsed.data });
  return { html: row.html, cells: filled[tableId] ?? null };
}

/**
 * Saves a section on top of `baseVersion`. If someone saved the section in the meantime the
 * save is refused and their version returned, so the clerk can compare and choose — nothing is
 * overwritten silently. Drafts may be incomplete or inconsistent; malformed data never is stored.
 */
export async function saveSection(raw: SaveSectionInput): Promise<SaveSectionResult> {
  refuseGarbledText(raw);
  const input = saveSectionSchema.safeParse(raw);
  if (!input.success) {
    const issue = input.error.issues[0];
    const message = issue?.message ?? "保存的数据有误。";
    throw new AppError("invalid", message, issue && issue.path.length > 0 ? { [issue.path.map(String).join(".")]: message } : undefined);
  }
  const { report, viewer, row, summation } = await requireEditableSection(input.data.reportId, input.data.sectionKey);
  refuseSummedTable(summation, row);
  const content = contentFor(row, report.format, input.data);
  const outcome = await sections.saveSectionContent(db(), await actorOf(viewer), {
    reportId: report.id,
    sectionId: row.id,
    sectionKey: row.key,
    baseVersion: input.data.baseVersion,
    content,
  });
  if (!outcome.saved) return { status: "conflict", theirs: await snapshotOf(await sectionRow(report.id, row.key)) };
  return { status: "saved", version: outcome.version, savedAt: outcome.savedAt };
}

/** 「标记为已完成」 (or back to editing). */
export async function setSectionCompleted(reportId: number, sectionKey: string, completed: boolean): Promise<void> {
  const { report, viewer, row } = await requireEditableSection(reportId, sectionKey);
  await sections.setSectionCompleted(db(), await actorOf(viewer), { reportId: report.id, sectionId: row.id, sectionKey, completed });
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
  cells: CellTree | null;
}

/** A section's history, newest first. */
export async function listSectionRevisions(reportId: number, sectionKey: string): Promise<RevisionSummary[]> {
  const { report } = await requireReadableReport(reportId);
  const row = await sectionRow(report.id, sectionKey);
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
    .orderBy(desc(sectionRevisions.id));
}

/** Restores an old revision as a new revision (history is never rewritten). */
export async function restoreSectionRevision(reportId: number, sectionKey: string, revisionId: number): Promise<{ version: number }> {
  const { report, viewer, row, summation } = await requireEditableSection(reportId, sectionKey);
  refuseSummedTable(summation, row);
  const version = await sections.restoreSectionRevision(db(), await actorOf(viewer), { reportId: report.id, sectionId: row.id, sectionKey, revisionId });
  return { version };
}
