import { expect, test, type Page } from "@playwright/test";
import { insertUnit, insertUser, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { addCompleteReport } from "./support/reports";
import { callServerAction, serverActionId } from "./support/server-actions";

/**
 * Issue 14, 备案: the county clerk sets 发布前备案 on the reporting list; the township's leader
 * approves and finds the report waiting for the county (no publish form, a direct call refused);
 * the county clerk opens 年报备案 from the menu and sends it back with a reason (refused at the
 * field without one); the township clerk finds the send-back in the inbox, edits and resubmits;
 * approved again, the county accepts it and the leader publishes. A second township set to
 * 发布后备案 publishes at once and the county acknowledges the edition.
 *
 * The spec brings its own county (no parent, so no other spec's overview sees it): the demo
 * county's units keep 不备案, which the other workflow specs rely on.
 */

const PASSWORD = "Filing-Staff-2026";
const COUNTY = "备案县人民政府";
const EAST = "备案县东岭镇人民政府";
const WEST = "备案县西岭镇人民政府";
const REASON = "第一部分缺少依申请公开办理时限的说明，请补充后重新报送。";


const statusOf = (reportId: number) => queryOne<{ status: string }>("select status from reports where id = ?", reportId)!.status;
const nav = (page: Page) => page.getByRole("navigation", { name: "主导航" });
const rowOf = (page: Page, unit: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit }) });

test.describe.serial("a township files its report with the county", () => {
  const staff = { county: "", east: { clerk: "", leader: "" }, west: { leader: "" } };
  let countyId = 0;
  let eastReport = 0;
  let westReport = 0;

  test.beforeAll(async () => {
    countyId = insertUnit(COUNTY, "备案县", "county", null, "BAX00001");
    const east = insertUnit(EAST, "东岭镇", "township", countyId, "BAX00002");
    const west = insertUnit(WEST, "西岭镇", "township", countyId, "BAX00003");
    eastReport = await addCompleteReport(east, 2024, "draft");
    westReport = await addCompleteReport(west, 2025, "approved");
    staff.county = uniqueUsername("filing.county");
    staff.east.clerk = uniqueUsername("filing.east.clerk");
    staff.east.leader = uniqueUsername("filing.east.leader");
    staff.west.leader = uniqueUsername("filing.west.leader");
    await insertUser({ username: staff.county, password: PASSWORD, role: "clerk", unitShortName: "备案县" });
    await insertUser({ username: staff.east.clerk, password: PASSWORD, role: "clerk", unitShortName: "东岭镇" });
    await insertUser({ username: staff.east.leader, password: PASSWORD, role: "leader", unitShortName: "东岭镇" });
    await insertUser({ username: staff.west.leader, password: PASSWORD, role: "leader", unitShortName: "西岭镇" });
  });

  const approveAsLeader = async (page: Page) => {
    await signInAs(page, staff.east.leader, PASSWORD);
    await page.goto(`/staff/reports/${eastReport}/review`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "批准" }).click();
    await expect(page.getByText("状态：待备案")).toBeVisible();
  };

  const openFiling = async (page: Page, unit: string) => {
    await signInAs(page, staff.county, PASSWORD);
    await nav(page).getByRole("link", { name: "年报备案" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "年报备案" })).toBeVisible();
    const pending = page.getByRole("table", { name: "待备案的报告" });
    await pending.getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit }) }).getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(`^${unit}\\d{4}年度报告备案$`) })).toBeVisible();
  };

  test("the county clerk sets 发布前备案 for its units, and 发布后备案 for 西岭镇", async ({ page }) => {
    await signInAs(page, staff.county, PASSWORD);
    await nav(page).getByRole("link", { name: "县级总览" }).click();
    await page.getByRole("link", { name: "报送单位名单" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "报送单位名单" })).toBeVisible();
    await page.getByLabel("备案方式", { exact: true }).selectOption({ label: "发布前备案" });
    await expect(page.getByLabel(`${EAST}的备案方式`)).toHaveValue("inherit");
    await expect(page.getByLabel(`${EAST}的备案方式`).locator("option:checked")).toHaveText("按本单位设置（发布前备案）");
    await page.getByLabel(`${WEST}的备案方式`).selectOption({ label: "发布后备案" });
    await page.getByRole("button", { name: "保存名单" }).click();
    await expect(page.getByRole("status")).toContainText(/已保存\d{4}年度报送单位名单/);
    expect(queryOne<{ mode: string }>("select filing_mode as mode from units where id = ?", countyId)!.mode).toBe("before_publication");
  });

  test("the township submits; the leader's approval sends it to the county and the leader cannot publish", async ({ page, baseURL }) => {
    await signInAs(page, staff.east.clerk, PASSWORD);
    await page.goto(`/staff/reports/${eastReport}/submit`);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);

    await approveAsLeader(page);
    await expect(page.getByRole("status")).toContainText("已报送上级备案");
    await expect(page.getByRole("note").filter({ hasText: "已报送上级备案，备案通过后方可发布" })).toContainText(COUNTY);
    await expect(page.getByRole("button", { name: "发布" })).toHaveCount(0);

    // A publish sent anyway is refused with the same words, and nothing is published.
    const action = serverActionId("app/(staff)/staff/reports/[id]/review/actions.ts", "publishReportAction");
    const response = await callServerAction(page.context().request, `/staff/reports/${eastReport}/review`, action, [eastReport, { scheduleAt: "", changeNote: "" }], baseURL!);
    expect(await response.text()).toContain("已报送上级备案，备案通过后方可发布。");
    expect(statusOf(eastReport)).toBe("filing");
  });

  test("the county clerk opens 年报备案 and sends it back: a reason is required", async ({ page }) => {
    await openFiling(page, EAST);
    await expect(page.getByText("报告已审核批准，正在等待上级单位备案")).toBeVisible();
    const reason = page.getByLabel("退回原因（下级单位可见）");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "退回" }).click();
    await expect(page.locator("#return-reason-error")).toHaveText("请填写退回原因，下级单位将据此修改。");
    expect(statusOf(eastReport)).toBe("filing");

    await reason.fill(REASON);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "退回" }).click();
    await expect(page.getByRole("status")).toContainText("已退回");
    await page.getByLabel("报告年度").selectOption("2024");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(rowOf(page, EAST).filter({ hasText: "已退回" })).toBeVisible();
    expect(statusOf(eastReport)).toBe("returned");
  });

  test("the township clerk finds the send-back in the inbox, edits and resubmits", async ({ page }) => {
    await signInAs(page, staff.east.clerk, PASSWORD);
    await page.getByRole("link", { name: /^通知（\d+ 条未读）$/ }).click();
    await page.getByRole("link", { name: new RegExp(`被${COUNTY}退回修改（备案未通过）。原因：${REASON}`) }).click();
    await page.goto(`/staff/reports/${eastReport}/sections/overview`);
    await expect(page.getByRole("alert").filter({ hasText: `退回原因：${REASON}` })).toBeVisible();
    const editor = page.getByRole("textbox", { name: "一、总体情况 正文" });
    await editor.locator("p").last().click();
    await editor.press("Control+End");
    await editor.press("Enter");
    await editor.pressSequentially("依申请公开平均办理时限为8个工作日。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await page.goto(`/staff/reports/${eastReport}/submit`);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);
  });

  test("approved again, the county accepts it and the leader publishes; the history tells every step", async ({ page }) => {
    await approveAsLeader(page);

    await openFiling(page, EAST);
    await expect(page.getByText("依申请公开平均办理时限为8个工作日。")).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "备案通过" }).click();
    await expect(page.getByRole("status")).toContainText("已备案通过");
    expect(statusOf(eastReport)).toBe("approved");

    await signInAs(page, staff.east.leader, PASSWORD);
    await page.goto(`/staff/reports/${eastReport}/review`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.getByText("状态：已发布")).toBeVisible();
    await page.getByRole("link", { name: "历史记录" }).click();
    await expect(page.getByText(`${COUNTY}备案通过`)).toBeVisible();
    await expect(page.getByText(`${COUNTY}退回：${REASON}`)).toBeVisible();
    await expect(page.getByText(`审核批准，报送${COUNTY}备案`)).toHaveCount(2);
  });

  test("under 发布后备案 西岭镇 publishes at once and the county acknowledges the edition", async ({ page }) => {
    await signInAs(page, staff.west.leader, PASSWORD);
    await page.goto(`/staff/reports/${westReport}/review`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.getByText("状态：已发布")).toBeVisible();

    await openFiling(page, WEST);
    await expect(page.getByText("发布后备案（第 1 版）")).toBeVisible();
    await page.getByLabel("备注（可不填）").fill("已阅，数据与上年衔接。");
    await page.getByRole("button", { name: "确认备案" }).click();
    await expect(page.getByRole("status")).toContainText("已确认备案");
    await expect(page.getByRole("table", { name: "2025年度已办理的备案" }).getByRole("row").filter({ hasText: WEST })).toContainText("已确认备案");

    // 县级总览 says the same in its 备案 column; 东岭镇's 2024 report was accepted before publication.
    await nav(page).getByRole("link", { name: "县级总览" }).click();
    await page.getByLabel("报告年度").selectOption("2025");
    await page.getByRole("button", { name: "查看" }).click();
    const filingCell = (unit: string) => rowOf(page, unit).getByRole("cell").nth(4);
    await expect(page.getByRole("columnheader", { name: "备案" })).toBeVisible();
    await expect(filingCell(WEST)).toHaveText("已备案");
    await page.getByLabel("报告年度").selectOption("2024");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(filingCell(EAST)).toHaveText("已备案");
  });
});
