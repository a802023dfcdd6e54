/**
 * What decides whether a cached public report page is still current (lib/serving's fast path):
 * read on every request for /reports/{id}, so it is one prepared, indexed query. On SQLite the
 * reader answers synchronously (no promise on the fast path's hot loop); on PostgreSQL it
 * returns a promise.
 */
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { isPostgres, type Db } from "./client";
import { asText, epochMs, groupConcat } from "./dialect";
import { editionFiles, reports, units } from "./schema";

export interface LiveState {
  liveEditionId: number | null;
  /** Milliseconds since the epoch, as stored. */
  withdrawnAt: number | null;
  viewCount: number;
  /**
   * Changes when anything else the page shows changes: the unit's other reports (comparison
   * panel, links to other years), the unit's name and the live edition's 原文 files (made by a
   * background job after publication, then offered for download).
   */
  related: string | null;
}

/** A reader of one report's live state (undefined for an unknown report), prepared on `db`. */
export function liveStateReader(db: Db): (reportId: number) => LiveState | undefined | Promise<LiveState | undefined> {
  const other = alias(reports, "other");
  const otherReports = db
    .select({ list: groupConcat(sql`${asText(other.id)} || ':' || coalesce(${asText(other.liveEditionId)}, '') || '-' || coalesce(${asText(epochMs(other.withdrawnAt))}, '')`) })
    .from(other)
    .where(eq(other.unitId, reports.unitId));
  const unitName = db.select({ name: units.name }).from(units).where(eq(units.id, reports.unitId));
  const originals = db
    .select({ kinds: sql`coalesce(${groupConcat(editionFiles.kind)}, '')` })
    .from(editionFiles)
    .where(eq(editionFiles.editionId, reports.liveEditionId));
  const select = db
    .select({
      liveEditionId: reports.liveEditionId,
      withdrawnAt: epochMs(reports.withdrawnAt),
      viewCount: reports.viewCount,
      related: sql<string | null>`(${otherReports}) || (${unitName}) || '|' || (${originals})`,
    })
    .from(reports)
    .where(eq(reports.id, sql.placeholder("id")));
  if (isPostgres(db)) {
    // drizzle's node-postgres select: prepared once per pooled connection under this name.
    const query = (select as unknown as { prepare(name: string): { execute(values: { id: number }): Promise<LiveState[]> } }).prepare("report_live_state");
    return async (reportId) => (await query.execute({ id: reportId }))[0];
  }
  const query = select.prepare();
  return (reportId) => query.get({ id: reportId });
}
