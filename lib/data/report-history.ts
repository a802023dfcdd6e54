import "server-only";
import { daysUntil, reportDeadline } from "@/lib/time";
import { now } from "@/lib/clock";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { reportEditions, reportFilings, reportSections, reportTransitions, reviewComments, sectionRevisions, units, users, type ReportStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { cellName, isFormatId } from "@/lib/formats";
import { buildTimeline, findSignOffRound, type TimelineEntry } from "@/lib/timeline";
import { db } from "./db";
import { requireReadableReport } from "./report-access";

export interface ReportHistory {
  reportId: number;
  title: string;
  status: ReportStatus;
  deadline: string;
  daysLeft: number;
  /** Whether the report has been approved, i.e. has a 审签单. */
  hasSignOff: boolean;
  /** Newest first. */
  entries: TimelineEntry[];
}

/** The report's workflow steps in recorded order, with the actor's name (no submitted documents). */
async function loadTransitions(reportId: number) {
  return db()
    .select({
      id: reportTransitions.id,
      fromStatus: reportTransitions.fromStatus,
      toStatus: reportTransitions.toStatus,
      actorName: users.displayName,
      at: reportTransitions.at,
      reason: reportTransitions.reason,
      details: reportTransitions.details,
    })
    .from(reportTransitions)
    .leftJoin(users, eq(users.id, reportTransitions.actorId))
    .where(eq(reportTransitions.reportId, reportId))
    .orderBy(asc(reportTransitions.id));
}

/**
 * Every save burst, workflow step, review comment and publication of a report, newest first;
 * the unit's clerks and leaders only (admins and other units get not_found).
 */
export async function getReportHistory(reportId: number): Promise<ReportHistory> {
  const { report, unit } = await requireReadableReport(reportId);
  const resolver = alias(users, "resolver");

  const sections = await db().select({ key: reportSections.key, heading: reportSections.heading }).from(reportSections).where(eq(reportSections.reportId, report.id));
  const headingByKey = new Map(sections.map((s) => [s.key, s.heading]));

  const revisions = await db()
    .select({
      id: sectionRevisions.id,
      sectionKey: reportSections.key,
      sectionHeading: reportSections.heading,
      authorName: users.displayName,
      createdAt: sectionRevisions.createdAt,
      updatedAt: sectionRevisions.updatedAt,
      saveCount: sectionRevisions.saveCount,
      restoredFromId: sectionRevisions.restoredFromId,
    })
    .from(sectionRevisions)
    .innerJoin(reportSections, eq(reportSections.id, sectionRevisions.sectionId))
    .leftJoin(users, eq(users.id, sectionRevisions.authorId))
    .where(eq(reportSections.reportId, report.id));

  const transitions = await loadTransitions(report.id);

  const comments = (
    await db()
    .select({
      id: reviewComments.id,
      sectionKey: reviewComments.sectionKey,
      cellId: reviewComments.cellId,
      parentId: reviewComments.parentId,
      authorName: users.displayName,
      body: reviewComments.body,
      createdAt: reviewComments.createdAt,
      resolvedAt: reviewComments.resolvedAt,
      resolvedByName: resolver.displayName,
    })
    .from(reviewComments)
    .innerJoin(users, eq(users.id, reviewComments.authorId))
    .leftJoin(resolver, eq(resolver.id, reviewComments.resolvedById))
    .where(eq(reviewComments.reportId, report.id))
  ).map(({ cellId, ...c }) => ({
      ...c,
      sectionHeading: headingByKey.get(c.sectionKey) ?? null,
      cellName: cellId ? (isFormatId(report.format) ? cellName(report.format, cellId) : cellId) : null,
    }));

  const editions = await db()
    .select({
      id: reportEditions.id,
      edition: reportEditions.edition,
      publishedAt: reportEditions.publishedAt,
      changeNote: reportEditions.changeNote,
      sha256: reportEditions.sha256,
    })
    .from(reportEditions)
    .where(eq(reportEditions.reportId, report.id));

  const acknowledger = alias(users, "acknowledger");
  const filings = await db()
    .select({
      id: reportFilings.id,
      edition: reportFilings.edition,
      supervisorName: units.name,
      filedAt: reportFilings.filedAt,
      acknowledgedAt: reportFilings.decidedAt,
      acknowledgedByName: acknowledger.displayName,
      note: reportFilings.note,
    })
    .from(reportFilings)
    .innerJoin(units, eq(units.id, reportFilings.supervisorId))
    .leftJoin(acknowledger, eq(acknowledger.id, reportFilings.decidedById))
    .where(and(eq(reportFilings.reportId, report.id), eq(reportFilings.mode, "after_publication")));

  const deadline = reportDeadline(report.year, unit.reportDeadline);
  return {
    reportId: report.id,
    title: report.title,
    status: report.status,
    deadline,
    daysLeft: daysUntil(deadline, now()),
    hasSignOff: findSignOffRound(transitions) !== null,
    entries: buildTimeline({ revisions, transitions, comments, editions, filings }),
  };
}

export interface SignOffSheet {
  reportId: number;
  /** The title as submitted in the approved round. */
  title: string;
  unitName: string;
  /** 填报人: who submitted the approved round. */
  submittedBy: string | null;
  submittedAt: Date | null;
  /** 审核领导 */
  approvedBy: string | null;
  opinion: string | null;
  approvedAt: Date;
  /** 成文日期 (YYYY-MM-DD) as set at approval. */
  writtenOn: string | null;
  /** The publication that followed the approval, once published. */
  publication: { edition: number | null; indexNo: string | null; publishedAt: Date } | null;
  /** 索引号: of that publication, or the one the report already carries (a correction keeps it); null until the first publication. */
  indexNo: string | null;
}

async function submittedTitle(reportId: number, transitionId: number): Promise<string | null> {
  const [row] = await db().select({ document: reportTransitions.document }).from(reportTransitions).where(eq(reportTransitions.id, transitionId));
  if (!row?.document) return null;
  try {
    const parsed: unknown = JSON.parse(row.document);
    const title = parsed && typeof parsed === "object" && "title" in parsed ? parsed.title : null;
    return typeof title === "string" && title !== "" ? title : null;
  } catch {
    console.error(`report ${reportId}: submitted document of transition ${transitionId} is not JSON`);
    return null;
  }
}

/**
 * The 审签单 of a report's last approval: who submitted it and when, who approved it with what
 * opinion and 成文日期, and — once published — its 索引号 and 发布时间. The unit's clerks and
 * leaders only; a report that was never approved (drafts, imported archives) has none (not_found).
 */
export async function getSignOffSheet(reportId: number): Promise<SignOffSheet> {
  const { report, unit } = await requireReadableReport(reportId);
  const round = findSignOffRound(await loadTransitions(report.id));
  if (!round) throw new AppError("not_found", "该报告尚未经审核批准，没有审签单。");
  const { approval, submission, publication } = round;

  let published: SignOffSheet["publication"] = null;
  if (publication) {
    const editionId = typeof publication.details?.editionId === "number" ? publication.details.editionId : null;
    const [edition] =
      editionId === null
        ? []
        : await db()
            .select({ edition: reportEditions.edition, publishedAt: reportEditions.publishedAt, reportId: reportEditions.reportId })
            .from(reportEditions)
            .where(eq(reportEditions.id, editionId));
    const mine = edition?.reportId === report.id ? edition : undefined;
    const indexNo = typeof publication.details?.indexNo === "string" ? publication.details.indexNo : report.indexNo;
    published = { edition: mine?.edition ?? null, indexNo, publishedAt: mine?.publishedAt ?? publication.at };
  }

  const writtenOn = typeof approval.details?.writtenOn === "string" ? approval.details.writtenOn : null;
  return {
    reportId: report.id,
    title: (submission && (await submittedTitle(report.id, submission.id))) ?? report.title,
    unitName: unit.name,
    submittedBy: submission?.actorName ?? null,
    submittedAt: submission?.at ?? null,
    approvedBy: approval.actorName,
    opinion: approval.reason,
    approvedAt: approval.at,
    writtenOn,
    publication: published,
    indexNo: published?.indexNo ?? report.indexNo,
  };
}
