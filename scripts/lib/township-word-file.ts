/*
 * A Word file in the style of a real township's annual report, made with `docx` so it is
 * reproducible (scripts/build-word-fixture.ts writes lib/word-import/__tests__/fixtures/
 * township-report.docx). It is deliberately unlike our own export: 宋体/微软雅黑 instead of the
 * 公文 fonts, no Word heading styles (headings are bold plain paragraphs), half-width
 * punctuation in headings and labels, spaces inside labels, the unit's name in the page header,
 * 「第 N 页」 page numbers, a title row inside table 三, merged label cells, blank cells, a
 * note under a table, and the 落款 at the end.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { buildTableLayout, getTable, type CellId, type LayoutCell, type TableId } from "@/lib/formats";
import { emptyTables, getTableValue, setTableValue, type CellValue, type ReportTables } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";
import { listCells } from "@/lib/formats";

export const FIXTURE_UNIT = "示例县青石镇人民政府";
export const FIXTURE_TITLE = "青石镇2023年政府信息公开工作年度报告";

/** Cells left blank in the file (an empty cell; the import must read them as blank, not 0). */
export const FIXTURE_BLANK_CELLS: readonly CellId[] = ["table3.research.results.unableToProvide.unclear", "table4.litigationPostReview.other"];

/** The figures the file holds (gov-2021): a deterministic fill with consistent totals, then the blanks. */
export function fixtureTables(): ReportTables {
  let tables = emptyTables("gov-2021");
  listCells("gov-2021").forEach((cell, i) => {
    if (cell.computed) return;
    const value = cell.type === "decimal" ? 1.25 : (i * 7) % 5;
    tables = setTableValue(tables, cell.id, value);
  });
  tables = fillComputedCells("gov-2021", tables);
  for (const id of FIXTURE_BLANK_CELLS) tables = setTableValue(tables, id, null);
  return tables;
}

/** Narrative text of the file, by section key (what the import must give back). */
export const FIXTURE_TEXT = {
  preamble: ["本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息公开办公室有关要求编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"],
  overview: [
    ["h3", "（一）主动公开"],
    ["p", "全年在镇政府信息公开专栏主动公开政府信息156条，重点公开乡村振兴项目、惠农补贴和安全生产信息。"],
    ["h3", "（二）依申请公开"],
    ["p", "全年收到政府信息公开申请事项，均在法定期限内答复。"],
  ],
  problems: [["p", "一是公开内容的解读不够通俗；二是个别村务公开栏更新不及时。下一步将加强培训，按月检查。"]],
  other: [["p", "本年度未收取信息处理费。"]],
} as const;

/** How a person typed the labels: half-width brackets, 「1、」 for 「1.」, spaces inside. */
function variantOf(label: string): string {
  return label
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/^(\d)\./, "$1、")
    .replace("不予公开", "不 予 公 开")
    .replace("（区分处理的，只计这一情形，不计其他情形）", "")
    .replace("(区分处理的,只计这一情形,不计其他情形)", "")
    .replace("本年制发件数", "本年 制发件数");
}

const text = (value: string, options: { bold?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: value, bold: options.bold, size: options.size ?? 18, font: { eastAsia: "宋体", ascii: "Arial" } })] });

const valueText = (value: CellValue | undefined): string => (typeof value === "number" ? String(value) : "");

function wordTable(tables: ReportTables, tableId: TableId, titleRow?: string): Table {
  const def = getTable("gov-2021", tableId)!;
  const layout = buildTableLayout(def);
  const cellOf = (cell: LayoutCell) =>
    new TableCell({
      columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
      rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
      children: [cell.kind === "data" ? text(valueText(getTableValue(tables, cell.cellId))) : text(variantOf(cell.text), { bold: cell.kind !== "rowHeader" })],
    });
  const rows = [...layout.head, ...layout.body].map((cells) => new TableRow({ children: cells.map(cellOf) }));
  if (titleRow) rows.unshift(new TableRow({ children: [new TableCell({ columnSpan: layout.columnCount, children: [text(titleRow, { bold: true, size: 24 })] })] }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

const body = (value: string) =>
  new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 360 }, children: [new TextRun({ text: value, size: 28, font: { eastAsia: "宋体", ascii: "Times New Roman" } })] });
const heading = (value: string) => new Paragraph({ spacing: { before: 200, after: 100 }, children: [new TextRun({ text: value, bold: true, size: 30, font: { eastAsia: "微软雅黑" } })] });
const subheading = (value: string) => new Paragraph({ indent: { firstLine: 560 }, children: [new TextRun({ text: value, bold: true, size: 28, font: { eastAsia: "楷体" } })] });

const narrative = (items: readonly (readonly [string, string])[]) => items.map(([tag, value]) => (tag === "h3" ? subheading(value.replace("（", "(").replace("）", ")")) : body(value)));

/** Builds the file. */
export async function buildTownshipWordFile(): Promise<Buffer> {
  const tables = fixtureTables();
  const document = new Document({
    creator: FIXTURE_UNIT,
    styles: { default: { document: { run: { font: { eastAsia: "宋体", ascii: "Times New Roman" }, size: 28 } } } },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: FIXTURE_UNIT, size: 18 })] })] }) },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ size: 18, children: ["第 ", PageNumber.CURRENT, " 页 共 ", PageNumber.TOTAL_PAGES, " 页"] })] })] }),
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: FIXTURE_TITLE, bold: true, size: 40, font: { eastAsia: "微软雅黑" } })] }),
          ...FIXTURE_TEXT.preamble.map(body),
          heading("一. 总体情况"),
          ...narrative(FIXTURE_TEXT.overview),
          heading("二、主动公开政府信息情况"),
          wordTable(tables, "table2"),
          heading("三、收到和处理政府信息公开申请情况"),
          wordTable(tables, "table3", "收到和处理政府信息公开申请情况统计表"),
          body("注：本表数据来源于镇党政办依申请公开台账。"),
          heading("四、 政府信息公开行政复议、行政诉讼情况"),
          wordTable(tables, "table4"),
          heading("五、存在的主要问题及改进情况"),
          ...narrative(FIXTURE_TEXT.problems),
          heading("六、其他需要报告的事项"),
          ...narrative(FIXTURE_TEXT.other),
          new Paragraph({ children: [] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: FIXTURE_UNIT, size: 28 })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: "2024年1月14日", size: 28 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
