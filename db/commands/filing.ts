/**
 * 备案 (issue 14): the supervising unit's decisions on a filing, each one transaction with the
 * filing's conditional update, the report's step (before publication), the audit row and the
 * notices. 备案通过 moves 待备案 → 已批准 (the unit may then publish); 退回 moves it to 退回修改
 * like a leader's return; 确认备案 acknowledges a published edition (发布后备案). Authorization
 * and validation happen before, in lib/data/filings.ts.
 */
import { and, eq } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { UserActor } from "../actor";
import type { Db } from "../client";
import { reportFilings, units, type ReportFiling } from "../schema";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";
import { notifyUnit } from "./notify";
import { moveReport, reportRow } from "./report-workflow";

/** The answer when a filing was decided meanwhile (or its report moved on). */
export const STALE_FILING = "该备案已经处理（可能刚被他人处理），请刷新页面后再操作。";

async function pendingFiling(tx: Tx, filingId: number, mode: ReportFiling["mode"]): Promise<ReportFiling & { supervisorName: string }> {
  const [row] = await tx.select({ filing: reportFilings, supervisorName: units.name }).from(reportFilings).innerJoin(units, eq(units.id, reportFilings.supervisorId)).where(eq(reportFilings.id, filingId));
  if (!row) throw new AppError("not_found");
  if (row.filing.status !== "pending" || row.filing.mode !== mode) throw new AppError("conflict", STALE_FILING);
  return { ...row.filing, supervisorName: row.supervisorName };
}

/** Decides a pending filing (conditional: two clerks at once cannot both decide it). */
async function decide(tx: Tx, actor: UserActor, filingId: number, status: "accepted" | "returned", note: string | null): Promise<void> {
  const decided = await tx
    .update(reportFilings)
    .set({ status, decidedAt: now(), decidedById: actor.userId, note })
    .where(and(eq(reportFilings.id, filingId), eq(reportFilings.status, "pending")))
    .returning({ id: reportFilings.id });
  if (decided.length === 0) throw new AppError("conflict", STALE_FILING);
}

/** 备案通过 (发布前备案): the report becomes 已批准 and its unit may publish it. */
export async function acceptFiling(db: Db, actor: UserActor, input: { filingId: number; note: string | null }): Promise<void> {
  await transaction(db, async (tx) => {
    const filing = await pendingFiling(tx, input.filingId, "before_publication");
    await decide(tx, actor, filing.id, "accepted", input.note);
    const report = await moveReport(tx, actor, filing.reportId, {
      from: ["filing"],
      to: "approved",
      action: "filing.accept",
      reason: input.note,
      details: { filingId: filing.id, filing: "accepted", supervisor: filing.supervisorName },
    });
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["clerk", "leader"],
      reportId: report.id,
      kind: "filing_accepted",
      message: `《${report.title}》已经${filing.supervisorName}备案通过，可以发布。`,
    });
  });
}

/** 退回 (发布前备案), with the reason: like a leader's return, the clerks edit and submit again. */
export async function returnFiling(db: Db, actor: UserActor, input: { filingId: number; reason: string }): Promise<void> {
  await transaction(db, async (tx) => {
    const filing = await pendingFiling(tx, input.filingId, "before_publication");
    await decide(tx, actor, filing.id, "returned", input.reason);
    const report = await moveReport(tx, actor, filing.reportId, {
      from: ["filing"],
      to: "returned",
      action: "filing.return",
      reason: input.reason,
      details: { filingId: filing.id, filing: "returned", supervisor: filing.supervisorName },
    });
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["clerk", "leader"],
      reportId: report.id,
      kind: "filing_returned",
      message: `《${report.title}》被${filing.supervisorName}退回修改（备案未通过）。原因：${input.reason}`,
    });
  });
}

/** 确认备案 (发布后备案): the supervisor has taken note of a published edition; an optional note. */
export async function acknowledgeFiling(db: Db, actor: UserActor, input: { filingId: number; note: string | null }): Promise<void> {
  await transaction(db, async (tx) => {
    const filing = await pendingFiling(tx, input.filingId, "after_publication");
    await decide(tx, actor, filing.id, "accepted", input.note);
    await appendAudit(tx, actor, {
      action: "filing.acknowledge",
      target: { type: "report", id: filing.reportId },
      result: "success",
      details: { filingId: filing.id, edition: filing.edition, note: input.note ?? undefined },
    });
    const report = await reportRow(tx, filing.reportId);
    await notifyUnit(tx, {
      unitId: report.unitId,
      roles: ["clerk", "leader"],
      reportId: report.id,
      kind: "filing_accepted",
      message: `《${report.title}》第 ${filing.edition ?? 1} 版已经${filing.supervisorName}确认备案。${input.note ? `备注：${input.note}` : ""}`,
    });
  });
}
