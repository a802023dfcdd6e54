/**
 * Writing a report's sections: autosave on top of a version, 已完成 marks, restoring an old
 * revision. Content arrives validated and sanitised (lib/data); these commands store it with
 * its revision history and audit row in one transaction.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import type { CellTree } from "@/lib/interchange";
import type { UserActor } from "../actor";
import { asPostgres, isPostgres, type Db } from "../client";
import { firstRow, type ValuesOrPlaceholders } from "../prepared";
import { unitLevelOf } from "../unit-tree";
import { completionRefusal } from "@/lib/report-editing";
import { checkReport } from "@/lib/rules";
import { previousYearDocument, readReportDocument, sectionContentOf } from "../report-store";
import { reportSections, reports, sectionRevisions, type SectionRevision } from "../schema";
import { forUpdate } from "../dialect";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";

/** Autosaves of one person within this window form one revision (a "save burst"). */
export const REVISION_COALESCE_MS = 5 * 60_000;

/** What a save stores: the HTML of a narrative section, or the cells of a table section (the other field empty). */
export interface SectionContent {
  html: string;
  cells: CellTree | null;
}

const latestRevisionQuery = (tx: Tx, { sectionId }: ValuesOrPlaceholders<{ sectionId: number }>) =>
  tx.select().from(sectionRevisions).where(eq(sectionRevisions.sectionId, sectionId)).orderBy(desc(sectionRevisions.id)).limit(1);

/**
 * The section's newest revision (inside the transaction: on SQLite the connection is the
 * transaction, and the statement is prepared once for it, ../prepared.ts).
 */
async function latestRevision(tx: Tx, sectionId: number): Promise<SectionRevision | undefined> {
  return firstRow(tx, latestRevisionQuery, { sectionId });
}

/** Records a save in the section's history, coalescing a person's autosaves into bursts; true when a new revision began. */
async function recordRevision(tx: Tx, sectionId: number, authorId: number, content: SectionContent, version: number, at: Date, restoredFromId?: number, fresh = false): Promise<boolean> {
  const latest = await latestRevision(tx, sectionId);
  const coalesce =
    !fresh &&
    restoredFromId === undefined &&
    latest !== undefined &&
    latest.authorId === authorId &&
    latest.restoredFromId === null &&
    at.getTime() - latest.updatedAt.getTime() < REVISION_COALESCE_MS;
  if (coalesce) {
    await tx
      .update(sectionRevisions)
      .set({ ...content, version, updatedAt: at, saveCount: latest.saveCount + 1 })
      .where(eq(sectionRevisions.id, latest.id));
    return false;
  }
  await tx.insert(sectionRevisions).values({ sectionId, ...content, version, authorId, createdAt: at, updatedAt: at, restoredFromId: restoredFromId ?? null });
  return true;
}

export type SaveOutcome = { saved: true; version: number; savedAt: Date } | { saved: false };

/**
 * Saves a section on top of `baseVersion`; refused (saved: false, nothing written) when someone
 * saved it in the meantime. The first save of a burst is audited.
 */
export async function saveSectionContent(
  db: Db,
  actor: UserActor,
  input: { reportId: number; sectionId: number; sectionKey: string; baseVersion: number; content: SectionContent },
): Promise<SaveOutcome> {
  const at = now();
  const version = input.baseVersion + 1;
  if (isPostgres(db)) {
    const outcome = await saveIntoBurstOnPostgres(db, actor.userId, input, version, at);
    if (outcome) return outcome;
  }
  return transaction(db, async (tx) => {
    const updated = await tx
      .update(reportSections)
      .set({ ...input.content, version, updatedAt: at, updatedById: actor.userId })
      .where(and(eq(reportSections.id, input.sectionId), eq(reportSections.version, input.baseVersion)))
      .returning({ id: reportSections.id });
    if (updated.length === 0) return { saved: false };
    if (await recordRevision(tx, input.sectionId, actor.userId, input.content, version, at)) {
      await appendAudit(tx, actor, { action: "section.save", target: { type: "report", id: input.reportId }, result: "success", details: { section: input.sectionKey } });
    }
    return { saved: true, version, savedAt: at };
  });
}

/** Builds the text of saveIntoBurstOnPostgres's statement (run as a named statement, not through drizzle's execute). */
const burstDialect = new PgDialect();

/**
 * On PostgreSQL, most autosaves in one statement (one round trip instead of five: BEGIN, the
 * section's update, its newest revision, that revision's update, COMMIT). A save that joins the
 * person's current burst (same rule as recordRevision: their revision, not a restore, updated
 * within REVISION_COALESCE_MS) updates the section on top of `baseVersion` and the revision
 * together, atomically; a version conflict is answered at once. Any other save (a new burst, to
 * be audited) changes nothing here and returns null for the transaction above to do.
 *
 * Why one snapshot for the newest revision is safe: every new revision comes with a new version
 * of the section, so if another revision was added after this statement's snapshot, the
 * section's update finds another version (PostgreSQL re-checks the row it waited for) and
 * nothing is written.
 */
async function saveIntoBurstOnPostgres(
  db: Db,
  authorId: number,
  input: { sectionId: number; baseVersion: number; content: SectionContent },
  version: number,
  at: Date,
): Promise<SaveOutcome | null> {
  const cells = input.content.cells === null ? null : JSON.stringify(input.content.cells);
  const burstSince = new Date(at.getTime() - REVISION_COALESCE_MS);
  const statement = burstDialect.sqlToQuery(sql`
    with newest as (
      select id from (
        select id, author_id, restored_from_id, updated_at from section_revisions
        where section_id = ${input.sectionId} order by id desc limit 1
      ) latest
      where author_id = ${authorId} and restored_from_id is null and updated_at > ${burstSince}
    ),
    saved as (
      update report_sections
      set html = ${input.content.html}, cells = ${cells}::jsonb, version = ${version}, updated_at = ${at}, updated_by_id = ${authorId}
      where id = ${input.sectionId} and version = ${input.baseVersion} and exists (select 1 from newest)
      returning html, cells
    ),
    joined as (
      update section_revisions
      set html = saved.html, cells = saved.cells, version = ${version}, updated_at = ${at}, save_count = save_count + 1
      from saved, newest
      where section_revisions.id = newest.id
      returning section_revisions.id
    )
    select exists (select 1 from newest) as joins_burst, exists (select 1 from joined) as saved`);
  // A named statement: each pooled connection parses and plans it once (db/prepared.ts).
  const { rows } = await asPostgres(db).$client.query<{ joins_burst: boolean; saved: boolean }>({ name: "nianbao_save_into_burst", text: statement.sql, values: statement.params });
  const [result] = rows;
  if (!result?.joins_burst) return null;
  return result.saved ? { saved: true, version, savedAt: at } : { saved: false };
}

/**
 * Why the section may not be marked 已完成 (completionRefusal: a narrative section needs text, a
 * table section no rule errors), checked on the report as stored, with last year's for the cross-year rules.
 */
async function completionRefusalOf(tx: Tx, reportId: number, sectionId: number): Promise<string | null> {
  const [row] = await tx.select().from(reportSections).where(eq(reportSections.id, sectionId));
  const [report] = await tx.select({ unitId: reports.unitId, year: reports.year }).from(reports).where(eq(reports.id, reportId));
  const document = await readReportDocument(tx, reportId);
  if (!row || !report || !document) throw new AppError("not_found", "该节不存在。");
  const content = sectionContentOf(row);
  const findings =
    content.kind === "table" ? checkReport(document.format, document, await previousYearDocument(tx, report.unitId, report.year), { unitKind: document.unit.kind, unitLevel: await unitLevelOf(tx, report.unitId) }) : [];
  return completionRefusal(content, findings);
}

/** 「标记为已完成」 (refused while the section is empty or has errors), or back to editing. */
export async function setSectionCompleted(db: Db, actor: UserActor, input: { reportId: number; sectionId: number; sectionKey: string; completed: boolean }): Promise<void> {
  await transaction(db, async (tx) => {
    if (input.completed) {
      const refusal = await completionRefusalOf(tx, input.reportId, input.sectionId);
      if (refusal) throw new AppError("invalid", refusal);
    }
    await tx.update(reportSections).set({ completed: input.completed }).where(eq(reportSections.id, input.sectionId));
    await appendAudit(tx, actor, {
      action: input.completed ? "section.complete" : "section.reopen",
      target: { type: "report", id: input.reportId },
      result: "success",
      details: { section: input.sectionKey },
    });
  });
}

/** Restores an old revision as a new revision (history is never rewritten); returns the new version. */
export async function restoreSectionRevision(db: Db, actor: UserActor, input: { reportId: number; sectionId: number; sectionKey: string; revisionId: number }): Promise<number> {
  const at = now();
  return transaction(db, async (tx) => {
    const [revision] = await tx
      .select()
      .from(sectionRevisions)
      .where(and(eq(sectionRevisions.id, input.revisionId), eq(sectionRevisions.sectionId, input.sectionId)));
    if (!revision) throw new AppError("not_found", "该历史版本不存在。");
    const [current] = await forUpdate(tx.select({ version: reportSections.version }).from(reportSections).where(eq(reportSections.id, input.sectionId)));
    if (!current) throw new AppError("not_found", "该节不存在。");
    const content = { html: revision.html, cells: revision.cells };
    const version = current.version + 1;
    await tx.update(reportSections).set({ ...content, version, updatedAt: at, updatedById: actor.userId }).where(eq(reportSections.id, input.sectionId));
    await recordRevision(tx, input.sectionId, actor.userId, content, version, at, revision.id);
    await appendAudit(tx, actor, {
      action: "section.restore",
      target: { type: "report", id: input.reportId },
      result: "success",
      details: { section: input.sectionKey, revisionId: input.revisionId },
    });
    return version;
  });
}

/**
 * 「从 Word 导入」 after the clerk confirmed: the chosen sections replaced in one transaction, each
 * as a new revision of its own (never folded into the clerk's last autosave burst, so what was
 * there before stays in the section's history), with one audit row naming the file and sections.
 */
export async function importSectionsContent(
  db: Db,
  actor: UserActor,
  input: { reportId: number; fileName: string; sections: { sectionId: number; sectionKey: string; content: SectionContent }[] },
): Promise<void> {
  const at = now();
  await transaction(db, async (tx) => {
    for (const section of input.sections) {
      const [current] = await forUpdate(
        tx.select({ version: reportSections.version }).from(reportSections).where(and(eq(reportSections.id, section.sectionId), eq(reportSections.reportId, input.reportId))),
      );
      if (!current) throw new AppError("not_found", "该节不存在。");
      const version = current.version + 1;
      await tx.update(reportSections).set({ ...section.content, version, updatedAt: at, updatedById: actor.userId }).where(eq(reportSections.id, section.sectionId));
      await recordRevision(tx, section.sectionId, actor.userId, section.content, version, at, undefined, true);
    }
    await appendAudit(tx, actor, {
      action: "report.word_import",
      target: { type: "report", id: input.reportId },
      result: "success",
      details: { fileName: input.fileName, sections: input.sections.map((s) => s.sectionKey) },
    });
  });
}
