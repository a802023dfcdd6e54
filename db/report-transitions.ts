/** Reads of a report's workflow history (report_transitions), for commands and the data layer. */
import { and, desc, eq, gte, inArray } from "drizzle-orm";
import type { ReportStatus } from "@/lib/vocabulary";
import type { Db } from "./client";
import { reportSections, reportTransitions, sectionRevisions } from "./schema";

/** The latest step of a report into a status, or undefined. */
export async function lastTransitionTo(db: Db, reportId: number, status: ReportStatus) {
  const [row] = await db
    .select()
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, reportId), eq(reportTransitions.toStatus, status)))
    .orderBy(desc(reportTransitions.id))
    .limit(1);
  return row;
}

/**
 * The latest approval of a report: the step submitted → approved, or submitted → filing under
 * 发布前备案 (a cancelled schedule or an accepted filing also moves to approved, but is not the
 * leader's approval and carries no opinion).
 */
export async function lastApproval(db: Db, reportId: number) {
  const [row] = await db
    .select()
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, reportId), eq(reportTransitions.fromStatus, "submitted"), inArray(reportTransitions.toStatus, ["approved", "filing"])))
    .orderBy(desc(reportTransitions.id))
    .limit(1);
  return row;
}

/** The current round started at the last return or correction start (or at creation). */
async function roundStart(db: Db, reportId: number): Promise<Date> {
  const [last] = await db
    .select({ at: reportTransitions.at })
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, reportId), inArray(reportTransitions.toStatus, ["returned", "draft"])))
    .orderBy(desc(reportTransitions.id))
    .limit(1);
  return last?.at ?? new Date(0);
}

/** Who submitted this round, and everyone who saved a section in it (separation of duties). */
export async function roundParticipants(db: Db, reportId: number): Promise<{ submitterId: number | null; editorIds: number[] }> {
  const since = await roundStart(db, reportId);
  const editors = await db
    .selectDistinct({ id: sectionRevisions.authorId })
    .from(sectionRevisions)
    .innerJoin(reportSections, eq(reportSections.id, sectionRevisions.sectionId))
    .where(and(eq(reportSections.reportId, reportId), gte(sectionRevisions.updatedAt, since)));
  return { submitterId: (await lastTransitionTo(db, reportId, "submitted"))?.actorId ?? null, editorIds: editors.map((r) => r.id) };
}
