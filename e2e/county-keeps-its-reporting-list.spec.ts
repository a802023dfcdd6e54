import { expect, test, type Page } from "@playwright/test";
import { insertUnit, insertUser, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { addCompleteReport } from "./support/reports";
import { dueReportYear } from "../lib/time";
import { summaryCount } from "./support/overview";

/**
 * Issue 14, the 年报报送单位名单: a county clerk opens the list from the overview, leaves the
 * county's 司法局 out as 垂直管理 (refused at the field without a reason, nothing saved), and the
 * overview then shows it apart, 「不在报送名单（垂直管理）」, no longer counted as overdue.
 *
 * The spec brings its own county (no parent, so no other overview sees it): the demo county's
 * overview is what other specs read, with the default list.
 */

const PASSWORD = "List-Clerk-2026";
const COUNTY = "名单县人民政府";
const JUSTICE = "名单县司法局";
const TOWN = "名单县甲镇人民政府";


const savedEntries = (countyId: number) =>
  queryOne<{ n: number }>("select count(*) as n from reporting_list_entries where supervisor_id = ?", countyId)!.n;

const overviewRow = (page: Page, unit: string) =>
  page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit }) });

test.describe("a county keeps its list of reporting units", () => {
  let clerk = "";
  let countyId = 0;

  test.beforeAll(async () => {
    countyId = insertUnit(COUNTY, "名单县", "county", null, "MDX00001");
    // The 司法局 has drafted the year due (年报体检 lists it); the township has nothing yet.
    await addCompleteReport(insertUnit(JUSTICE, "名单县司法局", "department", countyId, "MDX00002"), dueReportYear(new Date()), "draft");
    insertUnit(TOWN, "名单县甲镇", "township", countyId, "MDX00003");
    clerk = uniqueUsername("list.clerk");
    await insertUser({ username: clerk, password: PASSWORD, role: "clerk", unitShortName: "名单县" });
  });

  test("the clerk leaves the 司法局 out as 垂直管理, and the overview shows it apart, not overdue", async ({ page }) => {
    await signInAs(page, clerk, PASSWORD);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "县级总览" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "县级总览" })).toBeVisible();
    // Neither unit has published the year due: both overdue, the 司法局 included (the default list).
    await expect(overviewRow(page, JUSTICE).getByRole("cell").nth(3)).toContainText("逾期未发布");
    expect(await summaryCount(page, "逾期未发布")).toBe(2);

    await page.getByRole("link", { name: "报送单位名单" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "报送单位名单" })).toBeVisible();
    await expect(page.getByText("本年度尚未保存名单")).toBeVisible();
    const justice = page.getByRole("checkbox", { name: JUSTICE });
    await expect(justice).toBeChecked();
    await expect(page.getByRole("checkbox", { name: TOWN })).toBeChecked();

    // Left out without a reason: the field says so, nothing is saved.
    await justice.uncheck();
    const reason = page.getByLabel(`${JUSTICE}不列入名单的原因`);
    await expect(reason).toBeVisible();
    await page.getByRole("button", { name: "保存名单" }).click();
    await expect(reason).toHaveAccessibleDescription("请填写不列入报送名单的原因，或选择下方的常用原因。");
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(savedEntries(countyId)).toBe(0);

    // The quick pick fills the field; the keyboard reaches it like any button.
    await page.getByRole("group", { name: `${JUSTICE}的常用原因` }).getByRole("button", { name: "垂直管理" }).focus();
    await page.keyboard.press("Enter");
    await expect(reason).toHaveValue("垂直管理");
    await page.getByRole("button", { name: "保存名单" }).click();
    await expect(page.getByRole("status")).toContainText(/已保存\d{4}年度报送单位名单/);
    expect(savedEntries(countyId)).toBe(2);
    await expect(page.getByText("本年度名单已保存")).toBeVisible();

    // After a reload the list is as saved.
    await page.reload();
    await expect(page.getByRole("checkbox", { name: JUSTICE })).not.toBeChecked();
    await expect(page.getByLabel(`${JUSTICE}不列入名单的原因`)).toHaveValue("垂直管理");

    await page.getByRole("link", { name: "返回总览" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "县级总览" })).toBeVisible();
    await expect(overviewRow(page, JUSTICE)).toHaveCount(0);
    const offList = page.getByRole("list", { name: "不在报送名单的单位" }).getByRole("listitem").filter({ hasText: JUSTICE });
    await expect(offList).toContainText("不在报送名单（垂直管理）");
    await expect(overviewRow(page, TOWN).getByRole("cell").nth(3)).toContainText("逾期未发布");
    expect(await summaryCount(page, "逾期未发布")).toBe(1);

    // 年报体检 says so at the 司法局's draft and does not count it late.
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "年报体检" }).click();
    const checkupRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(JUSTICE) }) });
    await expect(checkupRow.getByRole("rowheader")).toContainText("不在报送单位名单（垂直管理），不计逾期");
    await expect(checkupRow.getByRole("cell").last()).toHaveText("否");
  });
});
