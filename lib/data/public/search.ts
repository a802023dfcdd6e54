import "server-only";
import { and, inArray, sql, type SQL } from "drizzle-orm";
import { asPostgres, isPostgres } from "@/db/client";
import { searchLiveReportsPg } from "@/db/pg/search-query";
import { reports } from "@/db/schema";
import { unitFacet, yearFacet } from "@/db/search-index";
import { clampPage, pageCountOf } from "@/lib/public/paging";
import {
  ELLIPSIS,
  MATCH_END,
  MATCH_START,
  excerptAround,
  highlightAll,
  normalizeSearchQuery,
  planSearch,
  snippetSegments,
  type SearchOptions,
  type TextSegment,
} from "@/lib/public/search-query";
import type { PublicSearchHit, PublicSearchResults } from "@/lib/public/types";
import { db } from "../db";
import { LIVE_R, isLiveReport, summaryQuery, toSummary } from "./live-reports";
import { publicDataStamp } from "./catalog";
import { inIds } from "@/db/dialect";

/* The public search (/search): runs the plan of lib/public/search-query.ts on the two full-text tables of db/search-index.ts. */

const SEARCH_PAGE_SIZE = 10;

/**
 * Full-text search over public reports (title, unit, body). The query is normalized and capped
 * at 100 characters. 3+ characters run as one quoted FTS5 phrase on the trigram index, ranked by
 * bm25 (title weighs most, then unit, then body) with a highlighted snippet; 1–2 letters or
 * digits run on the per-character index (newest reports first), a letter with punctuation as
 * LIKE with escaped wildcards (newest publications first); punctuation alone finds nothing.
 * Year and unit filters are index tokens. Any input gives an ordinary (possibly empty)
 * result, never an error.
 *
 * Each step touches only what it must: the count and the ranking read the index and the
 * reports' primary key; titles, snippets and excerpts are computed for the page's rows only.
 */
export async function searchPublishedReports(options: SearchOptions): Promise<PublicSearchResults> {
  const query = normalizeSearchQuery(options.q);
  // Read before the search runs, so a result is never kept under a stamp older than its data.
  const stamp = await publicDataStamp();
  const key = JSON.stringify([query, options.year ?? null, options.unitId ?? null, options.unitIds ?? null, options.page ?? 1, options.pageSize ?? null]);
  const known = recentResult(stamp, key);
  if (known) return known;
  return rememberResult(stamp, key, await runSearch(query, options));
}

/*
 * Recent results, kept while the public data stays as it was (catalog.ts's publicDataStamp, read on
 * every search, so a publication, correction, withdrawal or unit change made by any server process
 * empties the cache of every other process at its next search). A common word matches most
 * reports, and counting and ranking all of them costs tens of milliseconds every time; the
 * same search asked again is answered from here. The oldest entry leaves when the cache is full.
 */
const RESULT_CACHE_LIMIT = 500;
let resultStamp = "";
const results = new Map<string, PublicSearchResults>();

function recentResult(stamp: string, key: string): PublicSearchResults | null {
  if (stamp !== resultStamp) {
    results.clear();
    resultStamp = stamp;
    return null;
  }
  const known = results.get(key);
  if (!known) return null;
  results.delete(key);
  results.set(key, known);
  return { ...known, items: [...known.items] };
}

function rememberResult(stamp: string, key: string, result: PublicSearchResults): PublicSearchResults {
  if (stamp === resultStamp) {
    if (results.size >= RESULT_CACHE_LIMIT) {
      const oldest = results.keys().next().value;
      if (oldest !== undefined) results.delete(oldest);
    }
    results.set(key, result);
  }
  return { ...result, items: [...result.items] };
}

async function runSearch(query: string, options: SearchOptions): Promise<PublicSearchResults> {
  const facets = [...(options.year ? [yearFacet(options.year)] : []), ...(options.unitId ? [unitFacet(options.unitId)] : [])];
  const plan = planSearch(query, facets);
  const pageSize = Math.min(Math.max(options.pageSize ?? SEARCH_PAGE_SIZE, 1), 50);
  if (plan.kind === "empty" || plan.kind === "symbols" || options.unitIds?.length === 0) {
    return { query, mode: plan.kind, items: [], total: 0, page: 1, pageSize, pageCount: 1 };
  }
  if (isPostgres(db())) {
    // The same answers from PostgreSQL's index (db/pg/search-query.ts: pg_trgm, FTS5's bm25 and snippet()).
    const found = await searchLiveReportsPg(asPostgres(db()), { ...options, pageSize });
    return { query, mode: found.mode, items: await hitsOf(found.ids, found.excerpts, query), total: found.total, page: found.page, pageSize, pageCount: found.pageCount };
  }
  // A region: its units' reports, as a set the index's matches are checked against ("+rowid":
  // not handed to FTS5 as rowid constraints, which would make it test the phrase row by row).
  const inRegion = options.unitIds
    ? sql` and +rowid in (select id from reports where ${inIds(sql`unit_id`, options.unitIds)})`
    : sql``;

  let page = Math.max(1, options.page ?? 1);
  let total: number;
  let rows: { id: number }[];
  if (plan.kind === "fts" || plan.kind === "chars") {
    // The index holds exactly the live reports (maintained at publication and withdrawal) and
    // carries the year/unit filters as tokens, so counting and ranking run on the index alone,
    // without a join over every match; the rows of the page are checked again below.
    const table = plan.kind === "fts" ? sql`search_documents` : sql`search_characters`;
    const order = plan.kind === "fts" ? sql`bm25(search_documents, 0.0, 10.0, 5.0, 1.0, 0.0), rowid desc` : sql`rowid desc`;
    total = db().get<{ n: number }>(sql`select count(*) as n from ${table} where ${table} match ${plan.match}${inRegion}`)?.n ?? 0;
    page = clampPage(page, pageCountOf(total, pageSize));
    rows =
      total === 0
        ? []
        : db().all<{ id: number }>(
            sql`select rowid as id from ${table} where ${table} match ${plan.match}${inRegion} order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`,
          );
    const live = new Set(
      rows.length === 0
        ? []
        : db()
            .all<{ id: number }>(sql`select r.id as id from reports r where r.id in (${sql.join(rows.map((r) => sql`${r.id}`), sql`, `)}) and ${LIVE_R}`)
            .map((r) => r.id),
    );
    rows = rows.filter((r) => live.has(r.id));
  } else {
    // Letters mixed with punctuation: LIKE with escaped wildcards, newest first.
    const filters: SQL[] = [LIVE_R];
    if (options.year) filters.push(sql`r.year = ${options.year}`);
    if (options.unitId) filters.push(sql`r.unit_id = ${options.unitId}`);
    if (options.unitIds) filters.push(inIds(sql`r.unit_id`, options.unitIds));
    const from = sql`search_documents join reports r on r.id = search_documents.rowid`;
    const where = sql`(search_documents.title like ${plan.pattern} escape '\\' or search_documents.unit like ${plan.pattern} escape '\\'
      or search_documents.body like ${plan.pattern} escape '\\') and ${sql.join(filters, sql` and `)}`;
    total = db().get<{ n: number }>(sql`select count(*) as n from ${from} where ${where}`)?.n ?? 0;
    page = clampPage(page, pageCountOf(total, pageSize));
    rows =
      total === 0
        ? []
        : db().all<{ id: number }>(
            sql`select r.id as id from ${from} where ${where} order by r.published_at desc, r.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
          );
  }
  const pageCount = pageCountOf(total, pageSize);
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { query, mode: plan.kind, items: [], total, page: 1, pageSize, pageCount };

  // Excerpts of the page's rows only: the index's own snippet for phrases, else cut around the match.
  const excerpts = new Map<number, TextSegment[]>();
  const idList = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  if (plan.kind === "fts") {
    const rows = db().all<{ id: number; excerpt: string | null }>(
      sql`select rowid as id, snippet(search_documents, 3, ${MATCH_START}, ${MATCH_END}, ${ELLIPSIS}, 40) as excerpt
            from search_documents where search_documents match ${plan.match} and rowid in (${idList})`,
    );
    for (const r of rows) excerpts.set(r.id, snippetSegments(r.excerpt ?? ""));
  } else {
    const rows = db().all<{ id: number; body: string | null }>(sql`select rowid as id, body from search_documents where rowid in (${idList})`);
    for (const r of rows) excerpts.set(r.id, excerptAround(r.body ?? "", query));
  }

  return { query, mode: plan.kind, items: await hitsOf(ids, excerpts, query), total, page, pageSize, pageCount };
}

/** The page's hits in the order of `ids`: each live report's summary, title highlighted, with its excerpt. */
async function hitsOf(ids: number[], excerpts: Map<number, TextSegment[]>, query: string): Promise<PublicSearchHit[]> {
  if (ids.length === 0) return [];
  const rows = await summaryQuery().where(and(isLiveReport(), inArray(reports.id, ids)));
  const summaries = new Map(rows.map((row) => [row.id, toSummary(row)] as const));
  return ids.flatMap((id): PublicSearchHit[] => {
    const summary = summaries.get(id);
    if (!summary) return [];
    return [{ ...summary, titleSegments: highlightAll(summary.title, query), excerpt: excerpts.get(id) ?? [] }];
  });
}
