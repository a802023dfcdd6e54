/**
 * Publication: freezing the approved report into an immutable edition with its SHA-256 and
 * 索引号. Used by the leader's 「发布」 (through lib/data, which authorizes) and by the
 * in-process scheduler (scripts/serve.ts), so it needs no request context.
 */
import { createHash } from "node:crypto";
import { and, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import { chinaIso } from "@/lib/time";
import { serializeReportDocument, type ReportDocument } from "@/lib/interchange";
import type { Db } from "./client";
import { readReportDocument } from "./report-store";
import { indexReportForSearch } from "./search-index";
import {
  auditLog,
  indexCounters,
  notifications,
  reportEditions,
  reports,
  reportTransitions,
  units,
  users,
  type ReportStatus,
  type Unit,
} from "./schema";

/**
 * The latest approval of a report: the step submitted → approved (a cancelled schedule also
 * moves to approved, but is not an approval and carries no opinion).
 */
export function lastApproval(db: Db, reportId: number) {
  return db
    .select()
    .from(reportTransitions)
    .where(and(eq(reportTransitions.reportId, reportId), eq(reportTransitions.fromStatus, "submitted"), eq(reportTransitions.toStatus, "approved")))
    .orderBy(desc(reportTransitions.id))
    .limit(1)
    .get();
}

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

/** The next free 索引号 of a unit for a year; call inside the publishing transaction. */
function allocateIndexNo(db: Db, unit: Unit, year: number): string {
  for (;;) {
    const counter = db
      .insert(indexCounters)
      .values({ unitId: unit.id, year, lastSerial: 1 })
      .onConflictDoUpdate({ target: [indexCounters.unitId, indexCounters.year], set: { lastSerial: sql`${indexCounters.lastSerial} + 1` } })
      .returning({ serial: indexCounters.lastSerial })
      .get();
    const candidate = formatIndexNo(unit.indexPattern, unit.orgCode, year, counter.serial);
    // Imported archives may already use a number of the same shape: never reuse one.
    if (!db.select({ id: reports.id }).from(reports).where(eq(reports.indexNo, candidate)).get()) return candidate;
  }
}


/** Tells the unit's people with the given roles about a report (the in-app inbox). */
export function notifyUnit(
  db: Db,
  options: { unitId: number; roles: ("clerk" | "leader")[]; reportId: number; kind: string; message: string; exceptUserId?: number | null },
): void {
  const recipients = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.unitId, options.unitId), eq(users.active, true), inArray(users.role, options.roles)))
    .all()
    .filter((u) => u.id !== options.exceptUserId);
  for (const r of recipients) {
    db.insert(notifications).values({ userId: r.id, reportId: options.reportId, kind: options.kind, message: options.message }).run();
  }
}

export interface PublishOptions {
  at: Date;
  actorId: number | null;
  actorName?: string | null;
  actorRole?: string | null;
  ip?: string | null;
  /** Only a report in one of these states is published (the conditional update). */
  from: ReportStatus[];
  /** 修订说明, required for editions after the first (checked by the caller). */
  changeNote?: string | null;
  /** The edition as given (imports): stored exactly, with its own 索引号 and 发布日期. */
  imported?: boolean;
}

export type PublishResult = { published: true; editionId: number; indexNo: string | null; sha256: string } | { published: false };

/**
 * Publishes the report's current content as its next edition, in one immediate transaction
 * that first re-reads the status: a report that is no longer in an expected state is left
 * alone, so a double click, two leaders or the scheduler racing a person publish once.
 */
export function publishReport(db: Db, reportId: number, options: PublishOptions): PublishResult {
  return db.transaction(
    (tx) => {
      const report = tx.select().from(reports).where(eq(reports.id, reportId)).get();
      if (!report || !options.from.includes(report.status)) return { published: false as const };
      const unit = tx.select().from(units).where(eq(units.id, report.unitId)).get()!;
      const stored = readReportDocument(db, report.id)!;

      let indexNo = report.indexNo;
      let document: ReportDocument = stored;
      if (options.imported) {
        indexNo = stored.metadata.indexNo ?? null;
        if (indexNo && tx.select({ id: reports.id }).from(reports).where(eq(reports.indexNo, indexNo)).get()) indexNo = null;
      } else {
        indexNo ??= allocateIndexNo(db, unit, report.year);
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
      const previous = tx
        .select({ edition: reportEditions.edition })
        .from(reportEditions)
        .where(eq(reportEditions.reportId, report.id))
        .orderBy(desc(reportEditions.edition))
        .limit(1)
        .get();
      const approval = lastApproval(db, report.id);
      const publishedAt = options.imported ? (report.publishedAt ?? options.at) : options.at;
      const { id: editionId } = tx
        .insert(reportEditions)
        .values({
          reportId: report.id,
          edition: (previous?.edition ?? 0) + 1,
          snapshot,
          sha256,
          publishedAt,
          changeNote: options.changeNote ?? null,
          approvedById: options.imported ? null : (approval?.actorId ?? null),
          approvedAt: options.imported ? null : (approval?.at ?? null),
          opinion: options.imported ? null : (approval?.reason ?? null),
          publishedById: options.actorId,
        })
        .returning({ id: reportEditions.id })
        .get();
      tx.update(reports)
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
        .where(and(eq(reports.id, report.id), eq(reports.status, report.status)))
        .run();
      indexReportForSearch(db, report.id, document, unit.id, unit.name);
      tx.insert(reportTransitions)
        .values({
          reportId: report.id,
          fromStatus: report.status,
          toStatus: "published",
          actorId: options.actorId,
          at: options.at,
          reason: options.changeNote ?? null,
          details: { editionId, indexNo, sha256, imported: options.imported ?? false },
        })
        .run();
      if (!options.imported) {
        tx.insert(auditLog)
          .values({
            actorId: options.actorId,
            actorName: options.actorName ?? (options.actorId === null ? "scheduler" : null),
            actorRole: options.actorRole ?? null,
            ip: options.ip ?? null,
            action: "report.publish",
            targetType: "report",
            targetId: String(report.id),
            result: "success",
            details: { from: report.status, editionId, indexNo, sha256, changeNote: options.changeNote ?? null },
          })
          .run();
        notifyUnit(db, {
          unitId: unit.id,
          roles: ["clerk", "leader"],
          reportId: report.id,
          kind: "published",
          message: `《${document.title}》已发布，索引号 ${indexNo}。`,
          exceptUserId: options.actorId,
        });
      }
      return { published: true as const, editionId, indexNo, sha256 };
    },
    { behavior: "immediate" },
  );
}

/** Publishes every scheduled report whose time has come; returns how many. */
export function runDuePublications(db: Db, now: Date): number {
  const due = db
    .select({ id: reports.id, changeNote: reportTransitions.reason })
    .from(reports)
    .leftJoin(
      reportTransitions,
      and(eq(reportTransitions.reportId, reports.id), eq(reportTransitions.toStatus, "scheduled")),
    )
    .where(and(eq(reports.status, "scheduled"), isNotNull(reports.scheduledAt), lte(reports.scheduledAt, now)))
    .orderBy(desc(reportTransitions.id))
    .all();
  const seen = new Set<number>();
  let count = 0;
  for (const row of due) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    // The change note of a scheduled correction was given when it was scheduled.
    const result = publishReport(db, row.id, { at: now, actorId: null, actorName: "scheduler", from: ["scheduled"], changeNote: row.changeNote });
    if (result.published) count++;
  }
  return count;
}
