import "server-only";
import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { reportEditions, reports, units } from "@/db/schema";
import type { PublicReportSummary, PublicUnitRef } from "@/lib/public/types";
import { db } from "../db";

/*
 * What makes a report public, and its one-line summary, shared by every public read. No
 * session is read here: what is public is decided by the data alone —
 * - a report is public once it has a live edition (reports.live_edition_id is not null);
 * - its content always comes from that edition's frozen snapshot (the nianbao-report/1 text
 *   that was hashed), never from the working copy, which may be a correction in progress;
 * - a withdrawn report yields only its withdrawal notice (date, reason), never its content.
 */

/**
 * Public and not withdrawn. 'withdrawn' is written into the SQL, not bound, so that the database
 * sees the condition of the public list's partial indexes (db/schema.ts) and counts on them alone.
 */
export const isLiveReport = (): SQL => and(isNotNull(reports.liveEditionId), isNull(reports.withdrawnAt), sql`${reports.status} <> 'withdrawn'`)!;

/**
 * The same condition on `reports r` in raw SQL, for the search queries (defence in depth: the
 * search index holds only live reports).
 */
export const LIVE_R = sql`r.live_edition_id is not null and r.withdrawn_at is null and r.status <> 'withdrawn'`;

export function whereAll(...conditions: (SQL | undefined)[]): SQL {
  return and(...conditions)!;
}

export function unitRefOf(row: { unitId: number; unitName: string; unitShortName: string }): PublicUnitRef {
  return { id: row.unitId, name: row.unitName, shortName: row.unitShortName };
}

/** Reports with their live edition and unit, as summaries (the caller adds where, order, limit). */
export function summaryQuery() {
  return db()
    .select({
      id: reports.id,
      year: reports.year,
      // The live edition's, as in its snapshot (copied when the edition was made).
      title: reportEditions.title,
      indexNo: reportEditions.indexNo,
      unitId: units.id,
      unitName: units.name,
      unitShortName: units.shortName,
      firstPublishedAt: reports.publishedAt,
      editionPublishedAt: reportEditions.publishedAt,
      edition: reportEditions.edition,
      changeNote: reportEditions.changeNote,
    })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .innerJoin(units, eq(units.id, reports.unitId));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["all"]>>[number];

export function toSummary(row: SummaryRow): PublicReportSummary {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    indexNo: row.indexNo,
    unit: unitRefOf(row),
    publishedAt: row.firstPublishedAt ?? row.editionPublishedAt,
    updatedAt: row.editionPublishedAt,
    edition: row.edition,
    changeNote: row.changeNote,
  };
}
