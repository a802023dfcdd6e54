/**
 * The positional postings of the PostgreSQL search kept in the database
 * (db/migrations-pg/0005_search_segments.sql), much as FTS5 keeps its doclists in segments:
 *
 * - A segment (search_segments) is built once from a set of search_documents rows and never
 *   changed: its reports (ids, year, unit, length in tokens: `docs`) and, in search_postings, one
 *   row per trigram with its positional postings (db/pg/search-postings.ts). A row of
 *   search_documents gets a growing `seq` when it is written (never updated: an update would
 *   re-index the row's text in the pg_trgm indexes); a segment holds the rows of a range of seq
 *   (lo..hi; 0 also takes the rows written before migration 0005, which have none), and the
 *   rows after the newest segment's hi are the tail.
 * - A report replaced or withdrawn after its segment was built is recorded in search_stale, and
 *   the search skips it there (its new row, if any, is in the tail).
 * - When the tail reaches TAIL_LIMIT rows, the indexing transaction that made it so turns it
 *   into a segment; when the MERGE_FANIN newest segments are all small (under 1,000 reports),
 *   they are merged into one by indexing their rows' text again. Building costs about 4–6 ms per
 *   report on the development machine under load (reading the text, ~2 ms of TypeScript,
 *   writing the postings): ~0.5 s per 100 publications, a merge of ~1,000 reports a few seconds
 *   once per ~1,000 publications. Larger segments are not merged while publishing (one per
 *   ~1,000 publications accumulates; each adds a row per trigram to a search);
 *   rebuildSearchIndex makes one segment of everything (the province's 38,850 reports: 2–4 min).
 *
 * Every writer of the index first locks search_totals' one row (db/pg/search-index.ts), so index
 * writes, flushes and merges never run concurrently; the search reads in one snapshot.
 */
import { sql } from "drizzle-orm";
import {
  PostingsBuilder,
  coveringTrigrams,
  decodeSegmentDocs,
  encodeSegmentDocs,
  phraseHits,
  type Postings,
  type SegmentDoc,
  type SegmentDocs,
} from "./search-postings";
import type { PgExecutor } from "./search-index";

/** Rows of search_documents the search may read text of before they are put into a segment. */
export const TAIL_LIMIT = 100;
/** How many segments of one size class are merged into one. */
const MERGE_FANIN = 10;
/** Rows of text read at once while building a segment. */
const READ_BATCH = 2_000;
/** Bytes of postings inserted per statement. */
const INSERT_BYTES = 8 << 20;

/** A segment's size class: 0 below 10 tails' worth of reports (1,000), 1 below 100 tails', … */
const sizeClass = (documents: number, tail: number) => Math.max(0, Math.floor(Math.log10(Math.max(1, documents) / tail)));

/** Rows of search_documents by their `seq`: an inclusive range; 0 includes the rows without one. */
interface SeqRange {
  readonly lo: number;
  readonly hi: number;
}
const rowsIn = (r: SeqRange) => (r.lo === 0 ? sql`(d.seq is null or d.seq <= ${r.hi})` : sql`d.seq between ${r.lo} and ${r.hi}`);

/**
 * Builds one segment of the tail's rows, or of the rows of some consecutive segments (which are
 * then deleted: a merge). Resolves with the new segment's id, or null when there was no row.
 * Call with search_totals' row locked.
 */
export async function buildSegment(tx: PgExecutor, from: { tail: true } | { segments: number[] }): Promise<number | null> {
  let range: SeqRange;
  if ("tail" in from) {
    const { rows } = await tx.execute(
      sql`select (select max(hi) from search_segments) as watermark, (select coalesce(max(seq), 0) from search_documents) as last`,
    );
    const watermark = rows[0]!.watermark;
    range = { lo: watermark === null ? 0 : Number(watermark) + 1, hi: Number(rows[0]!.last) };
    if (range.lo > range.hi) return null;
  } else {
    const { rows } = await tx.execute(sql`select min(lo) as lo, max(hi) as hi from search_segments where id = any(${`{${from.segments.join(",")}}`}::int[])`);
    range = { lo: Number(rows[0]!.lo), hi: Number(rows[0]!.hi) };
  }
  // The reports first (small), then their text in batches by primary key.
  const { rows: found } = await tx.execute(
    sql`select d.report_id as id, d.year as year, d.unit_id as "unitId", d.tokens as tokens from search_documents d where ${rowsIn(range)} order by d.report_id`,
  );
  const docs: SegmentDoc[] = found.map((row) => ({ reportId: Number(row.id), year: Number(row.year), unitId: Number(row.unitId), tokens: Number(row.tokens) }));
  if (docs.length === 0 && "tail" in from) return null;
  const builder = new PostingsBuilder();
  for (let i = 0; i < docs.length; i += READ_BATCH) {
    const ids = docs.slice(i, i + READ_BATCH).map((d) => d.reportId);
    const { rows } = await tx.execute(
      sql`select d.title as title, d.unit as unit, d.body as body
            from unnest(${`{${ids.join(",")}}`}::int[]) with ordinality as wanted(id, n) join search_documents d on d.report_id = wanted.id
           order by wanted.n`,
    );
    for (const row of rows) builder.add({ title: String(row.title), unit: String(row.unit), body: String(row.body) });
  }

  if ("segments" in from) await tx.execute(sql`delete from search_segments where id = any(${`{${from.segments.join(",")}}`}::int[])`);
  const { rows: created } = await tx.execute(
    sql`insert into search_segments (lo, hi, documents, docs) values (${range.lo}, ${range.hi}, ${docs.length}, ${encodeSegmentDocs(docs)}) returning id`,
  );
  const id = Number(created[0]!.id);
  let batch: { trigram: string; start: number; length: number; counts: number }[] = [];
  let parts: Uint8Array[] = [];
  let bytes = 0;
  const insertBatch = async () => {
    if (batch.length === 0) return;
    await tx.execute(
      sql`insert into search_postings (segment, trigram, counts_length, postings)
          select ${id}, t.trigram, t.counts, substring(${Buffer.concat(parts)}::bytea from t.start for t.length)
            from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as t(trigram text, start int, length int, counts int)`,
    );
    batch = [];
    parts = [];
    bytes = 0;
  };
  for (const [trigram, postings] of builder.result()) {
    const length = postings.counts.length + postings.positions!.length;
    batch.push({ trigram, start: bytes + 1, length, counts: postings.counts.length });
    parts.push(postings.counts, postings.positions!);
    bytes += length;
    if (bytes >= INSERT_BYTES) await insertBatch();
  }
  await insertBatch();

  return id;
}

/**
 * After an index write: turns a full tail into a segment and merges the newest segments while
 * MERGE_FANIN of them share a size class. Call with search_totals' row locked. (The limits are
 * parameters for tests.)
 */
export async function maintainSegments(tx: PgExecutor, limits = { tail: TAIL_LIMIT, fanin: MERGE_FANIN }): Promise<void> {
  const { rows: newest } = await tx.execute(sql`select max(hi) as hi from search_segments`);
  const hi = newest[0]?.hi;
  // The tail: the rows after the newest segment (by the seq index), or every row when there is none.
  const { rows } = await tx.execute(
    sql`select count(*)::int as n from (select 1 from search_documents d where ${hi === null || hi === undefined ? sql`true` : sql`d.seq > ${Number(hi)}`} limit ${limits.tail}) t`,
  );
  if (Number(rows[0]?.n ?? 0) < limits.tail) return;
  await buildSegment(tx, { tail: true });
  // Segments get smaller from the oldest to the newest; merge the newest while MERGE_FANIN of them share a size class.
  for (;;) {
    const { rows: segments } = await tx.execute(sql`select id, documents from search_segments order by lo desc limit ${limits.fanin}`);
    if (segments.length < limits.fanin) return;
    // Only the smallest class is merged here (≈ 1,000 reports, a few seconds): larger merges
    // would hold a publication for minutes; rebuildSearchIndex compacts everything.
    if (segments.some((s) => sizeClass(Number(s.documents), limits.tail) !== 0)) return;
    await buildSegment(tx, { segments: segments.map((s) => Number(s.id)) });
  }
}

/** Segments are never changed once written: their reports are kept here by key (a uuid: ids repeat across databases). */
const docsCache = new Map<string, SegmentDocs>();
const DOCS_CACHE_LIMIT = 64;

export interface LiveSegment {
  readonly id: number;
  /** Its uuid: the same in every database only if it is the same segment. */
  readonly key: string;
  /** The last seq of search_documents it holds. */
  readonly hi: number;
  readonly docs: SegmentDocs;
  /** Reports of the segment replaced or withdrawn since it was built. */
  readonly stale: ReadonlySet<number>;
}

/** The segments in the transaction's snapshot, with their reports and stale entries. */
export async function liveSegments(db: PgExecutor): Promise<LiveSegment[]> {
  const { rows } = await db.execute(
    sql`select s.id as id, s.hi as hi, s.key::text as key, (select coalesce(array_agg(t.report_id), '{}') from search_stale t where t.segment = s.id) as stale
          from search_segments s order by s.id`,
  );
  const docsOf = new Map<number, SegmentDocs>();
  const missing: number[] = [];
  for (const r of rows) {
    const cached = docsCache.get(String(r.key));
    if (cached) docsOf.set(Number(r.id), cached);
    else missing.push(Number(r.id));
  }
  if (missing.length > 0) {
    const { rows: loaded } = await db.execute(sql`select id, key::text as key, docs from search_segments where id = any(${`{${missing.join(",")}}`}::int[])`);
    for (const row of loaded) {
      const docs = decodeSegmentDocs(row.docs as Uint8Array);
      if (docsCache.size >= DOCS_CACHE_LIMIT) docsCache.delete(docsCache.keys().next().value!);
      docsCache.set(String(row.key), docs);
      docsOf.set(Number(row.id), docs);
    }
  }
  return rows.map((r) => ({ id: Number(r.id), key: String(r.key), hi: Number(r.hi), docs: docsOf.get(Number(r.id))!, stale: new Set((r.stale as number[]).map(Number)) }));
}

/**
 * Postings read lately, by segment key and trigram (segments never change): the common trigrams
 * of common queries are read from the database and decoded once, not at every search.
 */
const postingsCache = new Map<string, Postings>();
let postingsCacheBytes = 0;
const POSTINGS_CACHE_BYTES = 64 << 20;

function remember(key: string, postings: Postings) {
  const size = postings.counts.length + (postings.positions?.length ?? 0);
  if (size > POSTINGS_CACHE_BYTES / 8) return;
  postingsCache.set(key, postings);
  postingsCacheBytes += size;
  for (const [oldest, old] of postingsCache) {
    if (postingsCacheBytes <= POSTINGS_CACHE_BYTES) break;
    postingsCache.delete(oldest);
    postingsCacheBytes -= old.counts.length + (old.positions?.length ?? 0);
  }
}

/**
 * The postings of some trigrams in every segment: segment id → trigram → postings. Only the
 * counts part unless `withPositions` (a prefix of the stored value: PostgreSQL decompresses
 * only that far). Sent as base64, a third smaller than bytea's hex text.
 */
export async function postingsOf(db: PgExecutor, segments: readonly LiveSegment[], trigrams: readonly string[], withPositions: boolean): Promise<Map<number, Map<string, Postings>>> {
  const out = new Map<number, Map<string, Postings>>(segments.map((s) => [s.id, new Map()]));
  const keyOf = (segment: LiveSegment, trigram: string) => `${segment.key}\u0000${trigram}\u0000${withPositions ? 1 : 0}`;
  const missingSegments = new Set<number>();
  const missingTrigrams = new Set<string>();
  for (const segment of segments) {
    for (const trigram of trigrams) {
      const cached = postingsCache.get(keyOf(segment, trigram));
      if (cached) {
        // Most recently used last.
        postingsCache.delete(keyOf(segment, trigram));
        postingsCache.set(keyOf(segment, trigram), cached);
        out.get(segment.id)!.set(trigram, cached);
      } else {
        missingSegments.add(segment.id);
        missingTrigrams.add(trigram);
      }
    }
  }
  if (missingSegments.size === 0) return out;
  const { rows } = await db.execute(
    sql`select segment, trigram, counts_length as "countsLength",
               encode(${withPositions ? sql`postings` : sql`substring(postings from 1 for counts_length)`}, 'base64') as postings
          from search_postings
         where segment = any(${`{${[...missingSegments].join(",")}}`}::int[]) and trigram in (${sql.join(
           [...missingTrigrams].map((t) => sql`${t}`),
           sql`, `,
         )})`,
  );
  const byId = new Map(segments.map((s) => [s.id, s]));
  for (const row of rows) {
    const segment = byId.get(Number(row.segment));
    if (!segment) continue;
    const trigram = String(row.trigram);
    if (out.get(segment.id)!.has(trigram)) continue;
    const bytes = Buffer.from(String(row.postings), "base64");
    const countsLength = Number(row.countsLength);
    const postings = { counts: bytes.subarray(0, countsLength), positions: withPositions ? bytes.subarray(countsLength) : undefined };
    remember(keyOf(segment, trigram), postings);
    out.get(segment.id)!.set(trigram, postings);
  }
  return out;
}

/** Where a phrase occurs in one segment: report numbers and weighted occurrences (title 10, unit 5, body 1). */
export interface SegmentHits {
  readonly docs: Int32Array;
  readonly f: Float64Array;
}

/** Hits of phrases lately searched, by segment key and phrase (segments never change). */
const hitsCache = new Map<string, SegmentHits>();
let hitsCacheBytes = 0;
const HITS_CACHE_BYTES = 32 << 20;

/**
 * Where a (folded) phrase of 3+ characters occurs in each segment, from the postings of the
 * trigrams covering it; a phrase searched lately (another page, another filter) is not
 * intersected again. Stale reports are included: the caller skips them.
 */
export async function segmentHits(db: PgExecutor, segments: readonly LiveSegment[], phrase: string): Promise<Map<number, SegmentHits>> {
  const out = new Map<number, SegmentHits>();
  const keyOf = (segment: LiveSegment) => `${segment.key}\u0000${phrase}`;
  const missing: LiveSegment[] = [];
  for (const segment of segments) {
    const cached = hitsCache.get(keyOf(segment));
    if (!cached) {
      missing.push(segment);
      continue;
    }
    hitsCache.delete(keyOf(segment));
    hitsCache.set(keyOf(segment), cached);
    out.set(segment.id, cached);
  }
  if (missing.length === 0) return out;
  const covering = coveringTrigrams(phrase);
  const postings = await postingsOf(db, missing, [...new Set(covering.map((c) => c.trigram))], covering.length > 1);
  for (const segment of missing) {
    const lists = postings.get(segment.id)!;
    const docs: number[] = [];
    const f: number[] = [];
    phraseHits(
      covering.map((c) => c.offset),
      covering.map((c) => lists.get(c.trigram)),
      (doc, title, unit, body) => {
        docs.push(doc);
        f.push(10.0 * title + 5.0 * unit + 1.0 * body);
      },
    );
    const hits = { docs: Int32Array.from(docs), f: Float64Array.from(f) };
    out.set(segment.id, hits);
    const size = hits.docs.byteLength + hits.f.byteLength;
    if (size > HITS_CACHE_BYTES / 8) continue;
    hitsCache.set(keyOf(segment), hits);
    hitsCacheBytes += size;
    for (const [oldest, old] of hitsCache) {
      if (hitsCacheBytes <= HITS_CACHE_BYTES) break;
      hitsCache.delete(oldest);
      hitsCacheBytes -= old.docs.byteLength + old.f.byteLength;
    }
  }
  return out;
}
