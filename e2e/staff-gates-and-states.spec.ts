import { expect, test, type Page } from "@playwright/test";
import { insertUser, openTestDb, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { callServerAction, serverActionId } from "./support/server-actions";

/**
 * Issue 12, "gates and states": a section is done only when it is written and correct; the
 * submit page is a checklist; the report's marker says where the report really is; every
 * decision asks first and confirms afterwards; a new account needs a chosen role.
 */

const REPORT_ACTIONS = "app/(staff)/staff/reports/[id]/actions.ts";
const SECTION_TABLES = ["report_sections", "section_revisions"];

const status = (reportId: number) => queryOne<{ status: string }>("select status from reports where id = ?", reportId)!.status;
const completed = (reportId: number, key: string) =>
  queryOne<{ completed: number }>("select completed from report_sections where report_id = ? and key = ?", reportId, key)!.completed === 1;
const marker = (page: Page) => page.getByRole("note", { name: "报告状态提示" });
const sectionLink = (page: Page, name: RegExp) => page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name });
const cell = (page: Page, id: string) => page.locator(`#cell-${id.replaceAll(".", "-")}`);

/** Explains both 规章 warnings of the township draft. */
async function explainAll(page: Page) {
  const boxes = page.getByRole("textbox", { name: /规章/ });
  await expect(boxes).toHaveCount(2);
  for (let i = 0; i < 2; i++) await boxes.nth(i).fill("本乡受县政府委托转发规章一件，已核实。");
}

test.describe.serial("a report through its gates: done means written and correct, every step says what happened", () => {
  const password = "Gates-Staff-2026";
  let clerk = "";
  let leader = "";
  let reportId = 0;
  let carried = 0;

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft("关口乡", 50));
    clerk = uniqueUsername("guankou.clerk");
    leader = uniqueUsername("guankou.leader");
    await insertUser({ username: clerk, password, role: "clerk", unitShortName: "关口乡" });
    await insertUser({ username: leader, password, role: "leader", unitShortName: "关口乡" });
    // Section 五 not written yet, table 三 not yet marked complete.
    const db = openTestDb();
    db.prepare("update report_sections set html = '', completed = 0 where report_id = ? and key = 'problems'").run(reportId);
    db.prepare("update report_sections set completed = 0 where report_id = ? and key = 'applications'").run(reportId);
    const cells = JSON.parse((db.prepare("select cells from report_sections where report_id = ? and key = 'applications'").get(reportId) as { cells: string }).cells);
    carried = cells.naturalPerson.carriedForward;
    db.close();
  });

  test("an empty section cannot be marked complete, in the editor or on the server, and the preview counts it", async ({ page, baseURL }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/problems`);
    await page.getByRole("button", { name: "标记为已完成" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "本部分尚未填写，不能标记为已完成" })).toBeVisible();
    await expect(page.getByRole("button", { name: "标记为已完成" })).toBeVisible();
    await expect(sectionLink(page, /五、存在的主要问题/)).not.toContainText("已完成");
    expect(completed(reportId, "problems")).toBe(false);

    // The same request sent straight to the server is refused the same way and changes nothing.
    const before = tablesChecksum(SECTION_TABLES);
    const response = await callServerAction(page.context().request, `/staff/reports/${reportId}/sections/problems`, serverActionId(REPORT_ACTIONS, "setSectionCompletedAction"), [reportId, "problems", true], baseURL!);
    expect(await response.text()).toContain("本部分尚未填写，不能标记为已完成");
    expect(tablesChecksum(SECTION_TABLES)).toBe(before);

    // The preview's verdict does not call an unwritten report flawless.
    await page.getByRole("link", { name: "预览全文" }).click();
    await expect(page.getByText("（本部分尚未填写）")).toBeVisible();
    await expect(marker(page)).toContainText("校验结果：1 个部分尚未填写");
    await expect(marker(page)).not.toContainText("未发现问题");
  });

  test("a table with an error cannot be marked complete; corrected, it can", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/applications`);
    await cell(page, "table3.naturalPerson.carriedForward").fill(String(carried + 1));
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await page.getByRole("button", { name: "标记为已完成" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /本部分还有 \d+ 个错误，改正后才能标记为已完成/ })).toBeVisible();
    expect(completed(reportId, "applications")).toBe(false);

    await cell(page, "table3.naturalPerson.carriedForward").fill(String(carried));
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await page.getByRole("button", { name: "标记为已完成" }).click();
    await expect(page.getByRole("button", { name: "取消“已完成”标记" })).toBeVisible();
    await expect(sectionLink(page, /三、收到和处理/)).toContainText("已完成");
    expect(completed(reportId, "applications")).toBe(true);
  });

  test("the submit page is a checklist: sections with their state, errors, warnings explained, the reviewers by name", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/overview`);
    await page.getByRole("link", { name: "提交审核" }).click();
    const sections = page.getByRole("list", { name: "各部分状态" }).getByRole("listitem");
    await expect(sections).toHaveCount(7);
    await expect(sections.filter({ hasText: "五、存在的主要问题" })).toContainText("本部分尚未填写");
    await expect(sections.filter({ hasText: "五、存在的主要问题" })).toContainText(/未开始|编辑中/);
    await expect(sections.filter({ hasText: "一、总体情况" })).toContainText("已完成");
    await expect(page.getByRole("region", { name: "2. 错误（须全部改正）" })).toContainText("没有错误");
    await expect(page.getByRole("region", { name: "3. 审核人" })).toContainText(`测试${leader}`);
    await expect(page.getByText("检查的是：无规章制定权的单位规章各栏为 0").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "提交审核" })).toBeDisabled();

    // Written and marked complete, the checklist is all done and the report can go.
    await sections.filter({ hasText: "五、存在的主要问题" }).getByRole("link").click();
    const editor = page.getByRole("textbox", { name: "五、存在的主要问题及改进情况 正文" });
    await editor.click();
    await editor.pressSequentially(
      "上年度报告所列政策解读形式单一的问题已整改，本年度采用图解、问答等方式解读政策。存在的主要问题是主动公开的及时性有待提高，部分信息发布滞后。明年将建立发布前核对制度，明确各环节时限，确保信息及时准确公开。",
    );
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await page.getByRole("button", { name: "标记为已完成" }).click();
    await expect(page.getByRole("button", { name: "取消“已完成”标记" })).toBeVisible();
    await page.getByRole("link", { name: "提交审核" }).click();
    await expect(page.getByRole("heading", { name: "1. 各部分（已完成 7/7）" })).toBeVisible();
    await explainAll(page);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);
    await expect(page.getByRole("status").filter({ hasText: `已提交审核，等待 测试${leader} 审核` })).toBeVisible();
    await expect(marker(page)).toContainText("待审核 · 预览");
    await expect(marker(page)).not.toContainText("草稿");
    expect(status(reportId)).toBe("submitted");
  });

  test("return asks first (取消 changes nothing) and confirms afterwards", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await page.getByLabel("退回原因（填报员可见）").fill("请补充第五部分的整改时限。");
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "退回" }).click();
    await expect.poll(() => asked).toContain("确定退回");
    await expect(page.getByRole("status").filter({ hasText: "已退回修改" })).toHaveCount(0);
    await expect(page.getByLabel("退回原因（填报员可见）")).toHaveValue("请补充第五部分的整改时限。");
    expect(status(reportId)).toBe("submitted");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "退回" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已退回修改" })).toBeVisible();
    await expect(marker(page)).toContainText("退回修改 · 预览");
    expect(status(reportId)).toBe("returned");

    // The clerk resubmits; an explanation typed is kept when the other one is still missing.
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/submit`);
    const boxes = page.getByRole("textbox", { name: /规章/ });
    await boxes.first().fill("本乡受县政府委托转发规章一件。");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "请填写说明。" })).toHaveCount(1);
    await expect(boxes.first()).toHaveValue("本乡受县政府委托转发规章一件。");
    await explainAll(page);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已提交审核" })).toBeVisible();
  });

  test("approve asks first and confirms; publish confirms and the marker links to the public page", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await expect(marker(page)).toContainText("待审核 · 预览");
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "批准" }).click();
    await expect.poll(() => asked).toContain("确定批准");
    expect(status(reportId)).toBe("submitted");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "批准" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已批准" })).toBeVisible();
    await expect(marker(page)).toContainText("已批准 · 预览");
    await expect(marker(page)).not.toContainText("草稿");
    expect(status(reportId)).toBe("approved");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "发布" }).click();
    const done = page.getByRole("status").filter({ hasText: "已发布" });
    await expect(done).toBeVisible();
    await expect(done.getByRole("link", { name: "查看公开页面" })).toBeVisible();
    await expect(marker(page)).toContainText("已发布");
    await expect(marker(page)).not.toContainText("尚未对外公开");
    await expect(marker(page)).not.toContainText("草稿");
    expect(status(reportId)).toBe("published");

    // The marker stays true on a later visit, and its link leads to what citizens read.
    await page.goto(`/staff/reports/${reportId}/review`);
    await expect(page.getByRole("status").filter({ hasText: "已发布" })).toHaveCount(0);
    await marker(page).getByRole("link", { name: "查看公开页面" }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/${reportId}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("示例县关口乡人民政府2024年政府信息公开工作年度报告");
  });
});

test.describe("an admin's account decisions", () => {
  test("停用账号 asks first: 取消 keeps the account active, 确定 deactivates it and says so", async ({ page }) => {
    const username = uniqueUsername("tingyong");
    const id = await insertUser({ username, password: "Tingyong-Soon-2026", role: "clerk", unitShortName: "青石镇" });
    await signInAs(page, PERSONAS.admin);
    await page.goto(`/staff/admin/users/${id}`);
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole("button", { name: "停用账号" }).click();
    await expect.poll(() => asked).toContain(`确定停用 ${username} 的账号`);
    expect(queryOne<{ active: number }>("select active from users where id = ?", id)!.active).toBe(1);
    await expect(page.getByRole("button", { name: "停用账号" })).toBeVisible();

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "停用账号" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已停用" })).toBeVisible();
    expect(queryOne<{ active: number }>("select active from users where id = ?", id)!.active).toBe(0);
  });

  test("a new user's role must be chosen: left at 请选择 it is refused at the field and nobody is created", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/users");
    await page.getByRole("link", { name: "新建用户" }).click();
    const username = uniqueUsername("norole");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("姓名").fill("未定角色");
    await expect(page.getByLabel("角色")).toHaveValue("");
    await page.getByLabel("所属单位").selectOption({ label: "示例县青石镇人民政府" });
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page.locator("#role-error")).toHaveText(/请选择角色/);
    await expect(page.getByLabel("角色")).toHaveAttribute("aria-invalid", "true");
    expect(queryOne("select id from users where username = ?", username)).toBeUndefined();

    await page.getByLabel("角色").selectOption({ label: "审核领导" });
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page.getByTestId("temporary-password")).toBeVisible();
    expect(queryOne<{ role: string }>("select role from users where username = ?", username)?.role).toBe("leader");
  });
});
