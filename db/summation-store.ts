/**
 * 汇总 (issue 14), what a supervising unit's report adds up, read from the database. No
 * authorization here: lib/data checks who asks; db/commands/summation.ts reads the same inputs
 * inside its transaction so that what it writes is what it read.
 *
 * Which figures a supervisor adds (the decision recorded in README, "Decisions"): for each unit
 * on its reporting list for the year (the units directly below it, never deeper), that unit's
 * report as **published** (its live edition), or else as **filed** (the latest accepted filing
 * of a report that is not yet published). When that unit's report is itself a 汇总 (a county
 * under a city), its published figures already contain its own units; the city adds it once and
 * never reaches below its list, so every township is counted exactly once, through its county.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { placementOf } from "@/lib/reporting-list";
import { parseReportJson, type ReportDocument, type ReportTables } from "@/lib/interchange";
import type { FormatId, TableId } from "@/lib/formats";
import { missingUnits, sumTables, type MissingUnitsResult, type SummationResult } from "@/lib/summation";
import type { Db } from "./client";
import { yearReportState } from "./report-store";
import { reportEditions, reportFilings, reportingListEntries, reports, reportSections, reportSummations, units, type ReportStatus, type ReportSummation } from "./schema";

/** Where a listed unit's figures come from. */
export type SummationSourceKind = "published" | "filed";

export interface ListedUnitSource {
  kind: SummationSourceKind;
  reportId: number;
  /** The live edition's number (published), else null. */
  edition: number | null;
  /** The accepted filing summed (filed), else null. */
  filingId: number | null;
  document: ReportDocument;
}

export interface ListedUnit {
  unitId: number;
  name: string;
  /** null: the unit has no published or filed report for the year. */
  source: ListedUnitSource | null;
}

export interface SummationInputs {
  report: { id: number; unitId: number; year: number; format: string; status: ReportStatus; metadata: Record<string, string | null | undefined> };
  /** null until the clerk starts the 汇总. */
  summation: ReportSummation | null;
  /** The report's table sections as they are now (the last 汇总's result, or what was typed before). */
  tables: ReportTables;
  /** Units on the reporting list for the report's year, in id order (the list page sorts by name). */
  listed: ListedUnit[];
}

function parsedDocument(json: string): ReportDocument | null {
  const parsed = parseReportJson(json);
  return parsed.ok ? parsed.document : null;
}

/** The report's table sections as tables (every table of the format, blank ones included). */
export async function currentTablesOf(db: Db, reportId: number): Promise<ReportTables> {
  const rows = await db
    .select({ tableId: reportSections.tableId, cells: reportSections.cells })
    .from(reportSections)
    .where(and(eq(reportSections.reportId, reportId), eq(reportSections.kind, "table")))
    .orderBy(asc(reportSections.position));
  const tables: ReportTables = {};
  for (const row of rows) if (row.tableId) tables[row.tableId as TableId] = row.cells ?? {};
  return tables;
}

/** Whether a report is a 汇总 report (its table sections belong to the 汇总 page). */
export async function isSummationReport(db: Db, reportId: number): Promise<boolean> {
  const [row] = await db.select({ id: reportSummations.reportId }).from(reportSummations).where(eq(reportSummations.reportId, reportId));
  return row !== undefined;
}

/** The units on the supervisor's list for the year, each with the figures a 汇总 adds. */
export async function listedUnitsWithSources(db: Db, supervisorId: number, year: number): Promise<ListedUnit[]> {
  const below = await db
    .select({ id: units.id, name: units.name, kind: units.kind, parentId: units.parentId, active: units.active })
    .from(units)
    .where(eq(units.parentId, supervisorId))
    .orderBy(asc(units.id));
  if (below.length === 0) return [];
  const saved = await db
    .select({ supervisorId: reportingListEntries.supervisorId, unitId: reportingListEntries.unitId, included: reportingListEntries.included, reason: reportingListEntries.reason })
    .from(reportingListEntries)
    .where(and(eq(reportingListEntries.supervisorId, supervisorId), eq(reportingListEntries.year, year)));
  const ids = below.map((u) => u.id);
  const yearReports = await db
    .select({ id: reports.id, unitId: reports.unitId, status: reports.status, liveEditionId: reports.liveEditionId, withdrawnAt: reports.withdrawnAt })
    .from(reports)
    .where(and(eq(reports.year, year), inArray(reports.unitId, ids)));
  const reportOf = new Map(yearReports.map((r) => [r.unitId, r]));

  const listed: ListedUnit[] = [];
  for (const unit of below) {
    const report = reportOf.get(unit.id);
    // An inactive unit is listed only while it has a report for the year (as in the overview).
    if (!placementOf(unit, saved).included || (!unit.active && !report)) continue;
    listed.push({ unitId: unit.id, name: unit.name, source: report ? await sourceOf(db, report) : null });
  }
  return listed;
}

async function sourceOf(
  db: Db,
  report: { id: number; status: ReportStatus; liveEditionId: number | null; withdrawnAt: Date | null },
): Promise<ListedUnitSource | null> {
  if (yearReportState(report) === "published" && report.liveEditionId !== null) {
    const [edition] = await db
      .select({ edition: reportEditions.edition, snapshot: reportEditions.snapshot })
      .from(reportEditions)
      .where(eq(reportEditions.id, report.liveEditionId));
    const document = edition ? parsedDocument(edition.snapshot) : null;
    if (edition && document) return { kind: "published", reportId: report.id, edition: edition.edition, filingId: null, document };
  }
  if (report.status === "withdrawn") return null;
  const [filing] = await db
    .select({ id: reportFilings.id, document: reportFilings.document })
    .from(reportFilings)
    .where(and(eq(reportFilings.reportId, report.id), eq(reportFilings.status, "accepted")))
    .orderBy(desc(reportFilings.id))
    .limit(1);
  const document = filing ? parsedDocument(filing.document) : null;
  return filing && document ? { kind: "filed", reportId: report.id, edition: null, filingId: filing.id, document } : null;
}

/** Everything a 汇总 of the report reads; null when there is no such report. */
export async function loadSummationInputs(db: Db, reportId: number): Promise<SummationInputs | null> {
  const [report] = await db
    .select({ id: reports.id, unitId: reports.unitId, year: reports.year, format: reports.format, status: reports.status, metadata: reports.metadata })
    .from(reports)
    .where(eq(reports.id, reportId));
  if (!report) return null;
  const [summation] = await db.select().from(reportSummations).where(eq(reportSummations.reportId, reportId));
  return {
    report,
    summation: summation ?? null,
    tables: await currentTablesOf(db, reportId),
    listed: await listedUnitsWithSources(db, report.unitId, report.year),
  };
}

/** What a 汇总 adds up, recorded in report_summations.sources. */
export interface SummationSourceRecord {
  unitId: number;
  unitName: string;
  reportId: number;
  edition: number | null;
  filingId: number | null;
}

export interface ComputedSummation {
  result: SummationResult;
  missing: MissingUnitsResult<number>;
  sources: SummationSourceRecord[];
  /**
   * Which editions and filings the sum is made of, e.g. `12:e2,15:f7`: the 汇总 page sends the
   * one it showed, and the command refuses when a unit published or filed something since.
   */
  sourcesKey: string;
}

/** Part ids in the breakdown: `unit:<id>` (the own figures are lib/summation's OWN_CONTRIBUTOR_ID). */
export const partIdOf = (unitId: number) => `unit:${unitId}`;

/**
 * The sum of the own figures (as saved, else the report's tables) and every listed unit's
 * figures, with the units that block completing it. Pure over the loaded inputs.
 */
export function computeSummation(inputs: SummationInputs): ComputedSummation {
  const own = inputs.summation?.ownTables ?? inputs.tables;
  const withSource = inputs.listed.filter((u): u is ListedUnit & { source: ListedUnitSource } => u.source !== null);
  const parts = withSource.map((u) => ({
    id: partIdOf(u.unitId),
    label: u.name,
    format: u.source.document.format,
    tables: "tables" in u.source.document ? u.source.document.tables : undefined,
  }));
  const result = sumTables(inputs.report.format as FormatId, parts, own);
  const absentNote = new Map((inputs.summation?.absent ?? []).map((a) => [a.unitId, a.note]));
  const missing = missingUnits(
    inputs.listed.map((u) => ({ unitId: u.unitId, name: u.name, absent: absentNote.has(u.unitId) ? { note: absentNote.get(u.unitId)! } : null })),
    withSource.map((u) => u.unitId),
  );
  const sources = withSource.map((u) => ({ unitId: u.unitId, unitName: u.name, reportId: u.source.reportId, edition: u.source.edition, filingId: u.source.filingId }));
  const sourcesKey = sources.map((s) => `${s.reportId}:${s.edition !== null ? `e${s.edition}` : `f${s.filingId}`}`).join(",");
  return { result, missing, sources, sourcesKey };
}
