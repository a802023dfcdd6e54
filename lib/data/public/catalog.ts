import "server-only";
import { cache } from "react";
import { asc, count, desc, eq, inArray, max, sql } from "drizzle-orm";
import { reports, units } from "@/db/schema";
import { clampPage, pageCountOf, type Paged } from "@/lib/public/paging";
import type { PublicReportSummary, PublicUnitSummary } from "@/lib/public/types";
import { rawRow } from "@/db/dialect";
import { db } from "../db";
import { isLiveReport, summaryQuery, toSummary, whereAll } from "./live-reports";
import { inIds } from "@/db/dialect";

/*
 * The catalog of public reports: the paged lists (/ and /reports) and the years and units
 * every public page offers as filters. The year and unit lists are cached here — the cache,
 * its key (the stamp) and its staleness check live in this module only.
 */

const REPORTS_PAGE_SIZE = 20;

/** Public reports, newest first, optionally of one year and/or one unit (or any of several: a region's). */
export async function listPublishedReports(options: {
  year?: number | null;
  unitId?: number | null;
  unitIds?: readonly number[] | null;
  page?: number;
  pageSize?: number;
}): Promise<Paged<PublicReportSummary>> {
  const pageSize = Math.min(Math.max(options.pageSize ?? REPORTS_PAGE_SIZE, 1), 100);
  const total = await countPublishedReports(options);
  const all = options.unitIds ? await countPublishedReports({}) : total;
  // A region holding a fair share of the reports finds its newest ones soonest by walking the
  // newest-first index and skipping other units' reports ("+": the unit index is not used); a
  // small region reads its few reports by unit and sorts them.
  const walkNewest = options.unitIds !== undefined && options.unitIds !== null && total * 50 >= all;
  const where = whereAll(
    isLiveReport(),
    options.year ? eq(reports.year, options.year) : undefined,
    options.unitId ? eq(reports.unitId, options.unitId) : undefined,
    options.unitIds ? inIds(walkNewest ? sql`+${reports.unitId}` : reports.unitId, options.unitIds) : undefined,
  );
  const pageCount = pageCountOf(total, pageSize);
  const page = clampPage(options.page ?? 1, pageCount);
  // The page's ids first, from the reports alone; then their summaries (reading an edition's
  // title from its snapshot for every report of a region before sorting cost 40 ms on a city).
  const ids =
    total === 0
      ? []
      : (
          await db()
            .select({ id: reports.id })
            .from(reports)
            .where(where)
            .orderBy(desc(reports.publishedAt), desc(reports.id))
            .limit(pageSize)
            .offset((page - 1) * pageSize)
        ).map((r) => r.id);
  const rows = ids.length === 0 ? [] : await summaryQuery().where(inArray(reports.id, ids)).orderBy(desc(reports.publishedAt), desc(reports.id));
  return { items: rows.map(toSummary), total, page, pageSize, pageCount };
}

/**
 * How many public reports the list has: from the catalog's counts per year and per unit, which
 * are kept exact (see publicDataStamp), except for one unit in one year, which is read.
 */
async function countPublishedReports(options: { year?: number | null; unitId?: number | null; unitIds?: readonly number[] | null }): Promise<number> {
  const current = await publicCatalog();
  if (options.year && (options.unitId || options.unitIds)) {
    const [counted] = await db()
      .select({ n: count() })
      .from(reports)
      .where(
        whereAll(
          isLiveReport(),
          eq(reports.year, options.year),
          options.unitId ? eq(reports.unitId, options.unitId) : undefined,
          options.unitIds ? inIds(reports.unitId, options.unitIds) : undefined,
        ),
      );
    return counted?.n ?? 0;
  }
  if (options.year) return current.years.find((y) => y.year === options.year)?.count ?? 0;
  if (options.unitId || options.unitIds) {
    current.unitCounts ??= new Map(current.units.map((u) => [u.id, u.count]));
    const counts = current.unitCounts;
    let sum = 0;
    for (const id of new Set(options.unitIds ?? [options.unitId!])) sum += counts.get(id) ?? 0;
    return sum;
  }
  return current.years.reduce((sum, y) => sum + y.count, 0);
}

interface Catalog {
  readonly stamp: string;
  readonly years: { year: number; count: number }[];
  readonly units: PublicUnitSummary[];
  /** The ids of `units`, built when first asked for. */
  unitIds?: ReadonlySet<number>;
  /** Public reports per unit id, built when first asked for. */
  unitCounts?: ReadonlyMap<number, number>;
}

let catalog: Catalog | null = null;

/**
 * What every public list depends on, read cheaply on each request (so it is right in every server
 * process sharing the database): a publication or a correction adds an edition, a withdrawal adds
 * a withdrawn report, a rename or any other change of a unit touches its row. The year and unit
 * lists here and the search results (search.ts) are kept until it changes. Read once per request
 * (React's cache: a page and its metadata ask several times). Each part is one index entry: the
 * newest edition, the withdrawn reports' partial index, and the units' latest change
 * (units_changed_at_idx; reading every unit cost 0.5 ms on SQLite and 1.7 ms on PostgreSQL for
 * the province's 4,953).
 */
export const publicDataStamp = cache(async (): Promise<string> => {
  const row = await rawRow<{ e: number | null; w: number; u: number | null }>(
    db(),
    sql`select (select max(id) from report_editions) as e,
               (select count(*) from reports where withdrawn_at is not null or status = 'withdrawn') as w,
               (select max(coalesce(updated_at, created_at)) from units) as u`,
  );
  return `${row?.e ?? 0}:${row?.w ?? 0}:${row?.u ?? 0}`;
});

/** The years and units with public reports (every public page's filters), kept until they change. */
async function publicCatalog(): Promise<Catalog> {
  const stamp = await publicDataStamp();
  if (catalog?.stamp === stamp) return catalog;
  const years = await db()
    .select({ year: reports.year, count: count() })
    .from(reports)
    .where(isLiveReport())
    .groupBy(reports.year)
    .orderBy(desc(reports.year));
  const unitRows = await db()
    .select({ id: units.id, name: units.name, shortName: units.shortName, count: count(), latestYear: max(reports.year) })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(isLiveReport())
    .groupBy(units.id)
    .orderBy(asc(units.id));
  catalog = { stamp, years, units: unitRows.map((r) => ({ ...r, latestYear: r.latestYear ?? 0 })) };
  return catalog;
}

/** Years that have public reports, newest first, with how many. */
export async function listPublicYears(): Promise<{ year: number; count: number }[]> {
  return (await publicCatalog()).years.map((y) => ({ ...y }));
}

/** Units that have public reports, in the order they were set up (county first), with how many. */
export async function listPublicUnits(): Promise<PublicUnitSummary[]> {
  return (await publicCatalog()).units.map((u) => ({ ...u }));
}

/** The first `limit` units that have public reports (in the order of listPublicUnits), and how many there are. */
export async function listFirstPublicUnits(limit: number): Promise<{ units: PublicUnitSummary[]; total: number }> {
  const all = (await publicCatalog()).units;
  return { units: all.slice(0, Math.max(0, limit)).map((u) => ({ ...u })), total: all.length };
}

/** The ids of the units that have public reports (the region filter's leaves), without copying the list. */
export async function publicUnitIds(): Promise<ReadonlySet<number>> {
  const current = await publicCatalog();
  current.unitIds ??= new Set(current.units.map((u) => u.id));
  return current.unitIds;
}
