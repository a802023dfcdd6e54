import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import * as workflow from "@/db/commands/report-workflow";
import { publishReport } from "@/db/commands/publication";
import { readReportDocument } from "@/db/report-store";
import { lastApproval, lastTransitionTo, roundParticipants } from "@/db/report-transitions";
import { reportEditions, reports, reportSections, reportTransitions, reviewComments, users, type ReportStatus } from "@/db/schema";
import { now } from "@/lib/clock";
import { chinaLocalTime } from "@/lib/time";
import { AppError } from "@/lib/errors";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { canApproveReport, canApproveReportsOf, canDraftReportsOf, canEditReport, canReadReport, canReviewReport } from "@/lib/permissions";
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
import { recordRefusal } from "./audit";
import { db } from "./db";
import { actorOf, requireViewer } from "./session";
import { requireReadableReport } from "./report-access";
import { findingsOf } from "./reports";

const STALE = workflow.STALE_REPORT;

/** What a leader reads while the report waits for the supervising unit (发布前备案). */
export const FILING_BEFORE_PUBLICATION = "已报送上级备案，备案通过后方可发布。";

async function requireReviewer(reportId: number) {
  const found = await requireReadableReport(reportId);
  if (!canReviewReport(found.viewer, found.report)) {
    await recordRefusal(found.viewer, { action: "report.review", target: { type: "report", id: reportId } });
    throw new AppError("forbidden", "只有本单位的审核领导可以执行此操作。");
  }
  return found;
}

/**
 * 提交审核: every section complete, no rule errors (checked again here), and a short
 * explanation for each remaining warning.
 */
export async function submitReport(reportId: number, rawExplanations: unknown): Promise<void> {
  const { report, unit, viewer } = await requireReadableReport(reportId);
  if (!canEditReport(viewer, report)) {
    // The unit's clerk whose report has moved on is stale, like every other workflow step; anyone else may not submit.
    if (canDraftReportsOf(viewer, report.unitId)) throw new AppError("conflict", STALE);
    throw new AppError("forbidden", "只有本单位的填报员可以提交报告。");
  }
  const explanations = parseOrThrow(explanationsSchema, rawExplanations ?? {});
  const open = await db()
    .select({ heading: reportSections.heading })
    .from(reportSections)
    .where(and(eq(reportSections.reportId, report.id), eq(reportSections.completed, false)));
  if (open.length > 0) {
    throw new AppError("invalid", `还有 ${open.length} 节未标记为已完成：${open.map((s) => s.heading || "导语").join("、")}。`);
  }
  const document = (await readReportDocument(db(), report.id))!;
  const { errors, warnings } = splitFindings(await findingsOf(document, unit, report.id));
  if (errors.length > 0) throw new AppError("invalid", `报告还有 ${errors.length} 个错误，须全部改正后才能提交。第一个：${errors[0]!.message}`);
  const missing = warnings.filter((w) => !explanations[findingKey(w)]);
  if (missing.length > 0) {
    throw new AppError("invalid", "请为每条提醒填写说明。", Object.fromEntries(missing.map((w) => [findingKey(w), "请填写说明。"])));
  }
  const explained = warnings.map((w) => ({ finding: w, explanation: explanations[findingKey(w)]! }));
  await workflow.submitReport(db(), await actorOf(viewer), { reportId: report.id, explanations: explained, document });
}

export async function returnReport(reportId: number, input: ReturnInput): Promise<void> {
  const { report, viewer } = await requireReviewer(reportId);
  const { reason } = parseOrThrow(returnSchema, input);
  await workflow.returnReport(db(), await actorOf(viewer), { reportId: report.id, reason });
}

export async function approveReport(reportId: number, input: ApproveInput): Promise<void> {
  const { report, viewer } = await requireReviewer(reportId);
  const { opinion, writtenOn } = parseOrThrow(approveSchema, input);
  if (report.status !== "submitted") throw new AppError("conflict", STALE);
  if (!canApproveReport(viewer, report, await roundParticipants(db(), report.id))) {
    await recordRefusal(viewer, { action: "report.approved", target: { type: "report", id: report.id }, details: { reason: "separation_of_duties" } });
    throw new AppError("forbidden", "您在本轮中提交或修改过这份报告，不能由您审核批准。");
  }
  await workflow.approveReport(db(), await actorOf(viewer), { reportId: report.id, opinion, writtenOn });
}

/** 发布: now, or at a set time (the scheduler publishes within a minute of it). */
export async function publishApprovedReport(reportId: number, input: PublishInput): Promise<{ scheduled: boolean }> {
  const { report, viewer } = await requireReviewer(reportId);
  const { scheduleAt, changeNote } = parseOrThrow(publishSchema, input);
  if (report.status === "filing") throw new AppError("conflict", FILING_BEFORE_PUBLICATION);
  if (report.status !== "approved") throw new AppError("conflict", STALE);
  const isCorrection = report.liveEditionId !== null;
  if (isCorrection && !changeNote) throw new AppError("invalid", "发布修订版须填写修订说明。", { changeNote: "请填写修订说明（将向社会公开）。" });
  const actor = await actorOf(viewer);

  if (scheduleAt) {
    const at = chinaLocalTime(scheduleAt);
    if (Number.isNaN(at.getTime()) || at.getTime() <= now().getTime()) {
      throw new AppError("invalid", "定时发布的时间必须晚于现在。", { scheduleAt: "定时发布的时间必须晚于现在。" });
    }
    await workflow.schedulePublication(db(), actor, { reportId: report.id, at, changeNote: changeNote || null });
    return { scheduled: true };
  }
  const result = await publishReport(db(), actor, report.id, { at: now(), from: ["approved"], changeNote: changeNote || null });
  if (!result.published) throw new AppError("conflict", STALE);
  return { scheduled: false };
}

export async function cancelScheduledPublication(reportId: number): Promise<void> {
  const { report, viewer } = await requireReviewer(reportId);
  await workflow.cancelScheduledPublication(db(), await actorOf(viewer), report.id);
}

/** 撤回: the public page then shows the notice, date and reason instead of the content. */
export async function withdrawReport(reportId: number, input: WithdrawInput): Promise<void> {
  const { report, viewer } = await requireReviewer(reportId);
  const { reason } = parseOrThrow(withdrawSchema, input);
  await workflow.withdrawReport(db(), await actorOf(viewer), { reportId: report.id, reason });
}

/**
 * 修订: a new edition starts as a draft copied from the live snapshot; the published edition
 * stays public until the new one is published.
 */
export async function startCorrection(reportId: number): Promise<void> {
  const { report, viewer } = await requireReviewer(reportId);
  await workflow.startCorrection(db(), await actorOf(viewer), report.id);
}

export async function addReviewComment(reportId: number, input: CommentInput): Promise<void> {
  const { report, viewer } = await requireReadableReport(reportId);
  const values = parseOrThrow(commentSchema, input);
  await workflow.addReviewComment(db(), await actorOf(viewer), { reportId: report.id, ...values });
}

/** The clerk marks a comment as dealt with (after changing the section). */
export async function resolveReviewComment(reportId: number, commentId: number): Promise<void> {
  const { report, viewer } = await requireReadableReport(reportId);
  if (viewer.role !== "clerk") throw new AppError("forbidden", "由填报员在修改后标记意见为已处理。");
  await workflow.resolveReviewComment(db(), await actorOf(viewer), { reportId: report.id, commentId });
}

/** Who will review the report: the names of its unit's active leaders (the unit's clerks and leaders may ask). */
export async function listReportReviewers(reportId: number): Promise<string[]> {
  const { report } = await requireReadableReport(reportId);
  const rows = await db()
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.unitId, report.unitId), eq(users.role, "leader"), eq(users.active, true)))
    .orderBy(asc(users.id));
  return rows.map((r) => r.name);
}

/** A report in 待审核 on a leader's landing page. */
export interface AwaitingReview {
  id: number;
  year: number;
  title: string;
  submittedBy: string | null;
  submittedAt: Date | null;
  /** False when this leader took part in the round and another leader of the unit must approve. */
  canApprove: boolean;
}

/**
 * 待我审核: the reports of the viewer's unit waiting in 待审核 for the viewer's review, oldest
 * submission first. Only the unit's leaders review; for anyone else the list is empty.
 */
export async function listReportsAwaitingMyReview(): Promise<AwaitingReview[]> {
  const viewer = await requireViewer();
  if (!canApproveReportsOf(viewer, viewer.unitId)) return [];
  const rows = await db()
    .select({ id: reports.id, year: reports.year, title: reports.title, unitId: reports.unitId, status: reports.status })
    .from(reports)
    .where(and(eq(reports.unitId, viewer.unitId), eq(reports.status, "submitted")));
  const result: AwaitingReview[] = [];
  for (const report of rows) {
    if (!canReviewReport(viewer, report)) continue;
    const submission = await lastTransitionTo(db(), report.id, "submitted");
    const [submitter] = submission?.actorId ? await db().select({ name: users.displayName }).from(users).where(eq(users.id, submission.actorId)) : [];
    result.push({
      id: report.id,
      year: report.year,
      title: report.title,
      submittedBy: submitter?.name ?? null,
      submittedAt: submission?.at ?? null,
      canApprove: canApproveReport(viewer, report, await roundParticipants(db(), report.id)),
    });
  }
  return result.sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0));
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
  /** `comment`: reply in a thread (every reader); `raise`: open a new comment on a section (the unit's leaders). */
  can: { review: boolean; approve: boolean; comment: boolean; raise: boolean; resolve: boolean; submit: boolean };
  approval: { opinion: string | null; writtenOn: string | null; by: string | null; at: Date | null } | null;
  returnReason: string | null;
  /** The supervising unit the report waits for (status 待备案), e.g. 示例县人民政府. */
  filedWith: string | null;
}

/** Everything the review screen shows; the unit's clerks and leaders only. */
export async function getReviewData(reportId: number): Promise<ReviewData> {
  const { report, unit, viewer } = await requireReadableReport(reportId);
  const document = (await readReportDocument(db(), report.id))!;
  const submissions = await db()
    .select({ document: reportTransitions.document, details: reportTransitions.details })
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, report.id), eq(reportTransitions.toStatus, "submitted")))
    .orderBy(desc(reportTransitions.id))
    .limit(2);
  const [current, before] = submissions;
  const comments = await db()
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
    .orderBy(asc(reviewComments.id));
  const [live] = report.liveEditionId ? await db().select().from(reportEditions).where(eq(reportEditions.id, report.liveEditionId)) : [];
  const approval = await lastApproval(db(), report.id);
  const [approver] = approval?.actorId ? await db().select({ name: users.displayName }).from(users).where(eq(users.id, approval.actorId)) : [];
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
    findings: await findingsOf(document, unit, report.id),
    explanations: inReview || report.status === "filing" || report.status === "approved" || report.status === "scheduled" ? explanations : [],
    comments,
    previousReview: toDoc(inReview ? before?.document : current?.document),
    published: toDoc(live?.snapshot),
    scheduledAt: report.scheduledAt,
    isCorrection: report.liveEditionId !== null && report.status !== "published" && report.status !== "withdrawn",
    can: {
      review: canReviewReport(viewer, report),
      approve: canApproveReport(viewer, report, await roundParticipants(db(), report.id)),
      comment: canReadReport(viewer, report),
      raise: canReviewReport(viewer, report),
      resolve: viewer.role === "clerk",
      submit: canEditReport(viewer, report),
    },
    returnReason: (await lastTransitionTo(db(), report.id, "returned"))?.reason ?? null,
    filedWith: report.status === "filing" ? ((await lastTransitionTo(db(), report.id, "filing"))?.details?.supervisor as string | undefined) ?? "上级单位" : null,
    approval: approval
      ? { opinion: approval.reason, writtenOn: (approval.details?.writtenOn as string | undefined) ?? null, by: approver?.name ?? null, at: approval.at }
      : null,
  };
}
