import "server-only";
import { desc, eq } from "drizzle-orm";
import { reportEditions, reports } from "@/db/schema";
import type { PublicReportSummary, SitemapEntries } from "@/lib/public/types";
import { db } from "../db";
import { isLiveReport, summaryQuery, toSummary } from "./live-reports";

/* What the machines read: the newest publications for /feed.xml and every public page for sitemap.xml. */

/** The newest publications (corrections count as new), newest first, for /feed.xml. */
export async function listFeedEntries(limit = 50): Promise<PublicReportSummary[]> {
  const rows = await summaryQuery()
    .where(isLiveReport())
    .orderBy(desc(reportEditions.publishedAt), desc(reports.id))
    .limit(Math.min(Math.max(limit, 1), 200));
  return rows.map(toSummary);
}

/** Every public report, unit and year with its last change, for sitemap.xml. */
export async function listSitemapEntries(): Promise<SitemapEntries> {
  const rows = await db()
    .select({ id: reports.id, unitId: reports.unitId, year: reports.year, lastModified: reportEditions.publishedAt })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(isLiveReport())
    .orderBy(desc(reportEditions.publishedAt));
  const latest = (map: Map<number, Date>, key: number, at: Date) => {
    const known = map.get(key);
    if (!known || known < at) map.set(key, at);
  };
  const unitsSeen = new Map<number, Date>();
  const yearsSeen = new Map<number, Date>();
  for (const r of rows) {
    latest(unitsSeen, r.unitId, r.lastModified);
    latest(yearsSeen, r.year, r.lastModified);
  }
  return {
    reports: rows.map((r) => ({ id: r.id, lastModified: r.lastModified })),
    units: [...unitsSeen].map(([id, lastModified]) => ({ id, lastModified })),
    years: [...yearsSeen].sort((a, b) => b[0] - a[0]).map(([year, lastModified]) => ({ year, lastModified })),
    lastModified: rows[0]?.lastModified ?? null,
  };
}
