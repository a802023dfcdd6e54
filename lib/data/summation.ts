import "server-only";
import { eq } from "drizzle-orm";
import * as summationCommands from "@/db/commands/summation";
import { readReportDocument, previousYearDocument } from "@/db/report-store";
import { reportSummations, users, type Report } from "@/db/schema";
import { computeSummation, loadSummationInputs, type SummationInputs } from "@/db/summation-store";
import { unitLevelOf } from "@/db/unit-tree";
import { attachmentDisposition, csvResponse } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { summationCsv, summationWorkbook, XLSX_CONTENT_TYPE } from "@/lib/export/summation-workbook";
import { getFormat, type FormatId, type TableId } from "@/lib/formats";
import type { ReportTables } from "@/lib/interchange";
import { canEditReport } from "@/lib/permissions";
import { canSuperviseUnits } from "@/lib/permissions-overview";
import { checkReport, fillComputedCells, type Finding } from "@/lib/rules";
import { sumChanges, type IncompatiblePart, type PartCells, type SumChange, type SummationBreakdown } from "@/lib/summation";
import { refuseGarbledText } from "@/lib/validations/parse";
import { tableCellsSchema } from "@/lib/validations/report";
import { absentUnitSchema, applySummationSchema, ownFiguresSchema, type AbsentUnitInput, type ApplySummationInput, type OwnFiguresInput } from "@/lib/validations/summation";
import type { ReportStatus } from "@/lib/vocabulary";
import { recordRefusal } from "./audit";
import { db } from "./db";
import { requireReadableReport, type ReportWithUnit } from "./report-access";
import { actorOf, type SessionViewer } from "./session";

/**
 * 汇总 (issue 14), the authorization boundary. Only a supervising unit's report (province, city,
 * county, development zone) is summed. Its clerks change it while it is a draft; its leaders
 * read the 汇总 page. Anyone else: "not found", as for the report itself.
 */

/** Where a listed unit's figures come from, as the units list shows it. */
export type SummationUnitSource = "published" | "filed" | "missing" | "absent";

export interface SummationUnitRow {
  unitId: number;
  name: string;
  source: SummationUnitSource;
  /** Published edition number (已发布（第 N 版）). */
  edition: number | null;
  /** The 「暂缺」 note, also kept while the unit has since reported (the clerk may clear it). */
  absentNote: string | null;
  /** Why the unit blocks the 汇总 (Chinese), or null. */
  problem: string | null;
}

export interface SummationView {
  reportId: number;
  title: string;
  year: number;
  format: FormatId;
  unitName: string;
  status: ReportStatus;
  /** Whether 「开始汇总」 was done (the report is a 汇总 report). */
  started: boolean;
  /** The viewer may change the 汇总 now (a clerk of the unit, report a draft). */
  canEdit: boolean;
  /** Why the viewer cannot change it (shown instead of the forms), or null. */
  readOnlyReason: string | null;
  /** 本级数据 (the report's tables until the 汇总 is started). */
  ownTables: ReportTables;
  units: SummationUnitRow[];
  /** When the report's tables were last summed, and by whom. */
  summedAt: Date | null;
  summedBy: string | null;
  /** The sum as of now (own figures + every listed unit's figures), with its breakdown. */
  sum: ReportTables;
  breakdown: SummationBreakdown;
  /** Rule findings of the sum's tables (errors and warnings; none: 「未发现错误」). */
  findings: Finding[];
  blanks: readonly PartCells[];
  incompatible: readonly IncompatiblePart[];
  /** What 「汇总」/「重新汇总」 would change in the report's tables (empty: the tables are up to date). */
  changes: SumChange[];
  /** Whether the 汇总 may be completed (every missing unit is 「暂缺」 with a note). */
  canComplete: boolean;
  /** The sentence the published report will carry (「本汇总数据不含：…」), or null. */
  statement: string | null;
  /** Sent back by 「汇总」, so a unit's new figures since the page was shown are noticed. */
  sourcesKey: string;
}

/** What the export routes (lib/export/summation-workbook.ts, summationCsv) take. */
export interface SummationExportInput {
  title: string;
  format: FormatId;
  tables: ReportTables;
  breakdown: SummationBreakdown;
}

type SummationReport = ReportWithUnit & { viewer: SessionViewer };

/** The report if it is a supervising unit's and the viewer may read it; otherwise "not found". */
async function requireSummationReport(reportId: number): Promise<SummationReport> {
  const found = await requireReadableReport(reportId);
  if (!canSuperviseUnits(found.viewer, found.unit)) throw new AppError("not_found");
  return found;
}

/** … and the viewer may change it now (a clerk of the unit, the report a draft); refusals are audited. */
async function requireSummationEditor(reportId: number, action: "summation.start" | "summation.own_figures" | "summation.absent" | "summation.sum"): Promise<SummationReport> {
  const found = await requireSummationReport(reportId);
  if (!canEditReport(found.viewer, found.report)) {
    await recordRefusal(found.viewer, { action, target: { type: "report", id: found.report.id } });
    throw new AppError("forbidden", readOnlyReason(found.viewer, found.report) ?? undefined);
  }
  return found;
}

function readOnlyReason(viewer: SessionViewer, report: Report): string | null {
  if (canEditReport(viewer, report)) return null;
  return viewer.role === "clerk" ? summationCommands.NOT_EDITABLE_MESSAGE : "汇总由本单位填报员进行，您可以查看汇总情况。";
}

async function inputsOf(reportId: number): Promise<SummationInputs> {
  const inputs = await loadSummationInputs(db(), reportId);
  if (!inputs) throw new AppError("not_found");
  return inputs;
}

/** The 汇总 page: units and their sources, the sum as of now with its checks, and what a re-sum would change. */
export async function getSummationView(reportId: number): Promise<SummationView> {
  const { report, unit, viewer } = await requireSummationReport(reportId);
  const inputs = await inputsOf(report.id);
  const computed = computeSummation(inputs);
  const format = report.format as FormatId;
  const document = (await readReportDocument(db(), report.id))!;
  const previous = await previousYearDocument(db(), unit.id, report.year);
  const findings = checkReport(format, { ...document, tables: computed.result.tables } as typeof document, previous, {
    unitKind: unit.kind,
    unitLevel: await unitLevelOf(db(), unit.id),
  }).filter((f) => f.path === undefined && f.cells.length > 0);
  const missingById = new Map(computed.missing.missing.map((m) => [m.unitId, m]));
  const absentNote = new Map((inputs.summation?.absent ?? []).map((a) => [a.unitId, a.note]));
  const [summedBy] = inputs.summation?.summedById
    ? await db().select({ name: users.displayName }).from(users).where(eq(users.id, inputs.summation.summedById))
    : [];
  const summedAt = inputs.summation?.summedAt ?? null;
  return {
    reportId: report.id,
    title: report.title,
    year: report.year,
    format,
    unitName: unit.name,
    status: report.status,
    started: inputs.summation !== null,
    canEdit: canEditReport(viewer, report),
    readOnlyReason: readOnlyReason(viewer, report),
    ownTables: inputs.summation?.ownTables ?? inputs.tables,
    units: inputs.listed.map((u) => {
      const missing = missingById.get(u.unitId);
      return {
        unitId: u.unitId,
        name: u.name,
        source: u.source ? u.source.kind : missing?.absentNote ? "absent" : "missing",
        edition: u.source?.edition ?? null,
        absentNote: absentNote.get(u.unitId) ?? null,
        problem: missing?.problem ?? null,
      };
    }),
    summedAt,
    summedBy: summedBy?.name ?? null,
    sum: computed.result.tables,
    breakdown: computed.result.breakdown,
    findings,
    blanks: computed.result.blanks,
    incompatible: computed.result.incompatible,
    // Before the first 汇总 the tables hold what was typed: every cell that differs is a change.
    changes: sumChanges(inputs.tables, computed.result.tables, format),
    canComplete: computed.missing.canComplete,
    statement: computed.missing.statement,
    sourcesKey: computed.sourcesKey,
  };
}

/** For the editor: whether the report is a supervising unit's (null: no 汇总 for it) and whether its 汇总 was started. */
export async function summationStateOf(found: ReportWithUnit & { viewer: SessionViewer }): Promise<{ started: boolean } | null> {
  if (!canSuperviseUnits(found.viewer, found.unit)) return null;
  const [row] = await db().select({ id: reportSummations.reportId }).from(reportSummations).where(eq(reportSummations.reportId, found.report.id));
  return { started: row !== undefined };
}

/** 「开始汇总」 (clerks of the unit, draft only). */
export async function startSummation(reportId: number): Promise<void> {
  const { report, viewer } = await requireSummationEditor(reportId, "summation.start");
  await summationCommands.startSummation(db(), await actorOf(viewer), { reportId: report.id });
}

/** Parses the own figures per table of the report's format (a bad cell is refused at its id, e.g. `table3.total.newReceived`). */
function parseOwnTables(format: FormatId, input: OwnFiguresInput): ReportTables {
  refuseGarbledText(input);
  const parsed = ownFiguresSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", "本级数据格式有误，请刷新页面后重试。");
  let tables: ReportTables = {};
  for (const table of getFormat(format).tables) {
    const result = tableCellsSchema(format, table.id as TableId).safeParse(parsed.data.tables[table.id] ?? {});
    if (!result.success) {
      const issue = result.error.issues[0];
      const message = issue?.message ?? "本级数据有误。";
      const cellId = issue && issue.path.length > 0 ? [table.id, ...issue.path.map(String)].join(".") : table.id;
      throw new AppError("invalid", message, { [cellId]: message });
    }
    tables = { ...tables, [table.id]: result.data };
  }
  return fillComputedCells(format, tables);
}

/** Saves 本级数据 (clerks of the unit, draft only); a re-sum never overwrites them. */
export async function saveOwnFigures(reportId: number, input: OwnFiguresInput): Promise<void> {
  const { report, viewer } = await requireSummationEditor(reportId, "summation.own_figures");
  const ownTables = parseOwnTables(report.format as FormatId, input);
  await summationCommands.saveOwnFigures(db(), await actorOf(viewer), { reportId: report.id, ownTables });
}

/** Marks a listed unit 「暂缺」; the note is required (at the field `note`). */
export async function markUnitAbsent(reportId: number, input: AbsentUnitInput): Promise<void> {
  const { report, viewer } = await requireSummationEditor(reportId, "summation.absent");
  refuseGarbledText(input);
  const parsed = absentUnitSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue?.message ?? "请填写暂缺说明。";
    throw new AppError("invalid", message, { [issue?.path.map(String).join(".") || "note"]: message });
  }
  await summationCommands.setUnitAbsent(db(), await actorOf(viewer), { reportId: report.id, unitId: parsed.data.unitId, note: parsed.data.note });
}

/** Clears a unit's 「暂缺」 mark. */
export async function clearUnitAbsent(reportId: number, unitId: number): Promise<void> {
  const { report, viewer } = await requireSummationEditor(reportId, "summation.absent");
  if (!Number.isInteger(unitId) || unitId <= 0) throw new AppError("invalid", "请选择单位。");
  await summationCommands.setUnitAbsent(db(), await actorOf(viewer), { reportId: report.id, unitId, note: null });
}

/** 「汇总」/「重新汇总」 (clerks of the unit, draft only). */
export async function sumReport(reportId: number, input: ApplySummationInput = {}): Promise<{ changedCells: number }> {
  const { report, viewer } = await requireSummationEditor(reportId, "summation.sum");
  const parsed = applySummationSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("invalid", "请刷新页面后重试。");
  const applied = await summationCommands.applySummation(db(), await actorOf(viewer), { reportId: report.id, sourcesKey: parsed.data.sourcesKey });
  return { changedCells: applied.changedCells };
}

/**
 * The 汇总 tables and the per-unit breakdown of a report for the export routes (the .xlsx
 * workbook and the CSV): read like the page (the unit's clerks and leaders). The tables are the
 * sum as of now, the same the page shows and a 重新汇总 would write.
 */
export async function getSummationExport(reportId: number): Promise<SummationExportInput> {
  const { report } = await requireSummationReport(reportId);
  const computed = computeSummation(await inputsOf(report.id));
  return { title: report.title, format: report.format as FormatId, tables: computed.result.tables, breakdown: computed.result.breakdown };
}

/**
 * 「导出 Excel」/「导出 CSV」 on the 汇总 page: the tables 二–四 and every unit's row as an .xlsx
 * workbook (supervisors forward it upward), or the per-unit rows as CSV. Read like the page.
 */
export async function summationDownload(reportId: number, kind: "xlsx" | "csv"): Promise<Response> {
  const input = await getSummationExport(reportId);
  const name = `${input.title}（汇总表）`;
  if (kind === "csv") return csvResponse(summationCsv(input), `${name}.csv`, `summation-${reportId}.csv`, { headers: { "Cache-Control": "private, no-store" } });
  return new Response(new Uint8Array(await summationWorkbook(input)), {
    status: 200,
    headers: {
      "Content-Type": XLSX_CONTENT_TYPE,
      "Content-Disposition": attachmentDisposition(`${name}.xlsx`, `summation-${reportId}.xlsx`),
      "Cache-Control": "private, no-store",
    },
  });
}
