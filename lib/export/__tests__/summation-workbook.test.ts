import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listCells } from "@/lib/formats";
import { getTableValue, setTableValue, type ReportTables } from "@/lib/interchange";
import { CSV_BOM, parseCsv } from "@/lib/csv";
import { consistentTablesArb, type GovFormat } from "@/lib/rules/__tests__/arbitraries";
import { sumTables, type SummationPart } from "@/lib/summation";
import {
  BREAKDOWN_SHEET_NAME,
  sheetName,
  summationCsv,
  summationWorkbook,
  type SummationExportInput,
} from "../summation-workbook";

const TITLE = "示例县2023年政府信息公开工作年度报告";
const UNIT_NAMES = ["示例县柳溪镇人民政府", "示例县桃源镇人民政府", "示例县城关街道办事处", "示例县教育局"];

/** A few generated consistent reports (fixed seed: the same ones on every run). */
function generatedTables(format: GovFormat, count: number, seed: number): ReportTables[] {
  return fc.sample(consistentTablesArb(format), { numRuns: count, seed });
}

function summationInput(format: GovFormat, own: ReportTables, units: readonly ReportTables[]): SummationExportInput {
  const parts: SummationPart[] = units.map((tables, i) => ({
    id: `unit-${i}`,
    label: UNIT_NAMES[i] ?? `第${i + 1}个单位`,
    format,
    tables,
  }));
  const { tables, breakdown } = sumTables(format, parts, own);
  return { title: TITLE, format, tables, breakdown };
}

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** Merged ranges of a sheet read back from the file, e.g. "A3:C5". */
function mergesOf(sheet: ExcelJS.Worksheet): string[] {
  return (sheet.model as unknown as { merges: string[] }).merges;
}

/** The 1-based row whose cell in `column` reads `text`. */
function rowWithText(sheet: ExcelJS.Worksheet, column: number, text: string): number {
  for (let r = 1; r <= sheet.rowCount; r += 1) if (sheet.getCell(r, column).value === text) return r;
  throw new Error(`no row with ${text}`);
}

/** Σ as the 汇总 computes it: exact to 6 decimals. */
function exactSum(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + Math.round(v * 1e6), 0) / 1e6;
}

const TABLE2 = "二、主动公开政府信息情况";
const TABLE3 = "三、收到和处理政府信息公开申请情况";
const TABLE4 = "四、政府信息公开行政复议、行政诉讼情况";

describe("summationWorkbook (gov-2021)", () => {
  const [own, ...units] = generatedTables("gov-2021", 4, 14) as [ReportTables, ...ReportTables[]];
  // One township left 商业企业·予以公开 blank: the sum of that cell is blank, not a number.
  const blankCell = "table3.commercial.results.granted";
  const withBlank = units.map((t, i) => (i === 1 ? setTableValue(t, blankCell, null) : t));
  const input = summationInput("gov-2021", own, withBlank);
  const workbookPromise = summationWorkbook(input).then(readBack);

  it("has one sheet per table, named by the table title, and the 分单位明细 sheet", async () => {
    const workbook = await workbookPromise;
    expect(workbook.worksheets.map((s) => s.name)).toEqual([TABLE2, TABLE3, TABLE4, BREAKDOWN_SHEET_NAME]);
    for (const sheet of workbook.worksheets) expect(sheet.name.length).toBeLessThanOrEqual(31);
  });

  it("lays out table 三's header with the merged cells of the format (spec §3.1)", async () => {
    const sheet = sheetOf(await workbookPromise, TABLE3);
    expect(sheet.getCell("A1").value).toBe(TITLE);
    expect(sheet.getCell("A2").value).toBe(TABLE3);
    const headerMerges = mergesOf(sheet).filter((range) => /^[A-Z]+[345]:/.test(range));
    expect(headerMerges.sort()).toEqual(["A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5"]);
    expect(sheet.getCell("A3").value).toBe("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
    expect(sheet.getCell("D3").value).toBe("申请人情况");
    expect(sheet.getCell("D4").value).toBe("自然人");
    expect(sheet.getCell("E4").value).toBe("法人或其他组织");
    expect(["E5", "F5", "G5", "H5", "I5"].map((a) => sheet.getCell(a).value)).toEqual([
      "商业企业",
      "科研机构",
      "社会公益组织",
      "法律服务机构",
      "其他",
    ]);
    expect(sheet.getCell("J4").value).toBe("总计");
    // Row labels: 「三、本年度办理结果」 spans its 22 rows, 「（三）不予公开」 its 8.
    expect(mergesOf(sheet)).toEqual(expect.arrayContaining(["A1:J1", "A2:J2", "A6:C6", "A8:A29", "B8:C8", "B10:B17", "A30:C30"]));
    expect(sheet.getCell("A8").value).toBe("三、本年度办理结果");
    expect(sheet.getCell("B10").value).toBe("（三）不予公开");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 3, ySplit: 5 });
    // Every column has its own width (none left at Excel's default), the leaf labels the widest.
    const widths = Array.from({ length: 10 }, (_, i) => sheet.getColumn(i + 1).width ?? 0);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(8);
    expect(widths[2]).toBe(Math.max(...widths));
  });

  it("writes numbers as numbers, a blank sum as an empty cell, with borders", async () => {
    const sheet = sheetOf(await workbookPromise, TABLE3);
    const granted = rowWithText(sheet, 2, "（一）予以公开");
    const natural = sheet.getCell(granted, 4);
    expect(natural.value).toBe(getTableValue(input.tables, "table3.naturalPerson.results.granted"));
    expect(typeof natural.value).toBe("number");
    expect(natural.border.left?.style).toBe("thin");
    const commercial = sheet.getCell(granted, 5);
    expect(getTableValue(input.tables, blankCell)).toBeNull();
    expect(commercial.value).toBeNull();
    expect(commercial.border.bottom?.style).toBe("thin");
    const total = sheet.getCell(rowWithText(sheet, 2, "（七）总计"), 10);
    expect(total.value).toBe(getTableValue(input.tables, "table3.total.results.totalProcessed"));
  });

  it("writes the 万元 fees with their decimals and a two-decimal number format", async () => {
    const sheet = sheetOf(await workbookPromise, TABLE2);
    const fees = sheet.getCell(rowWithText(sheet, 1, "行政事业性收费"), 2);
    expect(fees.value).toBe(getTableValue(input.tables, "table2.fees.amountWanYuan"));
    expect(fees.numFmt).toBe("0.00####");
    // The one-column block stretches over the three value columns, like the format.
    expect(mergesOf(sheet)).toContain(`B${fees.row}:D${fees.row}`);
  });

  it("lists 本级 and every unit on 分单位明细, the blank kept blank in the unit and in 合计", async () => {
    const sheet = sheetOf(await workbookPromise, BREAKDOWN_SHEET_NAME);
    const labels = [4, 5, 6, 7, 8].map((r) => sheet.getCell(r, 1).value);
    expect(labels).toEqual(["本级", ...UNIT_NAMES.slice(0, 3), "合计"]);
    const cells = listCells("gov-2021");
    expect(cells.map((_, i) => sheet.getCell(3, i + 2).value)).toEqual(cells.map((c) => c.name));
    const column = cells.findIndex((c) => c.id === blankCell) + 2;
    expect(sheet.getCell(6, column).value).toBeNull();
    expect(sheet.getCell(8, column).value).toBeNull();
    expect(sheet.getCell(5, column).value).toBe(getTableValue(units[0], blankCell));
  });
});

describe.each<GovFormat>(["gov-2021", "gov-2019-trial"])("%s: the 分单位明细 sheet and the CSV", (format) => {
  const [own, ...units] = generatedTables(format, 5, 2023) as [ReportTables, ...ReportTables[]];
  const input = summationInput(format, own, units);
  const cells = listCells(format);
  const contributorCount = units.length + 1;

  it("has a 合计 row equal to the sum of the contributors' rows in every column", async () => {
    const sheet = sheetOf(await readBack(await summationWorkbook(input)), BREAKDOWN_SHEET_NAME);
    const firstRow = 4;
    const totalRow = firstRow + contributorCount;
    expect(sheet.getCell(totalRow, 1).value).toBe("合计");
    expect(sheet.rowCount).toBe(totalRow);
    cells.forEach((cell, i) => {
      const column = i + 2;
      const addends = Array.from({ length: contributorCount }, (_, r) => sheet.getCell(firstRow + r, column).value as number);
      expect(addends.every((v) => typeof v === "number"), cell.name).toBe(true);
      expect(sheet.getCell(totalRow, column).value, cell.name).toBe(exactSum(addends));
      expect(sheet.getCell(totalRow, column).value, cell.name).toBe(getTableValue(input.tables, cell.id));
    });
  });

  it("CSV: BOM, CRLF, and it parses back to the same numbers", () => {
    const csv = summationCsv(input);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(["单位", ...cells.map((c) => c.name)]);
    expect(rows.map((r) => r[0])).toEqual(["本级", ...UNIT_NAMES.slice(0, units.length), "合计"]);
    const contributorTables = [own, ...units];
    rows.forEach((row, r) => {
      const tables = contributorTables[r];
      cells.forEach((cell, i) => {
        const expected = tables ? getTableValue(tables, cell.id) : getTableValue(input.tables, cell.id);
        expect(Number(row[i + 1]), `${row[0]} ${cell.name}`).toBe(expected);
      });
    });
    const total = rows[rows.length - 1] ?? [];
    cells.forEach((cell, i) => {
      const addends = rows.slice(0, -1).map((row) => Number(row[i + 1]));
      expect(Number(total[i + 1]), cell.name).toBe(exactSum(addends));
    });
  });
});

describe("summationCsv blanks and sheetName", () => {
  it("leaves a blank cell empty in the CSV, never 0", () => {
    const [own, unit] = generatedTables("gov-2021", 2, 7) as [ReportTables, ReportTables];
    const cell = "table4.review.maintain";
    const input = summationInput("gov-2021", own, [setTableValue(unit, cell, null)]);
    const [header, ownRow, unitRow, total] = parseCsv(summationCsv(input));
    const column = (header ?? []).indexOf("行政复议·结果维持");
    expect(column).toBeGreaterThan(0);
    expect(ownRow?.[column]).toBe(String(getTableValue(own, cell)));
    expect(unitRow?.[column]).toBe("");
    expect(total?.[column]).toBe("");
  });

  it("makes sheet names Excel accepts", () => {
    expect(sheetName("a/b:c?d*e[f]g\\h")).toBe("a-b-c-d-e-f-g-h");
    expect(Array.from(sheetName("汇".repeat(40)))).toHaveLength(31);
  });
});
