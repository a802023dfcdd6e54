/**
 * The full-text index of what citizens can read: one row per live (published, not withdrawn)
 * report, replaced at every publication and removed at withdrawal. Two tables: a trigram index
 * for queries of three or more characters, and a per-character index for shorter ones. On
 * PostgreSQL the same calls keep db/pg/search-index.ts's table (pg_trgm) instead.
 */
import { sql } from "drizzle-orm";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { asPostgres, isPostgres, type Db } from "./client";
import * as postgresSearch from "./pg/search-index";
import { facetsOf, searchDocumentOf, spacedCharacters } from "./search-document";
import { transaction, type Tx } from "./transaction";

export { plainTextOf, spacedCharacters, unitFacet, yearFacet } from "./search-document";

/** Replaces a report's rows in the index; call inside the publishing transaction. */
export async function indexReportForSearch(tx: Tx, reportId: number, doc: ReportDocument, unitId: number, unitName: string): Promise<void> {
  if (isPostgres(tx)) return postgresSearch.indexReportForSearch(asPostgres(tx), reportId, doc, unitId, unitName);
  await removeFromSearch(tx, reportId);
  const { body } = searchDocumentOf(doc, unitName);
  const facets = facetsOf(doc.year, unitId);
  // rowid = report id: direct lookups and deletes, and rowid order = publication order of reports.
  await tx.run(
    sql`insert into search_documents (rowid, report_id, title, unit, body, facets) values (${reportId}, ${reportId}, ${doc.title}, ${unitName}, ${body}, ${facets})`,
  );
  await tx.run(
    sql`insert into search_characters (rowid, report_id, text, facets) values (${reportId}, ${reportId}, ${spacedCharacters(`${doc.title}\n${unitName}\n${body}`)}, ${facets})`,
  );
}

/** Takes a report out of the index (withdrawal); call inside the withdrawing transaction. */
export async function removeFromSearch(tx: Tx, reportId: number): Promise<void> {
  if (isPostgres(tx)) return postgresSearch.removeFromSearch(asPostgres(tx), reportId);
  await tx.run(sql`delete from search_documents where rowid = ${reportId}`);
  await tx.run(sql`delete from search_characters where rowid = ${reportId}`);
}

/** Rebuilds the index from the live editions when it is empty (after a migration). */
export async function rebuildSearchIndexIfEmpty(db: Db): Promise<number> {
  if (isPostgres(db)) return transaction(db, (tx) => postgresSearch.rebuildSearchIndexIfEmpty(asPostgres(tx)));
  const [indexed] = await db.all<{ n: number }>(sql`select count(*) as n from search_documents`);
  if ((indexed?.n ?? 0) > 0) return 0;
  const live = await db.all<{ id: number; unitId: number; unitName: string; snapshot: string }>(
    sql`select r.id as id, u.id as unitId, u.name as unitName, e.snapshot as snapshot
          from reports r join report_editions e on e.id = r.live_edition_id join units u on u.id = r.unit_id
         where r.withdrawn_at is null`,
  );
  return transaction(db, async (tx) => {
    let count = 0;
    for (const row of live) {
      const parsed = parseReportJson(row.snapshot);
      if (!parsed.ok) continue;
      await indexReportForSearch(tx, row.id, parsed.document, row.unitId, row.unitName);
      count++;
    }
    return count;
  });
}
