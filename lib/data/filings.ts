import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import * as filingCommands from "@/db/commands/filing";
import { reportFilings, reports, units, users, type FilingStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { canDecideFiling, canReadFiling } from "@/lib/filing";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { decideFilingSchema, returnFilingSchema, type DecideFilingInput, type ReturnFilingInput } from "@/lib/validations/filing";
import { parseOrThrow } from "@/lib/validations/parse";
import { recordRefusal } from "./audit";
import { db } from "./db";
import { defaultOverviewYear, parseOverviewYear, requireSupervisor } from "./overview";
import { actorOf, requireViewer } from "./session";

export interface FilingSummary {
  id: number;
  reportId: number;
  unitName: string;
  year: number;
  title: string;
  mode: "before_publication" | "after_publication";
  edition: number | null;
  status: FilingStatus;
  filedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

export interface FilingList {
  unitName: string;
  year: number;
  years: number[];
  /** The unit's clerks decide; its leaders read. */
  canDecide: boolean;
  /** Waiting for a decision, every year, oldest first. */
  pending: FilingSummary[];
  /** Decided filings of the year, newest first. */
  decided: FilingSummary[];
}

const decider = alias(users, "decider");

/** A filing row as the screens get it (the supervisor is the viewer's own unit). */
function withoutSupervisor<T extends { supervisorId: number }>(row: T): Omit<T, "supervisorId"> {
  const copy: Partial<T> = { ...row };
  delete copy.supervisorId;
  return copy as Omit<T, "supervisorId">;
}

function filingQuery() {
  return db()
    .select({
      id: reportFilings.id,
      reportId: reportFilings.reportId,
      supervisorId: reportFilings.supervisorId,
      unitName: units.name,
      year: reports.year,
      title: reports.title,
      mode: reportFilings.mode,
      edition: reportFilings.edition,
      status: reportFilings.status,
      filedAt: reportFilings.filedAt,
      decidedAt: reportFilings.decidedAt,
      decidedBy: decider.displayName,
      note: reportFilings.note,
    })
    .from(reportFilings)
    .innerJoin(reports, eq(reports.id, reportFilings.reportId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .leftJoin(decider, eq(decider.id, reportFilings.decidedById));
}

/**
 * 年报备案: the filings made with the viewer's unit — every pending one first, then those decided
 * for the year. For the supervising unit's clerks and leaders; anyone else gets "not found".
 */
export async function listFilings(params: { year?: string } = {}): Promise<FilingList> {
  const { viewer, unit } = await requireSupervisor();
  const year = parseOverviewYear(params.year, defaultOverviewYear());
  const rows = await filingQuery().where(eq(reportFilings.supervisorId, unit.id)).orderBy(desc(reportFilings.filedAt), desc(reportFilings.id));
  const strip = (row: (typeof rows)[number]): FilingSummary => withoutSupervisor(row);
  const years = [...new Set([...rows.map((r) => r.year), defaultOverviewYear(), year])].sort((a, b) => b - a);
  return {
    unitName: unit.name,
    year,
    years,
    canDecide: viewer.role === "clerk",
    pending: rows.filter((r) => r.status === "pending").reverse().map(strip),
    decided: rows.filter((r) => r.status !== "pending" && r.year === year).map(strip),
  };
}

export interface FilingView extends FilingSummary {
  document: ReportDocument;
  canDecide: boolean;
}

async function viewerAndUnit() {
  const viewer = await requireViewer();
  const [unit] = await db().select({ id: units.id, kind: units.kind }).from(units).where(eq(units.id, viewer.unitId));
  return { viewer, unit };
}

/** One filing with the document filed: only for the staff of the unit it was filed with. */
export async function getFiling(filingId: number): Promise<FilingView> {
  const { viewer, unit } = await viewerAndUnit();
  const [row] = Number.isInteger(filingId) ? await filingQuery().where(eq(reportFilings.id, filingId)) : [];
  if (!row || !canReadFiling(viewer, unit, row)) throw new AppError("not_found");
  const [stored] = await db().select({ document: reportFilings.document }).from(reportFilings).where(eq(reportFilings.id, row.id));
  const parsed = parseReportJson(stored!.document);
  if (!parsed.ok) throw new Error(`filing ${row.id} holds an invalid document`);
  return { ...withoutSupervisor(row), document: parsed.document, canDecide: canDecideFiling(viewer, unit, row) };
}

/**
 * The filing, when the viewer may decide on it: the clerks of the unit it was filed with.
 * Anyone else is refused (audited): staff of other units as "not found", the unit's leaders
 * with a message.
 */
async function requireDecider(filingId: number) {
  const { viewer, unit } = await viewerAndUnit();
  const [filing] = Number.isInteger(filingId) && filingId > 0 ? await db().select().from(reportFilings).where(and(eq(reportFilings.id, filingId))) : [];
  if (!filing) throw new AppError("not_found");
  if (!canDecideFiling(viewer, unit, filing)) {
    await recordRefusal(viewer, { action: "filing.decide", target: { type: "filing", id: filing.id } });
    if (canReadFiling(viewer, unit, filing)) throw new AppError("forbidden", "备案由本单位填报员办理，您可以查看。");
    throw new AppError("not_found");
  }
  return { viewer, filing };
}

/** 备案通过: the unit may then publish (发布前备案). */
export async function acceptFiling(filingId: number, input: DecideFilingInput): Promise<void> {
  const { viewer, filing } = await requireDecider(filingId);
  const { note } = parseOrThrow(decideFilingSchema, input);
  if (filing.mode !== "before_publication" || filing.status !== "pending") throw new AppError("conflict", filingCommands.STALE_FILING);
  await filingCommands.acceptFiling(db(), await actorOf(viewer), { filingId: filing.id, note: note || null });
}

/** 退回, with the reason (at the field when empty). */
export async function returnFiling(filingId: number, input: ReturnFilingInput): Promise<void> {
  const { viewer, filing } = await requireDecider(filingId);
  const { reason } = parseOrThrow(returnFilingSchema, input);
  if (filing.mode !== "before_publication" || filing.status !== "pending") throw new AppError("conflict", filingCommands.STALE_FILING);
  await filingCommands.returnFiling(db(), await actorOf(viewer), { filingId: filing.id, reason });
}

/** 确认备案 of a published edition (发布后备案), with an optional note. */
export async function acknowledgeFiling(filingId: number, input: DecideFilingInput): Promise<void> {
  const { viewer, filing } = await requireDecider(filingId);
  const { note } = parseOrThrow(decideFilingSchema, input);
  if (filing.mode !== "after_publication" || filing.status !== "pending") throw new AppError("conflict", filingCommands.STALE_FILING);
  await filingCommands.acknowledgeFiling(db(), await actorOf(viewer), { filingId: filing.id, note: note || null });
}
