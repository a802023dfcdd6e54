import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DRAFT_LABEL, reportDocx } from "@/lib/document/docx";
import { parseReportJson, type ReportDocument } from "@/lib/interchange";
import { docxParts } from "@/lib/testing/docx-parts";

const demo = (file: string): ReportDocument => {
  const parsed = parseReportJson(readFileSync(join(process.cwd(), "db", "seed", "reports", file), "utf8"));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.document;
};

const mm = (value: number) => String(Math.round((value * 1440) / 25.4));

describe("the .docx is laid out after GB/T 9704-2012", { timeout: 30_000 }, () => {
  it("A4, the margins, fonts named as on a government PC, fixed 28.95 pt lines, page numbers at the outside edge", async () => {
    const parts = docxParts(await reportDocx(demo("qingshi-2023.json")));
    const document = parts.get("word/document.xml")!;
    const styles = parts.get("word/styles.xml")!;
    expect(document).toContain(`<w:pgSz w:w="${mm(210)}" w:h="${mm(297)}"`);
    expect(document).toMatch(new RegExp(`<w:pgMar w:top="${mm(37)}" w:right="${mm(26)}" w:bottom="${mm(35)}" w:left="${mm(28)}"`));
    for (const font of ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"]) expect(styles).toContain(`w:eastAsia="${font}"`);
    expect(document).toContain('w:line="579" w:lineRule="exact"');
    // Odd pages: number on the right; even pages: on the left; 「— 1 —」 in 4号 (14 pt) 宋体.
    expect(parts.get("word/settings.xml")).toContain("<w:evenAndOddHeaders/>");
    const footers = [...parts].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers.some((xml) => xml.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(footers.some((xml) => xml.includes('<w:jc w:val="left"/>'))).toBe(true);
    for (const xml of footers) {
      expect(xml).toContain("PAGE");
      expect(xml).toContain("— ");
      expect(xml).toContain('w:eastAsia="宋体"');
      expect(xml).toContain('<w:sz w:val="28"/>');
    }
    // Published: no header line.
    expect([...parts.keys()].some((name) => /^word\/header\d*\.xml$/.test(name))).toBe(false);
  });

  it("tables 二–四: header rows repeated on every page, no row split, the page's merged cells", async () => {
    const document = docxParts(await reportDocx(demo("qingshi-2023.json"))).get("word/document.xml")!;
    const tables = document.split("<w:tbl>").slice(1);
    expect(tables).toHaveLength(3);
    const [table2, table3, table4] = tables as [string, string, string];
    // Table 三: three header rows (the corner and 申请人情况, 自然人 … 总计, the five 法人 columns).
    expect(table3.match(/<w:tblHeader\/>/g)).toHaveLength(3);
    expect(table4.match(/<w:tblHeader\/>/g)).toHaveLength(3);
    expect(table2).not.toContain("<w:tblHeader/>");
    for (const table of tables) expect(table.match(/<w:tr>/g)!.length).toBe(table.match(/<w:cantSplit\/>/g)!.length);
    expect(table3).toContain('<w:gridSpan w:val="7"/>');
    expect(table3).toContain('<w:vMerge w:val="restart"/>');
    expect(table4).toContain('<w:gridSpan w:val="10"/>');
  });

  it("a 审阅稿 carries its label in every page header and the findings at the end", async () => {
    const parts = docxParts(await reportDocx(demo("qingshi-2024-draft.json"), { draft: { label: DRAFT_LABEL, findings: [{ ruleId: "R3-1", severity: "error", cells: [], message: "自然人：收到与办理数不一致" }] } }));
    const headers = [...parts].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml);
    expect(headers.length).toBeGreaterThanOrEqual(2);
    for (const xml of headers) expect(xml).toContain(DRAFT_LABEL);
    const document = parts.get("word/document.xml")!;
    expect(document).toContain("附：年报体检结果");
    expect(document).toContain("1. 【错误】自然人：收到与办理数不一致");
  });
});
