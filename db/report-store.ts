/**
 * Mapping between `nianbao-report/1` documents and the report tables. No authorization
 * here: lib/data wraps these for the app, and the archive CLI (scripts/report-*.ts) is an
 * operator's tool that runs with direct database access.
 */
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getFormat, type TableId } from "@/lib/formats";
import { sanitizeReportHtml } from "@/lib/html/sanitize";
import { parseReportJson, REPORT_SCHEMA_ID, reportDocumentSchema, type CellTree, type ReportDocument, type ReportTables } from "@/lib/interchange";
import type { Db } from "./client";
import type { Tx } from "./transaction";
import { parseChinaDateOrIso } from "@/lib/time";
import type { SectionContent } from "@/lib/report-editing";
import { reportAttachments, reportEditions, reports, reportSections, units, type ReportSectionRow, type ReportStatus } from "./schema";

export interface StoreOptions {
  unitId: number;
  status: ReportStatus;
  origin: "editor" | "import";
  createdById?: number | null;
}

/** Parses the document's 发布日期 (ISO, or a plain date read as China time). */
export function publishedAtOf(doc: ReportDocument): Date | null {
  const raw = doc.metadata.publishedAt;
  if (!raw) return null;
  return parseChinaDateOrIso(raw);
}

/**
 * Section rows for a document: the format's fixed sections in order (narrative ones only where
 * the document has them, so an import stores exactly what it was given), then any narrative
 * sections of the document the format does not define, in the document's order.
 *
 * Narrative HTML goes through the same sanitizer as every editor save: an archive file is as
 * untrusted as a browser, and the pages render stored HTML as is. The sanitizer is a fixed point
 * on allowlisted HTML, so clean archives (and import → export → import) are unchanged.
 */
function sectionRowsOf(doc: ReportDocument) {
  const format = getFormat(doc.format);
  const narrative = new Map(doc.sections.map((s) => [s.key, s]));
  const tables: ReportTables = ("tables" in doc && doc.tables) || {};
  const rows: { key: string; heading: string; kind: "narrative" | "table"; tableId: TableId | null; html: string; cells: CellTree | null }[] = [];
  const fixed = [...(format.preamble ? [format.preamble] : []), ...format.sections];
  for (const def of fixed) {
    if (def.kind === "table") {
      rows.push({ key: def.key, heading: def.heading, kind: "table", tableId: def.tableId, html: "", cells: tables[def.tableId] ?? null });
    } else {
      const section = narrative.get(def.key);
      if (section) rows.push({ key: section.key, heading: section.heading, kind: "narrative", tableId: null, html: sanitizeReportHtml(section.html), cells: null });
    }
  }
  const fixedKeys = new Set(fixed.map((d) => d.key));
  for (const section of doc.sections) {
    if (!fixedKeys.has(section.key)) {
      rows.push({ key: section.key, heading: section.heading, kind: "narrative", tableId: null, html: sanitizeReportHtml(section.html), cells: null });
    }
  }
  return rows;
}

/** Stores a document as a new report and returns its id; call inside a command's transaction. */
export async function insertReportDocument(tx: Tx, doc: ReportDocument, options: StoreOptions): Promise<number> {
  const [{ id }] = (await tx
    .insert(reports)
    .values({
      unitId: options.unitId,
      year: doc.year,
      format: doc.format,
      title: doc.title,
      metadata: doc.metadata,
      signature: doc.signature ?? null,
      status: options.status,
      origin: options.origin,
      publishedAt: options.status === "published" ? publishedAtOf(doc) : null,
      createdById: options.createdById ?? null,
    })
    .returning({ id: reports.id })) as [{ id: number }];
  for (const [position, row] of sectionRowsOf(doc).entries()) {
    await tx.insert(reportSections).values({ ...row, reportId: id, position });
  }
  for (const [position, attachment] of doc.attachments.entries()) {
    await tx.insert(reportAttachments).values({ reportId: id, position, title: attachment.title, columns: attachment.columns, rows: attachment.rows });
  }
  return id;
}

/** The stored report as a document (the inverse of insertReportDocument), or null. */
export async function readReportDocument(db: Db, reportId: number): Promise<ReportDocument | null> {
  const parent = alias(units, "parent");
  const [row] = await db
    .select({ report: reports, unit: { name: units.name, orgCode: units.orgCode, kind: units.kind }, parentOrgCode: parent.orgCode })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .leftJoin(parent, eq(parent.id, units.parentId))
    .where(eq(reports.id, reportId));
  if (!row) return null;
  const sectionRows = await db.select().from(reportSections).where(eq(reportSections.reportId, reportId)).orderBy(asc(reportSections.position));
  const attachmentRows = await db.select().from(reportAttachments).where(eq(reportAttachments.reportId, reportId)).orderBy(asc(reportAttachments.position));

  const { report, unit, parentOrgCode } = row;
  const base = {
    schema: REPORT_SCHEMA_ID,
    year: report.year,
    // The unit above is named by its org code when it has one (the interchange format's unit.parentOrgCode).
    unit: { name: unit.name, orgCode: unit.orgCode, kind: unit.kind, ...(parentOrgCode ? { parentOrgCode } : {}) },
    title: report.title,
    metadata: report.metadata,
    sections: sectionRows
      .filter((s) => s.kind === "narrative")
      .map((s) => ({ key: s.key, heading: s.heading, html: s.html })),
    attachments: attachmentRows.map((a) => ({ title: a.title, columns: a.columns, rows: a.rows })),
    signature: report.signature ?? null,
  };
  const tables: ReportTables = {};
  for (const s of sectionRows) if (s.kind === "table" && s.tableId && s.cells) tables[s.tableId] = s.cells;
  // Parsing both types the result and guarantees that what leaves the database is a valid document.
  return reportDocumentSchema.parse(report.format === "legacy-freeform" ? { ...base, format: report.format } : { ...base, format: report.format, tables });
}

/** A stored section row as the content it holds (the one place that knows a table row carries its table id). */
export function sectionContentOf(row: ReportSectionRow): SectionContent {
  if (row.kind === "narrative") return { kind: "narrative", html: row.html };
  if (!row.tableId) throw new Error(`section ${row.id} is a table without a table id`);
  return { kind: "table", tableId: row.tableId, cells: row.cells };
}

export async function findReportId(db: Db, unitId: number, year: number): Promise<number | null> {
  const [row] = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.unitId, unitId), eq(reports.year, year)));
  return row?.id ?? null;
}

/**
 * Whether a unit's report of a year is there for citizens: "published" when it has a live
 * edition (not withdrawn; a correction in progress still has its live edition), "unpublished"
 * when it exists only as a working copy (draft … approved, scheduled, withdrawn), "none" when
 * there is no report of that year.
 */
export type YearReportState = "published" | "unpublished" | "none";

export function yearReportState(row: { status: ReportStatus; liveEditionId: number | null; withdrawnAt: Date | null } | undefined): YearReportState {
  if (!row) return "none";
  return row.liveEditionId !== null && row.withdrawnAt === null && row.status !== "withdrawn" ? "published" : "unpublished";
}

/**
 * A unit's report of the year before as citizens read it: its live published edition, or
 * undefined when there is none (no report, or only an unpublished working copy). The one
 * reference for cross-year rules, last year's figures beside each cell, section 五's reference
 * panel and the 上年结转 pre-fill — never last year's draft or a correction in progress.
 */
export async function previousYearDocument(db: Db, unitId: number, year: number): Promise<ReportDocument | undefined> {
  const [row] = await db
    .select({ snapshot: reportEditions.snapshot })
    .from(reports)
    .innerJoin(reportEditions, eq(reportEditions.id, reports.liveEditionId))
    .where(and(eq(reports.unitId, unitId), eq(reports.year, year - 1), isNull(reports.withdrawnAt), ne(reports.status, "withdrawn")));
  if (!row) return undefined;
  const parsed = parseReportJson(row.snapshot);
  return parsed.ok ? parsed.document : undefined;
}
