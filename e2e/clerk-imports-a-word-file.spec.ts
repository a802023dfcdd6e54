import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import mammoth from "mammoth";
import { getTableValue } from "../lib/interchange";
import { FIXTURE_BLANK_CELLS, fixtureTables } from "../scripts/lib/township-word-file";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { docxParts } from "../lib/testing/docx-parts";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";

const FIXTURE = path.join(process.cwd(), "lib/word-import/__tests__/fixtures/township-report.docx");

/**
 * A clerk brings the township's Word file into this year's draft (从 Word 导入: read, compare side
 * by side, confirm), and prints the draft for the leader as a Word 审阅稿.
 */
test.describe.serial("a clerk imports a Word file and exports a 审阅稿", () => {
  const password = "Daoru-Clerk-2026";
  let username = "";
  let reportId = 0;

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft("导入镇", 94, { raisesWarning: false }));
    username = uniqueUsername("daoru.clerk");
    await insertUser({ username, password, role: "clerk", unitShortName: "导入镇" });
  });

  const cell = (page: Page, id: string) => page.locator(`#cell-${id.replaceAll(".", "-")}`);

  test("bad files are refused at the field; the fixture is shown beside what would be stored; confirming stores it", async ({ page }) => {
    await signInAs(page, username, password);
    await page.goto(`/staff/reports/${reportId}/sections/overview`);
    await page.getByRole("link", { name: "从 Word 导入" }).click();
    await expect(page.getByRole("heading", { name: "从 Word 导入" })).toBeVisible();
    const fileField = page.getByLabel("Word 文件（.docx）");

    await page.getByRole("button", { name: "读取文件" }).click();
    await expect(fileField).toHaveAccessibleDescription("请选择要导入的 Word 文件（.docx）。");
    await fileField.setInputFiles({ name: "年报.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7") });
    await page.getByRole("button", { name: "读取文件" }).click();
    await expect(fileField).toHaveAccessibleDescription("只能导入 Word 文档（.docx）。");
    await expect(fileField).toHaveAttribute("aria-invalid", "true");
    // Named .docx but not one: the server says so.
    await fileField.setInputFiles({ name: "年报.docx", mimeType: "application/octet-stream", buffer: Buffer.from("这不是 Word 文件") });
    await page.getByRole("button", { name: "读取文件" }).click();
    await expect(fileField).toHaveAccessibleDescription(/这不是 Word 文档（.docx）/);
    const overviewBefore = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'overview'", reportId)!.html;

    await fileField.setInputFiles(FIXTURE);
    await page.getByRole("button", { name: "读取文件" }).click();
    const source = page.getByRole("region", { name: "Word 文件原文" });
    const result = page.getByRole("region", { name: "将导入的内容" });
    await expect(source).toContainText("一. 总体情况");
    await expect(source).toContainText("收到和处理政府信息公开申请情况统计表");
    await expect(result.getByRole("heading", { name: "（一）主动公开" })).toBeVisible();
    await expect(result.getByRole("checkbox", { name: /导入「一、总体情况」.*将替换已填写的内容/ })).toBeChecked();
    await expect(page.getByRole("region", { name: "未能导入的内容" })).toContainText("注：本表数据来源于镇党政办依申请公开台账。");
    // Nothing is stored before the clerk confirms.
    expect(queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'overview'", reportId)!.html).toBe(overviewBefore);

    await page.getByRole("button", { name: "确认导入" }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/reports/${reportId}/sections/preamble`));
    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /一、总体情况/ }).click();
    await expect(page.getByRole("textbox", { name: "一、总体情况 正文" })).toContainText("全年在镇政府信息公开专栏主动公开政府信息156条");

    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /三、收到和处理/ }).click();
    const expected = fixtureTables();
    for (const id of ["table3.naturalPerson.newReceived", "table3.commercial.carriedOver", "table3.legal.results.denied.processInfo", "table3.otherOrg.carriedForward"]) {
      await expect(cell(page, id), id).toHaveValue(String(getTableValue(expected, id)));
    }
    await expect(cell(page, FIXTURE_BLANK_CELLS[0]!)).toHaveValue("");
    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /四、政府信息公开行政复议/ }).click();
    await expect(cell(page, "table4.review.maintain")).toHaveValue(String(getTableValue(expected, "table4.review.maintain")));
    await expect(cell(page, FIXTURE_BLANK_CELLS[1]!)).toHaveValue("");
  });

  test("导出 Word（审阅稿） downloads the draft marked 审阅稿 · 未发布 in the page header, with the findings at the end", async ({ page }) => {
    await signInAs(page, username, password);
    await page.goto(`/staff/reports/${reportId}/sections/overview`);
    const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Word（审阅稿）" }).click()]);
    expect(download.suggestedFilename()).toBe(`${title}（审阅稿）.docx`);
    const file = fs.readFileSync(await download.path());
    const headers = [...docxParts(file)].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml);
    expect(headers.length).toBeGreaterThan(0);
    for (const xml of headers) expect(xml).toContain("审阅稿 · 未发布");
    const text = (await mammoth.extractRawText({ buffer: file })).value;
    expect(text).toContain(title);
    expect(text).toContain("全年在镇政府信息公开专栏主动公开政府信息156条");
    expect(text).toContain("附：年报体检结果");
    expect(text).toMatch(/错误 \d+ 处，提示 \d+ 处，未填 \d+ 格。/);
  });
});
