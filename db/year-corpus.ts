/**
 * Every unit's public report of a year, as the text the X-5 check (雷同) compares a report
 * with: the live edition of each report that is published now (withdrawn ones are not public
 * text any more). Editions never change; a publication, correction or withdrawal changes the
 * stamp, which is what a cached index of the year compares.
 */
import { and, eq, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Db } from "./client";
import { reportEditions, reports, units } from "./schema";

export interface CorpusReport {
  readonly reportId: number;
  readonly unitId: number;
  readonly unitName: string;
  /** The edition's canonical JSON (a nianbao-report/1 document). */
  readonly snapshot: string;
}

const publicOfYear = (year: number) => and(eq(reports.year, year), isNotNull(reports.liveEditionId), ne(reports.status, "withdrawn"));

/** Changes whenever the set of public editions of the year changes. */
export async function yearCorpusStamp(db: Db, year: number): Promise<string> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`, sum: sql<number>`coalesce(sum(${reports.liveEditionId}), 0)`, max: sql<number>`coalesce(max(${reports.liveEditionId}), 0)` })
    .from(reports)
    .where(publicOfYear(year));
  return `${row?.n ?? 0}:${row?.sum ?? 0}:${row?.max ?? 0}`;
}

/** Which edition of each public report of the year is live: cheap, no text. */
export async function yearCorpusEditions(db: Db, year: number): Promise<Map<number, number>> {
  const rows = await db.select({ reportId: reports.id, editionId: reports.liveEditionId }).from(reports).where(publicOfYear(year));
  return new Map(rows.map((r) => [r.reportId, r.editionId!]));
}

/** The public reports of the year, or only those given, with their live edition's text. */
export async function yearCorpus(db: Db, year: number, only?: readonly number[]): Promise<CorpusReport[]> {
  if (only && only.length === 0) return [];
  return db
    .select({ reportId: reports.id, unitId: reports.unitId, unitName: units.name, snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(only ? and(publicOfYear(year), inArray(reports.id, [...only])) : publicOfYear(year));
}

/** One report's public edition (a source X-5 found), or undefined when it is no longer public. */
export async function publicSnapshot(db: Db, reportId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(and(eq(reports.id, reportId), ne(reports.status, "withdrawn")));
  return row?.snapshot;
}
