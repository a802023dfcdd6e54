/**
 * The print view of a published edition: a complete HTML page that Chromium prints as the
 * 原文 PDF (lib/serving/document-files.ts), laid out after GB/T 9704-2012 (党政机关公文格式)
 * where it applies to a report:
 *
 * - A4, margins top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm: a 156 × 225 mm
 *   text block holding 22 lines of 28 characters of 3号 (16 pt) type;
 * - title in 2号 (22 pt) 小标宋-style type, centred; body 仿宋-style; 一、 headings 黑体-style,
 *   （一） headings 楷体-style, third-level headings bold;
 * - page numbers 「— 1 —」 in 4号 (14 pt) 7 mm below the text block, one character in from the
 *   outside edge (odd pages right, even pages left): CSS page-margin boxes;
 * - tables 二–四 from the same layout data as the page (lib/formats), merged headers included,
 *   header rows repeated on every page and no row split across pages;
 * - the 落款 at the end: the date four characters in from the right, the issuer centred above it.
 *
 * Fonts are free ones Debian ships (README, 「原文 PDF 的字体」); each family names the
 * conventional Windows font first, so a machine that has it uses it. Pure: no server imports.
 */
import { buildTableLayout, getTable, type LayoutCell, type TableId } from "../formats";
import { getCell, type ReportAttachment, type ReportDocument } from "../interchange";
import { reportBlocks, signatureOf, type ReportBlock } from "./report-structure";

/** The CSS font stacks: the conventional font first, then the free one the server has. */
export const PRINT_FONTS = {
  /**
   * 小标宋-style title: Noto Serif CJK SC Black (fonts-noto-cjk), the one free heavy 宋 Debian
   * ships. Chromium embeds its CFF outlines as Type 3 glyphs (a title's few dozen), still text.
   */
  title: `"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif`,
  /**
   * 仿宋-style body: no free simplified 仿宋 is packaged apart from TeX Live (Fandol), so a 宋:
   * AR PL SungtiL GB (fonts-arphic-gbsn00lp, TrueType, embedded as a subset), then Noto Serif CJK
   * SC for characters beyond GB 2312.
   */
  body: `"仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "AR PL SungtiL GB", "Noto Serif CJK SC", serif`,
  /** 黑体-style 一、 headings: WenQuanYi Micro Hei (fonts-wqy-microhei, TrueType), then Noto Sans CJK SC. */
  heiti: `"黑体", "SimHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif`,
  /** 楷体-style （一） headings: AR PL KaitiM GB (fonts-arphic-gkai00mp), else the body font. */
  kaiti: `"楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", "AR PL KaitiM GB", "Noto Serif CJK SC", serif`,
  /** Page numbers (4号 半角宋体). */
  pageNumber: `"宋体", "SimSun", "AR PL SungtiL GB", "Noto Serif CJK SC", serif`,
} as const;

/** GB/T 9704-2012 page geometry. */
export const PRINT_PAGE = {
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  /** 3号 */
  bodyPt: 16,
  /** 2号 */
  titlePt: 22,
  /** 4号 */
  pageNumberPt: 14,
  linesPerPage: 22,
  charsPerLine: 28,
} as const;

const MM_TO_PT = 72 / 25.4;
const blockHeightPt = (297 - PRINT_PAGE.marginTopMm - PRINT_PAGE.marginBottomMm) * MM_TO_PT;
const blockWidthPt = (210 - PRINT_PAGE.marginLeftMm - PRINT_PAGE.marginRightMm) * MM_TO_PT;
/** 225 mm / 22 lines ≈ 28.99 pt. */
export const LINE_HEIGHT_PT = Math.floor((blockHeightPt / PRINT_PAGE.linesPerPage) * 100) / 100;
/** 156 mm / 28 characters = 15.79 pt: 3号 characters set 0.21 pt tighter. */
export const LETTER_SPACING_PT = Math.floor((blockWidthPt / PRINT_PAGE.charsPerLine - PRINT_PAGE.bodyPt) * 100) / 100;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function stylesheet(): string {
  const p = PRINT_PAGE;
  const pageNumber = `font-family: ${PRINT_FONTS.pageNumber}; font-size: ${p.pageNumberPt}pt; vertical-align: top; padding-top: 7mm;`;
  return `
@page { size: A4; margin: ${p.marginTopMm}mm ${p.marginRightMm}mm ${p.marginBottomMm}mm ${p.marginLeftMm}mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; ${pageNumber} text-align: right; margin-right: 1em; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; ${pageNumber} text-align: left; margin-left: 1em; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; background: #fff; font-family: ${PRINT_FONTS.body}; font-size: ${p.bodyPt}pt;
  line-height: ${LINE_HEIGHT_PT}pt; letter-spacing: ${LETTER_SPACING_PT}pt; text-align: justify; orphans: 2; widows: 2; }
h1 { font-family: ${PRINT_FONTS.title}; font-weight: 900; font-size: ${p.titlePt}pt; line-height: ${LINE_HEIGHT_PT * 1.25}pt;
  text-align: center; letter-spacing: 0; margin: 0 0 ${LINE_HEIGHT_PT}pt; padding: 0 1em; }
h2, h3, h4, p { margin: 0; font-size: ${p.bodyPt}pt; line-height: ${LINE_HEIGHT_PT}pt; }
p, li { text-indent: 2em; }
h2 { font-family: ${PRINT_FONTS.heiti}; font-weight: 400; text-indent: 2em; break-after: avoid; }
h3 { font-family: ${PRINT_FONTS.kaiti}; font-weight: 400; text-indent: 2em; break-after: avoid; }
h4 { font-weight: 700; text-indent: 2em; break-after: avoid; }
strong, b { font-weight: 700; }
ul, ol { margin: 0; padding: 0; list-style-position: inside; }
.section-table { margin: 0 0 ${LINE_HEIGHT_PT / 2}pt; }
table { width: 100%; border-collapse: collapse; margin: ${LINE_HEIGHT_PT / 4}pt 0 ${LINE_HEIGHT_PT / 2}pt; letter-spacing: 0;
  font-size: 10.5pt; line-height: 1.35; text-align: center; page-break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #000; padding: 2pt 3pt; font-weight: 400; vertical-align: middle; text-indent: 0; }
th { font-family: ${PRINT_FONTS.body}; }
th.row-label { text-align: left; }
th.block-header { font-family: ${PRINT_FONTS.heiti}; }
td.number { font-family: ${PRINT_FONTS.pageNumber}; font-variant-numeric: tabular-nums; }
table.statistics-grid { font-size: 9pt; }
td p, th p { text-indent: 0; }
.attachment-title { font-family: ${PRINT_FONTS.kaiti}; text-indent: 0; margin-top: ${LINE_HEIGHT_PT / 2}pt; }
.signature { margin-top: ${LINE_HEIGHT_PT * 2}pt; display: flex; justify-content: flex-end; break-inside: avoid; }
.signature-lines { margin-right: 4em; text-align: center; }
.signature-lines p { text-indent: 0; white-space: nowrap; }
`;
}

function attrs(cell: LayoutCell): string {
  return `${cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : ""}${cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : ""}`;
}

function cellHtml(cell: LayoutCell, document: ReportDocument): string {
  switch (cell.kind) {
    case "data": {
      const value = getCell(document, cell.cellId);
      const text = typeof value === "number" ? String(value) : "";
      return `<td class="number" data-cell-id="${escapeHtml(cell.cellId)}"${attrs(cell)}>${text}</td>`;
    }
    case "rowHeader":
      return `<th scope="row" class="row-label"${attrs(cell)}>${escapeHtml(cell.text)}</th>`;
    case "blockHeader":
      return `<th scope="colgroup" class="block-header"${attrs(cell)}>${escapeHtml(cell.text)}</th>`;
    default:
      return `<th scope="col"${attrs(cell)}>${escapeHtml(cell.text)}</th>`;
  }
}

/** Table 二, 三 or 四 from the format's layout: the same merged header cells as the page. */
export function statisticsTableHtml(document: ReportDocument, tableId: TableId): string {
  const table = getTable(document.format, tableId);
  if (!table) return "";
  const layout = buildTableLayout(table);
  const row = (cells: readonly LayoutCell[]) => `<tr>${cells.map((c) => cellHtml(c, document)).join("")}</tr>`;
  const head = layout.head.length > 0 ? `<thead>${layout.head.map(row).join("")}</thead>` : "";
  const grid = table.layout === "grid" ? ` class="statistics-grid"` : "";
  return `<table${grid} data-table-id="${tableId}">${head}<tbody>${layout.body.map(row).join("")}</tbody></table>`;
}

function attachmentHtml(attachment: ReportAttachment): string {
  const title = `<p class="attachment-title">${escapeHtml(attachment.title)}</p>`;
  if (attachment.rows.length === 0) return title;
  const head =
    attachment.columns.length > 0 ? `<thead><tr>${attachment.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("")}</tr></thead>` : "";
  const body = attachment.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`).join("");
  return `${title}<table>${head}<tbody>${body}</tbody></table>`;
}

const isBlank = (html: string): boolean => html.replace(/<[^>]*>/g, "").replace(/&nbsp;|\s/g, "") === "";

function blockHtml(block: ReportBlock, document: ReportDocument): string {
  const heading = block.heading ? `<h2>${escapeHtml(block.heading)}</h2>` : "";
  if (block.kind === "table") return `<section class="section-table" data-section-key="${block.key}">${heading}${statisticsTableHtml(document, block.tableId)}</section>`;
  const attachments = block.kind === "attachments" || block.withAttachments ? document.attachments.map(attachmentHtml).join("") : "";
  if (block.kind === "attachments") return `<section data-section-key="attachments">${heading}${attachments}</section>`;
  if (block.html === null && !block.withAttachments) return "";
  // The narrative HTML was sanitised to the report allowlist when it was saved (lib/html).
  const body = block.html !== null && !isBlank(block.html) ? block.html : "";
  return `<section data-section-key="${escapeHtml(block.key)}">${heading}${body}${attachments}</section>`;
}

/** The 落款: issuer centred above the date, the date four characters in from the right. */
function signatureHtml(document: ReportDocument): string {
  const { issuer, date } = signatureOf(document);
  if (!issuer && !date) return "";
  return `<footer class="signature"><div class="signature-lines">${issuer ? `<p>${escapeHtml(issuer)}</p>` : ""}${date ? `<p>${escapeHtml(date)}</p>` : ""}</div></footer>`;
}

/** The complete print page of a document (title, body in reading order, 落款). */
export function printHtml(document: ReportDocument): string {
  const body = reportBlocks(document)
    .map((block) => blockHtml(block, document))
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.title)}</title>
<style>${stylesheet()}</style>
</head>
<body>
<main>
<h1>${escapeHtml(document.title)}</h1>
${body}
${signatureHtml(document)}
</main>
</body>
</html>
`;
}
