/**
 * 汇总 (issue 14): a supervising unit's report whose tables add up its own figures (本级数据)
 * and those of every unit on its reporting list (db/summation-store.ts says which figures). Each
 * command is one transaction with its audit row. lib/data checks who asks and validates input.
 */
import { and, eq } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { listTableCells, type FormatId } from "@/lib/formats";
import { getTableValue, type ReportTables } from "@/lib/interchange";
import { sumChanges } from "@/lib/summation";
import { EDITABLE_REPORT_STATUSES } from "@/lib/vocabulary";
import { actorUserId, type Actor } from "../actor";
import type { Db } from "../client";
import { reports, reportSections, reportSummations, sectionRevisions } from "../schema";
import { forUpdate } from "../dialect";
import { computeSummation, currentTablesOf, loadSummationInputs } from "../summation-store";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";

/** Said when a summed report's working copy is not a draft (submitted, approved, published …). */
export const NOT_EDITABLE_MESSAGE = "报告已提交或已发布，汇总数据不能再修改；如需更正，请由审核领导先启动更正。";

async function editableReport(tx: Tx, reportId: number) {
  const [report] = await forUpdate(tx.select({ id: reports.id, status: reports.status, format: reports.format }).from(reports).where(eq(reports.id, reportId)));
  if (!report) throw new AppError("not_found");
  if (!EDITABLE_REPORT_STATUSES.includes(report.status)) throw new AppError("forbidden", NOT_EDITABLE_MESSAGE);
  return report;
}

async function summationRow(tx: Tx, reportId: number) {
  const [row] = await forUpdate(tx.select().from(reportSummations).where(eq(reportSummations.reportId, reportId)));
  if (!row) throw new AppError("invalid", "本报告尚未开始汇总。");
  return row;
}

/**
 * 「开始汇总」: the report becomes a 汇总 report. What its tables hold now (typed before, or the
 * pre-filled 上年结转) becomes its own figures, so nothing typed is lost; from now on its tables
 * are written by 汇总 only. Starting twice changes nothing.
 */
export async function startSummation(db: Db, actor: Actor, input: { reportId: number }): Promise<void> {
  await transaction(db, async (tx) => {
    await editableReport(tx, input.reportId);
    const [existing] = await tx.select({ id: reportSummations.reportId }).from(reportSummations).where(eq(reportSummations.reportId, input.reportId));
    if (existing) return;
    const at = now();
    await tx.insert(reportSummations).values({ reportId: input.reportId, ownTables: await currentTablesOf(tx, input.reportId), absent: [], sources: [], updatedAt: at });
    await appendAudit(tx, actor, { action: "summation.start", target: { type: "report", id: input.reportId }, result: "success" });
  });
}

/** Saves the own figures (本级数据, already validated: the format's tables with totals filled). */
export async function saveOwnFigures(db: Db, actor: Actor, input: { reportId: number; ownTables: ReportTables }): Promise<void> {
  await transaction(db, async (tx) => {
    const report = await editableReport(tx, input.reportId);
    const row = await summationRow(tx, input.reportId);
    const changed = sumChanges(row.ownTables, input.ownTables, report.format as FormatId).filter((c) => !c.computed).length;
    await tx.update(reportSummations).set({ ownTables: input.ownTables, updatedAt: now() }).where(eq(reportSummations.reportId, input.reportId));
    await appendAudit(tx, actor, { action: "summation.own_figures", target: { type: "report", id: input.reportId }, result: "success", details: { changedCells: changed } });
  });
}

/**
 * Marks a listed unit 「暂缺」 with a note (its figures are not in the 汇总, and the published
 * report says so), or clears the mark (note null). Only units on the report's list.
 */
export async function setUnitAbsent(db: Db, actor: Actor, input: { reportId: number; unitId: number; note: string | null }): Promise<void> {
  await transaction(db, async (tx) => {
    await editableReport(tx, input.reportId);
    const row = await summationRow(tx, input.reportId);
    const inputs = (await loadSummationInputs(tx, input.reportId))!;
    const unit = inputs.listed.find((u) => u.unitId === input.unitId);
    if (!unit) throw new AppError("invalid", "该单位不在本年度报送单位名单内，请刷新页面后重试。");
    const absent = row.absent.filter((a) => a.unitId !== input.unitId);
    if (input.note !== null) absent.push({ unitId: input.unitId, note: input.note });
    await tx.update(reportSummations).set({ absent, updatedAt: now() }).where(eq(reportSummations.reportId, input.reportId));
    await appendAudit(tx, actor, {
      action: input.note !== null ? "summation.absent" : "summation.absent_clear",
      target: { type: "report", id: input.reportId },
      result: "success",
      details: { unitId: unit.unitId, unit: unit.name, ...(input.note !== null ? { note: input.note } : {}) },
    });
  });
}

export interface SummationApplied {
  /** Cells whose value the 汇总 changed (totals included). */
  changedCells: number;
  summedAt: Date;
}

/**
 * 「汇总」/「重新汇总」: adds up the own figures and every listed unit's figures as they are now
 * and writes the result into the report's table sections (each a new version and a revision, so
 * an open editor sees the change and the history shows it), records what was summed, and puts
 * the missing-units statement into the report (its metadata, which the published edition
 * carries and the public page shows under the tables). Refused while a listed unit has neither
 * a report nor a 「暂缺」 note (naming who), and when the units' figures changed since the page
 * showed them (`sourcesKey`).
 */
export async function applySummation(db: Db, actor: Actor, input: { reportId: number; sourcesKey?: string }): Promise<SummationApplied> {
  return transaction(db, async (tx) => {
    await editableReport(tx, input.reportId);
    await summationRow(tx, input.reportId);
    const inputs = (await loadSummationInputs(tx, input.reportId))!;
    const computed = computeSummation(inputs);
    if (!computed.missing.canComplete) {
      const who = computed.missing.missing.filter((m) => m.problem !== null).map((m) => `${m.name}（${m.problem}）`);
      throw new AppError("invalid", `不能完成汇总：${who.join("；")}。请等待其报送，或将其标记为「暂缺」并填写说明。`);
    }
    if (input.sourcesKey !== undefined && input.sourcesKey !== computed.sourcesKey) {
      throw new AppError("conflict", "汇总期间有单位发布或备案了新的报告，请查看更新后的变化再汇总。");
    }
    const format = inputs.report.format as FormatId;
    const changes = sumChanges(inputs.tables, computed.result.tables, format);
    const at = now();
    const sections = await forUpdate(
      tx
        .select()
        .from(reportSections)
        .where(and(eq(reportSections.reportId, input.reportId), eq(reportSections.kind, "table"))),
    );
    const authorId = actorUserId(actor);
    for (const section of sections) {
      if (!section.tableId) continue;
      const cells = computed.result.tables[section.tableId] ?? null;
      const sectionChanged = listTableCells(format, section.tableId).some((c) => getTableValue(inputs.tables, c.id) !== getTableValue(computed.result.tables, c.id));
      if (!sectionChanged && inputs.summation?.summedAt) continue;
      const version = section.version + 1;
      await tx.update(reportSections).set({ cells, version, updatedAt: at, updatedById: authorId }).where(eq(reportSections.id, section.id));
      // A revision of its own (never merged into a typing burst), so the history shows the 汇总.
      if (authorId !== null) await tx.insert(sectionRevisions).values({ sectionId: section.id, html: section.html, cells, version, authorId, createdAt: at, updatedAt: at });
    }
    await tx
      .update(reportSummations)
      .set({ sources: computed.sources, summedAt: at, summedById: authorId, updatedAt: at })
      .where(eq(reportSummations.reportId, input.reportId));
    const [report] = await tx.select({ metadata: reports.metadata }).from(reports).where(eq(reports.id, input.reportId));
    const { summationNote: _previous, ...metadata } = report!.metadata;
    void _previous;
    await tx
      .update(reports)
      .set({ metadata: computed.missing.statement ? { ...metadata, summationNote: computed.missing.statement } : metadata, updatedAt: at })
      .where(eq(reports.id, input.reportId));
    await appendAudit(tx, actor, {
      action: "summation.sum",
      target: { type: "report", id: input.reportId },
      result: "success",
      details: {
        units: computed.sources.map((s) => s.unitName),
        absent: computed.missing.missing.map((m) => m.name),
        changedCells: changes.length,
      },
    });
    return { changedCells: changes.length, summedAt: at };
  });
}
