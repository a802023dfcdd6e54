import "server-only";
import { asc, eq } from "drizzle-orm";
import { importSectionsContent } from "@/db/commands/sections";
import { readReportDocument } from "@/db/report-store";
import { isSummationReport } from "@/db/summation-store";
import { reportSections } from "@/db/schema";
import { attachmentDisposition } from "@/lib/csv";
import { DRAFT_LABEL, REVIEW_COPY_STATUSES, reportDocx } from "@/lib/document/docx";
import { AppError } from "@/lib/errors";
import { isFormatId, type TableId } from "@/lib/formats";
import { getTableValue, setTableValue, type CellTree, type ReportSection } from "@/lib/interchange";
import { importWordFile, WordImportError, type WordImport } from "@/lib/word-import";
import { db } from "./db";
import { requireEditableReport, requireReadableReport } from "./report-access";
import { findingsOf } from "./reports";
import { contentFor } from "./sections";
import { actorOf } from "./session";

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** 「导出 Word（审阅稿）」: the unit's clerks and leaders, while the report is a draft or waits for review. */
export async function reviewCopyDocx(reportId: number): Promise<Response> {
  const { report, unit } = await requireReadableReport(reportId);
  if (!REVIEW_COPY_STATUSES.includes(report.status)) throw new AppError("not_found", "只有草稿和待审核的报告可以导出审阅稿。");
  const document = (await readReportDocument(db(), report.id))!;
  const findings = await findingsOf(document, unit, report.id);
  const file = await reportDocx(document, { draft: { findings, label: DRAFT_LABEL } });
  return new Response(new Uint8Array(file), {
    status: 200,
    headers: {
      "Content-Type": DOCX_CONTENT_TYPE,
      "Content-Disposition": attachmentDisposition(`${document.title}（审阅稿）.docx`, `report-${report.id}-review-copy.docx`),
      "Cache-Control": "private, no-store",
    },
  });
}

/** One part of the report a Word file can fill: a narrative section or a statistics table. */
export interface WordImportPart {
  key: string;
  heading: string;
  kind: "narrative" | "table";
  /** The statistics table of a table section. */
  tableId?: TableId;
  /** What the report holds there now (so the clerk sees what would be replaced). */
  hasContent: boolean;
}

export interface WordImportPreview {
  fileName: string;
  result: WordImport;
  /** The parts the file fills, in the report's order. */
  parts: WordImportPart[];
}

function refuseFile(error: unknown): never {
  if (error instanceof WordImportError) throw new AppError("invalid", error.message, { file: error.message });
  throw error;
}

async function readFile(file: File | null): Promise<{ name: string; bytes: Uint8Array }> {
  if (!file || file.size === 0) throw new AppError("invalid", "请选择要导入的 Word 文件（.docx）。", { file: "请选择要导入的 Word 文件（.docx）。" });
  if (!/\.docx$/i.test(file.name)) {
    const message = /\.doc$/i.test(file.name) ? "这是旧版 .doc 文件：请先在 Word 或 WPS 中另存为 .docx 再导入。" : "只能导入 Word 文档（.docx）。";
    throw new AppError("invalid", message, { file: message });
  }
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

async function parse(reportId: number, file: File | null) {
  const found = await requireEditableReport(reportId);
  if (!isFormatId(found.report.format)) throw new AppError("invalid", "该报告的格式不支持导入。");
  const { name, bytes } = await readFile(file);
  const result = await importWordFile(bytes, found.report.format).catch(refuseFile);
  const rows = await db().select().from(reportSections).where(eq(reportSections.reportId, found.report.id)).orderBy(asc(reportSections.position));
  const sectionsByKey = new Map(result.document.sections.map((s) => [s.key, s]));
  // A 汇总 report's tables are written by 汇总 only: its tables are not offered (only its text).
  const summed = await isSummationReport(db(), found.report.id);
  const parts: { part: WordImportPart; row: (typeof rows)[number]; section?: ReportSection; tableId?: TableId }[] = [];
  for (const row of rows) {
    if (row.kind === "narrative") {
      const section = sectionsByKey.get(row.key);
      if (section && section.html !== "") parts.push({ part: { key: row.key, heading: row.heading, kind: "narrative", hasContent: row.html.trim() !== "" }, row, section });
    } else if (!summed && row.tableId && result.document.tables[row.tableId]) {
      const hasContent = JSON.stringify(row.cells ?? {}).match(/\d/) !== null;
      parts.push({ part: { key: row.key, heading: row.heading, kind: "table", tableId: row.tableId as TableId, hasContent }, row, tableId: row.tableId as TableId });
    }
  }
  return { ...found, name, result, parts };
}

/** 「从 Word 导入」, step 1: the file read into the report's sections and tables; nothing is stored. */
export async function previewWordImport(reportId: number, file: File | null): Promise<WordImportPreview> {
  const { name, result, parts } = await parse(reportId, file);
  return { fileName: name, result, parts: parts.map((p) => p.part) };
}

/**
 * Step 2, after the clerk confirmed: the chosen parts stored through the section save path
 * (sanitised HTML, validated cells with totals computed, a revision each, one audit row).
 * Only the cells found in the file replace a table's cells; the others keep their values.
 */
export async function applyWordImport(reportId: number, file: File | null, chosenKeys: readonly string[]): Promise<{ imported: string[] }> {
  const { report, viewer, name, result, parts } = await parse(reportId, file);
  const chosen = parts.filter((p) => chosenKeys.includes(p.part.key));
  if (chosen.length === 0) throw new AppError("invalid", "请至少选择一项要导入的内容。", { parts: "请至少选择一项要导入的内容。" });
  const placed = new Set(result.placedCells);
  const sections = chosen.map(({ row, section, tableId }) => {
    if (section) return { sectionId: row.id, sectionKey: row.key, content: contentFor(row, report.format, { html: section.html }) };
    let tables = { [tableId!]: (row.cells ?? {}) as CellTree };
    for (const cellId of placed) {
      if (!cellId.startsWith(`${tableId}.`)) continue;
      tables = setTableValue(tables, cellId, getTableValue(result.document.tables, cellId) ?? null);
    }
    return { sectionId: row.id, sectionKey: row.key, content: contentFor(row, report.format, { cells: tables[tableId!] as Record<string, unknown> }) };
  });
  await importSectionsContent(db(), await actorOf(viewer), { reportId: report.id, fileName: name.slice(0, 200), sections });
  return { imported: chosen.map((p) => p.part.key) };
}
