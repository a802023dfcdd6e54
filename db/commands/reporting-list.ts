/**
 * 年报报送单位名单 (issue 14): a supervising unit's clerk saves, for one year, which units directly
 * below it must publish their own annual report and why any is left out. One transaction: the
 * entries and the audit row.
 */
import { eq } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { FOLLOW_SUPERVISOR } from "@/lib/filing";
import type { FilingMode } from "@/lib/vocabulary";
import { actorUserId, type Actor } from "../actor";
import type { Db } from "../client";
import { reportingListEntries, units } from "../schema";
import { transaction } from "../transaction";
import { appendAudit } from "./audit";

export interface ReportingListSave {
  supervisorId: number;
  year: number;
  /** One per unit directly below the supervisor; a unit left out has its reason (already validated). */
  entries: { unitId: number; included: boolean; reason: string; filingMode?: FilingMode | typeof FOLLOW_SUPERVISOR }[];
  /** 备案方式 for the units on the list (the supervisor's own setting); unchanged when absent. */
  filingMode?: FilingMode;
}

/**
 * Writes the year's entry of every unit on the form (units not on the form keep what they had,
 * or the default). Every unit must be directly below the supervisor and named once.
 */
export async function saveReportingList(db: Db, actor: Actor, save: ReportingListSave): Promise<void> {
  await transaction(db, async (tx) => {
    const below = await tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.parentId, save.supervisorId));
    const nameOf = new Map(below.map((u) => [u.id, u.name]));
    const seen = new Set<number>();
    for (const entry of save.entries) {
      if (!nameOf.has(entry.unitId) || seen.has(entry.unitId)) {
        throw new AppError("invalid", "名单中有不属于本单位直接下级的单位，请刷新页面后重试。");
      }
      seen.add(entry.unitId);
    }
    const at = now();
    const updatedById = actorUserId(actor);
    for (const entry of save.entries) {
      const filing = entry.filingMode === undefined ? {} : { filingMode: entry.filingMode === FOLLOW_SUPERVISOR ? null : entry.filingMode };
      const values = { included: entry.included, reason: entry.included ? null : entry.reason, ...filing, updatedAt: at, updatedById };
      await tx
        .insert(reportingListEntries)
        .values({ supervisorId: save.supervisorId, year: save.year, unitId: entry.unitId, ...values })
        .onConflictDoUpdate({ target: [reportingListEntries.supervisorId, reportingListEntries.year, reportingListEntries.unitId], set: values });
    }
    if (save.filingMode) await tx.update(units).set({ filingMode: save.filingMode, updatedAt: at }).where(eq(units.id, save.supervisorId));
    const ownModes = save.entries
      .filter((e) => e.filingMode !== undefined && e.filingMode !== FOLLOW_SUPERVISOR)
      .map((e) => ({ unitId: e.unitId, name: nameOf.get(e.unitId)!, filingMode: e.filingMode }));
    const leftOut = save.entries.filter((e) => !e.included).map((e) => ({ unitId: e.unitId, name: nameOf.get(e.unitId)!, reason: e.reason }));
    await appendAudit(tx, actor, {
      action: "reporting_list.save",
      target: { type: "unit", id: save.supervisorId },
      result: "success",
      details: { year: save.year, listed: save.entries.length - leftOut.length, leftOut, ...(save.filingMode ? { filingMode: save.filingMode, ownFilingModes: ownModes } : {}) },
    });
  });
}
