/**
 * 备案 (issue 14) inside other commands' transactions: whether and with whom a report is filed
 * (lib/filing.ts's rule applied to the rows), and the filing itself — the pending row with the
 * document filed and the notice to the supervising unit's clerks. The leader's approval files
 * before publication; publishInTransaction files after it.
 */
import { and, eq } from "drizzle-orm";
import { filingArrangement, type FilingArrangement } from "@/lib/filing";
import { actorUserId, type Actor } from "./actor";
import { reportFilings, reportingListEntries, units } from "./schema";
import type { Tx } from "./transaction";
import { appendAudit } from "./commands/audit";
import { notifyUnit } from "./commands/notify";

/** The filing that applies to a unit's report of a year, as things stand now (null: none). */
export async function filingArrangementOf(tx: Tx, report: { unitId: number; year: number }): Promise<FilingArrangement | null> {
  const [unit] = await tx.select({ id: units.id, kind: units.kind, parentId: units.parentId }).from(units).where(eq(units.id, report.unitId));
  if (!unit || unit.parentId === null) return null;
  const [parent] = await tx.select({ id: units.id, name: units.name, filingMode: units.filingMode }).from(units).where(eq(units.id, unit.parentId));
  if (!parent) return null;
  const saved = await tx
    .select({
      supervisorId: reportingListEntries.supervisorId,
      unitId: reportingListEntries.unitId,
      included: reportingListEntries.included,
      reason: reportingListEntries.reason,
      filingMode: reportingListEntries.filingMode,
    })
    .from(reportingListEntries)
    .where(and(eq(reportingListEntries.supervisorId, parent.id), eq(reportingListEntries.year, report.year), eq(reportingListEntries.unitId, unit.id)));
  return filingArrangement(unit, parent, saved);
}

/**
 * Files the report with its supervisor: a pending filing of the document (before publication
 * the approved document, after it the published edition), its audit row, and a notice to the
 * supervising unit's clerks. Returns the filing's id.
 */
export async function recordFiling(
  tx: Tx,
  actor: Actor,
  filing: { report: { id: number; title: string }; unitName: string; arrangement: FilingArrangement; edition: number | null; document: string; at: Date },
): Promise<number> {
  const { arrangement, report } = filing;
  const [row] = await tx
    .insert(reportFilings)
    .values({
      reportId: report.id,
      supervisorId: arrangement.supervisorId,
      mode: arrangement.mode,
      edition: filing.edition,
      document: filing.document,
      status: "pending",
      filedAt: filing.at,
      filedById: actorUserId(actor),
    })
    .returning({ id: reportFilings.id });
  await appendAudit(tx, actor, {
    action: "filing.file",
    target: { type: "report", id: report.id },
    result: "success",
    details: { filingId: row!.id, supervisorId: arrangement.supervisorId, mode: arrangement.mode, edition: filing.edition },
  });
  const what = arrangement.mode === "before_publication" ? "报送备案（发布前备案），请审查后备案通过或退回" : "已发布并报送备案（发布后备案），请确认备案";
  await notifyUnit(tx, {
    unitId: arrangement.supervisorId,
    roles: ["clerk"],
    reportId: report.id,
    kind: "filing_received",
    message: `${filing.unitName}《${report.title}》${what}。`,
  });
  return row!.id;
}
