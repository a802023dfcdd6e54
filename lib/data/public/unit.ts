import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { reportEditions, reports, units } from "@/db/schema";
import { buildUnitTrend, type KeyFigures } from "@/lib/charts/key-figures";
import type { PublicReportSummary, PublicUnitRef, UnitTrend } from "@/lib/public/types";
import { db } from "../db";
import { isLiveReport, summaryQuery, toSummary, whereAll } from "./live-reports";
import { parseSnapshot } from "./snapshot-documents";

/* One unit's page (/units/{id}): its public reports and its key figures over the years. */

/**
 * Key figures by the live editions they were read from. An edition never changes once
 * published and the key carries each edition's SHA-256, so an entry is exact in every server
 * process: a publication, correction or withdrawal changes the unit's live editions and with
 * them the key. The oldest entry leaves when the cache is full.
 */
const trendCache = new Map<string, KeyFigures[]>();
const TREND_CACHE_LIMIT = 2048;

function rememberTrend(key: string, points: KeyFigures[]): KeyFigures[] {
  if (trendCache.size >= TREND_CACHE_LIMIT) {
    const oldest = trendCache.keys().next().value;
    if (oldest !== undefined) trendCache.delete(oldest);
  }
  trendCache.set(key, points);
  return points;
}

/** The unit's name, read only when it has public reports. */
async function unitRefOf(unitId: number): Promise<PublicUnitRef | null> {
  const [unit] = await db().select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.id, unitId));
  return unit ?? null;
}

/** The key figures of the given live editions (oldest year first), parsed only when not known yet. */
async function trendOf(editions: readonly { editionId: number; sha256: string }[]): Promise<KeyFigures[]> {
  const key = editions.map((e) => `${e.editionId}:${e.sha256}`).join(",");
  const known = trendCache.get(key);
  if (known) return known;
  const ids = editions.map((e) => e.editionId);
  const rows =
    ids.length === 0
      ? []
      : await db().select({ id: reportEditions.id, sha256: reportEditions.sha256, snapshot: reportEditions.snapshot }).from(reportEditions).where(inArray(reportEditions.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const docs = editions.flatMap((e) => {
    const row = byId.get(e.editionId);
    return row ? [parseSnapshot(row.id, row.sha256, row.snapshot)] : [];
  });
  return rememberTrend(key, buildUnitTrend(docs));
}

/**
 * A unit's key figures per year from its live reports: applications received (table 3 总计
 * 新收), granted, denied (sum of the eight 不予公开 reasons), carried forward, and the proactive
 * disclosure figures of table 2. Null for a unit without public reports.
 */
export async function listUnitTrend(unitId: number): Promise<UnitTrend | null> {
  const editions = await db()
    .select({ editionId: reportEditions.id, sha256: reportEditions.sha256 })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(whereAll(isLiveReport(), eq(reports.unitId, unitId)))
    .orderBy(asc(reports.year));
  if (editions.length === 0) return null;
  const unit = await unitRefOf(unitId);
  return unit ? { unit, points: await trendOf(editions) } : null;
}

/** A unit's public reports, newest year first (null when it has none). */
export async function getPublicUnit(unitId: number): Promise<{ unit: PublicUnitRef; reports: PublicReportSummary[] } | null> {
  const rows = await summaryQuery().where(whereAll(isLiveReport(), eq(reports.unitId, unitId))).orderBy(desc(reports.year));
  const first = rows[0];
  if (!first) return null;
  return { unit: { id: first.unitId, name: first.unitName, shortName: first.unitShortName }, reports: rows.map(toSummary) };
}
