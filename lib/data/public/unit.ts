import "server-only";
import { asc, count, desc, eq } from "drizzle-orm";
import { reportEditions, reports, units } from "@/db/schema";
import { buildUnitTrend } from "@/lib/charts/key-figures";
import type { PublicReportSummary, PublicUnitRef, UnitTrend } from "@/lib/public/types";
import { db } from "../db";
import { isLiveReport, summaryQuery, toSummary, whereAll } from "./live-reports";
import { parseSnapshot } from "./snapshot-documents";

/* One unit's page (/units/{id}): its public reports and its key figures over the years. */

/** The unit, if it has at least one public report. */
async function publicUnitRef(unitId: number): Promise<PublicUnitRef | null> {
  const [counted] = await db().select({ n: count() }).from(reports).where(whereAll(isLiveReport(), eq(reports.unitId, unitId)));
  if ((counted?.n ?? 0) === 0) return null;
  const [unit] = await db().select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.id, unitId));
  return unit ?? null;
}

/**
 * A unit's key figures per year from its live reports: applications received (table 3 总计
 * 新收), granted, denied (sum of the eight 不予公开 reasons), carried forward, and the proactive
 * disclosure figures of table 2. Null for a unit without public reports.
 */
export async function listUnitTrend(unitId: number): Promise<UnitTrend | null> {
  const unit = await publicUnitRef(unitId);
  if (!unit) return null;
  const rows = await db()
    .select({ editionId: reportEditions.id, sha256: reportEditions.sha256, snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(whereAll(isLiveReport(), eq(reports.unitId, unitId)))
    .orderBy(asc(reports.year));
  return { unit, points: buildUnitTrend(rows.map((r) => parseSnapshot(r.editionId, r.sha256, r.snapshot))) };
}

/** A unit's public reports, newest year first (null when it has none). */
export async function getPublicUnit(unitId: number): Promise<{ unit: PublicUnitRef; reports: PublicReportSummary[] } | null> {
  const unit = await publicUnitRef(unitId);
  if (!unit) return null;
  const rows = await summaryQuery().where(whereAll(isLiveReport(), eq(reports.unitId, unitId))).orderBy(desc(reports.year));
  return { unit, reports: rows.map(toSummary) };
}
