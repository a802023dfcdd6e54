/**
 * The PostgreSQL search index (db/migrations-pg/0003_search.sql), kept like SQLite's
 * (db/search-index.ts): one row per live report, replaced inside the publishing transaction
 * and removed inside the withdrawing one, with the same title, unit and body text
 * (db/search-document.ts). Besides the text, a row holds what SQLite's FTS5 derives by itself:
 * the length in trigram tokens (bm25) and the characters and character pairs of the short
 * queries (db/pg/fts5-compat.ts); search_totals keeps the number of rows and their tokens.
 * The positional postings of the rows are kept in segments (db/pg/search-segments.ts).
 *
 * Every write begins by locking search_totals' one row, so that index writes (and the segment
 * flushes and merges they trigger) run one at a time until their transactions end.
 */
import { sql, type SQL } from "drizzle-orm";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { facetsOf, searchDocumentOf } from "../search-document";
import { characterGrams, foldForTrigrams, trigramTokenCount } from "./fts5-compat";
import { buildSegment, maintainSegments } from "./search-segments";

/**
 * What the search runs its statements on: a drizzle node-postgres database or transaction
 * (anything with drizzle's `execute`).
 */
export interface PgExecutor {
  execute(query: SQL): Promise<{ rows: Record<string, unknown>[] }>;
}

/** PostgreSQL text cannot hold NUL; SQLite's tokenizers skip it too. */
const withoutNul = (text: string) => text.replaceAll("\u0000", "");

/** Waits for (and then holds until the transaction ends) the index's write lock. */
const lockIndex = (tx: PgExecutor) => tx.execute(sql`select 1 from search_totals where id = 1 for update`);

/** Replaces a report's row in the index; call inside the publishing transaction. */
export async function indexReportForSearch(tx: PgExecutor, reportId: number, doc: ReportDocument, unitId: number, unitName: string): Promise<void> {
  await lockIndex(tx);
  await addToIndex(tx, reportId, doc, unitId, unitName);
  await maintainSegments(tx);
}

/** The row of a report, in the tail (replacing any row it had). */
async function addToIndex(tx: PgExecutor, reportId: number, doc: ReportDocument, unitId: number, unitName: string): Promise<void> {
  const text = searchDocumentOf(doc, unitName);
  const [title, unit, body] = [withoutNul(text.title), withoutNul(text.unit), withoutNul(text.body)];
  // The same four columns FTS5 tokenizes, facets included: bm25's document length.
  const tokens = [title, unit, body, facetsOf(doc.year, unitId)].reduce((sum, column) => sum + trigramTokenCount(column), 0);
  // As search_characters holds it: title, unit and body on one line each.
  const grams = JSON.stringify(characterGrams(`${title}\n${unit}\n${body}`));
  // Lower case as the trigram tokenizer folds it, kept only where it differs from the text.
  const folded = (text: string) => {
    const f = foldForTrigrams(text);
    return f === text ? null : f;
  };
  await removeRow(tx, reportId);
  await tx.execute(sql`
    with added as (
      insert into search_documents (report_id, year, unit_id, title, unit, body, title_folded, unit_folded, body_folded, tokens, grams)
      values (${reportId}, ${doc.year}, ${unitId}, ${title}, ${unit}, ${body}, ${folded(title)}, ${folded(unit)}, ${folded(body)}, ${tokens},
              array(select jsonb_array_elements_text(${grams}::jsonb)))
      returning tokens)
    update search_totals set documents = documents + 1, tokens = tokens + (select tokens from added) where id = 1`);
}

/** Takes a report out of the index (withdrawal); call inside the withdrawing transaction. */
export async function removeFromSearch(tx: PgExecutor, reportId: number): Promise<void> {
  await lockIndex(tx);
  await removeRow(tx, reportId);
}

/** Deletes a report's row; a segment holding it keeps it as stale. */
async function removeRow(tx: PgExecutor, reportId: number): Promise<void> {
  await tx.execute(sql`
    with gone as (delete from search_documents where report_id = ${reportId} returning tokens, seq),
         stale as (insert into search_stale (segment, report_id)
                   select s.id, ${reportId} from gone join search_segments s on coalesce(gone.seq, 0) between s.lo and s.hi)
    update search_totals set documents = documents - (select count(*) from gone), tokens = tokens - (select coalesce(sum(tokens), 0) from gone)
     where id = 1`);
}

/**
 * Rebuilds the whole index from the live editions (after a move from SQLite, or to repair it);
 * call inside a transaction. Resolves with the number of reports indexed.
 */
export async function rebuildSearchIndex(tx: PgExecutor): Promise<number> {
  await tx.execute(sql`lock table search_documents, search_totals, search_segments in exclusive mode`);
  await tx.execute(sql`delete from search_documents`);
  await tx.execute(sql`delete from search_segments`);
  await tx.execute(sql`update search_totals set documents = 0, tokens = 0 where id = 1`);
  // The same rows as SQLite's rebuildSearchIndexIfEmpty.
  const { rows } = await tx.execute(
    sql`select r.id as id, u.id as "unitId", u.name as "unitName", e.snapshot as snapshot
          from reports r join report_editions e on e.id = r.live_edition_id join units u on u.id = r.unit_id
         where r.withdrawn_at is null
         order by r.id`,
  );
  let count = 0;
  for (const row of rows as { id: number; unitId: number; unitName: string; snapshot: string }[]) {
    const parsed = parseReportJson(row.snapshot);
    if (!parsed.ok) continue;
    await addToIndex(tx, row.id, parsed.document, row.unitId, row.unitName);
    count++;
  }
  await buildSegment(tx, { tail: true });
  return count;
}

/**
 * At start-up: rebuilds the index when it is empty (after a migration), or puts a long tail into
 * a segment (rows indexed before migration 0005); call inside a transaction.
 */
export async function rebuildSearchIndexIfEmpty(tx: PgExecutor): Promise<number> {
  const { rows } = await tx.execute(sql`select exists (select 1 from search_documents) as "any"`);
  if (!rows[0]?.any) return rebuildSearchIndex(tx);
  await lockIndex(tx);
  await maintainSegments(tx);
  return 0;
}
