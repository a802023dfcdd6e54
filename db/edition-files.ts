/**
 * The 原文 files of published editions (issue 15): which editions still lack one, and a file
 * as the download routes serve it. Reads only; db/commands/edition-files.ts stores them.
 */
import { and, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { EditionFileKind } from "../lib/document/file-kinds";
import type { Db } from "./client";
import { editionFiles, reportEditions, reports } from "./schema";

export interface MissingEditionFile {
  readonly editionId: number;
  readonly reportId: number;
  readonly kind: EditionFileKind;
}

/**
 * Editions of public reports (live or earlier) without their file of one of `kinds`, newest
 * edition first (a publication just made comes before the backlog). A withdrawn report gets no
 * new files: it is not served; the files it already has are kept.
 */
export function findMissingEditionFiles(db: Db, kinds: readonly EditionFileKind[], limit = 50): MissingEditionFile[] {
  if (kinds.length === 0) return [];
  const editions = db
    .select({ editionId: reportEditions.id, reportId: reportEditions.reportId, kinds: sql<string | null>`(select group_concat(${editionFiles.kind}) from ${editionFiles} where ${editionFiles.editionId} = ${reportEditions.id})` })
    .from(reportEditions)
    .innerJoin(reports, eq(reports.id, reportEditions.reportId))
    .where(and(isNull(reports.withdrawnAt), ne(reports.status, "withdrawn")))
    .orderBy(desc(reportEditions.id))
    .all();
  const missing: MissingEditionFile[] = [];
  for (const edition of editions) {
    const present = new Set((edition.kinds ?? "").split(","));
    for (const kind of kinds) {
      if (!present.has(kind)) missing.push({ editionId: edition.editionId, reportId: edition.reportId, kind });
      if (missing.length >= limit) return missing;
    }
  }
  return missing;
}

/** The snapshot an edition file is generated from. */
export function editionSnapshot(db: Db, editionId: number): { snapshot: string; sha256: string } | undefined {
  return db.select({ snapshot: reportEditions.snapshot, sha256: reportEditions.sha256 }).from(reportEditions).where(eq(reportEditions.id, editionId)).get();
}

export interface EditionFileInfo {
  readonly kind: EditionFileKind;
  readonly sha256: string;
  readonly byteSize: number;
}

/** The files an edition has (without their content), in the order of `EDITION_FILE_KINDS`. */
export function editionFileInfos(db: Db, editionId: number): EditionFileInfo[] {
  return db
    .select({ kind: editionFiles.kind, sha256: editionFiles.sha256, byteSize: editionFiles.byteSize })
    .from(editionFiles)
    .where(eq(editionFiles.editionId, editionId))
    .orderBy(editionFiles.kind)
    .all()
    .sort((a, b) => (a.kind === "pdf" ? -1 : b.kind === "pdf" ? 1 : 0));
}

/** One stored file with its content, or undefined while it is not generated yet. */
export function editionFile(db: Db, editionId: number, kind: EditionFileKind): { content: Buffer; sha256: string; byteSize: number; createdAt: Date } | undefined {
  return db
    .select({ content: editionFiles.content, sha256: editionFiles.sha256, byteSize: editionFiles.byteSize, createdAt: editionFiles.createdAt })
    .from(editionFiles)
    .where(and(eq(editionFiles.editionId, editionId), eq(editionFiles.kind, kind)))
    .get();
}

/** Which of these editions have which files (for lists of editions). */
export function editionFileKinds(db: Db, editionIds: readonly number[]): Map<number, EditionFileKind[]> {
  const out = new Map<number, EditionFileKind[]>();
  if (editionIds.length === 0) return out;
  for (const row of db.select({ editionId: editionFiles.editionId, kind: editionFiles.kind }).from(editionFiles).where(inArray(editionFiles.editionId, [...editionIds])).all()) {
    out.set(row.editionId, [...(out.get(row.editionId) ?? []), row.kind]);
  }
  return out;
}
