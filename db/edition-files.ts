/**
 * The 原文 files of published editions (issue 15): which editions still lack one, and a file
 * as the download routes serve it. Reads only; db/commands/edition-files.ts stores them.
 */
import { and, desc, eq, isNull, ne, notExists, sql } from "drizzle-orm";
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
export async function findMissingEditionFiles(db: Db, kinds: readonly EditionFileKind[], limit = 50): Promise<MissingEditionFile[]> {
  const missing: MissingEditionFile[] = [];
  for (const kind of kinds) {
    const lacking = notExists(
      db.select({ one: sql`1` }).from(editionFiles).where(and(eq(editionFiles.editionId, reportEditions.id), eq(editionFiles.kind, kind))),
    );
    const rows = await db
      .select({ editionId: reportEditions.id, reportId: reportEditions.reportId })
      .from(reportEditions)
      .innerJoin(reports, eq(reports.id, reportEditions.reportId))
      .where(and(isNull(reports.withdrawnAt), ne(reports.status, "withdrawn"), lacking))
      .orderBy(desc(reportEditions.id))
      .limit(limit);
    missing.push(...rows.map((row) => ({ ...row, kind })));
  }
  return missing.sort((a, b) => b.editionId - a.editionId || kinds.indexOf(a.kind) - kinds.indexOf(b.kind)).slice(0, limit);
}

/** The snapshot an edition file is generated from. */
export async function editionSnapshot(db: Db, editionId: number): Promise<{ snapshot: string; sha256: string } | undefined> {
  const [row] = await db.select({ snapshot: reportEditions.snapshot, sha256: reportEditions.sha256 }).from(reportEditions).where(eq(reportEditions.id, editionId));
  return row;
}

export interface EditionFileInfo {
  readonly kind: EditionFileKind;
  readonly sha256: string;
  readonly byteSize: number;
}

/** The files an edition has (without their content), in the order of `EDITION_FILE_KINDS`. */
export async function editionFileInfos(db: Db, editionId: number): Promise<EditionFileInfo[]> {
  const rows = await db
    .select({ kind: editionFiles.kind, sha256: editionFiles.sha256, byteSize: editionFiles.byteSize })
    .from(editionFiles)
    .where(eq(editionFiles.editionId, editionId))
    .orderBy(editionFiles.kind);
  return rows.sort((a, b) => (a.kind === "pdf" ? -1 : b.kind === "pdf" ? 1 : 0));
}

/** One stored file with its content, or undefined while it is not generated yet. */
export async function editionFile(
  db: Db,
  editionId: number,
  kind: EditionFileKind,
): Promise<{ content: Buffer; sha256: string; byteSize: number; createdAt: Date } | undefined> {
  const [row] = await db
    .select({ content: editionFiles.content, sha256: editionFiles.sha256, byteSize: editionFiles.byteSize, createdAt: editionFiles.createdAt })
    .from(editionFiles)
    .where(and(eq(editionFiles.editionId, editionId), eq(editionFiles.kind, kind)));
  return row;
}
