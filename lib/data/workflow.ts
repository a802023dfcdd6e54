import "server-only";
import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { lastApproval, notifyUnit, publishReport } from "@/db/report-publish";
import { readReportDocument } from "@/db/report-store";
import { removeFromSearch } from "@/db/search-index";
import {
  reportEditions,
  reports,
  reportSections,
  reportTransitions,
  reviewComments,
  sectionRevisions,
  users,
  type ReportStatus,
} from "@/db/schema";
import { now } from "@/lib/clock";
import { chinaLocalTime } from "@/lib/time";
import { AppError } from "@/lib/errors";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { canApproveReport, canEditReport, canReadReport, canReviewReport } from "@/lib/permissions";
import { splitFindings, type Finding } from "@/lib/rules";
import {
  approveSchema,
  commentSchema,
  explanationsSchema,
  findingKey,
  publishSchema,
  returnSchema,
  withdrawSchema,
  type ApproveInput,
  type CommentInput,
  type PublishInput,
  type ReturnInput,
  type WithdrawInput,
} from "@/lib/validations/workflow";
import type { ReviewCommentView } from "@/lib/report-editing";
import { parseOrThrow } from "@/lib/validations/parse";
import { writeAudit } from "./audit";
import { db } from "./db";
import { clientIp } from "./request-context";
import { requireReadableReport, type ReportWithUnit } from "./report-access";
import { findingsOf } from "./reports";
import type { SessionViewer } from "./session";

const actorOf = (v: SessionViewer) => ({ userId: v.userId, username: v.username, role: v.role });

const STALE = "报告状态已经变化（可能刚被他人处理），请刷新页面后再操作。";

/**
 * Moves a report from one of `from` to `to` with a conditional update, records the transition
 * and the audit row. Throws when the report changed state in the meantime.
 */
async function transition(
  found: ReportWithUnit & { viewer: SessionViewer },
  from: ReportStatus[],
  to: ReportStatus,
  extra: { reason?: string | null; details?: Record<string, unknown>; document?: string | null; set?: Partial<typeof reports.$inferInsert> } = {},
): Promise<void> {
  const { report, viewer } = found;
  const at = now();
  const moved = db().transaction(
    (tx) => {
      const updated = tx
        .update(reports)
        .set({ status: to, updatedAt: at, ...extra.set })
        .where(and(eq(reports.id, report.id), inArray(reports.status, from)))
        .run();
      if (updated.changes === 0) return false;
      tx.insert(reportTransitions)
        .values({
          reportId: report.id,
          fromStatus: report.status,
          toStatus: to,
          actorId: viewer.userId,
          at,
          reason: extra.reason ?? null,
          details: extra.details ?? null,
          document: extra.document ?? null,
        })
        .run();
      return true;
    },
    { behavior: "immediate" },
  );
  if (!moved) throw new AppError("conflict", STALE);
  await writeAudit({
    actor: actorOf(viewer),
    action: `report.${to}`,
    target: { type: "report", id: report.id },
    result: "success",
    details: { from: report.status, to, reason: extra.reason ?? undefined },
  });
}

/** The current round started at the last return or correction start (or at creation). */
function roundStart(reportId: number): Date {
  const last = db()
    .select({ at: reportTransitions.at })
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, reportId), inArray(reportTransitions.toStatus, ["returned", "draft"])))
    .orderBy(desc(reportTransitions.id))
    .limit(1)
    .get();
  return last?.at ?? new Date(0);
}

function lastTransitionTo(reportId: number, status: ReportStatus) {
  return db()
    .select()
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, reportId), eq(reportTransitions.toStatus, status)))
    .orderBy(desc(reportTransitions.id))
    .limit(1)
    .get();
}

/** Who submitted this round, and everyone who saved a section in it. */
function roundParticipants(reportId: number) {
  const since = roundStart(reportId);
  const editorIds = db()
    .selectDistinct({ id: sectionRevisions.authorId })
    .from(sectionRevisions)
    .innerJoin(reportSections, eq(reportSections.id, sectionRevisions.sectionId))
    .where(and(eq(reportSections.reportId, reportId), gte(sectionRevisions.updatedAt, since)))
    .all()
    .map((r) => r.id);
  return { submitterId: lastTransitionTo(reportId, "submitted")?.actorId ?? null, editorIds };
}

async function requireReviewer(reportId: number) {
  const found = await requireReadableReport(reportId);
  if (!canReviewReport(found.viewer, found.report)) {
    await writeAudit({ actor: actorOf(found.viewer), action: "report.review", target: { type: "report", id: reportId }, result: "denied" });
    throw new AppError("forbidden", "只有本单位的审核领导可以执行此操作。");
  }
  return found;
}

/**
 * 提交审核: every section complete, no rule errors (checked again here), and a short
 * explanation for each remaining warning.
 */
export async function submitReport(reportId: number, rawExplanations: unknown): Promise<void> {
  const found = await requireReadableReport(reportId);
  const { report, unit, viewer } = found;
  if (!canEditReport(viewer, report)) throw new AppError("forbidden", viewer.role === "clerk" ? STALE : "只有本单位的填报员可以提交报告。");
  const explanations = parseOrThrow(explanationsSchema, rawExplanations ?? {});
  const open = db()
    .select({ heading: reportSections.heading })
    .from(reportSections)
    .where(and(eq(reportSections.reportId, report.id), eq(reportSections.completed, false)))
    .all();
  if (open.length > 0) {
    throw new AppError("invalid", `还有 ${open.length} 节未标记为已完成：${open.map((s) => s.heading || "导语").join("、")}。`);
  }
  const document = readReportDocument(db(), report.id)!;
  const { errors, warnings } = splitFindings(findingsOf(document, unit.id, unit.kind));
  if (errors.length > 0) throw new AppError("invalid", `报告还有 ${errors.length} 个错误，须全部改正后才能提交。第一个：${errors[0]!.message}`);
  const missing = warnings.filter((w) => !explanations[findingKey(w)]);
  if (missing.length > 0) {
    throw new AppError("invalid", "请为每条提醒填写说明。", Object.fromEntries(missing.map((w) => [findingKey(w), "请填写说明。"])));
  }
  const explained = warnings.map((w) => ({ finding: w, explanation: explanations[findingKey(w)]! }));
  await transition(found, ["draft", "returned"], "submitted", {
    details: { explanations: explained },
    document: JSON.stringify(document),
  });
  notifyUnit(db(), {
    unitId: unit.id,
    roles: ["leader"],
    reportId: report.id,
    kind: "submitted",
    message: `${viewer.displayName} 提交了《${report.title}》，请审核。`,
  });
}

export async function returnReport(reportId: number, input: ReturnInput): Promise<void> {
  const found = await requireReviewer(reportId);
  const { reason } = parseOrThrow(returnSchema, input);
  if (found.report.status !== "submitted") throw new AppError("conflict", STALE);
  await transition(found, ["submitted"], "returned", { reason });
  notifyUnit(db(), {
    unitId: found.unit.id,
    roles: ["clerk"],
    reportId: found.report.id,
    kind: "returned",
    message: `《${found.report.title}》被退回修改。原因：${reason}`,
  });
}

export async function approveReport(reportId: number, input: ApproveInput): Promise<void> {
  const found = await requireReviewer(reportId);
  const { opinion, writtenOn } = parseOrThrow(approveSchema, input);
  const { report, viewer } = found;
  if (report.status !== "submitted") throw new AppError("conflict", STALE);
  if (!canApproveReport(viewer, report, roundParticipants(report.id))) {
    await writeAudit({ actor: actorOf(viewer), action: "report.approved", target: { type: "report", id: report.id }, result: "denied", details: { reason: "separation_of_duties" } });
    throw new AppError("forbidden", "您在本轮中提交或修改过这份报告，不能由您审核批准。");
  }
  await transition(found, ["submitted"], "approved", {
    reason: opinion,
    details: { writtenOn },
    set: { metadata: { ...report.metadata, writtenOn } },
  });
  notifyUnit(db(), {
    unitId: found.unit.id,
    roles: ["clerk"],
    reportId: report.id,
    kind: "approved",
    message: `《${report.title}》已由 ${viewer.displayName} 审核批准。`,
  });
}


/** 发布: now, or at a set time (the scheduler publishes within a minute of it). */
export async function publishApprovedReport(reportId: number, input: PublishInput): Promise<{ scheduled: boolean }> {
  const found = await requireReviewer(reportId);
  const { scheduleAt, changeNote } = parseOrThrow(publishSchema, input);
  const { report, viewer } = found;
  if (report.status !== "approved") throw new AppError("conflict", STALE);
  const isCorrection = report.liveEditionId !== null;
  if (isCorrection && !changeNote) throw new AppError("invalid", "发布修订版须填写修订说明。", { changeNote: "请填写修订说明（将向社会公开）。" });

  if (scheduleAt) {
    const at = chinaLocalTime(scheduleAt);
    if (Number.isNaN(at.getTime()) || at.getTime() <= now().getTime()) {
      throw new AppError("invalid", "定时发布的时间必须晚于现在。", { scheduleAt: "定时发布的时间必须晚于现在。" });
    }
    await transition(found, ["approved"], "scheduled", { reason: changeNote || null, details: { scheduledAt: at.toISOString() }, set: { scheduledAt: at } });
    return { scheduled: true };
  }
  const result = publishReport(db(), report.id, {
    at: now(),
    actorId: viewer.userId,
    actorName: viewer.username,
    actorRole: viewer.role,
    ip: await clientIp(),
    from: ["approved"],
    changeNote: changeNote || null,
  });
  if (!result.published) throw new AppError("conflict", STALE);
  return { scheduled: false };
}

export async function cancelScheduledPublication(reportId: number): Promise<void> {
  const found = await requireReviewer(reportId);
  if (found.report.status !== "scheduled") throw new AppError("conflict", STALE);
  await transition(found, ["scheduled"], "approved", { set: { scheduledAt: null } });
}

/** 撤回: the public page then shows the notice, date and reason instead of the content. */
export async function withdrawReport(reportId: number, input: WithdrawInput): Promise<void> {
  const found = await requireReviewer(reportId);
  const { reason } = parseOrThrow(withdrawSchema, input);
  if (found.report.liveEditionId === null || found.report.withdrawnAt) throw new AppError("conflict", STALE);
  await transition(found, [found.report.status], "withdrawn", { reason, set: { withdrawnAt: now(), withdrawReason: reason } });
  removeFromSearch(db(), found.report.id);
}

/**
 * 修订: a new edition starts as a draft copied from the live snapshot; the published edition
 * stays public until the new one is published.
 */
export async function startCorrection(reportId: number): Promise<void> {
  const found = await requireReviewer(reportId);
  const { report } = found;
  if (report.status !== "published" || report.liveEditionId === null) throw new AppError("conflict", STALE);
  const live = db().select().from(reportEditions).where(eq(reportEditions.id, report.liveEditionId)).get()!;
  const parsed = parseReportJson(live.snapshot);
  if (!parsed.ok) throw new Error(`edition ${live.id} is not a valid document`);
  const snapshot = parsed.document;
  db().transaction(
    (tx) => {
      const sections = tx.select().from(reportSections).where(eq(reportSections.reportId, report.id)).all();
      const narrative = new Map(snapshot.sections.map((s) => [s.key, s.html]));
      const tables = snapshot.format === "legacy-freeform" ? {} : (snapshot.tables ?? {});
      for (const section of sections) {
        const content = section.kind === "table" ? { cells: (section.tableId && tables[section.tableId]) || section.cells } : { html: narrative.get(section.key) ?? section.html };
        tx.update(reportSections).set({ ...content, version: section.version + 1 }).where(eq(reportSections.id, section.id)).run();
      }
    },
    { behavior: "immediate" },
  );
  await transition(found, ["published"], "draft", { reason: "开始修订", details: { fromEdition: live.edition } });
  notifyUnit(db(), {
    unitId: found.unit.id,
    roles: ["clerk"],
    reportId: report.id,
    kind: "correction",
    message: `《${report.title}》开始修订，请修改后重新提交审核。`,
  });
}

export async function addReviewComment(reportId: number, input: CommentInput): Promise<void> {
  const found = await requireReadableReport(reportId);
  const values = parseOrThrow(commentSchema, input);
  const section = db()
    .select({ id: reportSections.id })
    .from(reportSections)
    .where(and(eq(reportSections.reportId, found.report.id), eq(reportSections.key, values.sectionKey)))
    .get();
  if (!section) throw new AppError("invalid", "该节已不存在，无法评论。");
  if (values.parentId) {
    const parent = db().select().from(reviewComments).where(eq(reviewComments.id, values.parentId)).get();
    if (!parent || parent.reportId !== found.report.id) throw new AppError("invalid", "回复的意见不存在。");
  }
  db()
    .insert(reviewComments)
    .values({ reportId: found.report.id, sectionKey: values.sectionKey, cellId: values.cellId ?? null, parentId: values.parentId ?? null, authorId: found.viewer.userId, body: values.body })
    .run();
  await writeAudit({ actor: actorOf(found.viewer), action: "comment.add", target: { type: "report", id: found.report.id }, result: "success", details: { section: values.sectionKey } });
  if (found.viewer.role === "leader") {
    notifyUnit(db(), {
      unitId: found.unit.id,
      roles: ["clerk"],
      reportId: found.report.id,
      kind: "comment",
      message: `${found.viewer.displayName} 对《${found.report.title}》提出了审核意见。`,
    });
  }
}

/** The clerk marks a comment as dealt with (after changing the section). */
export async function resolveReviewComment(reportId: number, commentId: number): Promise<void> {
  const found = await requireReadableReport(reportId);
  if (found.viewer.role !== "clerk") throw new AppError("forbidden", "由填报员在修改后标记意见为已处理。");
  const updated = db()
    .update(reviewComments)
    .set({ resolvedAt: now(), resolvedById: found.viewer.userId })
    .where(and(eq(reviewComments.id, commentId), eq(reviewComments.reportId, found.report.id), sql`${reviewComments.resolvedAt} is null`))
    .run();
  if (updated.changes === 0) throw new AppError("conflict", "该意见不存在或已处理。");
  await writeAudit({ actor: actorOf(found.viewer), action: "comment.resolve", target: { type: "report", id: found.report.id }, result: "success", details: { commentId } });
}

export interface ReviewData {
  reportId: number;
  status: ReportStatus;
  title: string;
  indexNo: string | null;
  document: ReportDocument;
  findings: Finding[];
  explanations: { finding: Finding; explanation: string }[];
  comments: ReviewCommentView[];
  /** Document at the previous review (for 「与上次审核版本对比」), if there was one. */
  previousReview: ReportDocument | null;
  /** The live edition (for 「与已发布版本对比」 during a correction). */
  published: ReportDocument | null;
  scheduledAt: Date | null;
  isCorrection: boolean;
  can: { review: boolean; approve: boolean; comment: boolean; resolve: boolean; submit: boolean };
  approval: { opinion: string | null; writtenOn: string | null; by: string | null; at: Date | null } | null;
  returnReason: string | null;
}

/** Everything the review screen shows; the unit's clerks and leaders only. */
export async function getReviewData(reportId: number): Promise<ReviewData> {
  const { report, unit, viewer } = await requireReadableReport(reportId);
  const document = readReportDocument(db(), report.id)!;
  const submissions = db()
    .select({ document: reportTransitions.document, details: reportTransitions.details })
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, report.id), eq(reportTransitions.toStatus, "submitted")))
    .orderBy(desc(reportTransitions.id))
    .limit(2)
    .all();
  const [current, before] = submissions;
  const comments = db()
    .select({
      id: reviewComments.id,
      sectionKey: reviewComments.sectionKey,
      cellId: reviewComments.cellId,
      parentId: reviewComments.parentId,
      author: users.displayName,
      authorRole: users.role,
      body: reviewComments.body,
      createdAt: reviewComments.createdAt,
      resolvedAt: reviewComments.resolvedAt,
    })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.authorId))
    .where(eq(reviewComments.reportId, report.id))
    .orderBy(asc(reviewComments.id))
    .all();
  const live = report.liveEditionId ? db().select().from(reportEditions).where(eq(reportEditions.id, report.liveEditionId)).get() : undefined;
  const approval = lastApproval(db(), report.id);
  const approver = approval?.actorId ? db().select({ name: users.displayName }).from(users).where(eq(users.id, approval.actorId)).get() : undefined;
  const toDoc = (json: string | null | undefined) => {
    if (!json) return null;
    const parsed = parseReportJson(json);
    return parsed.ok ? parsed.document : null;
  };
  const explanations = (current?.details?.explanations as ReviewData["explanations"] | undefined) ?? [];
  const inReview = report.status === "submitted";
  return {
    reportId: report.id,
    status: report.status,
    title: report.title,
    indexNo: report.indexNo,
    document,
    findings: findingsOf(document, unit.id, unit.kind),
    explanations: inReview || report.status === "approved" || report.status === "scheduled" ? explanations : [],
    comments,
    previousReview: toDoc(inReview ? before?.document : current?.document),
    published: toDoc(live?.snapshot),
    scheduledAt: report.scheduledAt,
    isCorrection: report.liveEditionId !== null && report.status !== "published" && report.status !== "withdrawn",
    can: {
      review: canReviewReport(viewer, report),
      approve: canApproveReport(viewer, report, roundParticipants(report.id)),
      comment: canReadReport(viewer, report),
      resolve: viewer.role === "clerk",
      submit: canEditReport(viewer, report),
    },
    returnReason: lastTransitionTo(report.id, "returned")?.reason ?? null,
    approval: approval
      ? { opinion: approval.reason, writtenOn: (approval.details?.writtenOn as string | undefined) ?? null, by: approver?.name ?? null, at: approval.at }
      : null,
  };
}
