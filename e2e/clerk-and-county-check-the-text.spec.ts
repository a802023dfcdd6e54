import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/csv";
import { dueReportYear } from "../lib/time";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { caretToEnd } from "./support/editor";
import { DEMO_PASSWORD, signInAs } from "./support/personas";
import { addPublishedReport, createTownshipWithCompleteDraft } from "./support/reports";

/**
 * Issue 13 (年报体检), as the people do it: the clerk types a sentence whose figure contradicts
 * table 三 and sees X-1 at that sentence (marked in the text); pastes last year's section 五
 * from the reference beside the editor and sees X-5 with its share and the shared passages side
 * by side; explains both on the checklist and submits. The county's 年报体检 lists both, sorts,
 * and exports them as CSV.
 */

const TOWN = "检溪镇";
const PASSWORD = "Jianxi-Staff-2026";

/** Ranges painted by the editor's finding marks, as text. */
async function markedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const registry = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights;
    const marks = registry?.get("nb-finding");
    return marks ? [...marks].map((range) => range.toString()) : [];
  });
}

test.describe.serial("年报体检: the clerk sees X-1 and X-5 while writing, the county sees them after", () => {
  let reportId = 0;
  let clerk = "";
  let newReceived = 0;

  test.beforeAll(async () => {
    const created = await createTownshipWithCompleteDraft(TOWN, 91, { raisesWarning: false });
    reportId = created.reportId;
    await addPublishedReport(created.unitId, 2023);
    clerk = uniqueUsername("jianxi.clerk");
    await insertUser({ username: clerk, password: PASSWORD, role: "clerk", unitShortName: TOWN });
    const row = queryOne<{ cells: string }>("select cells from report_sections where report_id = ? and key = 'applications'", reportId)!;
    newReceived = (JSON.parse(row.cells) as { total: { newReceived: number } }).total.newReceived;
  });

  test("a figure in the text that contradicts table 三 is named at its sentence, and marked", async ({ page }) => {
    await signInAs(page, clerk, PASSWORD);
    await page.getByRole("link", { name: "2024年度报告" }).click();
    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /一、总体情况/ }).click();
    const findings = page.getByTestId("findings");
    await expect(page.getByRole("heading", { name: /检查结果：0 个错误，0 个提醒/ })).toBeVisible();

    const editor = page.getByRole("textbox", { name: "一、总体情况 正文" });
    /** The caret at the end of the text, in the editor (a click in the last paragraph, then Ctrl+End). */
    const toEnd = () => caretToEnd(page, editor);
    await toEnd();
    await page.keyboard.press("Enter");
    const wrong = newReceived + 7;
    await page.keyboard.type(`全年共收到政府信息公开申请${wrong}件，均按时答复。`);

    const x1 = findings.getByRole("button", { name: new RegExp(`提醒：正文写“[^”]*${wrong}件[^”]*”.*表三.*${newReceived} 件`) });
    await expect(x1).toBeVisible();
    await expect.poll(() => markedText(page)).toEqual([expect.stringContaining(`收到政府信息公开申请${wrong}件`)]);
    // Choosing the warning selects the sentence in the text.
    await x1.click();
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toContain(`${wrong}件`);
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });

    // Corrected, the warning and the mark go.
    await toEnd();
    for (let i = 0; i < `${wrong}件，均按时答复。`.length; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type(`${newReceived}件，均按时答复。`);
    await expect(x1).toHaveCount(0);
    await expect.poll(() => markedText(page)).toEqual([]);
    // … and back, so that the checklist has it to explain.
    await toEnd();
    for (let i = 0; i < `${newReceived}件，均按时答复。`.length; i++) await page.keyboard.press("Backspace");
    await page.keyboard.type(`${wrong}件，均按时答复。`);
    await expect(x1).toBeVisible();
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
  });

  test("last year's section 五 pasted in is 雷同: the share, and both texts side by side", async ({ page }) => {
    await signInAs(page, clerk, PASSWORD);
    await page.goto(`/staff/reports/${reportId}`);
    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /五、存在的主要问题及改进情况/ }).click();
    // Before: this year's own text, no 雷同 warning (the check has answered with a share below the line).
    await expect(page.getByTestId("copied-text-note")).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole("heading", { name: /雷同提醒/ })).toHaveCount(0);

    // The clerk copies last year's text from the reference beside the editor and pastes it over the section.
    const reference = page.getByRole("complementary", { name: /参考：2023年度报告的「存在的主要问题及改进情况」/ });
    const lastYear = await reference.locator("div").first().innerHTML();
    const editor = page.getByRole("textbox", { name: "五、存在的主要问题及改进情况 正文" });
    await editor.click();
    await page.keyboard.press("Control+A");
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, lastYear);

    const panel = page.getByRole("region", { name: /雷同提醒：本节 100% 的文字与本单位2023年度报告相同/ });
    await expect(panel).toBeVisible({ timeout: 15_000 });
    await expect(panel.getByLabel("本节文字").locator("mark").first()).toBeVisible();
    await expect(panel.getByLabel("本单位2023年度报告的文字").locator("mark").first()).toBeVisible();
    await expect(page.getByTestId("findings")).toContainText("本节 100% 的文字与本单位2023年度报告相同");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
  });

  test("the clerk explains both on the checklist and submits", async ({ page }) => {
    await signInAs(page, clerk, PASSWORD);
    await page.goto(`/staff/reports/${reportId}`);
    await page.getByRole("navigation", { name: "报告操作" }).getByRole("link", { name: "提交审核" }).click();
    const x1 = page.getByRole("textbox", { name: /正文写“[^”]*收到政府信息公开申请/ });
    const x5 = page.getByRole("textbox", { name: /本节 100% 的文字与本单位2023年度报告相同/ });
    await expect(x1).toBeVisible();
    await expect(x5).toBeVisible();
    await expect(page.getByText("检查的是：正文中引用的数字与表格一致").first()).toBeVisible();
    await expect(page.getByText("检查的是：正文与上年报告或其他单位报告雷同").first()).toBeVisible();

    // Every warning needs its explanation; the two this test is about get theirs.
    const boxes = page.locator("fieldset textarea");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "请填写说明。" })).toHaveCount(await boxes.count());
    await x1.fill("数字含上年结转申请，已与表三核对。");
    await x5.fill("上年问题本年仍未完全整改，沿用原表述，已在审核中说明。");
    for (let i = 0; i < (await boxes.count()); i++) if (!(await boxes.nth(i).inputValue())) await boxes.nth(i).fill("已核实。");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);
    await expect(page.getByText("状态：待审核")).toBeVisible();
  });

  test("the county's 年报体检 lists both, sorts by 雷同 share and exports them as CSV", async ({ page }) => {
    await signInAs(page, "county.clerk", DEMO_PASSWORD);
    await page.getByRole("link", { name: "年报体检" }).click();
    await expect(page.getByRole("heading", { name: "年报体检", level: 1 })).toBeVisible();
    // It opens on the year due now; this report is 2024's, the archive's earlier: every year.
    await expect(page.getByLabel("报告年度")).toHaveValue(String(dueReportYear(new Date())));
    await page.getByLabel("报告年度").selectOption({ label: "全部年度" });
    await page.getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(/year=all/);
    const row = page.getByRole("row", { name: new RegExp(`^示例县${TOWN}人民政府 2024年 `) });
    await expect(row).toContainText("待审核");
    await expect(row).toContainText("正文中引用的数字与表格一致：1 条，已说明 1 条");
    await expect(row).toContainText("正文与上年报告或其他单位报告雷同：1 条，已说明 1 条");
    await expect(row).toContainText("100%");
    await expect(row).toContainText("五、存在的主要问题及改进情况，与本单位2023年度报告");
    // The demo county's earlier reports are there too, moved in from its archive.
    const archived = page.getByRole("row", { name: /^示例县青石镇人民政府 2022年 / });
    await expect(archived).toContainText("已发布（导入）");

    await page.getByRole("link", { name: "最高雷同比例" }).click();
    await expect(page).toHaveURL(/year=all/);
    await expect(page.getByRole("columnheader", { name: /最高雷同比例/ })).toHaveAttribute("aria-sort", "descending");
    await expect(page.getByRole("row").nth(1)).toContainText("100%");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 CSV" }).click();
    const file = await (await download).path();
    const rows = parseCsv(fs.readFileSync(file, "utf8"));
    const header = rows[0]!;
    const mine = rows.find((r) => r[0] === `示例县${TOWN}人民政府` && r[1] === "2024")!;
    const column = (name: string) => mine[header.indexOf(name)];
    expect(column("正文中引用的数字与表格一致（提醒）")).toBe("1");
    expect(column("正文与上年报告或其他单位报告雷同（提醒）")).toBe("1");
    expect(column("正文与上年报告或其他单位报告雷同（未说明）")).toBe("0");
    expect(column("最高雷同比例(%)")).toBe("100");
    expect(column("雷同来源")).toBe("本单位2023年度报告");
    expect(rows.some((r) => r[1] === "2022")).toBe(true);

    // One year: only that year's reports.
    await page.getByLabel("报告年度").selectOption("2024");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(row).toBeVisible();
    await expect(archived).toHaveCount(0);
    // Each row's 年度 cell (the first after the unit).
    const yearCells = page.getByRole("table", { name: /各单位2024年度报告体检结果/ }).locator("tbody tr td:first-of-type");
    expect(new Set(await yearCells.allInnerTexts())).toEqual(new Set(["2024年"]));
  });

  test("a clerk or leader of a township is not shown the county's 年报体检", async ({ page }) => {
    await signInAs(page, clerk, PASSWORD);
    await expect(page.getByRole("link", { name: "年报体检" })).toHaveCount(0);
    const response = await page.goto("/staff/checkup");
    expect(response?.status()).toBe(404);
    expect((await page.request.get("/staff/checkup/checkup.csv")).status()).toBe(404);
  });
});
