import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reportDocx } from "@/lib/document/docx";
import { listCells } from "@/lib/formats";
import { getCell, parseReportJson, type ReportDocument } from "@/lib/interchange";
import { htmlToParagraphs } from "@/lib/rules";
import { importWordFile } from "@/lib/word-import";

/** Every demo document the seed loads (db/seed/reports, written by scripts/generate-demo-reports.ts, and 河桥镇 2017). */
const DEMO_DIR = join(process.cwd(), "db", "seed", "reports");
const demoDocuments: [string, ReportDocument][] = readdirSync(DEMO_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => {
    const parsed = parseReportJson(readFileSync(join(DEMO_DIR, f), "utf8"));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.error.message}`);
    return [f, parsed.document];
  });

// Writing and reading a .docx takes about a second; more on a loaded machine.
describe("report → .docx → import gives back the same report", { timeout: 30_000 }, () => {
  it("covers every demo document", () => {
    expect(demoDocuments.length).toBeGreaterThanOrEqual(9);
  });

  it.each(demoDocuments)("%s", async (_file, doc) => {
    const imported = await importWordFile(await reportDocx(doc), doc.format);
    const back = imported.document;
    expect(back.title).toBe(doc.title);
    // Narrative: same headings, same text, same markup (p, h3, h4), in the same order.
    const original = doc.sections.filter((s) => s.html !== "" || s.heading !== "");
    expect(back.sections.map((s) => s.heading)).toEqual(original.map((s) => s.heading));
    expect(back.sections.map((s) => htmlToParagraphs(s.html))).toEqual(original.map((s) => htmlToParagraphs(s.html)));
    expect(back.sections.map((s) => s.html)).toEqual(original.map((s) => s.html));
    if (doc.format !== "legacy-freeform") expect(back.sections.map((s) => s.key)).toEqual(original.map((s) => s.key));
    // Every table cell, blanks included.
    const cells = listCells(doc.format);
    for (const cell of cells) expect(getCell(back, cell.id), cell.id).toBe(getCell(doc, cell.id));
    expect(imported.placedCells.length).toBe(cells.length);
    expect(back.attachments).toEqual(doc.attachments);
    const signature = doc.signature ?? null;
    if (signature) expect(back.signature).toEqual(signature);
    expect(imported.unplaced).toEqual([]);
  });
});
