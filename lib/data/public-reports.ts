import "server-only";
import { chinaDate } from "@/lib/time";
import { env } from "@/lib/env";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, max, ne, sql, type SQL } from "drizzle-orm";
import { reportEditions, reports, units } from "@/db/schema";
import { unitFacet, yearFacet } from "@/db/search-index";
import { buildUnitTrend, extractKeyFigures, type KeyFigures } from "@/lib/charts/key-figures";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { db } from "./db";
import { buildOpenDataTable, reportTablesRows, type OpenDataTable } from "./public-open-data";
import {
  ELLIPSIS,
  MATCH_END,
  MATCH_START,
  excerptAround,
  highlightAll,
  normalizeSearchQuery,
  planSearch,
  snippetSegments,
  type SearchPlan,
  type TextSegment,
} from "./public-search-query";

/*
 * Everything the citizen-facing pages, feeds and downloads read. No session is read here:
 * what is public is decided by the data alone —
 * - a report is public once it has a live edition (reports.live_edition_id is not null);
 * - its content always comes from that edition's frozen snapshot (the nianbao-report/1 text
 *   that was hashed), never from the working copy, which may be a correction in progress;
 * - a withdrawn report yields only its withdrawal notice (date, reason), never its content.
 */

// ---------------------------------------------------------------------------------------------
// Site addresses

/**
 * The public base URL for absolute links (QR code, feed, sitemap, open data): SITE_URL when
 * set (e.g. https://xxgk.example.gov.cn behind nginx), else this server on localhost.
 */
export function publicSiteUrl(): string {
  const configured = env().SITE_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return `http://localhost:${process.env.PORT || 3000}`;
}

/** Path of a report page (optionally of an earlier edition). */
export function reportPath(id: number, edition?: number | null): string {
  return edition ? `/reports/${id}?edition=${edition}` : `/reports/${id}`;
}

export function absoluteUrl(path: string): string {
  return `${publicSiteUrl()}${path}`;
}

// ---------------------------------------------------------------------------------------------
// Types

export interface PublicUnitRef {
  readonly id: number;
  readonly name: string;
  readonly shortName: string;
}

export interface PublicReportSummary {
  readonly id: number;
  readonly year: number;
  /** Title of the live edition. */
  readonly title: string;
  readonly indexNo: string | null;
  readonly unit: PublicUnitRef;
  /** First publication. */
  readonly publishedAt: Date;
  /** Publication of the live edition (later than publishedAt after a correction). */
  readonly updatedAt: Date;
  /** Number of the live edition (1 unless corrected). */
  readonly edition: number;
  /** 修订说明 of the live edition. */
  readonly changeNote: string | null;
}

export interface Paged<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
}

export interface PublicEditionInfo {
  readonly edition: number;
  readonly publishedAt: Date;
  readonly changeNote: string | null;
  readonly sha256: string;
}

export interface WithdrawalNotice {
  readonly id: number;
  readonly year: number;
  readonly title: string;
  readonly indexNo: string | null;
  readonly unit: PublicUnitRef;
  /** Null only for a record withdrawn without a date (legacy data). */
  readonly withdrawnAt: Date | null;
  readonly reason: string | null;
}

export interface PreviousYearReport {
  readonly id: number;
  readonly year: number;
  readonly title: string;
  readonly figures: KeyFigures | null;
}

export interface PublicReport {
  readonly id: number;
  readonly year: number;
  readonly unit: PublicUnitRef;
  /** The shown edition's snapshot, parsed. */
  readonly document: ReportDocument;
  /** The shown edition. */
  readonly edition: PublicEditionInfo;
  /** Whether the shown edition is the live one. */
  readonly isLive: boolean;
  readonly liveEdition: PublicEditionInfo;
  /** Every published edition, oldest first. */
  readonly editions: readonly PublicEditionInfo[];
  readonly indexNo: string | null;
  readonly firstPublishedAt: Date;
  readonly viewCount: number;
  /** The unit's public reports of every year (this one included), newest first. */
  readonly unitReports: readonly { readonly id: number; readonly year: number }[];
  readonly figures: KeyFigures | null;
  /** Last year's live report of the same unit, for the 与上年对比 panel. */
  readonly previous: PreviousYearReport | null;
}

export type PublicReportResult = { readonly kind: "live"; readonly report: PublicReport } | { readonly kind: "withdrawn"; readonly notice: WithdrawalNotice };

export interface PublicReportFile {
  readonly id: number;
  readonly year: number;
  readonly unit: PublicUnitRef;
  readonly title: string;
  readonly edition: number;
  readonly isLive: boolean;
  /** The snapshot text exactly as hashed. */
  readonly snapshot: string;
  readonly sha256: string;
  readonly document: ReportDocument;
}

export type PublicReportFileResult = { readonly kind: "live"; readonly file: PublicReportFile } | { readonly kind: "withdrawn"; readonly notice: WithdrawalNotice };

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Public and not withdrawn. */
const isLiveReport = (): SQL => and(isNotNull(reports.liveEditionId), isNull(reports.withdrawnAt), ne(reports.status, "withdrawn"))!;

const isWithdrawn = (r: { withdrawnAt: Date | null; status: string }): boolean => r.withdrawnAt !== null || r.status === "withdrawn";

const snapshotTitle = sql<string>`json_extract(${reportEditions.snapshot}, '$.title')`;
const snapshotIndexNo = sql<string | null>`json_extract(${reportEditions.snapshot}, '$.metadata.indexNo')`;

/** Parsed snapshots by edition (editions never change, so this cache needs no invalidation). */
const documentCache = new Map<string, ReportDocument>();
const DOCUMENT_CACHE_LIMIT = 256;

function parseSnapshot(editionId: number, sha256: string, snapshot: string): ReportDocument {
  const key = `${editionId}:${sha256}`;
  const cached = documentCache.get(key);
  if (cached) return cached;
  const parsed = parseReportJson(snapshot);
  if (!parsed.ok) {
    throw new Error(`edition ${editionId}: stored snapshot is not a valid nianbao-report/1 document (${parsed.error.path}: ${parsed.error.message})`);
  }
  if (documentCache.size >= DOCUMENT_CACHE_LIMIT) {
    const oldest = documentCache.keys().next().value;
    if (oldest !== undefined) documentCache.delete(oldest);
  }
  documentCache.set(key, parsed.document);
  return parsed.document;
}

function summaryQuery() {
  return db()
    .select({
      id: reports.id,
      year: reports.year,
      title: snapshotTitle,
      indexNo: snapshotIndexNo,
      unitId: units.id,
      unitName: units.name,
      unitShortName: units.shortName,
      firstPublishedAt: reports.publishedAt,
      editionPublishedAt: reportEditions.publishedAt,
      edition: reportEditions.edition,
      changeNote: reportEditions.changeNote,
    })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .innerJoin(units, eq(units.id, reports.unitId));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["all"]>>[number];

function toSummary(row: SummaryRow): PublicReportSummary {
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    indexNo: row.indexNo,
    unit: { id: row.unitId, name: row.unitName, shortName: row.unitShortName },
    publishedAt: row.firstPublishedAt ?? row.editionPublishedAt,
    updatedAt: row.editionPublishedAt,
    edition: row.edition,
    changeNote: row.changeNote,
  };
}

/** Number of pages for a total (at least 1). */
function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** A requested page clamped into 1..pageCount. */
function clampPage(page: number, pageCount: number): number {
  return Math.min(Math.max(1, Math.floor(page) || 1), Math.max(1, pageCount));
}

function whereAll(...conditions: (SQL | undefined)[]): SQL {
  return and(...conditions)!;
}

// ---------------------------------------------------------------------------------------------
// Lists

export const REPORTS_PAGE_SIZE = 20;

/** Public reports, newest first, optionally of one year and/or one unit. */
export async function listPublishedReports(options: {
  year?: number | null;
  unitId?: number | null;
  page?: number;
  pageSize?: number;
}): Promise<Paged<PublicReportSummary>> {
  const pageSize = Math.min(Math.max(options.pageSize ?? REPORTS_PAGE_SIZE, 1), 100);
  const where = whereAll(
    isLiveReport(),
    options.year ? eq(reports.year, options.year) : undefined,
    options.unitId ? eq(reports.unitId, options.unitId) : undefined,
  );
  const total = db().select({ n: count() }).from(reports).where(where).get()?.n ?? 0;
  const pageCount = pageCountOf(total, pageSize);
  const page = clampPage(options.page ?? 1, pageCount);
  const rows = summaryQuery()
    .where(where)
    .orderBy(desc(reports.publishedAt), desc(reports.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { items: rows.map(toSummary), total, page, pageSize, pageCount };
}

export interface PublicUnitSummary extends PublicUnitRef {
  readonly count: number;
  readonly latestYear: number;
}

interface Catalog {
  readonly stamp: string;
  readonly years: { year: number; count: number }[];
  readonly units: PublicUnitSummary[];
}

let catalog: Catalog | null = null;

/**
 * What the year and unit lists depend on, read cheaply: a publication adds an edition, a
 * withdrawal adds a withdrawn report, a rename touches the unit.
 */
function catalogStamp(): string {
  const row = db().get<{ e: number | null; w: number; u: number | null }>(
    sql`select (select max(id) from report_editions) as e,
               (select count(*) from reports where withdrawn_at is not null or status = 'withdrawn') as w,
               (select max(coalesce(updated_at, created_at)) from units) as u`,
  );
  return `${row?.e ?? 0}:${row?.w ?? 0}:${row?.u ?? 0}`;
}

/** The years and units with public reports (every public page's filters), kept until they change. */
function publicCatalog(): Catalog {
  const stamp = catalogStamp();
  if (catalog?.stamp === stamp) return catalog;
  const years = db()
    .select({ year: reports.year, count: count() })
    .from(reports)
    .where(isLiveReport())
    .groupBy(reports.year)
    .orderBy(desc(reports.year))
    .all();
  const unitRows = db()
    .select({ id: units.id, name: units.name, shortName: units.shortName, count: count(), latestYear: max(reports.year) })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(isLiveReport())
    .groupBy(units.id)
    .orderBy(asc(units.id))
    .all();
  catalog = { stamp, years, units: unitRows.map((r) => ({ ...r, latestYear: r.latestYear ?? 0 })) };
  return catalog;
}

/** Years that have public reports, newest first, with how many. */
export async function listPublicYears(): Promise<{ year: number; count: number }[]> {
  return publicCatalog().years.map((y) => ({ ...y }));
}

/** Units that have public reports, in the order they were set up (county first), with how many. */
export async function listPublicUnits(): Promise<PublicUnitSummary[]> {
  return publicCatalog().units.map((u) => ({ ...u }));
}

// ---------------------------------------------------------------------------------------------
// One report

function unitRefOf(row: { unitId: number; unitName: string; unitShortName: string }): PublicUnitRef {
  return { id: row.unitId, name: row.unitName, shortName: row.unitShortName };
}

/** The report row with its unit and live edition, or null when it was never published. */
function loadPublishedRow(id: number) {
  const row = db()
    .select({
      id: reports.id,
      year: reports.year,
      status: reports.status,
      liveEditionId: reports.liveEditionId,
      withdrawnAt: reports.withdrawnAt,
      withdrawReason: reports.withdrawReason,
      viewCount: reports.viewCount,
      publishedAt: reports.publishedAt,
      unitId: units.id,
      unitName: units.name,
      unitShortName: units.shortName,
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .where(eq(reports.id, id))
    .get();
  if (!row || row.liveEditionId === null) return null;
  const live = db()
    .select({
      id: reportEditions.id,
      edition: reportEditions.edition,
      publishedAt: reportEditions.publishedAt,
      changeNote: reportEditions.changeNote,
      sha256: reportEditions.sha256,
      title: snapshotTitle,
      indexNo: snapshotIndexNo,
    })
    .from(reportEditions)
    .where(and(eq(reportEditions.id, row.liveEditionId), eq(reportEditions.reportId, row.id)))
    .get();
  if (!live) return null;
  return { row, live };
}

function withdrawalNoticeOf(loaded: NonNullable<ReturnType<typeof loadPublishedRow>>): WithdrawalNotice {
  const { row, live } = loaded;
  return {
    id: row.id,
    year: row.year,
    title: live.title,
    indexNo: live.indexNo,
    unit: unitRefOf(row),
    withdrawnAt: row.withdrawnAt,
    reason: row.withdrawReason,
  };
}

function editionsOf(reportId: number, upTo: number) {
  return db()
    .select({
      id: reportEditions.id,
      edition: reportEditions.edition,
      publishedAt: reportEditions.publishedAt,
      changeNote: reportEditions.changeNote,
      sha256: reportEditions.sha256,
    })
    .from(reportEditions)
    .where(and(eq(reportEditions.reportId, reportId), lte(reportEditions.edition, upTo)))
    .orderBy(asc(reportEditions.edition))
    .all();
}

function snapshotOf(editionId: number): string | null {
  return db().select({ snapshot: reportEditions.snapshot }).from(reportEditions).where(eq(reportEditions.id, editionId)).get()?.snapshot ?? null;
}

const editionInfo = (e: { edition: number; publishedAt: Date; changeNote: string | null; sha256: string }): PublicEditionInfo => ({
  edition: e.edition,
  publishedAt: e.publishedAt,
  changeNote: e.changeNote,
  sha256: e.sha256,
});

/** The live document of a unit's report of a year, if public. */
function liveDocumentOf(unitId: number, year: number): { id: number; document: ReportDocument } | null {
  const row = db()
    .select({ id: reports.id, editionId: reportEditions.id, sha256: reportEditions.sha256, snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(whereAll(isLiveReport(), eq(reports.unitId, unitId), eq(reports.year, year)))
    .get();
  return row ? { id: row.id, document: parseSnapshot(row.editionId, row.sha256, row.snapshot) } : null;
}

async function loadPublicReport(id: number, editionNo: number | null): Promise<PublicReportResult | null> {
  const loaded = loadPublishedRow(id);
  if (!loaded) return null;
  if (isWithdrawn(loaded.row)) return { kind: "withdrawn", notice: withdrawalNoticeOf(loaded) };
  const { row, live } = loaded;

  const editions = editionsOf(row.id, live.edition);
  const shown = editionNo === null ? editions.find((e) => e.id === live.id) : editions.find((e) => e.edition === editionNo);
  if (!shown) return null;
  const snapshot = snapshotOf(shown.id);
  if (snapshot === null) return null;
  const document = parseSnapshot(shown.id, shown.sha256, snapshot);

  const unitReports = db()
    .select({ id: reports.id, year: reports.year })
    .from(reports)
    .where(whereAll(isLiveReport(), eq(reports.unitId, row.unitId)))
    .orderBy(desc(reports.year))
    .all();
  const previousLive = liveDocumentOf(row.unitId, row.year - 1);
  const previous: PreviousYearReport | null = previousLive
    ? {
        id: previousLive.id,
        year: previousLive.document.year,
        title: previousLive.document.title,
        figures: extractKeyFigures(previousLive.document),
      }
    : null;

  return {
    kind: "live",
    report: {
      id: row.id,
      year: row.year,
      unit: unitRefOf(row),
      document,
      edition: editionInfo(shown),
      isLive: shown.id === live.id,
      liveEdition: editionInfo(live),
      editions: editions.map(editionInfo),
      indexNo: document.metadata.indexNo ?? live.indexNo ?? null,
      firstPublishedAt: row.publishedAt ?? editions[0]?.publishedAt ?? live.publishedAt,
      viewCount: row.viewCount,
      unitReports,
      figures: extractKeyFigures(document),
      previous,
    },
  };
}

/**
 * A public report as its page shows it: the live edition's document, the edition history, the
 * view count, the unit's other years and last year's figures. A withdrawn report yields only
 * its notice; a report that was never published (a draft) yields null.
 */
export async function getPublicReport(id: number): Promise<PublicReportResult | null> {
  return loadPublicReport(id, null);
}

/** An earlier (or the live) edition of a public report, e.g. `/reports/12?edition=1`. */
export async function getPublicEdition(id: number, edition: number): Promise<PublicReportResult | null> {
  return loadPublicReport(id, edition);
}

/**
 * The snapshot text of a public report's live edition (or of an earlier edition) for
 * report.json and tables.csv; only the notice for a withdrawn report; null when not public.
 */
export async function getPublicReportFile(id: number, edition: number | null = null): Promise<PublicReportFileResult | null> {
  const loaded = loadPublishedRow(id);
  if (!loaded) return null;
  if (isWithdrawn(loaded.row)) return { kind: "withdrawn", notice: withdrawalNoticeOf(loaded) };
  const { row, live } = loaded;
  const shown = edition === null ? { ...live } : editionsOf(row.id, live.edition).find((e) => e.edition === edition);
  if (!shown) return null;
  const snapshot = snapshotOf(shown.id);
  if (snapshot === null) return null;
  const document = parseSnapshot(shown.id, shown.sha256, snapshot);
  return {
    kind: "live",
    file: {
      id: row.id,
      year: row.year,
      unit: unitRefOf(row),
      title: document.title,
      edition: shown.edition,
      isLive: shown.id === live.id,
      snapshot,
      sha256: shown.sha256,
      document,
    },
  };
}

/** Rows of tables.csv for a public report file (see reportTablesRows). */
export function tablesCsvRowsOf(file: PublicReportFile) {
  return reportTablesRows(file.document);
}

// ---------------------------------------------------------------------------------------------
// Units and trends

export interface UnitTrend {
  readonly unit: PublicUnitRef;
  /** Per year, oldest first (years without national tables are left out). */
  readonly points: KeyFigures[];
}

function publicUnitRef(unitId: number): PublicUnitRef | null {
  const hasPublic = db().select({ n: count() }).from(reports).where(whereAll(isLiveReport(), eq(reports.unitId, unitId))).get()?.n ?? 0;
  if (hasPublic === 0) return null;
  const unit = db().select({ id: units.id, name: units.name, shortName: units.shortName }).from(units).where(eq(units.id, unitId)).get();
  return unit ?? null;
}

/**
 * A unit's key figures per year from its live reports: applications received (table 3 总计
 * 新收), granted, denied (sum of the eight 不予公开 reasons), carried forward, and the proactive
 * disclosure figures of table 2. Null for a unit without public reports.
 */
export async function listUnitTrend(unitId: number): Promise<UnitTrend | null> {
  const unit = publicUnitRef(unitId);
  if (!unit) return null;
  const rows = db()
    .select({ editionId: reportEditions.id, sha256: reportEditions.sha256, snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(whereAll(isLiveReport(), eq(reports.unitId, unitId)))
    .orderBy(asc(reports.year))
    .all();
  return { unit, points: buildUnitTrend(rows.map((r) => parseSnapshot(r.editionId, r.sha256, r.snapshot))) };
}

/** A unit's public reports, newest year first (null when it has none). */
export async function getPublicUnit(unitId: number): Promise<{ unit: PublicUnitRef; reports: PublicReportSummary[] } | null> {
  const unit = publicUnitRef(unitId);
  if (!unit) return null;
  const rows = summaryQuery().where(whereAll(isLiveReport(), eq(reports.unitId, unitId))).orderBy(desc(reports.year)).all();
  return { unit, reports: rows.map(toSummary) };
}

// ---------------------------------------------------------------------------------------------
// Search

export const SEARCH_PAGE_SIZE = 10;

export interface PublicSearchHit extends PublicReportSummary {
  /** The title with the query marked. */
  readonly titleSegments: TextSegment[];
  /** An excerpt of the body with the query marked. */
  readonly excerpt: TextSegment[];
}

export interface PublicSearchResults extends Paged<PublicSearchHit> {
  /** The query as searched (normalized, at most 100 characters). */
  readonly query: string;
  readonly mode: SearchPlan["kind"];
}

/** The live-and-not-withdrawn condition on `reports r` (defence in depth: the index holds only live reports). */
const LIVE_R = sql`r.live_edition_id is not null and r.withdrawn_at is null and r.status <> 'withdrawn'`;

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
export async function searchPublishedReports(options: {
  q: unknown;
  year?: number | null;
  unitId?: number | null;
  page?: number;
  pageSize?: number;
}): Promise<PublicSearchResults> {
  const query = normalizeSearchQuery(options.q);
  const facets = [...(options.year ? [yearFacet(options.year)] : []), ...(options.unitId ? [unitFacet(options.unitId)] : [])];
  const plan = planSearch(query, facets);
  const pageSize = Math.min(Math.max(options.pageSize ?? SEARCH_PAGE_SIZE, 1), 50);
  if (plan.kind === "empty" || plan.kind === "symbols") return { query, mode: plan.kind, items: [], total: 0, page: 1, pageSize, pageCount: 1 };

  let page = Math.max(1, options.page ?? 1);
  let total: number;
  let rows: { id: number }[];
  if (plan.kind === "fts" || plan.kind === "chars") {
    // The index holds exactly the live reports (maintained at publication and withdrawal) and
    // carries the year/unit filters as tokens, so counting and ranking run on the index alone,
    // without a join over every match; the rows of the page are checked again below.
    const table = plan.kind === "fts" ? sql`search_documents` : sql`search_characters`;
    const order = plan.kind === "fts" ? sql`bm25(search_documents, 0.0, 10.0, 5.0, 1.0, 0.0), rowid desc` : sql`rowid desc`;
    total = db().get<{ n: number }>(sql`select count(*) as n from ${table} where ${table} match ${plan.match}`)?.n ?? 0;
    page = clampPage(page, pageCountOf(total, pageSize));
    rows =
      total === 0
        ? []
        : db().all<{ id: number }>(
            sql`select rowid as id from ${table} where ${table} match ${plan.match} order by ${order} limit ${pageSize} offset ${(page - 1) * pageSize}`,
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

  const summaries = new Map(
    summaryQuery()
      .where(and(isLiveReport(), inArray(reports.id, ids)))
      .all()
      .map((row) => [row.id, toSummary(row)] as const),
  );
  const items = ids.flatMap((id): PublicSearchHit[] => {
    const summary = summaries.get(id);
    if (!summary) return [];
    return [{ ...summary, titleSegments: highlightAll(summary.title, query), excerpt: excerpts.get(id) ?? [] }];
  });
  return { query, mode: plan.kind, items, total, page, pageSize, pageCount };
}

// ---------------------------------------------------------------------------------------------
// Open data, feed, sitemap


/**
 * The yearly open-data table: one row per public report of the year (by unit), with every
 * gov-2021 cell as a column. Null when the year has no public report.
 */
export async function openDataRows(year: number): Promise<OpenDataTable | null> {
  const rows = db()
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
    .orderBy(asc(units.id))
    .all();
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

/** The newest publications (corrections count as new), newest first, for /feed.xml. */
export async function listFeedEntries(limit = 50): Promise<PublicReportSummary[]> {
  const rows = summaryQuery()
    .where(isLiveReport())
    .orderBy(desc(reportEditions.publishedAt), desc(reports.id))
    .limit(Math.min(Math.max(limit, 1), 200))
    .all();
  return rows.map(toSummary);
}

export interface SitemapEntries {
  readonly reports: { id: number; lastModified: Date }[];
  readonly units: { id: number; lastModified: Date }[];
  readonly years: { year: number; lastModified: Date }[];
  readonly lastModified: Date | null;
}

/** Every public report, unit and year with its last change, for sitemap.xml. */
export async function listSitemapEntries(): Promise<SitemapEntries> {
  const rows = db()
    .select({ id: reports.id, unitId: reports.unitId, year: reports.year, lastModified: reportEditions.publishedAt })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(isLiveReport())
    .orderBy(desc(reportEditions.publishedAt))
    .all();
  const latest = (map: Map<number, Date>, key: number, at: Date) => {
    const known = map.get(key);
    if (!known || known < at) map.set(key, at);
  };
  const unitsSeen = new Map<number, Date>();
  const yearsSeen = new Map<number, Date>();
  for (const r of rows) {
    latest(unitsSeen, r.unitId, r.lastModified);
    latest(yearsSeen, r.year, r.lastModified);
  }
  return {
    reports: rows.map((r) => ({ id: r.id, lastModified: r.lastModified })),
    units: [...unitsSeen].map(([id, lastModified]) => ({ id, lastModified })),
    years: [...yearsSeen].sort((a, b) => b[0] - a[0]).map(([year, lastModified]) => ({ year, lastModified })),
    lastModified: rows[0]?.lastModified ?? null,
  };
}
