/**
 * The public search on PostgreSQL: the plan of lib/public/search-query.ts run on the index of
 * db/pg/search-index.ts, with the answers SQLite's FTS5 gives on the same data
 * (lib/data/public/search.ts): the same totals, the same reports in the same order, the same
 * highlighted excerpts (lib/data/public/__tests__/search-postgres.integration.test.ts compares them).
 *
 * - 3+ characters: the phrase as a case-insensitive substring of title, unit or body, which is
 *   what a quoted phrase on FTS5's trigram index matches, found in the positional postings of
 *   db/pg/search-segments.ts (and by LIKE on the folded text for the few rows written since the
 *   newest segment). Ranked by FTS5's own bm25 formula with the same column weights (title 10,
 *   unit 5, body 1), computed from the same numbers — rows and trigram tokens in the table, rows
 *   matching the phrase, the row's occurrences (overlapping ones too) and its length in tokens —
 *   in double precision, in the order of operations of fts5_aux.c (ln() by PostgreSQL, as
 *   SQLite's log() by the C library); ties newest report first.
 *   The excerpt is FTS5's snippet() of the body (40 tokens), ported (db/pg/fts5-compat.ts).
 * - 1–2 letters or digits: the per-character index's phrase is the pair (or the character)
 *   among the row's `grams`; newest report first, excerpt cut around the first occurrence.
 * - A letter with punctuation: LIKE with escaped wildcards, ASCII letters case-insensitive as
 *   SQLite's LIKE, newest publication first.
 * Year and unit filters are columns of the index (SQLite: facet tokens; the same values).
 *
 * Cost of a 3+ character phrase (what used to read every match's body: 1.9–5 s for a phrase in
 * all 38,850 reports of the province data set, because pg_trgm's answer must be rechecked on the
 * text and bm25 needs each match's occurrences; decompressing ~5 KB of TOASTed text per report
 * and three replace()/char_length passes over it cost ~0.06–0.13 ms per report):
 * - No text is read but the tail's (at most TAIL_LIMIT = 100 rows) and the page's 10 bodies
 *   (snippets). bm25 needs the occurrences of every match, not only of the page's (the total and
 *   idf count every match, and any match may rank first), so every match's postings are read —
 *   as FTS5 reads its doclists; what they cost is per match, not per character of text.
 * - A 3-character phrase is one trigram: its counts part only (≈4 bytes per report holding it:
 *   155 KB for 依申请 in 38,850 reports). A longer phrase needs the positions of its covering
 *   trigrams (n ≥ 4: two for up to 6 characters; ≈20 bytes per report for 政府信, 0.8 MB), read
 *   in one statement, sent as base64 and decoded and intersected in TypeScript (≈1 M positions for
 *   政府信息公: ~15 ms). A segment never changes, so the last 64 MB of postings read and 32 MB
 *   of phrases' hits are kept in memory (db/pg/search-segments.ts): a phrase searched again
 *   (another page, another filter) costs only the scoring.
 * - Scoring is O(matches) in typed arrays; the page is chosen with a heap of page × size
 *   entries (O(m log k)), not by sorting every match.
 * - Fixed costs: four short statements (segments and stale entries, postings, tail, idf) and the
 *   page's live check and bodies, ~3–5 ms.
 * Measured on the province copy (load average 4–8 on 2 cores), median of a phrase searched
 * again: 依申请 35 ms, 政府信息公 15 ms, with a year, a unit or a city 9–28 ms; the first search of
 * a phrase 30–90 ms (3 characters) and 100–280 ms (longer: the transfer and decoding of the
 * positions). README.md has the table.
 */
import { sql, type SQL } from "drizzle-orm";
import { clampPage, pageCountOf } from "@/lib/public/paging";
import {
  ELLIPSIS,
  MATCH_END,
  MATCH_START,
  containsPattern,
  excerptAround,
  normalizeSearchQuery,
  planSearch,
  snippetSegments,
  type SearchOptions,
  type SearchPlan,
  type TextSegment,
} from "@/lib/public/search-query";
import { canOverlap, characterTokens, foldForTrigrams, trigramSnippet } from "./fts5-compat";
import type { PgExecutor } from "./search-index";
import { liveSegments, segmentHits } from "./search-segments";

const SEARCH_PAGE_SIZE = 10;

/** A region's unit ids as one bound int[] literal (as db/dialect.ts's inIds does on PostgreSQL). */
const unitArray = (ids: readonly number[]) => `{${ids.map((id) => Math.trunc(id)).join(",")}}`;
/** snippet()'s window in lib/data/public/search.ts: 40 trigram tokens. */
const SNIPPET_TOKENS = 40;

export interface PgSearchPage {
  /** The query as searched (normalized). */
  readonly query: string;
  readonly mode: SearchPlan["kind"];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
  /** The page's live reports, best first. */
  readonly ids: number[];
  /** The body excerpt of each id, matches marked. */
  readonly excerpts: Map<number, TextSegment[]>;
}

/** A live report: the same rule as LIVE_R of lib/data/public/live-reports.ts. */
const LIVE_R = sql`r.live_edition_id is not null and r.withdrawn_at is null and r.status <> 'withdrawn'`;

const ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz";
/** SQLite's LIKE folds ASCII letters only. */
const asciiLower = (column: SQL) => sql`translate(${column}, ${ASCII_UPPER}, ${ASCII_LOWER})`;

const list = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

const and = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` and `) : sql`true`);

/** Occurrences of the (folded) query in a folded column, overlapping ones too, as FTS5 counts instances. */
function occurrences(folded: SQL, query: string): SQL {
  if (canOverlap(query)) return sql`search_overlapping_count(${folded}, ${query})::float8`;
  return sql`((char_length(${folded}) - char_length(replace(${folded}, ${query}, ''))) / ${Array.from(query).length})::float8`;
}

/** A searched column as the trigram tokenizer compares it (db/migrations-pg/0003_search.sql). */
const folded = (column: "title" | "unit" | "body") => sql.raw(`coalesce(d.${column}_folded, d.${column})`);

/** The reports a phrase occurs in, as bm25 weighs them: columns of numbers, appended to. */
class Matches {
  length = 0;
  ids = new Int32Array(1024);
  /** Weighted occurrences: title 10, unit 5, body 1 (FTS5's aFreq). */
  f = new Float64Array(1024);
  /** Length in trigram tokens. */
  tokens = new Float64Array(1024);

  push(id: number, f: number, tokens: number) {
    if (this.length === this.ids.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.ids = grow(this.ids);
      this.f = grow(this.f);
      this.tokens = grow(this.tokens);
    }
    this.ids[this.length] = id;
    this.f[this.length] = f;
    this.tokens[this.length] = tokens;
    this.length++;
  }
}

/**
 * The reports a phrase of 3+ characters occurs in, as FTS5 ranks them: every match counted from
 * the segments' postings (no text read) and from the tail's text, then bm25 in the order of
 * operations of fts5_aux.c (fts5Bm25Function) in double precision, ties newest report first.
 */
async function rankPhrase(db: PgExecutor, phrase: string, options: SearchOptions, pageSize: number): Promise<{ total: number; page: number; ids: number[] }> {
  const segments = await liveSegments(db);
  const hitsBySegment = await segmentHits(db, segments, phrase);
  const unitIds = options.unitIds ? new Set(options.unitIds) : null;
  const passes = (year: number, unitId: number) =>
    (!options.year || year === options.year) && (!options.unitId || unitId === options.unitId) && (!unitIds || unitIds.has(unitId));
  let matching = 0;
  const found = new Matches();
  for (const segment of segments) {
    const hits = hitsBySegment.get(segment.id);
    if (!hits) continue;
    const { reportIds, years, unitIds: units, tokens } = segment.docs;
    const stale = segment.stale;
    for (let i = 0; i < hits.docs.length; i++) {
      const doc = hits.docs[i]!;
      const id = reportIds[doc]!;
      if (stale.size > 0 && stale.has(id)) continue;
      matching++;
      if (passes(years[doc]!, units[doc]!)) found.push(id, hits.f[i]!, tokens[doc]!);
    }
  }
  // The tail: the few rows written after the newest segment, counted on their text.
  const tailRows = segments.length === 0 ? sql`true` : sql`d.seq > ${Math.max(...segments.map((s) => s.hi))}`;
  const pattern = containsPattern(phrase);
  const like = (column: "title" | "unit" | "body") => sql`${folded(column)} like ${pattern} escape '\\'`;
  const { rows: tail } = await db.execute(
    sql`with tail as materialized (select * from search_documents d where ${tailRows})
        select d.report_id as id, d.year as year, d.unit_id as "unitId", d.tokens as tokens,
               ${occurrences(folded("title"), phrase)} as t, ${occurrences(folded("unit"), phrase)} as u, ${occurrences(folded("body"), phrase)} as b
          from tail d where ${like("title")} or ${like("unit")} or ${like("body")}`,
  );
  for (const row of tail) {
    matching++;
    if (passes(Number(row.year), Number(row.unitId))) {
      found.push(Number(row.id), 10.0 * Number(row.t) + 5.0 * Number(row.u) + 1.0 * Number(row.b), Number(row.tokens));
    }
  }
  const total = found.length;
  const page = clampPage(Math.max(1, options.page ?? 1), pageCountOf(total, pageSize));
  if (total === 0) return { total, page, ids: [] };

  // bm25's idf and average length from the whole index, whatever the filters; ln() as SQLite's log().
  const { rows: weights } = await db.execute(
    sql`select s.n as n, s.tokens as tokens, case when ln(s.ratio) <= 0 then 1e-6::float8 else ln(s.ratio) end as idf
          from (select documents::float8 as n, tokens::float8 as tokens,
                       (documents::float8 - ${matching}::float8 + 0.5::float8) / (${matching}::float8 + 0.5::float8) as ratio
                  from search_totals where id = 1) s`,
  );
  const idf = Number(weights[0]!.idf);
  const avgdl = Number(weights[0]!.tokens) / Number(weights[0]!.n);
  const k1 = 1.2;
  const b = 0.75;
  const scores = new Float64Array(total);
  const { f, tokens, ids } = found;
  for (let i = 0; i < total; i++) scores[i] = idf * ((f[i]! * (k1 + 1.0)) / (f[i]! + k1 * (1 - b + (b * tokens[i]!) / avgdl)));
  const from = (page - 1) * pageSize;
  const before = (x: number, y: number) => scores[x]! > scores[y]! || (scores[x] === scores[y] && ids[x]! > ids[y]!);
  return { total, page, ids: best(total, from + pageSize, before).slice(from).map((i) => ids[i]!) };
}

/** The `k` best of 0..n−1 in order (`before(x, y)`: x ranks above y), with a heap of k: O(n log k). */
export function best(n: number, k: number, before: (x: number, y: number) => boolean): number[] {
  if (k >= n / 4) {
    const all = Array.from({ length: n }, (_, i) => i);
    return all.sort((x, y) => (before(x, y) ? -1 : before(y, x) ? 1 : 0)).slice(0, k);
  }
  // heap[0] is the worst of the k kept.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(heap[b]!, heap[a]!);
  const swap = (a: number, b: number) => ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0 && worse(c, (c - 1) >> 1); c = (c - 1) >> 1) swap(c, (c - 1) >> 1);
    } else if (before(i, heap[0]!)) {
      heap[0] = i;
      for (let p = 0; ; ) {
        const l = 2 * p + 1;
        const r = l + 1;
        let w = p;
        if (l < k && worse(l, w)) w = l;
        if (r < k && worse(r, w)) w = r;
        if (w === p) break;
        swap(p, w);
        p = w;
      }
    }
  }
  return heap.sort((x, y) => (before(x, y) ? -1 : 1));
}

/** The live reports among the ids, in the ids' order. */
async function liveOnly(db: PgExecutor, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.execute(sql`select r.id as id from reports r where r.id in (${list(ids)}) and ${LIVE_R}`);
  const live = new Set(rows.map((r) => Number(r.id)));
  return ids.filter((id) => live.has(id));
}

/** What the search runs on: the application's drizzle node-postgres database (a pool). */
export interface PgSearchDb {
  transaction<T>(work: (tx: PgExecutor) => Promise<T>, config: { isolationLevel: "repeatable read"; accessMode: "read only" }): Promise<T>;
}

/**
 * Full-text search over public reports on PostgreSQL; see the file comment. Runs in a
 * transaction of its own (one snapshot for the count, the page and the excerpts) in which the
 * planner may not read the table sequentially: the index rows are small and their text is
 * TOASTed, so a sequential scan looks cheap to the planner while it reads and decompresses
 * every report's body (JIT off too: the forbidden plans' cost would otherwise trigger it). Call
 * it with the database, not inside a transaction that writes.
 */
export async function searchLiveReportsPg(db: PgSearchDb, options: SearchOptions): Promise<PgSearchPage> {
  // One snapshot for the segments, their postings, the tail and the page (set by BEGIN itself: one round trip less).
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`);
      return search(tx, options);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

async function search(db: PgExecutor, options: SearchOptions): Promise<PgSearchPage> {
  const query = normalizeSearchQuery(options.q);
  const plan = planSearch(query);
  const pageSize = Math.min(Math.max(options.pageSize ?? SEARCH_PAGE_SIZE, 1), 50);
  const nothing = (total: number, mode: SearchPlan["kind"]): PgSearchPage => ({
    query,
    mode,
    total,
    page: 1,
    pageSize,
    pageCount: pageCountOf(total, pageSize),
    ids: [],
    excerpts: new Map(),
  });
  if (plan.kind === "empty" || plan.kind === "symbols") return nothing(0, plan.kind);

  let page = Math.max(1, options.page ?? 1);
  let total: number;
  let ids: number[];
  const indexFilters: SQL[] = [];
  if (options.year) indexFilters.push(sql`d.year = ${options.year}`);
  if (options.unitId) indexFilters.push(sql`d.unit_id = ${options.unitId}`);
  if (options.unitIds) indexFilters.push(sql`d.unit_id = any(${unitArray(options.unitIds)}::int[])`);
  if (plan.kind === "fts") {
    const ranked = await rankPhrase(db, foldForTrigrams(query), options, pageSize);
    total = ranked.total;
    page = ranked.page;
    if (total === 0) return nothing(0, plan.kind);
    ids = await liveOnly(db, ranked.ids);
  } else if (plan.kind === "chars") {
    // Materialized: the rows come from the GIN index of `grams` and are filtered afterwards —
    // not found through the year's or unit's index and then checked against each row's
    // (TOASTed) characters, nor by walking the primary key backwards until a page is full.
    const counted = async (page: number) => {
      const { rows } = await db.execute(
        sql`with found as materialized (select d.report_id as report_id, d.year as year, d.unit_id as unit_id
                                          from search_documents d where d.grams @> array[${characterTokens(query).join("")}]::text[]),
                 kept as (select d.report_id as id from found d where ${and(indexFilters)})
            select (select count(*)::int from kept) as n,
                   array(select id from kept order by id desc limit ${pageSize} offset ${(page - 1) * pageSize}) as ids`,
      );
      return { total: Number(rows[0]?.n ?? 0), ids: (rows[0]?.ids as number[]).map(Number) };
    };
    let found = await counted(page);
    total = found.total;
    if (total === 0) return nothing(0, plan.kind);
    const last = clampPage(page, pageCountOf(total, pageSize));
    if (last !== page) {
      page = last;
      found = await counted(page);
    }
    ids = await liveOnly(db, found.ids);
  } else {
    // Letters mixed with punctuation: LIKE with escaped wildcards, newest publication first.
    // `grams` narrows the rows to those holding the query's letters before LIKE reads them.
    const pattern = plan.pattern.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const like = (column: SQL) => sql`${asciiLower(column)} like ${pattern} escape '\\'`;
    const letters = characterTokens(query);
    const filters: SQL[] = [LIVE_R];
    if (options.year) filters.push(sql`r.year = ${options.year}`);
    if (options.unitId) filters.push(sql`r.unit_id = ${options.unitId}`);
    if (options.unitIds) filters.push(sql`r.unit_id = any(${unitArray(options.unitIds)}::int[])`);
    const where = and([
      ...(letters.length ? [sql`d.grams @> array[${list(letters)}]::text[]`] : []),
      sql`(${like(sql`d.title`)} or ${like(sql`d.unit`)} or ${like(sql`d.body`)})`,
      ...filters,
    ]);
    const from = sql`search_documents d join reports r on r.id = d.report_id`;
    const { rows: counted } = await db.execute(sql`select count(*)::int as n from ${from} where ${where}`);
    total = Number(counted[0]?.n ?? 0);
    page = clampPage(page, pageCountOf(total, pageSize));
    if (total === 0) return nothing(0, plan.kind);
    const { rows } = await db.execute(
      sql`select r.id as id from ${from} where ${where}
           order by r.published_at desc nulls last, r.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`,
    );
    ids = rows.map((r) => Number(r.id));
  }
  if (ids.length === 0) return nothing(total, plan.kind);

  // Excerpts of the page's rows only.
  const { rows: bodies } = await db.execute(sql`select report_id as id, body from search_documents where report_id in (${list(ids)})`);
  const excerpts = new Map<number, TextSegment[]>();
  for (const row of bodies) {
    const body = String(row.body ?? "");
    excerpts.set(
      Number(row.id),
      plan.kind === "fts" ? snippetSegments(trigramSnippet(body, query, { open: MATCH_START, close: MATCH_END, ellipsis: ELLIPSIS }, SNIPPET_TOKENS)) : excerptAround(body, query),
    );
  }
  return { query, mode: plan.kind, total, page, pageSize, pageCount: pageCountOf(total, pageSize), ids, excerpts };
}
