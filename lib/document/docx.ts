/*
 * The report as a Word file (.docx), laid out after GB/T 9704-2012 (党政机关公文格式) where it
 * applies to a report: A4, margins top 37 mm, left (binding) 28 mm, bottom 35 mm, right 26 mm
 * (text block 156 × 225 mm); title in 2号 小标宋; body in 3号 仿宋 at a fixed 28.95 pt line
 * pitch (22 lines a page); 一、 headings in 黑体, （一） in 楷体; page numbers 「— 1 —」 in 4号 宋体
 * at the outside edge (odd pages right, even pages left); tables 二–四 with the merged headers of
 * the page, header rows repeated on each page and rows never split; the 落款 at the end.
 *
 * The fonts are named as a government PC has them (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312),
 * with common fallbacks in the other font slots. Section headings use Word's 「heading 1」 style
 * and narrative sub-headings 「heading 2」/「heading 3」, so Word's navigation pane shows the outline
 * and lib/word-import reads the file back losslessly.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from "docx";
import { buildTableLayout, getTable, type TableId } from "@/lib/formats";
import { getCell, type ReportAttachment, type ReportDocument } from "@/lib/interchange";
import { countFindings, isBlank, type Finding } from "@/lib/rules";
import { reportBlocks, signatureOf } from "./report-structure";
import { parseHtml, textOf, type HtmlElement, type HtmlNode } from "./html-tree";

import { DRAFT_LABEL } from "./review-copy";

export { DRAFT_LABEL, REVIEW_COPY_STATUSES } from "./review-copy";

export interface ReportDocxOptions {
  /** A draft for review on paper: the label in every page header and the current findings at the end. */
  readonly draft?: { readonly findings: readonly Finding[]; readonly label: typeof DRAFT_LABEL };
}

/** Fonts as named on a government PC (eastAsia), with the usual Latin faces beside them. */
export const DOCX_FONTS = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading: "黑体",
  subheading: "楷体_GB2312",
  pageNumber: "宋体",
} as const;

const font = (eastAsia: string) => ({ eastAsia, ascii: "Times New Roman", hAnsi: "Times New Roman", cs: "Times New Roman" });

const mm = (value: number) => Math.round((value * 1440) / 25.4);
/** Half-points of the Chinese type sizes. */
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 五号: 21, 小五: 18 } as const;
/** 28.95 pt in twentieths of a point: 22 lines of 3号 in the 225 mm text block. */
const LINE = 579;
/** Two characters of 3号 (the first-line indent of a paragraph). */
const INDENT = 640;
const TEXT_WIDTH = mm(156);

const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
const tableLine = { line: 300, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 };

function runsOf(nodes: readonly HtmlNode[], base: IRunOptions, bold = false): TextRun[] {
  const runs: TextRun[] = [];
  for (const node of nodes) {
    if (node.type === "text") {
      const text = node.text.replace(/\s*\n\s*/g, " ");
      if (text) runs.push(new TextRun({ ...base, text, bold: bold || undefined }));
    } else if (node.tag === "br") {
      runs.push(new TextRun({ ...base, break: 1 }));
    } else {
      runs.push(...runsOf(node.children, base, bold || node.tag === "strong" || node.tag === "b"));
    }
  }
  return runs;
}

const bodyRun: IRunOptions = { font: font(DOCX_FONTS.body), size: SIZE.三号 };

function bodyParagraph(children: ParagraphChild[], indent = true): Paragraph {
  return new Paragraph({ children, alignment: AlignmentType.JUSTIFIED, spacing: exactLine, indent: indent ? { firstLine: INDENT } : undefined });
}

/** Narrative HTML (sanitised: p, h3, h4, strong, lists, simple tables, br) as Word paragraphs. */
function narrativeBlocks(html: string): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const walk = (nodes: readonly HtmlNode[]) => {
    for (const node of nodes) {
      if (node.type === "text") {
        if (node.text.trim()) out.push(bodyParagraph(runsOf([node], bodyRun)));
        continue;
      }
      switch (node.tag) {
        case "h3":
          out.push(new Paragraph({ style: "Heading2", children: runsOf(node.children, {}), spacing: exactLine, indent: { firstLine: INDENT } }));
          break;
        case "h4":
          out.push(new Paragraph({ style: "Heading3", children: runsOf(node.children, {}), spacing: exactLine, indent: { firstLine: INDENT } }));
          break;
        case "ul":
        case "ol":
          node.children.forEach((li, i) => {
            if (li.type !== "element") return;
            const marker = node.tag === "ol" ? `${i + 1}. ` : "• ";
            out.push(bodyParagraph([new TextRun({ ...bodyRun, text: marker }), ...runsOf(li.children, bodyRun)]));
          });
          break;
        case "table":
          out.push(narrativeTable(node));
          break;
        default:
          out.push(bodyParagraph(runsOf(node.children, bodyRun)));
      }
    }
  };
  walk(parseHtml(html));
  return out;
}

function cellParagraph(text: string, options: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: options.align ?? AlignmentType.CENTER,
    spacing: tableLine,
    children: text ? [new TextRun({ font: font(DOCX_FONTS.body), size: options.size ?? SIZE.五号, text, bold: options.bold || undefined })] : [],
  });
}

function narrativeTable(table: HtmlElement): Table {
  const rows = table.children.flatMap((c) => (c.type === "element" && (c.tag === "thead" || c.tag === "tbody") ? c.children : [c]));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows
      .filter((r): r is HtmlElement => r.type === "element" && r.tag === "tr")
      .map(
        (tr) =>
          new TableRow({
            cantSplit: true,
            children: tr.children
              .filter((c): c is HtmlElement => c.type === "element" && (c.tag === "td" || c.tag === "th"))
              .map(
                (cell) =>
                  new TableCell({
                    columnSpan: Number(cell.attrs.colspan) || undefined,
                    rowSpan: Number(cell.attrs.rowspan) || undefined,
                    verticalAlign: VerticalAlign.CENTER,
                    children: [cellParagraph(textOf(cell).trim(), { bold: cell.tag === "th" })],
                  }),
              ),
          }),
      ),
  });
}

/** Column widths (twips) of a statistics table: wider label columns, even number columns. */
function columnWidths(tableId: TableId, columnCount: number, labelColumns: number): number[] {
  const labelShare = tableId === "table3" ? [700, 1000, 2700] : tableId === "table2" ? [2800] : [];
  const labels = labelShare.slice(0, labelColumns);
  const rest = TEXT_WIDTH - labels.reduce((a, b) => a + b, 0);
  const numbers = columnCount - labels.length;
  return [...labels, ...Array.from({ length: numbers }, () => Math.floor(rest / numbers))];
}

/** A statistics table (二–四) exactly as the page lays it out: merged headers, row groups, one cell per value. */
function statisticsTable(document: ReportDocument, tableId: TableId): Table | null {
  const def = getTable(document.format, tableId);
  if (!def) return null;
  const layout = buildTableLayout(def);
  const size = layout.columnCount > 10 ? SIZE.小五 : SIZE.五号;
  const labelColumns = def.layout === "grid" ? (def.rows ? layoutDepth(layout.body) : 0) : 1;
  const rowOf = (cells: (typeof layout.body)[number], header: boolean) =>
    new TableRow({
      tableHeader: header || undefined,
      cantSplit: true,
      children: cells.map((cell) => {
        if (cell.kind === "data") {
          const value = getCell(document, cell.cellId);
          return new TableCell({
            columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
            verticalAlign: VerticalAlign.CENTER,
            children: [cellParagraph(typeof value === "number" ? String(value) : "", { size })],
          });
        }
        const align = cell.kind === "rowHeader" ? AlignmentType.LEFT : AlignmentType.CENTER;
        return new TableCell({
          columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
          rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
          verticalAlign: VerticalAlign.CENTER,
          children: [cellParagraph(cell.text, { size, align, bold: cell.kind === "blockHeader" })],
        });
      }),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columnWidths(tableId, layout.columnCount, labelColumns),
    rows: [...layout.head.map((r) => rowOf(r, true)), ...layout.body.map((r) => rowOf(r, false))],
  });
}

/** Number of row-label columns of a grid body (the column span of the label cells of its first row). */
function layoutDepth(body: ReturnType<typeof buildTableLayout>["body"]): number {
  const first = body[0] ?? [];
  return first.filter((c) => c.kind === "rowHeader").reduce((n, c) => n + c.colSpan, 0);
}

function attachmentBlocks(attachments: readonly ReportAttachment[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const attachment of attachments) {
    out.push(new Paragraph({ style: "Heading2", children: [new TextRun({ text: attachment.title })], spacing: exactLine, indent: { firstLine: INDENT } }));
    if (attachment.rows.length === 0) continue;
    const row = (cells: readonly string[], header: boolean) =>
      new TableRow({
        tableHeader: header || undefined,
        cantSplit: true,
        children: cells.map((text, i) => new TableCell({ verticalAlign: VerticalAlign.CENTER, children: [cellParagraph(text, { bold: header, align: i === 0 && !header ? AlignmentType.LEFT : AlignmentType.CENTER })] })),
      });
    out.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [...(attachment.columns.length > 0 ? [row(attachment.columns, true)] : []), ...attachment.rows.map((r) => row(r, false))],
      }),
    );
  }
  return out;
}

function sectionHeading(text: string): Paragraph {
  return new Paragraph({ style: "Heading1", children: [new TextRun({ text })], spacing: exactLine, indent: { firstLine: INDENT } });
}

const CHECK_HEADING = "附：年报体检结果（审阅稿，导出时）";

/** The findings of a draft, listed after the 落款: errors, warnings, and the count of blank cells. */
function findingsBlocks(findings: readonly Finding[]): Paragraph[] {
  const counts = countFindings(findings);
  const listed = findings.filter((f) => !isBlank(f) && f.consequenceOf === undefined);
  const out: Paragraph[] = [
    new Paragraph({ pageBreakBefore: true, style: "Heading1", children: [new TextRun({ text: CHECK_HEADING })], spacing: exactLine }),
    bodyParagraph([new TextRun({ ...bodyRun, text: `错误 ${counts.errors} 处，提示 ${counts.warnings} 处，未填 ${counts.blanks} 格。` })]),
  ];
  if (listed.length === 0) out.push(bodyParagraph([new TextRun({ ...bodyRun, text: "未发现错误或提示。" })]));
  listed.forEach((f, i) => {
    const kind = f.severity === "error" ? "错误" : "提示";
    out.push(bodyParagraph([new TextRun({ ...bodyRun, text: `${i + 1}. 【${kind}】${f.message}` })]));
  });
  return out;
}

function pageNumberFooter(align: "left" | "right"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // One character in from the outside edge (GB/T 9704-2012 §7.5).
        indent: align === "right" ? { right: 280 } : { left: 280 },
        children: [new TextRun({ font: font(DOCX_FONTS.pageNumber), size: SIZE.四号, children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

function draftHeader(label: string): Header {
  return new Header({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: font(DOCX_FONTS.heading), size: SIZE.四号, text: label })] })],
  });
}

/** The report as a .docx (the 原文 at publication, or a 审阅稿 of a draft). */
export async function reportDocx(doc: ReportDocument, options: ReportDocxOptions = {}): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ style: "Title", alignment: AlignmentType.CENTER, children: [new TextRun({ text: doc.title })], spacing: { ...exactLine, line: 700, after: LINE } }),
  ];
  for (const block of reportBlocks(doc)) {
    if (block.heading) children.push(sectionHeading(block.heading));
    if (block.kind === "table") {
      const table = statisticsTable(doc, block.tableId);
      if (table) children.push(table);
    } else if (block.kind === "attachments") {
      children.push(...attachmentBlocks(doc.attachments));
    } else {
      children.push(...narrativeBlocks(block.html ?? ""));
      if (block.withAttachments) children.push(...attachmentBlocks(doc.attachments));
    }
  }
  const { issuer, date } = signatureOf(doc);
  const signature = [issuer, date].filter(Boolean);
  if (signature.length > 0) children.push(new Paragraph({ children: [], spacing: exactLine }));
  for (const line of signature) {
    children.push(new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: INDENT * 2 }, spacing: exactLine, children: [new TextRun({ ...bodyRun, text: line })] }));
  }
  if (options.draft) children.push(...findingsBlocks(options.draft.findings));

  const header = options.draft ? draftHeader(options.draft.label) : undefined;
  const document = new Document({
    creator: doc.unit.name,
    title: doc.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(DOCX_FONTS.body), size: SIZE.三号 }, paragraph: { spacing: exactLine } } },
      paragraphStyles: [
        { id: "Title", name: "Title", basedOn: "Normal", next: "Normal", run: { font: font(DOCX_FONTS.title), size: SIZE.二号 }, paragraph: { alignment: AlignmentType.CENTER } },
        { id: "Heading1", name: "heading 1", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: font(DOCX_FONTS.heading), size: SIZE.三号 }, paragraph: { outlineLevel: 0, keepNext: true } },
        { id: "Heading2", name: "heading 2", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: font(DOCX_FONTS.subheading), size: SIZE.三号 }, paragraph: { outlineLevel: 1, keepNext: true } },
        { id: "Heading3", name: "heading 3", basedOn: "Normal", next: "Normal", quickFormat: true, run: { font: font(DOCX_FONTS.body), size: SIZE.三号, bold: true }, paragraph: { outlineLevel: 2, keepNext: true } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(20) },
          },
        },
        headers: header ? { default: header, even: draftHeader(options.draft!.label) } : undefined,
        footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
