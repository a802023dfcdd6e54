/**
 * Stores a generated 原文 file of a published edition (issue 15) with its SHA-256, and its audit
 * row, in one transaction. A file already stored (another run was first) is left as it is:
 * an edition's files never change once made.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { EditionFileKind } from "@/lib/document/file-kinds";
import { systemActor } from "../actor";
import type { Db } from "../client";
import { editionFiles, reportEditions } from "../schema";
import { transaction } from "../transaction";
import { appendAudit } from "./audit";

export interface StoredEditionFile {
  readonly stored: boolean;
  readonly sha256: string;
  readonly byteSize: number;
}

export async function storeEditionFile(db: Db, input: { editionId: number; kind: EditionFileKind; content: Buffer }): Promise<StoredEditionFile> {
  const sha256 = createHash("sha256").update(input.content).digest("hex");
  const byteSize = input.content.byteLength;
  return transaction(db, async (tx) => {
    const [edition] = await tx.select({ reportId: reportEditions.reportId, edition: reportEditions.edition }).from(reportEditions).where(eq(reportEditions.id, input.editionId));
    if (!edition) throw new Error(`edition ${input.editionId} does not exist`);
    const inserted = await tx
      .insert(editionFiles)
      .values({ editionId: input.editionId, kind: input.kind, content: input.content, sha256, byteSize })
      .onConflictDoNothing()
      .returning({ id: editionFiles.id });
    if (inserted.length === 0) return { stored: false, sha256, byteSize };
    await appendAudit(tx, systemActor("scheduler"), {
      action: "report.file",
      target: { type: "report", id: edition.reportId },
      result: "success",
      details: { edition: edition.edition, editionId: input.editionId, kind: input.kind, sha256, byteSize },
    });
    return { stored: true, sha256, byteSize };
  });
}
