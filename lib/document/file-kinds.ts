/**
 * The 原文 files generated once per published edition (issue 15): the kinds, their media
 * types and the Chinese file name a download carries. Pure.
 */

export const EDITION_FILE_KINDS = ["pdf", "docx"] as const;
export type EditionFileKind = (typeof EDITION_FILE_KINDS)[number];

export const EDITION_FILE_MEDIA_TYPES: Record<EditionFileKind, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** What the report page calls each file. */
export const EDITION_FILE_LABELS: Record<EditionFileKind, string> = {
  pdf: "PDF",
  docx: "Word",
};

/** 「{unit}{year}年政府信息公开工作年度报告.pdf」: the document's own title when it has one. */
export function editionFileName(document: { title: string; year: number; unit: { name: string } }, kind: EditionFileKind, edition?: number): string {
  const base = (document.title.trim() || `${document.unit.name}${document.year}年政府信息公开工作年度报告`).replace(/[\\/:*?"<>|\r\n\t]+/g, " ").trim();
  return `${base}${edition ? `（第${edition}版）` : ""}.${kind}`;
}
