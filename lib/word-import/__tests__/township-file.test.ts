import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listCells } from "@/lib/formats";
import { getTableValue } from "@/lib/interchange";
import { htmlToParagraphs } from "@/lib/rules";
import { importWordFile } from "@/lib/word-import";
import { FIXTURE_BLANK_CELLS, FIXTURE_TEXT, FIXTURE_TITLE, FIXTURE_UNIT, fixtureTables } from "@/scripts/lib/township-word-file";

const file = readFileSync(join(process.cwd(), "lib", "word-import", "__tests__", "fixtures", "township-report.docx"));

describe("a township's own Word file (other fonts, plain-paragraph headings, page header and numbers, merged and blank cells)", { timeout: 30_000 }, () => {
  it("imports every table cell right, blanks as blank", async () => {
    const { document, placedCells } = await importWordFile(file, "gov-2021");
    const expected = fixtureTables();
    for (const cell of listCells("gov-2021")) {
      expect(getTableValue(document.tables, cell.id), cell.id).toBe(getTableValue(expected, cell.id));
    }
    for (const id of FIXTURE_BLANK_CELLS) expect(getTableValue(document.tables, id)).toBeNull();
    expect(new Set(placedCells).size).toBe(listCells("gov-2021").length);
  });

  it("splits the text into the preamble and sections, with sub-headings, and finds title and 落款", async () => {
    const { document } = await importWordFile(file, "gov-2021");
    expect(document.title).toBe(FIXTURE_TITLE);
    expect(document.sections.map((s) => s.key)).toEqual(["preamble", "overview", "problems", "other"]);
    const byKey = new Map(document.sections.map((s) => [s.key, s]));
    expect(htmlToParagraphs(byKey.get("preamble")!.html)).toEqual([...FIXTURE_TEXT.preamble]);
    expect(byKey.get("overview")!.html).toBe(FIXTURE_TEXT.overview.map(([tag, text]) => `<${tag}>${text}</${tag}>`).join(""));
    expect(htmlToParagraphs(byKey.get("problems")!.html)).toEqual(FIXTURE_TEXT.problems.map(([, t]) => t));
    expect(htmlToParagraphs(byKey.get("other")!.html)).toEqual(FIXTURE_TEXT.other.map(([, t]) => t));
    expect(byKey.get("overview")!.heading).toBe("一、总体情况");
    expect(document.signature).toEqual({ issuer: FIXTURE_UNIT, date: "2024年1月14日" });
  });

  it("lists what it could not place, in Chinese", async () => {
    const { unplaced } = await importWordFile(file, "gov-2021");
    expect(unplaced).toEqual(["「三、收到和处理政府信息公开申请情况」下的文字「注：本表数据来源于镇党政办依申请公开台账。」未导入（本节只导入表格）"]);
  });

  it("refuses what is not a Word file with a clear message", async () => {
    await expect(importWordFile(new TextEncoder().encode("%PDF-1.7 not a docx"), "gov-2021")).rejects.toThrow(/不是 Word 文档/);
    await expect(importWordFile(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0]), "gov-2021")).rejects.toThrow(/已损坏/);
    await expect(importWordFile(new Uint8Array(1_000_001), "gov-2021")).rejects.toThrow(/文件过大/);
  });
});
