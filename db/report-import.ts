/**
 * Importing `nianbao-report/1` documents (the archive CLI and the demo seed) through the
 * import command. Historical reports are stored exactly as given — errors included; their
 * findings are computed from the stored figures and shown, never "fixed".
 */
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { MAX_REPORT_FILE_BYTES } from "@/lib/interchange/read-file";
import { checkReport, splitFindings, type Finding } from "@/lib/rules";
import type { Actor } from "./actor";
import type { Db } from "./client";
import { ImportError, importReport } from "./commands/reports";
import { previousYearDocument } from "./report-store";
import { unitLevelOf } from "./unit-tree";

export { ImportError };

export interface ImportResult {
  reportId: number;
  status: "draft" | "published";
  errors: Finding[];
  warnings: Finding[];
}

/** Stores a parsed document for the unit with the given org code and checks it against the unit's year before. */
export async function importReportDocument(db: Db, actor: Actor, doc: ReportDocument, orgCode: string): Promise<ImportResult> {
  const { reportId, unit, status } = await importReport(db, actor, doc, orgCode);
  const previous = await previousYearDocument(db, unit.id, doc.year);
  const { errors, warnings } = splitFindings(checkReport(doc.format, doc, previous, { unitKind: unit.kind, unitLevel: await unitLevelOf(db, unit.id) }));
  return { reportId, status, errors, warnings };
}

/** Parses JSON text and imports it; an invalid document is an ImportError naming the JSON path. */
export async function importReportJson(db: Db, actor: Actor, text: string, orgCode: string): Promise<ImportResult> {
  if (text.length > MAX_REPORT_FILE_BYTES) throw new ImportError(`文件过大：年报文件不能超过 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB (document too large)`, 2);
  const parsed = parseReportJson(text);
  if (!parsed.ok) {
    const { path, message } = parsed.error;
    throw new ImportError(path ? `${path}: ${message}` : message, 2);
  }
  return importReportDocument(db, actor, parsed.document, orgCode);
}
