/**
 * Creating reports: next year's report from the editor (pre-filled from last year's), an
 * archived document from an import, and the title of a draft.
 */
import { and, eq, inArray } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { getFormat, type FormatId } from "@/lib/formats";
import { emptyTables, getCell, REPORT_SCHEMA_ID, setTableValue, type ReportDocument } from "@/lib/interchange";
import { nextReportYear } from "@/lib/time";
import { EDITABLE_REPORT_STATUSES } from "@/lib/vocabulary";
import type { Actor, UserActor } from "../actor";
import type { Db } from "../client";
import { findReportId, insertReportDocument, previousYearDocument, publishedAtOf } from "../report-store";
import { reports, units, type Unit } from "../schema";
import { transaction } from "../transaction";
import { appendAudit } from "./audit";
import { publishInTransaction } from "./publication";
import { STALE_REPORT } from "./report-workflow";

/** The format new reports use. */
export const CURRENT_FORMAT: FormatId = "gov-2021";

/** Table 三's columns, whose 结转下年度 becomes next year's 上年结转. */
const TABLE3_COLUMNS = ["naturalPerson", "commercial", "research", "social", "legal", "otherOrg", "total"] as const;

/**
 * Next year's document in the current national format: metadata that stays the same, and
 * 上年结转 per column = last year's 结转下年度继续办理. Last year's figures are shown in the
 * editor as a reference, not copied.
 */
function newYearDocument(unit: Unit, year: number, previous: ReportDocument | undefined): ReportDocument {
  const format = getFormat(CURRENT_FORMAT);
  let tables = emptyTables(CURRENT_FORMAT);
  if (previous && previous.format !== "legacy-freeform") {
    for (const column of TABLE3_COLUMNS) {
      const carried = getCell(previous, `table3.${column}.carriedForward`);
      if (carried !== undefined) tables = setTableValue(tables, `table3.${column}.carriedOver`, carried);
    }
  }
  const keep = previous?.metadata ?? {};
  return {
    schema: REPORT_SCHEMA_ID,
    format: CURRENT_FORMAT as "gov-2021",
    year,
    unit: { name: unit.name, orgCode: unit.orgCode, kind: unit.kind },
    title: `${unit.name}${year}年政府信息公开工作年度报告`,
    metadata: {
      disclosureMode: keep.disclosureMode ?? "主动公开",
      scope: keep.scope ?? "面向全社会",
      retention: keep.retention ?? "长期公开",
      publisher: unit.name,
      source: keep.source ?? unit.shortName,
      validity: keep.validity ?? "有效",
      category: keep.category ?? "政府信息公开年报",
    },
    sections: [...(format.preamble ? [format.preamble] : []), ...format.sections]
      .filter((s) => s.kind === "narrative")
      .map((s) => ({ key: s.key, heading: s.heading, html: "" })),
    tables,
    attachments: [],
    signature: null,
  };
}

/** 新建年度报告: the unit's next year, decided inside the transaction (two clicks make one report). */
export async function createNextYearReport(db: Db, actor: UserActor, unitId: number): Promise<{ id: number; year: number }> {
  return transaction(db, async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.id, unitId));
    if (!unit || !unit.active) throw new AppError("forbidden", "本单位已停用，不能新建报告。");
    const years = (await tx.select({ year: reports.year }).from(reports).where(eq(reports.unitId, unit.id))).map((r) => r.year);
    const year = nextReportYear(years, now());
    if (year === null) throw new AppError("conflict", "下一年度的报告还不能新建：该年度尚未开始。");
    const doc = newYearDocument(unit, year, await previousYearDocument(tx, unit.id, year));
    const id = await insertReportDocument(tx, doc, { unitId: unit.id, status: "draft", origin: "editor", createdById: actor.userId });
    await appendAudit(tx, actor, { action: "report.create", target: { type: "report", id }, result: "success", details: { year } });
    return { id, year };
  });
}

/** The title of a report that is still being drafted. */
export async function renameReport(db: Db, actor: UserActor, input: { reportId: number; title: string }): Promise<void> {
  await transaction(db, async (tx) => {
    const renamed = await tx
      .update(reports)
      .set({ title: input.title, updatedAt: now() })
      .where(and(eq(reports.id, input.reportId), inArray(reports.status, [...EDITABLE_REPORT_STATUSES])))
      .returning({ id: reports.id });
    if (renamed.length === 0) throw new AppError("conflict", STALE_REPORT);
    await appendAudit(tx, actor, { action: "report.title", target: { type: "report", id: input.reportId }, result: "success", details: { title: input.title } });
  });
}

export class ImportError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

/**
 * Stores an archived document for the unit with the given org code, exactly as given (errors
 * included). A document that carries a 发布日期 becomes a published edition 1 with its own
 * 索引号; otherwise a draft. One transaction, one audit row.
 */
export async function importReport(db: Db, actor: Actor, doc: ReportDocument, orgCode: string): Promise<{ reportId: number; unit: Unit; status: "draft" | "published" }> {
  return transaction(db, async (tx) => {
    const [unit] = await tx.select().from(units).where(eq(units.orgCode, orgCode.toUpperCase()));
    if (!unit) throw new ImportError(`no unit with org code ${orgCode}`, 1);
    if (doc.unit.orgCode && doc.unit.orgCode.toUpperCase() !== unit.orgCode) {
      throw new ImportError(`unit.orgCode: the document belongs to ${doc.unit.orgCode}, not ${unit.orgCode}`, 2);
    }
    if ((await findReportId(tx, unit.id, doc.year)) !== null) throw new ImportError(`${unit.name} already has a report for ${doc.year}`, 1);
    const publishedAt = doc.metadata.publishedAt ? publishedAtOf(doc) : null;
    const status = doc.metadata.publishedAt ? "published" : "draft";
    const reportId = await insertReportDocument(tx, doc, { unitId: unit.id, status: status === "published" ? "approved" : "draft", origin: "import" });
    if (status === "published") {
      await tx.update(reports).set({ publishedAt }).where(eq(reports.id, reportId));
      await publishInTransaction(tx, actor, reportId, { at: publishedAt ?? now(), from: ["approved"], imported: true });
    }
    await appendAudit(tx, actor, { action: "report.import", target: { type: "report", id: reportId }, result: "success", details: { year: doc.year, unit: unit.orgCode, status } });
    return { reportId, unit, status };
  });
}
