/**
 * Publication: freezing the approved report into an immutable edition with its SHA-256 and
 * 索引号. Used by the leader's 「发布」 (through lib/data, which authorizes), by the scheduler
 * for 定时发布 and by imports of published archives.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, isNotNull, lte, sql } from "drizzle-orm";
import { serializeReportDocument, type ReportDocument } from "@/lib/interchange";
import { chinaIso, indexNoYear } from "@/lib/time";
import type { ReportStatus } from "@/lib/vocabulary";
import { actorUserId, systemActor, type Actor } from "../actor";
import type { Db } from "../client";
import { filingArrangementOf, recordFiling } from "../report-filings";
import { readReportDocument } from "../report-store";
import { lastApproval } from "../report-transitions";
import { indexCounters, reportEditions, reports, reportTransitions, units, type Unit } from "../schema";
import { forUpdate } from "../dialect";
import { indexReportForSearch } from "../search-index";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";
import { notifyUnit } from "./notify";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** 索引号 from a unit's pattern: {orgCode}, {year} and {serial} (5 digits, zero-padded). */
export function formatIndexNo(pattern: string, orgCode: string, year: number, serial: number): string {
  return pattern
    .replaceAll("{orgCode}", orgCode)
    .replaceAll("{year}", String(year))
    .replaceAll("{serial}", String(serial).padStart(5, "0"));
}

/** The next free 索引号 of a unit for a publication year (indexNoYear); inside the publishing transaction. */
async function allocateIndexNo(tx: Tx, unit: Unit, year: number): Promise<string> {
  for (;;) {
    const [counter] = await tx
      .insert(indexCounters)
      .values({ unitId: unit.id, year, lastSerial: 1 })
      .onConflictDoUpdate({ target: [indexCounters.unitId, indexCounters.year], set: { lastSerial: sql`${indexCounters.lastSerial} + 1` } })
      .returning({ serial: indexCounters.lastSerial });
    const candidate = formatIndexNo(unit.indexPattern, unit.orgCode, year, counter!.serial);
    // Imported archives may already use a number of the same shape: never reuse one.
    const [taken] = await tx.select({ id: reports.id }).from(reports).where(eq(reports.indexNo, candidate));
    if (!taken) return candidate;
  }
}

export interface PublishOptions {
  at: Date;
  /** Only a report in one of these states is published (the conditional update). */
  from: readonly ReportStatus[];
  /** 修订说明, required for editions after the first (checked by the caller). */
  changeNote?: string | null;
  /** The edition as given (imports): stored exactly, with its own 索引号 and 发布日期. */
  imported?: boolean;
}

export type PublishResult = { published: true; editionId: number; indexNo: string | null; sha256: string } | { published: false };

/**
 * Publishes the report's current content as its next edition, inside a transaction that first
 * re-reads the status: a report no longer in an expected state is left alone, so a double
 * click, two leaders or the scheduler racing a person publish once.
 */
export async function publishInTransaction(tx: Tx, actor: Actor, reportId: number, options: PublishOptions): Promise<PublishResult> {
  // Locked on PostgreSQL: a second publisher waits here, then sees the new status (no 索引号 spent twice).
  const [report] = await forUpdate(tx.select().from(reports).where(eq(reports.id, reportId)));
  if (!report || !options.from.includes(report.status)) return { published: false };
  const [unit] = (await tx.select().from(units).where(eq(units.id, report.unitId))) as [Unit];
  const stored = (await readReportDocument(tx, report.id))!;

  let indexNo = report.indexNo;
  let document: ReportDocument = stored;
  if (options.imported) {
    indexNo = stored.metadata.indexNo ?? null;
    if (indexNo && (await tx.select({ id: reports.id }).from(reports).where(eq(reports.indexNo, indexNo))).length > 0) indexNo = null;
  } else {
    // A 索引号 once issued (first edition) stays; a new one carries the year of publication.
    indexNo ??= await allocateIndexNo(tx, unit, indexNoYear(options.at));
    document = {
      ...stored,
      metadata: {
        ...stored.metadata,
        indexNo,
        publishedAt: chinaIso(options.at),
        publisher: stored.metadata.publisher ?? unit.name,
        category: stored.metadata.category ?? "政府信息公开年报",
      },
    };
  }
  const snapshot = serializeReportDocument(document);
  const sha256 = sha256Hex(snapshot);
  const [previous] = await tx
    .select({ edition: reportEditions.edition })
    .from(reportEditions)
    .where(eq(reportEditions.reportId, report.id))
    .orderBy(desc(reportEditions.edition))
    .limit(1);
  const approval = options.imported ? undefined : await lastApproval(tx, report.id);
  const publishedAt = options.imported ? (report.publishedAt ?? options.at) : options.at;
  const edition = (previous?.edition ?? 0) + 1;
  const [{ id: editionId }] = (await tx
    .insert(reportEditions)
    .values({
      reportId: report.id,
      edition,
      snapshot,
      title: document.title,
      indexNo: document.metadata.indexNo ?? null,
      sha256,
      publishedAt,
      changeNote: options.changeNote ?? null,
      approvedById: approval?.actorId ?? null,
      approvedAt: approval?.at ?? null,
      opinion: approval?.reason ?? null,
      publishedById: actorUserId(actor),
    })
    .returning({ id: reportEditions.id })) as [{ id: number }];
  await tx
    .update(reports)
    .set({
      status: "published",
      indexNo,
      liveEditionId: editionId,
      publishedAt: report.publishedAt ?? publishedAt,
      scheduledAt: null,
      withdrawnAt: null,
      withdrawReason: null,
      metadata: document.metadata,
      updatedAt: options.at,
    })
    .where(and(eq(reports.id, report.id), eq(reports.status, report.status)));
  await indexReportForSearch(tx, report.id, document, unit.id, unit.name);
  await tx.insert(reportTransitions).values({
    reportId: report.id,
    fromStatus: report.status,
    toStatus: "published",
    actorId: actorUserId(actor),
    at: options.at,
    reason: options.changeNote ?? null,
    details: { editionId, indexNo, sha256, imported: options.imported ?? false },
  });
  if (!options.imported) {
    await appendAudit(tx, actor, {
      action: "report.publish",
      target: { type: "report", id: report.id },
      result: "success",
      details: { from: report.status, editionId, indexNo, sha256, changeNote: options.changeNote ?? null },
    });
    await notifyUnit(tx, {
      unitId: unit.id,
      roles: ["clerk", "leader"],
      reportId: report.id,
      kind: "published",
      message: `《${document.title}》已发布，索引号 ${indexNo}。`,
      exceptUserId: actorUserId(actor),
    });
    // 发布后备案: every published edition (the scheduler's and corrections' too) is filed here, in the same transaction.
    const filing = await filingArrangementOf(tx, report);
    if (filing?.mode === "after_publication") {
      await recordFiling(tx, actor, { report: { id: report.id, title: document.title }, unitName: unit.name, arrangement: filing, edition, document: snapshot, at: options.at });
    }
  }
  return { published: true, editionId, indexNo, sha256 };
}

/** 发布: publishes the report now, in its own transaction. */
export function publishReport(db: Db, actor: Actor, reportId: number, options: PublishOptions): Promise<PublishResult> {
  return transaction(db, (tx) => publishInTransaction(tx, actor, reportId, options));
}

/** Publishes every scheduled report whose time has come (the scheduler's job); returns how many. */
export async function runDuePublications(db: Db, at: Date): Promise<number> {
  const due = await db
    .select({ id: reports.id, changeNote: reportTransitions.reason })
    .from(reports)
    .leftJoin(reportTransitions, and(eq(reportTransitions.reportId, reports.id), eq(reportTransitions.toStatus, "scheduled")))
    .where(and(eq(reports.status, "scheduled"), isNotNull(reports.scheduledAt), lte(reports.scheduledAt, at)))
    .orderBy(desc(reportTransitions.id));
  const seen = new Set<number>();
  let count = 0;
  for (const row of due) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    // The change note of a scheduled correction was given when it was scheduled.
    const result = await publishReport(db, systemActor("scheduler"), row.id, { at, from: ["scheduled"], changeNote: row.changeNote });
    if (result.published) count++;
  }
  return count;
}
