/**
 * Search on PostgreSQL answers as search on SQLite (issue 17): the demo county (plus a few more
 * published reports) is seeded into SQLite, moved into a throwaway PostgreSQL with
 * db/pg/move-from-sqlite.ts and indexed there (db/pg/search-index.ts); then every query of a
 * list — 1, 2, 3 and 5 characters, a unit's name, a number, phrases across a line or column
 * boundary, LIKE's metacharacters, with year and unit filters and on later pages — runs on both
 * engines: lib/data/public/search.ts on SQLite (FTS5), db/pg/search-query.ts on PostgreSQL.
 * Totals, modes, pages, the reports and their order, and the highlighted excerpts must be
 * identical (the PostgreSQL side computes FTS5's bm25 and snippet(), see search-query.ts).
 * The p95 of each engine is printed, not asserted.
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexReportForSearch, rebuildSearchIndex, removeFromSearch } from "@/db/pg/search-index";
import { buildSegment, maintainSegments } from "@/db/pg/search-segments";
import { parseReportJson } from "@/lib/interchange";
import { searchLiveReportsPg } from "@/db/pg/search-query";
import type { SearchOptions } from "@/lib/public/search-query";
import { moveSqliteToPostgres } from "@/db/pg/move-from-sqlite";
import { seedDemoData } from "@/db/seed";
import { searchPublishedReports } from "@/lib/data/public/search";
import { addUnit, addUser, database } from "@/lib/testing/integration-db";
import { publishedReport } from "@/lib/testing/report-flows";
import { startThrowawayPostgres, type ThrowawayPostgres } from "@/lib/testing/throwaway-postgres";

let server: ThrowawayPostgres;
let client: pg.Client;
let pgDb: NodePgDatabase;

interface LiveRow {
  id: number;
  year: number;
  unitId: number;
  unitName: string;
  title: string;
  body: string;
}
let live: LiveRow[] = [];

beforeAll(async () => {
  server = await startThrowawayPostgres();
  await seedDemoData(database());
  const county = addUnit({ name: "检索县人民政府", shortName: "检索县", kind: "county", parentId: null });
  for (const [i, shortName] of ["石门镇", "石桥镇", "青石乡"].entries()) {
    const unit = addUnit({ name: `检索县${shortName}人民政府`, shortName, kind: "township", parentId: county.id });
    await publishedReport({ unit, clerk: await addUser(unit, "clerk", `search${i}.clerk`), leader: await addUser(unit, "leader", `search${i}.leader`) });
  }

  // pg_trgm makes trigrams of letters and digits as the database's LC_CTYPE sees them: a UTF-8
  // ctype, as the README asks of a platform's database, so that the indexes serve Chinese.
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("create database search_parity template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C.UTF-8'");
  await admin.end();
  const url = server.url.replace(/\/[^/]+$/, "/search_parity");
  await moveSqliteToPostgres(database().$client, url);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  pgDb = drizzle(client);
  await pgDb.transaction((tx) => rebuildSearchIndex(tx));

  live = database().$client
    .prepare(
      `select d.rowid as id, r.year as year, r.unit_id as unitId, d.unit as unitName, d.title as title, d.body as body
         from search_documents d join reports r on r.id = d.rowid order by d.rowid`,
    )
    .all() as LiveRow[];
}, 120_000);

afterAll(async () => {
  await client?.end();
  server?.stop();
});

/** Both engines' answers to one search, in comparable form. */
async function bothEngines(options: SearchOptions) {
  const t0 = performance.now();
  const sqlite = await searchPublishedReports(options);
  const t1 = performance.now();
  const postgres = await searchLiveReportsPg(pgDb, options);
  const t2 = performance.now();
  timings.sqlite.push(t1 - t0);
  timings.postgres.push(t2 - t1);
  return {
    sqlite: {
      mode: sqlite.mode,
      total: sqlite.total,
      page: sqlite.page,
      pageCount: sqlite.pageCount,
      hits: sqlite.items.map((item) => ({ id: item.id, excerpt: item.excerpt })),
    },
    postgres: {
      mode: postgres.mode,
      total: postgres.total,
      page: postgres.page,
      pageCount: postgres.pageCount,
      hits: postgres.ids.map((id) => ({ id, excerpt: postgres.excerpts.get(id) ?? [] })),
    },
  };
}

const timings = { sqlite: [] as number[], postgres: [] as number[] };
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.95) - 1)] ?? 0;

const chars = (text: string) => Array.from(text);
/** Characters `from`..`from + length` of a text. */
const cut = (text: string, from: number, length: number) => chars(text).slice(from, from + length).join("");

/** The queries, taken from the indexed reports themselves so that they find something. */
function queries(): { q: string; why: string }[] {
  const first = live[0]!;
  const longest = [...live].sort((a, b) => b.body.length - a.body.length)[0]!;
  const body = longest.body;
  const lines = body.split("\n");
  const letter = /^[\p{L}\p{N}]$/u;
  const line = lines.findIndex((l, i) => chars(l).length >= 3 && letter.test(chars(l).at(-1)!) && letter.test(chars(lines[i + 1] ?? "")[0] ?? ""));
  const tail = chars(lines[line]!).slice(-2).join("");
  const head = chars(lines[line + 1]!).slice(0, 2).join("");
  const number = body.match(/\d{2,}/)?.[0] ?? "2023";
  const letterAndMark = body.match(/[\p{L}\p{N}][，、。：；]/u)?.[0] ?? "公，";
  return [
    { q: "公", why: "one character, in every report" },
    { q: cut(body, 7, 1), why: "one character" },
    { q: "石", why: "one character of unit names" },
    { q: "公开", why: "two characters" },
    { q: "青石", why: "two characters, a place name" },
    { q: cut(body, 30, 2), why: "two characters from a body" },
    { q: `${tail.slice(-1)}${head.slice(0, 1)}`, why: "two characters across a line end (adjacent in the per-character index)" },
    { q: `${chars(first.title).at(-1)}${chars(first.unitName)[0]}`, why: "two characters across title and unit (one line each in the per-character index)" },
    { q: "政府信息", why: "four characters in every report" },
    { q: "信息公", why: "three characters" },
    { q: cut(body, 40, 3), why: "three characters from a body" },
    { q: cut(body, 100, 5), why: "five characters from a body" },
    { q: "依申请公开", why: "five characters" },
    { q: first.unitName, why: "a unit's name" },
    { q: first.title, why: "a title" },
    { q: number, why: "a number" },
    { q: "000", why: "a number that overlaps itself" },
    { q: `${tail} ${head}`, why: "a phrase across a line end (no match: a line end is not a space)" },
    { q: `${tail}${head}`, why: "a phrase across a line end, without the line end (no match)" },
    { q: letterAndMark, why: "a character and a punctuation mark (LIKE path)" },
    { q: "%", why: "LIKE's wildcard alone" },
    { q: "_", why: "LIKE's other wildcard alone" },
    { q: "1%", why: "a digit and a percent sign (LIKE path)" },
    { q: "_率", why: "an underscore and a character (LIKE path)" },
    { q: "%公开", why: "three characters with a percent sign (trigram path, literal)" },
    { q: "年度报告", why: "in every title" },
    { q: "GOV", why: "Latin letters, case-insensitive" },
    { q: "gov", why: "Latin letters, lower case" },
    { q: "不存在的词语", why: "nothing" },
  ];
}

describe("search on PostgreSQL", () => {
  it("has indexed every live report", async () => {
    const { rows } = await client.query<{ n: number; tokens: number }>("select count(*)::int as n, sum(tokens)::int as tokens from search_documents");
    expect(live.length).toBeGreaterThanOrEqual(8);
    expect(rows[0]!.n).toBe(live.length);
    const { rows: totals } = await client.query<{ documents: number; tokens: number }>("select documents, tokens::int as tokens from search_totals");
    expect(totals).toEqual([{ documents: rows[0]!.n, tokens: rows[0]!.tokens }]);
  });

  it("answers every query as SQLite does: totals, reports in order, highlighted excerpts", async () => {
    const years = [...new Set(live.map((r) => r.year))];
    const units = [...new Set(live.map((r) => r.unitId))];
    let compared = 0;
    let found = 0;
    const unfiltered: string[] = [];
    for (const { q, why } of queries()) {
      const variants: SearchOptions[] = [
        { q },
        { q, pageSize: 3, page: 2 },
        ...years.map((year) => ({ q, year })),
        ...units.slice(0, 4).map((unitId) => ({ q, unitId })),
        { q, year: years[0], unitId: units[0] },
      ];
      for (const options of variants) {
        const { sqlite, postgres } = await bothEngines(options);
        expect(postgres, `${why}: ${JSON.stringify(options)}`).toEqual(sqlite);
        compared++;
        if (sqlite.total > 0) found++;
        if (options === variants[0]) unfiltered.push(`${q} (${sqlite.mode}): ${sqlite.total}`);
      }
    }
    console.info(
      `search parity: ${compared} searches (${found} with results) on ${live.length} reports; p95 SQLite ${p95(timings.sqlite).toFixed(1)} ms, PostgreSQL ${p95(timings.postgres).toFixed(1)} ms`,
    );
    console.info(`unfiltered totals: ${unfiltered.join("; ")}`);
    // The comparison is only worth something if most searches find reports.
    expect(found).toBeGreaterThan(compared / 3);
  }, 120_000);

  it("answers the same from several segments of postings, a tail and reports replaced since their segment was built", async () => {
    // rebuildSearchIndex made one segment of everything; replace some reports (the same text) so
    // that the first segment holds stale entries of them, put some into a second segment, leave
    // the others in the tail; then merge everything into one segment again.
    const reindex = async (row: LiveRow) => {
      const { rows } = await client.query<{ snapshot: string }>("select e.snapshot from reports r join report_editions e on e.id = r.live_edition_id where r.id = $1", [row.id]);
      const parsed = parseReportJson(rows[0]!.snapshot);
      if (!parsed.ok) throw new Error("snapshot does not parse");
      await pgDb.transaction((tx) => indexReportForSearch(tx, row.id, parsed.document, row.unitId, row.unitName));
    };
    for (const row of live.slice(0, 4)) await reindex(row);
    await pgDb.transaction((tx) => buildSegment(tx, { tail: true }));
    for (const row of live.slice(0, 2)) await reindex(row);
    const layout = await client.query<{ segments: number; stale: number; tail: number }>(
      "select (select count(*)::int from search_segments) as segments, (select count(*)::int from search_stale) as stale, (select count(*)::int from search_documents where seq > (select max(hi) from search_segments)) as tail",
    );
    expect(layout.rows[0]).toEqual({ segments: 2, stale: 6, tail: 2 });
    const compareAll = async () => {
      for (const { q, why } of queries()) {
        for (const options of [{ q }, { q, pageSize: 3, page: 2 }, { q, year: live[0]!.year }, { q, unitId: live[1]!.unitId }]) {
          const { sqlite, postgres } = await bothEngines(options);
          expect(postgres, `${why}: ${JSON.stringify(options)}`).toEqual(sqlite);
        }
      }
    };
    await compareAll();
    const { rows: segments } = await client.query<{ id: number }>("select id from search_segments");
    await pgDb.transaction((tx) => buildSegment(tx, { segments: segments.map((s) => s.id) }));
    const merged = await client.query("select (select count(*)::int from search_segments) as segments, (select count(*)::int from search_stale) as stale");
    expect(merged.rows[0]).toEqual({ segments: 1, stale: 0 });
    await pgDb.transaction((tx) => buildSegment(tx, { tail: true }));
    await compareAll();

    // Full tails become segments, and the newest segments of one size class are merged (with a
    // tail of 3 rows, every segment below 30 reports is of the first class).
    const state = async () =>
      (
        await client.query(
          "select array(select documents from search_segments order by lo) as sizes, (select count(*)::int from search_stale) as stale, (select count(*)::int from search_documents where seq > (select max(hi) from search_segments)) as tail",
        )
      ).rows[0];
    expect(await state()).toEqual({ sizes: [live.length - 2, 2], stale: 0, tail: 0 });
    for (const row of live.slice(0, 2)) await reindex(row);
    await pgDb.transaction((tx) => maintainSegments(tx, { tail: 3, fanin: 2 }));
    expect(await state()).toEqual({ sizes: [live.length - 2, 2], stale: 2, tail: 2 });
    await compareAll();
    await reindex(live[2]!);
    await pgDb.transaction((tx) => maintainSegments(tx, { tail: 3, fanin: 2 }));
    expect(await state()).toEqual({ sizes: [live.length], stale: 0, tail: 0 });
    for (const row of live.slice(3, 6)) await reindex(row);
    await pgDb.transaction((tx) => maintainSegments(tx, { tail: 3, fanin: 2 }));
    expect(await state()).toEqual({ sizes: [live.length], stale: 0, tail: 0 });
    await compareAll();
  }, 120_000);

  it("gives the same answers on a database whose LC_CTYPE is C (where pg_trgm cannot index Chinese)", async () => {
    // A database made with LC_CTYPE C: answers must not depend on the locale (the text is
    // folded by the application), only the speed does.
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database search_ctype_c template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'");
    await admin.end();
    const cUrl = server.url.replace(/\/[^/]+$/, "/search_ctype_c");
    await moveSqliteToPostgres(database().$client, cUrl);
    const cClient = new pg.Client({ connectionString: cUrl });
    await cClient.connect();
    try {
      const { rows } = await cClient.query<{ ctype: string }>("select datctype as ctype from pg_database where datname = current_database()");
      expect(rows[0]!.ctype).toBe("C");
      const cDb = drizzle(cClient);
      await cDb.transaction((tx) => rebuildSearchIndex(tx));
      for (const q of ["公开", "信息公", "依申请公开", "GOV", "gov", "_率", live[0]!.unitName]) {
        const [utf8, c] = [await searchLiveReportsPg(pgDb, { q, pageSize: 50 }), await searchLiveReportsPg(cDb, { q, pageSize: 50 })];
        expect(c, q).toEqual(utf8);
      }
    } finally {
      await cClient.end();
    }
  }, 120_000);

  it("ranks and excerpts the same when a phrase occurs in titles, unit names and bodies alike", async () => {
    // Ranking must be compared where it decides something: many hits with different weights.
    const { sqlite, postgres } = await bothEngines({ q: "人民政府", pageSize: 50 });
    expect(sqlite.total).toBeGreaterThan(3);
    expect(postgres).toEqual(sqlite);
  });

  it("keeps its totals with every row it replaces or removes", async () => {
    const totals = async () => (await client.query("select documents, tokens::int as tokens from search_totals")).rows[0] as { documents: number; tokens: number };
    const before = await totals();
    const report = live[0]!;
    const { rows } = await client.query<{ snapshot: string }>(
      "select e.snapshot from reports r join report_editions e on e.id = r.live_edition_id where r.id = $1",
      [report.id],
    );
    const parsed = parseReportJson(rows[0]!.snapshot);
    if (!parsed.ok) throw new Error("snapshot does not parse");
    await client.query("begin");
    try {
      await indexReportForSearch(pgDb, report.id, parsed.document, report.unitId, report.unitName);
      expect(await totals()).toEqual(before);
      await removeFromSearch(pgDb, report.id);
      const after = await totals();
      expect(after.documents).toBe(before.documents - 1);
      expect(after.tokens).toBeLessThan(before.tokens);
      expect((await client.query("select report_id from search_documents where report_id = $1", [report.id])).rows).toEqual([]);
      await indexReportForSearch(pgDb, report.id, parsed.document, report.unitId, report.unitName);
      expect(await totals()).toEqual(before);
    } finally {
      await client.query("rollback");
    }
  });

  it("counts overlapping occurrences as FTS5 counts phrase instances", async () => {
    const { rows } = await client.query<{ a: number; b: number; c: number }>(
      "select search_overlapping_count('哈哈哈哈哈', '哈哈哈') as a, search_overlapping_count('1.1.1', '1.1') as b, search_overlapping_count('abc', 'x') as c",
    );
    expect(rows[0]).toEqual({ a: 3, b: 2, c: 0 });
  });

  it("serves a three-character Chinese query from the trigram index", async () => {
    await client.query("begin");
    try {
      await client.query("set local enable_seqscan = off");
      const { rows } = await client.query<{ "QUERY PLAN": string }>("explain select report_id from search_documents where coalesce(body_folded, body) like '%信息公%'");
      expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("search_documents_body_trgm");
    } finally {
      await client.query("rollback");
    }
  });
});
