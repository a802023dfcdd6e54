import "server-only";
import { asc, eq } from "drizzle-orm";
import { reportEditions, reports, units } from "@/db/schema";
import { buildOpenDataTable, type OpenDataTable } from "@/lib/public/open-data-layout";
import { absoluteUrl, reportPath } from "@/lib/public/site-url";
import { chinaDate } from "@/lib/time";
import { db } from "../db";
import { isLiveReport, whereAll } from "./live-reports";
import { parseSnapshot } from "./snapshot-documents";

/* The open data (/open-data/{year}.csv): the live documents of a year, laid out by lib/public/open-data-layout.ts. */

/**
 * The yearly open-data table: one row per public report of the year (by unit), with every
 * gov-2021 cell as a column. Null when the year has no public report.
 */
export async function openDataRows(year: number): Promise<OpenDataTable | null> {
  const rows = await db()
    .select({
      id: reports.id,
      unitName: units.name,
      publishedAt: reports.publishedAt,
      editionId: reportEditions.id,
      editionPublishedAt: reportEditions.publishedAt,
      sha256: reportEditions.sha256,
      snapshot: reportEditions.snapshot,
    })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(whereAll(isLiveReport(), eq(reports.year, year)))
    .orderBy(asc(units.id));
  if (rows.length === 0) return null;
  return buildOpenDataTable(
    rows.map((r) => {
      const document = parseSnapshot(r.editionId, r.sha256, r.snapshot);
      return {
        unitName: r.unitName,
        indexNo: document.metadata.indexNo ?? null,
        publishedOn: chinaDate(r.publishedAt ?? r.editionPublishedAt),
        url: absoluteUrl(reportPath(r.id)),
        document,
      };
    }),
  );
}
