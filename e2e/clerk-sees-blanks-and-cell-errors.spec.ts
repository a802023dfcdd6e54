import { expect, test, type Page } from "@playwright/test";
import { listCells } from "../lib/formats";
import { setTableValue, type ReportTables } from "../lib/interchange";
import { fillComputedCells } from "../lib/rules";
import { orgCodeCheckChar } from "../lib/validations/org-code";
import { insertUser, openTestDb, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";

/**
 * Issue 12: a new report is not 「200 个错误」 — its cells are simply not filled yet (「未填 N 格」).
 * A wrong figure is shown at the cell the clerk mistyped (aria-invalid, a message beside it),
 * listed once with the 总计 column's consequence under it, and the list takes the clerk there.
 */
test.describe.serial("a clerk sees blanks apart from errors, and an error at its cell", () => {
  const password = "Blank-Clerk-2026";
  const shortName = "未填镇";
  let username = "";
  let reportId = 0;
  const inputCells = listCells("gov-2021").filter((c) => !c.computed);
  const cell = (page: Page, id: string) => page.locator(`#cell-${id.replaceAll(".", "-")}`);
  const findingsPanel = (page: Page) => page.getByRole("region", { name: /^检查结果/ });

  test.beforeAll(async () => {
    const db = openTestDb();
    try {
      const county = db.prepare("select id from units where kind = 'county' limit 1").get() as { id: number };
      const body = "NUMBLK01";
      db.prepare("insert into units (name, short_name, kind, org_code, parent_id) values (?, ?, 'township', ?, ?)").run(
        `示例县${shortName}人民政府`,
        shortName,
        body + orgCodeCheckChar(body),
        county.id,
      );
    } finally {
      db.close();
    }
    username = uniqueUsername("blank.clerk");
    await insertUser({ username, password, role: "clerk", unitShortName: shortName });
  });

  test("a new report counts its empty cells as 未填, not as errors, and never asks to type a total", async ({ page }) => {
    await signInAs(page, username, password);
    await page.getByRole("button", { name: /^新建年度报告/ }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/\d+\/sections\/preamble$/);
    reportId = Number(page.url().match(/reports\/(\d+)/)![1]);

    await expect(page.getByText(`全文 0 个错误、0 个提醒，未填 ${inputCells.length} 格`)).toBeVisible();
    const nav = page.getByRole("navigation", { name: "报告各节" });
    await expect(nav.getByText(/错误/)).toHaveCount(0);

    await nav.getByRole("link", { name: /三、收到和处理/ }).click();
    const table3Inputs = inputCells.filter((c) => c.tableId === "table3").length;
    await expect(findingsPanel(page).getByRole("heading")).toHaveText(`检查结果：0 个错误，0 个提醒，未填 ${table3Inputs} 格`);
    await expect(page.getByTestId("findings")).toHaveCount(0);
    await expect(page.getByText(/合计数/)).toHaveCount(0);
    await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);

    // 「转到第一个未填格」 takes the clerk to the first empty cell.
    await findingsPanel(page).getByRole("button", { name: "转到第一个未填格" }).click();
    await expect(cell(page, "table3.naturalPerson.newReceived")).toBeFocused();
  });

  test("one mistyped figure: the cell is marked and described, the list has one error with its 总计 consequence, and leads back to the cell", async ({ page }) => {
    // Earlier the clerk entered 0 in every cell of table 三 (typing 144 cells here would only be slow).
    let zeros: ReportTables = {};
    for (const c of inputCells.filter((c) => c.tableId === "table3")) zeros = setTableValue(zeros, c.id, 0);
    zeros = fillComputedCells("gov-2021", zeros); // stored as the server stores a save: totals included
    const db = openTestDb();
    try {
      db.prepare("update report_sections set cells = ?, version = version + 1 where report_id = ? and key = 'applications'").run(JSON.stringify(zeros.table3), reportId);
    } finally {
      db.close();
    }

    await signInAs(page, username, password);
    await page.goto(`/staff/reports/${reportId}/sections/applications`);
    await cell(page, "table3.naturalPerson.newReceived").fill("5");
    const granted = cell(page, "table3.naturalPerson.results.granted");
    await granted.fill("5");
    await expect(findingsPanel(page).getByRole("heading")).toHaveText("检查结果：0 个错误，0 个提醒");
    await expect(page.getByText("本节未发现问题。")).toBeVisible();

    // A slip of the finger: 50 instead of 5.
    await granted.fill("50");
    await expect(granted).toHaveAttribute("aria-invalid", "true");
    await expect(granted).toHaveAccessibleDescription(/“自然人”列：.*两者应相等/);
    await expect(cell(page, "table3.naturalPerson.newReceived")).not.toHaveAttribute("aria-invalid", "true");

    // The message is beside the cell, shown when the cell has focus (and on hover).
    const note = page.locator('[data-cell-id="table3.naturalPerson.results.granted"]').getByTestId("cell-finding");
    await granted.blur();
    await expect(note).toBeHidden();
    await granted.focus();
    await expect(note).toBeVisible();
    await expect(note).toContainText("“自然人”列");

    // One error, not two: the 总计 column's balance is noted under its cause.
    const list = page.getByTestId("findings");
    await expect(findingsPanel(page).getByRole("heading")).toHaveText("检查结果：1 个错误，0 个提醒");
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await expect(list.getByRole("listitem")).toContainText("导致：“总计”列");

    // Choosing it goes to the cell just mistyped, not to 本年新收.
    await cell(page, "table3.naturalPerson.carriedForward").focus();
    await list.getByRole("button", { name: /“自然人”列/ }).click();
    await expect(granted).toBeFocused();

    await granted.fill("5");
    await expect(granted).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("本节未发现问题。")).toBeVisible();
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
  });

  test("after a reload, without typing, the list still leads to a component cell rather than 本年新收", async ({ page }) => {
    await signInAs(page, username, password);
    await page.goto(`/staff/reports/${reportId}/sections/applications`);
    await cell(page, "table3.naturalPerson.carriedForward").fill("30");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await page.reload();
    await page.getByTestId("findings").getByRole("button", { name: /“自然人”列/ }).click();
    await expect(cell(page, "table3.naturalPerson.carriedForward")).toBeFocused();
    await expect(cell(page, "table3.naturalPerson.carriedForward")).toHaveAttribute("aria-invalid", "true");
  });
});
