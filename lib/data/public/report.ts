import "server-only";
import { and, asc, desc, eq, lte } from "drizzle-orm";
import { editionFile, editionFileInfos } from "@/db/edition-files";
import { reportEditions, reports, units } from "@/db/schema";
import { editionFileName, type EditionFileKind } from "@/lib/document/file-kinds";
import { extractKeyFigures } from "@/lib/charts/key-figures";
import type { ReportDocument } from "@/lib/interchange";
import type {
  PublicOriginalResult,
  PreviousYearReport,
  PublicEditionInfo,
  PublicReportFileResult,
  PublicReportResult,
  WithdrawalNotice,
} from "@/lib/public/types";
import { db } from "../db";
import { isLiveReport, unitRefOf, whereAll } from "./live-reports";
import { parseSnapshot } from "./snapshot-documents";

/*
 * One public report: its page (/reports/{id}, `?edition=N`), its downloads (report.json,
 * tables.csv) and, once withdrawn, only its withdrawal notice.
 */

const isWithdrawn = (r: { withdrawnAt: Date | null; status: string }): boolean => r.withdrawnAt !== null || r.status === "withdrawn";

/** What a report page tells of each edition, and its id. */
const editionColumns = {
  id: reportEditions.id,
  edition: reportEditions.edition,
  publishedAt: reportEditions.publishedAt,
  changeNote: reportEditions.changeNote,
  sha256: reportEditions.sha256,
  title: reportEditions.title,
  indexNo: reportEditions.indexNo,
};

/** The report row with its unit and live edition, or null when it was never published. */
async function loadPublishedRow(id: number) {
  const [row] = await db()
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
    .where(eq(reports.id, id));
  if (!row || row.liveEditionId === null) return null;
  const [live] = await db()
    .select(editionColumns)
    .from(reportEditions)
    .where(and(eq(reportEditions.id, row.liveEditionId), eq(reportEditions.reportId, row.id)));
  if (!live) return null;
  return { row, live };
}

function withdrawalNoticeOf(loaded: NonNullable<Awaited<ReturnType<typeof loadPublishedRow>>>): WithdrawalNotice {
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
    .select(editionColumns)
    .from(reportEditions)
    .where(and(eq(reportEditions.reportId, reportId), lte(reportEditions.edition, upTo)))
    .orderBy(asc(reportEditions.edition));
}

async function snapshotOf(editionId: number): Promise<string | null> {
  const [row] = await db().select({ snapshot: reportEditions.snapshot }).from(reportEditions).where(eq(reportEditions.id, editionId));
  return row?.snapshot ?? null;
}

const editionInfo = (e: { edition: number; publishedAt: Date; changeNote: string | null; sha256: string }): PublicEditionInfo => ({
  edition: e.edition,
  publishedAt: e.publishedAt,
  changeNote: e.changeNote,
  sha256: e.sha256,
});

/** The live document of a unit's report of a year, if public. */
async function liveDocumentOf(unitId: number, year: number): Promise<{ id: number; document: ReportDocument } | null> {
  const [row] = await db()
    .select({ id: reports.id, editionId: reportEditions.id, sha256: reportEditions.sha256, snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(whereAll(isLiveReport(), eq(reports.unitId, unitId), eq(reports.year, year)))
    .limit(1);
  return row ? { id: row.id, document: parseSnapshot(row.editionId, row.sha256, row.snapshot) } : null;
}

async function loadPublicReport(id: number, editionNo: number | null): Promise<PublicReportResult | null> {
  const loaded = await loadPublishedRow(id);
  if (!loaded) return null;
  if (isWithdrawn(loaded.row)) return { kind: "withdrawn", notice: withdrawalNoticeOf(loaded) };
  const { row, live } = loaded;

  const editions = await editionsOf(row.id, live.edition);
  const shown = editionNo === null ? editions.find((e) => e.id === live.id) : editions.find((e) => e.edition === editionNo);
  if (!shown) return null;
  const snapshot = await snapshotOf(shown.id);
  if (snapshot === null) return null;
  const document = parseSnapshot(shown.id, shown.sha256, snapshot);

  const unitReports = await db()
    .select({ id: reports.id, year: reports.year })
    .from(reports)
    .where(whereAll(isLiveReport(), eq(reports.unitId, row.unitId)))
    .orderBy(desc(reports.year));
  const previousLive = await liveDocumentOf(row.unitId, row.year - 1);
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
      originals: await editionFileInfos(db(), shown.id),
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
  const loaded = await loadPublishedRow(id);
  if (!loaded) return null;
  if (isWithdrawn(loaded.row)) return { kind: "withdrawn", notice: withdrawalNoticeOf(loaded) };
  const { row, live } = loaded;
  const shown = edition === null ? { ...live } : (await editionsOf(row.id, live.edition)).find((e) => e.edition === edition);
  if (!shown) return null;
  const snapshot = await snapshotOf(shown.id);
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

/**
 * The 原文 file (PDF or Word) of a public report's live edition or of an earlier one, with its
 * Chinese file name; `pending` while the background job has not made it yet; only the notice
 * for a withdrawn report; null when not public.
 */
export async function getPublicOriginal(id: number, edition: number | null, kind: EditionFileKind): Promise<PublicOriginalResult | null> {
  const loaded = await loadPublishedRow(id);
  if (!loaded) return null;
  if (isWithdrawn(loaded.row)) return { kind: "withdrawn", notice: withdrawalNoticeOf(loaded) };
  const { row, live } = loaded;
  const shown = edition === null ? live : (await editionsOf(row.id, live.edition)).find((e) => e.edition === edition);
  if (!shown) return null;
  const file = await editionFile(db(), shown.id, kind);
  if (!file) return { kind: "pending" };
  const isLive = shown.id === live.id;
  const title = typeof live.title === "string" ? live.title : "";
  return {
    kind: "file",
    file: {
      content: file.content,
      sha256: file.sha256,
      byteSize: file.byteSize,
      fileName: editionFileName({ title, year: row.year, unit: { name: row.unitName } }, kind, isLive ? undefined : shown.edition),
      asciiName: `report-${row.id}${isLive ? "" : `-edition-${shown.edition}`}.${kind}`,
    },
  };
}
