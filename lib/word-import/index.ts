/*
 * A report's Word file (.docx) read back into sections and tables (server-side, no database).
 *
 * mammoth turns the file into HTML (merged table cells keep their colspan/rowspan; page
 * headers, footers and page numbers are left out). The body is split into the preamble and the
 * sections by their headings 一、…六、 (full- or half-width punctuation, spaces, Word heading
 * styles or plain paragraphs), the narrative goes through the same sanitiser as every save,
 * tables 二–四 are placed by their labels (./tables), and whatever could not be placed is
 * listed in Chinese for the clerk.
 */
import mammoth from "mammoth";
import { getFormat, getTable, type CellId, type FormatId, type TableDef, type TableId } from "@/lib/formats";
import { sanitizeReportHtml } from "@/lib/html/sanitize";
import { emptyTables, setTableValue, type ReportAttachment, type ReportDocument, type ReportSection, type ReportSignature, type ReportTables } from "@/lib/interchange";
import { parseHtml, serializeHtml, textOf, type HtmlElement, type HtmlNode } from "@/lib/document/html-tree";
import { normalizeLabel } from "./labels";
import { MAX_WORD_FILE_BYTES } from "./limits";
import { placeTable, tableGrid } from "./tables";

export { LabelIndex, looseLabel, normalizeLabel, parseCellText } from "./labels";

export { MAX_WORD_FILE_BYTES } from "./limits";

export class WordImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WordImportError";
  }
}

export interface WordImportDocument {
  readonly format: FormatId;
  readonly title: string | null;
  /** Narrative sections found, sanitised, in the format's order. */
  readonly sections: ReportSection[];
  /** The statistics tables found, each complete (cells not found are blank). */
  readonly tables: ReportTables;
  readonly attachments: ReportAttachment[];
  readonly signature: ReportSignature | null;
}

export interface WordImport {
  readonly document: WordImportDocument;
  /** Cells read from the file (a blank cell read as blank counts as placed). */
  readonly placedCells: CellId[];
  /** What could not be placed, in Chinese. */
  readonly unplaced: string[];
  /** The file as HTML (sanitised), to show beside the result. */
  readonly sourceHtml: string;
}

const NUMERALS = "一二三四五六七八九十";

/** 「一」…「十九」 as a number (0 when it is not one). */
function chineseNumber(text: string): number {
  if (text.length === 1) return NUMERALS.indexOf(text) + 1;
  if (text.length === 2 && text[0] === "十") return 10 + NUMERALS.indexOf(text[1]!) + 1;
  return 0;
}

const SECTION_HEADING = /^\s*([一二三四五六七八九十]{1,2})\s*[、，,.．]\s*(\S.*)$/;
const SUBHEADING = /^\s*[（(]\s*[一二三四五六七八九十]{1,2}\s*[）)]/;
const DATE_LINE = /^\s*(\d{4}|[〇零一二三四五六七八九○Ｏ]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日\s*$/;
const ISSUER_LINE = /^[^\s。；，,：:]{2,30}(人民政府|政府|办公室|办事处|委员会|局|厅|中心)$/;
const REVIEW_FINDINGS_HEADING = "附：年报体检结果";

/** A numbered section heading: 「一、总体情况」, 「二. 主动公开…」; short and without a full stop. */
function sectionHeadingOf(block: HtmlElement): { n: number; text: string } | null {
  if (block.tag === "table" || block.tag === "ul" || block.tag === "ol") return null;
  const text = textOf(block).replace(/\s+/g, " ").trim();
  if (text.length > 40 || /[。；]/.test(text)) return null;
  const m = SECTION_HEADING.exec(text);
  if (!m) return null;
  const n = chineseNumber(m[1]!);
  return n > 0 ? { n, text: `${m[1]}、${m[2]!.trim()}` } : null;
}

/** A 「(一)主动公开」 line typed as a bold paragraph: an h3 with the numbering in full-width brackets. */
function subheading(text: string): HtmlElement {
  const normalized = text.replace(/^[（(]\s*([一二三四五六七八九十]{1,2})\s*[）)]\s*/, "（$1）");
  return { type: "element", tag: "h3", attrs: {}, children: [{ type: "text", text: normalized }] };
}

/**
 * Words a heading of the format's section must contain, so a numbered line inside a section
 * (「二、依申请公开」 under 一、总体情况) is not taken for the next section.
 */
const SECTION_WORDS: Readonly<Record<string, RegExp>> = {
  overview: /总体|概述|基本情况/,
  proactive: /主动公开/,
  applications: /申请/,
  reviewLitigation: /复议|诉讼/,
  problems: /问题|改进|不足/,
  other: /其他|事项/,
};

function namesSection(heading: string, key: string): boolean {
  return SECTION_WORDS[key]?.test(heading) ?? true;
}

/** Blocks of a narrative section as report HTML: Word's heading 2/3 and short 「（一）…」 lines become h3/h4. */
function narrativeHtml(blocks: readonly HtmlElement[]): string {
  const nodes: HtmlNode[] = blocks.map((block) => {
    const text = textOf(block).trim();
    if (block.tag === "h1" || block.tag === "h2") return { ...block, tag: "h3" };
    if (block.tag === "h3" || block.tag === "h4" || block.tag === "h5" || block.tag === "h6") return { ...block, tag: "h4" };
    if (block.tag === "p" && text.length <= 30 && SUBHEADING.test(text) && !/[。]/.test(text)) return subheading(text);
    return block;
  });
  return sanitizeReportHtml(serializeHtml(nodes));
}

function isTitleLike(block: HtmlElement): boolean {
  const text = textOf(block).trim();
  return block.tag !== "table" && text.length > 0 && text.length <= 80 && !/[。]/.test(text) && /报告/.test(text);
}

interface RawSection {
  heading: string;
  number: number;
  blocks: HtmlElement[];
}

const blockText = (block: HtmlElement): string => textOf(block).replace(/\s+/g, " ").trim();
const shorten = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Reads a .docx into the given format's sections and tables. Throws WordImportError for a file that is not a readable Word file. */
export async function importWordFile(file: Uint8Array, format: FormatId, options: { maxBytes?: number } = {}): Promise<WordImport> {
  const maxBytes = options.maxBytes ?? MAX_WORD_FILE_BYTES;
  if (file.byteLength > maxBytes) throw new WordImportError(`文件过大：Word 文件不能超过 ${Math.round(maxBytes / 1000)} KB。可先删去其中的图片再导入。`);
  // A .docx is a ZIP archive ("PK\x03\x04"); an old .doc, a PDF or a renamed file is not.
  if (file.byteLength < 4 || file[0] !== 0x50 || file[1] !== 0x4b || file[2] !== 0x03 || file[3] !== 0x04) {
    throw new WordImportError("无法读取：这不是 Word 文档（.docx）。旧版 .doc 文件请先在 Word 或 WPS 中另存为 .docx 再导入。");
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(file.buffer, file.byteOffset, file.byteLength) },
      {
        styleMap: ["p[style-name='Title'] => p:fresh", "p[style-name='heading 1'] => h1:fresh", "p[style-name='heading 2'] => h2:fresh", "p[style-name='heading 3'] => h3:fresh"],
        // Pictures are not part of a report's text.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: "" })),
      },
    );
    html = result.value;
  } catch {
    throw new WordImportError("无法读取：文件已损坏或不是 Word 文档（.docx）。");
  }
  return readWordHtml(html, format);
}

/** The part of importWordFile after mammoth (pure: HTML in, sections and tables out). */
export function readWordHtml(html: string, formatId: FormatId): WordImport {
  const format = getFormat(formatId);
  const unplaced: string[] = [];
  const blocks = parseHtml(html).filter((n): n is HtmlElement => n.type === "element" && n.tag !== "img");

  // Title and anything before it; then preamble and numbered sections.
  let start = 0;
  let title: string | null = null;
  const titleAt = blocks.slice(0, 4).findIndex((b) => isTitleLike(b) && !sectionHeadingOf(b));
  if (titleAt >= 0) {
    for (const b of blocks.slice(0, titleAt)) if (blockText(b)) unplaced.push(`标题前的「${shorten(blockText(b))}」未导入`);
    title = blockText(blocks[titleAt]!);
    start = titleAt + 1;
  }
  const preamble: HtmlElement[] = [];
  const raw: RawSection[] = [];
  let last = 0;
  for (const block of blocks.slice(start)) {
    const text = blockText(block);
    if (text.startsWith(REVIEW_FINDINGS_HEADING)) {
      unplaced.push("审阅稿所附的年报体检结果未导入");
      break;
    }
    const heading = sectionHeadingOf(block);
    const expected = heading && (format.freeSections || (heading.n <= format.sections.length && namesSection(heading.text, format.sections[heading.n - 1]!.key)));
    if (heading && expected && heading.n > last) {
      raw.push({ heading: heading.text, number: heading.n, blocks: [] });
      last = heading.n;
      continue;
    }
    (raw[raw.length - 1]?.blocks ?? preamble).push(block);
  }

  // 落款: a date line, and the issuer just above it, at the very end.
  let signature: ReportSignature | null = null;
  const tail = raw[raw.length - 1]?.blocks ?? preamble;
  while (tail.length > 0 && blockText(tail[tail.length - 1]!) === "") tail.pop();
  const dateBlock = tail[tail.length - 1];
  if (dateBlock && DATE_LINE.test(blockText(dateBlock))) {
    tail.pop();
    while (tail.length > 0 && blockText(tail[tail.length - 1]!) === "") tail.pop();
    const issuerBlock = tail[tail.length - 1];
    const issuerText = issuerBlock ? blockText(issuerBlock) : "";
    const issuer = issuerBlock && issuerBlock.tag === "p" && issuerText.length <= 40 && !/[。；，]/.test(issuerText) ? issuerText : "";
    if (issuer) tail.pop();
    signature = { issuer, date: blockText(dateBlock).replace(/\s+/g, "") };
  } else if (dateBlock && dateBlock.tag === "p" && ISSUER_LINE.test(blockText(dateBlock))) {
    // A draft's 落款 before the 成文日期 is known: the issuer alone.
    tail.pop();
    signature = { issuer: blockText(dateBlock), date: "" };
  }

  const sections: ReportSection[] = [];
  let tables: ReportTables = {};
  const placedCells: CellId[] = [];
  const attachments: ReportAttachment[] = [];
  const foundTables = new Set<TableId>();

  const storeTable = (def: TableDef, table: HtmlElement): number => {
    const placed = placeTable(def, table);
    unplaced.push(...placed.unplaced);
    if (placed.values.size === 0) return 0;
    foundTables.add(def.id);
    tables = { ...tables, [def.id]: tables[def.id] ?? emptyTables(formatId)[def.id]! };
    for (const [id, value] of placed.values) {
      tables = setTableValue(tables, id, value);
      placedCells.push(id);
    }
    return placed.values.size;
  };

  /** A table outside the table sections: a statistics table when its labels match one not found yet. */
  const statisticsTableFor = (table: HtmlElement): TableDef | null => {
    let best: { def: TableDef; count: number } | null = null;
    for (const def of format.tables) {
      if (foundTables.has(def.id)) continue;
      const count = placeTable(def, table).values.size;
      if (count >= 4 && (!best || count > best.count)) best = { def, count };
    }
    return best?.def ?? null;
  };

  const narrativeBlocksOf = (blocksOfSection: HtmlElement[]): HtmlElement[] =>
    blocksOfSection.filter((b) => {
      if (b.tag !== "table" || format.tables.length === 0) return true;
      const def = statisticsTableFor(b);
      if (!def) return true;
      storeTable(def, b);
      return false;
    });

  if (format.preamble) {
    const html = narrativeHtml(narrativeBlocksOf(preamble));
    if (html) sections.push({ key: format.preamble.key, heading: "", html });
  } else if (format.freeSections && preamble.length > 0) {
    const html = narrativeHtml(narrativeBlocksOf(preamble));
    if (html) sections.push({ key: "section-0", heading: "", html });
  }

  for (const section of raw) {
    const def = format.freeSections ? null : format.sections[section.number - 1];
    if (def?.kind === "table") {
      const tableDef = getTable(format, def.tableId);
      const [first, ...others] = section.blocks.filter((b) => b.tag === "table");
      if (tableDef && first) storeTable(tableDef, first);
      else unplaced.push(`「${section.heading}」下没有找到表格`);
      for (const other of others) unplaced.push(`「${section.heading}」下的第二张表格（${tableGrid(other).cells.length} 格）未导入`);
      for (const b of section.blocks) if (b.tag !== "table" && blockText(b)) unplaced.push(`「${section.heading}」下的文字「${shorten(blockText(b))}」未导入（本节只导入表格）`);
      continue;
    }
    if (format.attachments && section.heading.includes("附表")) {
      const rest: HtmlElement[] = [];
      for (const b of section.blocks) {
        if (b.tag === "table") {
          const grid = tableGrid(b);
          const rows = grid.slots.map((slots) => slots.map((s) => s?.text ?? ""));
          const current = attachments[attachments.length - 1];
          if (current && current.columns.length === 0 && current.rows.length === 0) {
            current.columns = rows[0] ?? [];
            current.rows = rows.slice(1);
          } else attachments.push({ title: "", columns: rows[0] ?? [], rows: rows.slice(1) });
        } else if (blockText(b)) attachments.push({ title: blockText(b), columns: [], rows: [] });
        else rest.push(b);
      }
      sections.push({ key: `section-${section.number}`, heading: section.heading, html: narrativeHtml(rest) });
      continue;
    }
    const key = def?.key ?? `section-${section.number}`;
    const heading = def && normalizeLabel(def.heading) === normalizeLabel(section.heading) ? def.heading : section.heading;
    sections.push({ key, heading: def ? def.heading : heading, html: narrativeHtml(narrativeBlocksOf(section.blocks)) });
  }
  if (raw.length === 0 && !format.freeSections) unplaced.push("没有找到「一、总体情况」等各部分标题：正文未能分节，全部作为开头部分导入");

  const sourceHtml = sanitizeReportHtml(html);
  const document: WordImportDocument = { format: formatId, title, sections, tables, attachments, signature };
  const nothingFound = raw.length === 0 || sections.every((s) => s.html === "");
  if (nothingFound && placedCells.length === 0) {
    throw new WordImportError("未能识别：文件中没有找到年度报告的正文或表格二至四。");
  }
  return { document, placedCells, unplaced, sourceHtml };
}

/**
 * A whole report document from a Word import (the archive CLI): the base document (unit, year,
 * format, empty sections and tables) with the sections, tables, title and 落款 the file gave.
 */
export function reportFromWordImport(base: ReportDocument, imported: WordImportDocument): ReportDocument {
  const found = new Map(imported.sections.map((s) => [s.key, s]));
  const sections = base.sections.map((s) => found.get(s.key) ?? s);
  for (const s of imported.sections) if (!base.sections.some((b) => b.key === s.key)) sections.push(s);
  const tables = base.format === "legacy-freeform" ? base.tables : { ...base.tables, ...imported.tables };
  return {
    ...base,
    title: imported.title ?? base.title,
    sections,
    tables,
    attachments: imported.attachments.length > 0 ? imported.attachments : base.attachments,
    signature: imported.signature?.date ? imported.signature : base.signature,
  } as ReportDocument;
}
