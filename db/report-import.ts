/**
 * Importing `nianbao-report/1` documents (the archive CLI and the demo seed). Historical
 * reports are stored exactly as given — errors included; their findings are computed from
 * the stored figures and shown, never "fixed".
 */
import { eq } from "drizzle-orm";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { MAX_REPORT_FILE_BYTES } from "@/lib/interchange/read-file";
import { checkReport, splitFindings, type Finding } from "@/lib/rules";
import type { Db } from "./client";
import { publishReport } from "./report-publish";
import { findReportId, insertReportDocument, publishedAtOf, readReportDocument } from "./report-store";
import { reports, units, type Unit } from "./schema";

export class ImportError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = "ImportError";
  }
}

export interface ImportResult {
  reportId: number;
  status: "draft" | "published";
  errors: Finding[];
  warnings: Finding[];
}

function unitByOrgCode(db: Db, orgCode: string): Unit {
  const unit = db.select().from(units).where(eq(units.orgCode, orgCode.toUpperCase())).get();
  if (!unit) throw new ImportError(`no unit with org code ${orgCode}`, 1);
  return unit;
}

/**
 * Stores a parsed document for the unit with the given org code. A document that carries a
 * 发布日期 (metadata.publishedAt) is stored as published; otherwise as a draft.
 */
export function importReportDocument(db: Db, doc: ReportDocument, orgCode: string): ImportResult {
  const unit = unitByOrgCode(db, orgCode);
  if (doc.unit.orgCode && doc.unit.orgCode.toUpperCase() !== unit.orgCode) {
    throw new ImportError(`unit.orgCode: the document belongs to ${doc.unit.orgCode}, not ${unit.orgCode}`, 2);
  }
  if (findReportId(db, unit.id, doc.year) !== null) {
    throw new ImportError(`${unit.name} already has a report for ${doc.year}`, 1);
  }
  const status = doc.metadata.publishedAt ? "published" : "draft";
  // A published archive becomes edition 1, exactly as given (its own 索引号 and 发布日期).
  const reportId = insertReportDocument(db, doc, { unitId: unit.id, status: status === "published" ? "approved" : "draft", origin: "import" });
  if (status === "published") {
    db.update(reports).set({ publishedAt: publishedAtOf(doc) }).where(eq(reports.id, reportId)).run();
    publishReport(db, reportId, { at: publishedAtOf(doc) ?? new Date(), actorId: null, from: ["approved"], imported: true });
  }

  const previousId = findReportId(db, unit.id, doc.year - 1);
  const previous = previousId === null ? undefined : (readReportDocument(db, previousId) ?? undefined);
  const { errors, warnings } = splitFindings(checkReport(doc.format, doc, previous, { unitKind: unit.kind }));
  return { reportId, status, errors, warnings };
}

/** Parses JSON text and imports it; an invalid document is an ImportError naming the JSON path. */
export function importReportJson(db: Db, text: string, orgCode: string): ImportResult {
  if (text.length > MAX_REPORT_FILE_BYTES) throw new ImportError(`文件过大：年报文件不能超过 ${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB (document too large)`, 2);
  const parsed = parseReportJson(text);
  if (!parsed.ok) {
    const { path, message } = parsed.error;
    throw new ImportError(path ? `${path}: ${message}` : message, 2);
  }
  return importReportDocument(db, parsed.document, orgCode);
}
