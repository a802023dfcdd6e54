/**
 * The report's workflow, one command per step: 提交审核, 退回, 批准, 定时发布 and its
 * cancellation, 撤回, 开始修订, and the review comments. Each command takes the actor and does
 * its conditional update, the transition row, the audit row and the notifications in one
 * transaction. Authorization and input validation happen before, in lib/data.
 */
import { and, eq, isNull } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import type { Finding } from "@/lib/rules";
import { REPORT_STATUSES, type ReportStatus } from "@/lib/vocabulary";
import type { AuditAction } from "@/lib/audit-vocabulary";
import { actorUserId, type Actor, type UserActor } from "../actor";
import type { Db } from "../client";
import { reportEditions, reports, reportSections, reportTransitions, reviewComments, units, type Report } from "../schema";
import { forUpdate } from "../dialect";
import { filingArrangementOf, recordFiling } from "../report-filings";
import { readReportDocument } from "../report-store";
import { removeFromSearch } from "../search-index";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";
import { notifyUnit } from "./notify";

/** The answer when a report is no longer in the state the person saw. */
export const STALE_REPORT = "报告状态已经变化（可能刚被他人处理），请刷新页面后再操作。";

interface Move {
  from: readonly ReportStatus[];
  /** A further condition on the report as it is now (a conflict when it does not hold). */
  when?: (report: Report) => boolean;
  to: ReportStatus;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** The document as submitted (the baseline of the next review's comparison). */
  document?: string | null;
  /** Columns to change with the status, possibly computed from the report as it is now. */
  set?: Partial<typeof reports.$inferInsert> | ((report: Report) => Partial<typeof reports.$inferInsert>);
  /** The audit code when it is not `report.<to>` (the supervisor's 备案 decisions). */
  action?: AuditAction;
}

export async function reportRow(tx: Tx, reportId: number): Promise<Report> {
  // Locked until the transaction ends on PostgreSQL: what a step derives from the row stays true.
  const [report] = await forUpdate(tx.select().from(reports).where(eq(reports.id, reportId)));
  if (!report) throw new AppError("not_found");
  return report;
}

/**
 * Moves a report from one of `move.from` to `move.to` (a conditional update: a double click or
 * two leaders at once cannot both succeed), with its transition and audit rows. Returns the
 * report as it was before the move.
 */
export async function moveReport(tx: Tx, actor: Actor, reportId: number, move: Move): Promise<Report> {
  const report = await reportRow(tx, reportId);
  if (!move.from.includes(report.status) || (move.when && !move.when(report))) throw new AppError("conflict", STALE_REPORT);
  const at = now();
  const set = typeof move.set === "function" ? move.set(report) : move.set;
  const moved = await tx
    .update(reports)
    .set({ status: move.to, updatedAt: at, ...set })
    .where(and(eq(reports.id, report.id), eq(reports.status, report.status)))
    .returning({ id: reports.id });
  if (moved.length === 0) throw new AppError("conflict", STALE_REPORT);
  await tx.insert(reportTransitions).values({
    reportId: report.id,
    fromStatus: report.status,
    toStatus: move.to,
    actorId: actorUserId(actor),
    at,
    reason: move.reason ?? null,
    details: move.details ?? null,
    document: move.document ?? null,
  });
  await appendAudit(tx, actor, {
    action: move.action ?? `report.${move.to}`,
    target: { type: "report", id: report.id },
    result: "success",
    details: { from: report.status, to: move.to, reason: move.reason ?? undefined },
  });
  return report;
}

/** 提交审核, with the clerk's explanation of each remaining warning and the document as submitted. */
export async function submitReport(
  db: Db,
  actor: UserActor,
  input: { reportId: number; explanations: { finding: Finding; explanation: string }[]; document: ReportDocument },
): Promise<void> {
  await transaction(db, async (tx) => {
    const report = await moveReport(tx, actor, input.reportId, {
      from: ["draft", "returned"],
      to: "submitted",
      details: { explanations: input.explanations },
      document: JSON.stringify(input.document),
    });
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["leader"],
      reportId: report.id,
      kind: "submitted",
      message: `${actor.displayName} 提交了《${report.title}》，请审核。`,
    });
  });
}

/** 退回修改, with the reason the clerks are told. */
export async function returnReport(db: Db, actor: UserActor, input: { reportId: number; reason: string }): Promise<void> {
  await transaction(db, async (tx) => {
    const report = await moveReport(tx, actor, input.reportId, { from: ["submitted"], to: "returned", reason: input.reason });
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["clerk"],
      reportId: report.id,
      kind: "returned",
      message: `《${report.title}》被退回修改。原因：${input.reason}`,
    });
  });
}

/**
 * 审核批准, with the opinion and the 成文日期 (which becomes the report's writtenOn). Under
 * 发布前备案 (lib/filing.ts) the report goes to 待备案 instead, filed with the supervising unit
 * as approved; it may be published once the supervisor accepts it.
 */
export async function approveReport(db: Db, actor: UserActor, input: { reportId: number; opinion: string; writtenOn: string }): Promise<void> {
  await transaction(db, async (tx) => {
    const current = await reportRow(tx, input.reportId);
    const filing = await filingArrangementOf(tx, current);
    const files = filing?.mode === "before_publication";
    const report = await moveReport(tx, actor, input.reportId, {
      from: ["submitted"],
      to: files ? "filing" : "approved",
      reason: input.opinion,
      details: { writtenOn: input.writtenOn, ...(files ? { supervisorId: filing.supervisorId, supervisor: filing.supervisorName } : {}) },
      set: (row) => ({ metadata: { ...row.metadata, writtenOn: input.writtenOn } }),
    });
    if (files) {
      const document = (await readReportDocument(tx, report.id))!;
      const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, report.unitId));
      await recordFiling(tx, actor, { report, unitName: unit!.name, arrangement: filing, edition: null, document: JSON.stringify(document), at: now() });
    }
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["clerk"],
      reportId: report.id,
      kind: "approved",
      message: files
        ? `《${report.title}》已由 ${actor.displayName} 审核批准，已报送${filing.supervisorName}备案，备案通过后方可发布。`
        : `《${report.title}》已由 ${actor.displayName} 审核批准。`,
    });
  });
}

/** 定时发布: the scheduler publishes it when the time comes (the change note of a correction is kept with the step). */
export async function schedulePublication(db: Db, actor: UserActor, input: { reportId: number; at: Date; changeNote: string | null }): Promise<void> {
  await transaction(db, (tx) =>
    moveReport(tx, actor, input.reportId, {
      from: ["approved"],
      to: "scheduled",
      reason: input.changeNote,
      details: { scheduledAt: input.at.toISOString() },
      set: { scheduledAt: input.at },
    }),
  );
}

export async function cancelScheduledPublication(db: Db, actor: UserActor, reportId: number): Promise<void> {
  await transaction(db, (tx) => moveReport(tx, actor, reportId, { from: ["scheduled"], to: "approved", set: { scheduledAt: null } }));
}

/** 撤回: the public page then shows the notice, date and reason instead of the content; search forgets it. */
export async function withdrawReport(db: Db, actor: UserActor, input: { reportId: number; reason: string }): Promise<void> {
  await transaction(db, async (tx) => {
    const report = await moveReport(tx, actor, input.reportId, {
      from: REPORT_STATUSES,
      when: (current) => current.liveEditionId !== null && current.withdrawnAt === null,
      to: "withdrawn",
      reason: input.reason,
      set: { withdrawnAt: now(), withdrawReason: input.reason },
    });
    await removeFromSearch(tx, report.id);
  });
}

/**
 * 修订: the working copy becomes a draft again, its sections reset to the live edition; the
 * published edition stays public until the correction is published.
 */
export async function startCorrection(db: Db, actor: UserActor, reportId: number): Promise<void> {
  await transaction(db, async (tx) => {
    const report = await reportRow(tx, reportId);
    if (report.status !== "published" || report.liveEditionId === null) throw new AppError("conflict", STALE_REPORT);
    const [live] = await tx.select().from(reportEditions).where(eq(reportEditions.id, report.liveEditionId));
    const parsed = parseReportJson(live!.snapshot);
    if (!parsed.ok) throw new Error(`edition ${live!.id} is not a valid document`);
    const snapshot = parsed.document;
    const narrative = new Map(snapshot.sections.map((s) => [s.key, s.html]));
    const tables = snapshot.format === "legacy-freeform" ? {} : (snapshot.tables ?? {});
    for (const section of await tx.select().from(reportSections).where(eq(reportSections.reportId, report.id))) {
      const content =
        section.kind === "table" ? { cells: (section.tableId && tables[section.tableId]) || section.cells } : { html: narrative.get(section.key) ?? section.html };
      await tx.update(reportSections).set({ ...content, version: section.version + 1 }).where(eq(reportSections.id, section.id));
    }
    await moveReport(tx, actor, report.id, { from: ["published"], to: "draft", reason: "开始修订", details: { fromEdition: live!.edition } });
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["clerk"],
      reportId: report.id,
      kind: "correction",
      message: `《${report.title}》开始修订，请修改后重新提交审核。`,
    });
  });
}

/** A comment on a section (or a reply); a leader's comment tells the clerks. */
export async function addReviewComment(
  db: Db,
  actor: UserActor,
  input: { reportId: number; sectionKey: string; cellId?: string | null; parentId?: number | null; body: string },
): Promise<void> {
  await transaction(db, async (tx) => {
    const report = await reportRow(tx, input.reportId);
    const [section] = await tx
      .select({ id: reportSections.id })
      .from(reportSections)
      .where(and(eq(reportSections.reportId, report.id), eq(reportSections.key, input.sectionKey)));
    if (!section) throw new AppError("invalid", "该节已不存在，无法评论。");
    if (input.parentId) {
      const [parent] = await tx.select({ reportId: reviewComments.reportId }).from(reviewComments).where(eq(reviewComments.id, input.parentId));
      if (!parent || parent.reportId !== report.id) throw new AppError("invalid", "回复的意见不存在。");
    }
    await tx.insert(reviewComments).values({
      reportId: report.id,
      sectionKey: input.sectionKey,
      cellId: input.cellId ?? null,
      parentId: input.parentId ?? null,
      authorId: actor.userId,
      body: input.body,
    });
    await appendAudit(tx, actor, { action: "comment.add", target: { type: "report", id: report.id }, result: "success", details: { section: input.sectionKey } });
    if (actor.role === "leader") {
      await notifyUnit(tx, {
        unitId: report.unitId,
        roles: ["clerk"],
        reportId: report.id,
        kind: "comment",
        message: `${actor.displayName} 对《${report.title}》提出了审核意见。`,
      });
    }
  });
}

/** The clerk marks a comment as dealt with (after changing the section). */
export async function resolveReviewComment(db: Db, actor: UserActor, input: { reportId: number; commentId: number }): Promise<void> {
  await transaction(db, async (tx) => {
    const resolved = await tx
      .update(reviewComments)
      .set({ resolvedAt: now(), resolvedById: actor.userId })
      .where(and(eq(reviewComments.id, input.commentId), eq(reviewComments.reportId, input.reportId), isNull(reviewComments.resolvedAt)))
      .returning({ id: reviewComments.id });
    if (resolved.length === 0) throw new AppError("conflict", "该意见不存在或已处理。");
    await appendAudit(tx, actor, { action: "comment.resolve", target: { type: "report", id: input.reportId }, result: "success", details: { commentId: input.commentId } });
  });
}

