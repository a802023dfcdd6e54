import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { listCells } from "@/lib/formats";
import { getCell, parseReportJson } from "@/lib/interchange";
import { htmlToParagraphs } from "@/lib/rules";
import { importWordFile } from "@/lib/word-import";
import { openTestDb, queryOne } from "./support/db";
import { addPublishedReport, createTownshipWithCompleteDraft } from "./support/reports";

/**
 * A citizen downloads a report's 原文 (issue 15): the PDF the server made once after publication,
 * laid out as a government document (A4, page numbers 「— 1 —」, the statistics tables), under
 * its Chinese file name; once the report is withdrawn, the file answers 410 like every download.
 */

const TOWN = "原文镇";
const TITLE = `示例县${TOWN}人民政府2023年政府信息公开工作年度报告`;
const OUT = path.resolve(".test-reports");

let reportId = 0;
let unitId = 0;

test.beforeAll(async () => {
  ({ unitId } = await createTownshipWithCompleteDraft(TOWN, 67, { raisesWarning: false }));
  reportId = await addPublishedReport(unitId, 2023);
});

test("the reader finds the report in the list, waits for 「下载原文（PDF）」 and gets an A4 PDF with page numbers and the tables", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/reports?year=2023&unit=${unitId}`);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();

  // Made by the server's background job shortly after publication; until then the page says so.
  const downloads = page.getByRole("region", { name: "下载与校验" });
  const link = downloads.getByRole("link", { name: "下载原文（PDF）" });
  await expect(async () => {
    if (!(await link.isVisible())) {
      await expect(downloads.getByText("原文正在生成")).toBeVisible();
      await page.reload();
    }
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 200_000, intervals: [2_000] });

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.pdf`);
  fs.mkdirSync(OUT, { recursive: true });
  const pdf = path.join(OUT, "original.pdf");
  await download.saveAs(pdf);

  // The SHA-256 the page shows is the file's.
  const stored = queryOne<{ sha256: string }>(
    "select f.sha256 from edition_files f join reports r on r.live_edition_id = f.edition_id where r.id = ? and f.kind = 'pdf'",
    reportId,
  )!;
  await downloads.getByText("如何核验").click();
  await expect(downloads.locator("[data-original-sha256=pdf]")).toHaveText(stored.sha256);

  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  expect(info).toMatch(/^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/m);
  expect(Number(/^Pages:\s+(\d+)/m.exec(info)![1])).toBeGreaterThanOrEqual(2);

  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  const compact = text.replace(/\s+/g, "");
  expect(compact).toContain(TITLE);
  expect(compact).toContain("三、收到和处理政府信息公开申请情况");
  expect(compact).toContain("本年新收政府信息公开申请数量");
  expect(compact).toContain("行政复议");
  expect(text).toContain("— 1 —");
  expect(text).toContain("— 2 —");
  expect(compact).toContain(`示例县${TOWN}人民政府`);

  // The first page as an image, kept with the test reports.
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(OUT, "original-page-1")]);
  expect(fs.statSync(path.join(OUT, "original-page-1.png")).size).toBeGreaterThan(5_000);
});

test("the reader downloads 「下载原文（Word）」: its text and every table cell are the published report's; once withdrawn, both files answer 410 with the reason", async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(`/reports?year=2023&unit=${unitId}`);
  await page.getByRole("link", { name: TITLE }).click();
  const downloads = page.getByRole("region", { name: "下载与校验" });
  const link = downloads.getByRole("link", { name: "下载原文（Word）" });
  await expect(async () => {
    if (!(await link.isVisible())) await page.reload();
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 200_000, intervals: [2_000] });
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`${TITLE}.docx`);
  const docxPath = path.join(OUT, "original.docx");
  await download.saveAs(docxPath);

  // Read back with the Word importer, it is the published document: text, headings and cells.
  const published = parseReportJson(await (await page.request.get(`/reports/${reportId}/report.json`)).text());
  if (!published.ok) throw new Error(published.error.message);
  const doc = published.document;
  if (doc.format === "legacy-freeform") throw new Error("expected a report with tables");
  const fromWord = (await importWordFile(fs.readFileSync(docxPath), doc.format)).document;
  expect(fromWord.title).toBe(doc.title);
  const written = doc.sections.filter((section) => section.html !== "");
  expect(fromWord.sections.map((section) => section.heading)).toEqual(written.map((section) => section.heading));
  expect(fromWord.sections.map((section) => htmlToParagraphs(section.html))).toEqual(written.map((section) => htmlToParagraphs(section.html)));
  for (const cell of listCells(doc.format)) expect(getCell(fromWord, cell.id), cell.id).toBe(getCell(doc, cell.id));

  const reason = "数据口径需重新核实。";
  const db = openTestDb();
  try {
    db.prepare("update reports set status = 'withdrawn', withdrawn_at = ?, withdraw_reason = ? where id = ?").run(Date.now(), reason, reportId);
  } finally {
    db.close();
  }
  const gone = await page.request.get(`/reports/${reportId}/report.pdf`);
  expect(gone.status()).toBe(410);
  expect(await gone.text()).toContain(`撤回原因：${reason}`);
  expect((await page.request.get(`/reports/${reportId}/report.docx`)).status()).toBe(410);
  // The file itself is kept (an edition's files never change), just no longer served.
  expect(queryOne<{ n: number }>("select count(*) as n from edition_files f join report_editions e on e.id = f.edition_id where e.report_id = ?", reportId)!.n).toBeGreaterThanOrEqual(1);
});
