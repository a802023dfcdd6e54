import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { insertUser, openTestDb, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { caretToEnd } from "./support/editor";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { ExtraServer } from "./support/server";
import { callServerAction, serverActionId } from "./support/server-actions";
import { chinaYear } from "../lib/time";

const ACTIONS = "app/(staff)/staff/reports/[id]/review/actions.ts";
const WORKFLOW_TABLES = ["reports", "report_sections", "report_transitions", "report_editions", "review_comments"];

/** Every warning (here: the two 规章 cells of a township) gets the same explanation. */
async function explainAll(page: Page, explanation: string) {
  const boxes = page.getByRole("textbox", { name: /规章/ });
  await expect(boxes).toHaveCount(2);
  for (let i = 0; i < 2; i++) await boxes.nth(i).fill(explanation);
}

/** China local time a minute or two from now, as a datetime-local value. */
function inTwoMinutes(): string {
  return new Date(Date.now() + 8 * 3_600_000 + 120_000).toISOString().slice(0, 16);
}

test.describe.serial("the whole path from draft to publication, correction and withdrawal", () => {
  const password = "Shimen-Staff-2026";
  let clerk = "";
  let leader = "";
  let reportId = 0;
  let orgCode = "";

  test.beforeAll(async () => {
    const created = await createTownshipWithCompleteDraft("石门乡", 1);
    reportId = created.reportId;
    orgCode = created.orgCode;
    clerk = uniqueUsername("shimen.clerk");
    leader = uniqueUsername("shimen.leader");
    await insertUser({ username: clerk, password, role: "clerk", unitShortName: "石门乡" });
    await insertUser({ username: leader, password, role: "leader", unitShortName: "石门乡" });
  });

  const submit = async (page: Page, explanation: string) => {
    await page.goto(`/staff/reports/${reportId}/submit`);
    await explainAll(page, explanation);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);
    await expect(page.getByText("状态：待审核")).toBeVisible();
  };

  test("the clerk submits; every remaining warning needs an explanation", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/submit`);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "请填写说明。" })).toHaveCount(2);
    expect(queryOne<{ status: string }>("select status from reports where id = ?", reportId)?.status).toBe("draft");
    await submit(page, "本乡受县政府委托转发规章一件，已核实。");
  });

  test("a clerk cannot approve, and a leader of another town cannot even see the submission", async ({ page, baseURL }) => {
    await signInAs(page, clerk, password);
    const before = tablesChecksum(WORKFLOW_TABLES);
    const response = await callServerAction(page.context().request, "/staff", serverActionId(ACTIONS, "approveReportAction"), [reportId, { opinion: "自己批准", writtenOn: "2025-01-20" }], baseURL!);
    expect(await response.text()).toContain("只有本单位的审核领导可以执行此操作。");
    expect(tablesChecksum(WORKFLOW_TABLES)).toBe(before);

    await signInAs(page, "liuxi.leader");
    expect((await page.goto(`/staff/reports/${reportId}/review`))?.status()).toBe(404);
    for (const [name, args] of [
      ["approveReportAction", [reportId, { opinion: "越权", writtenOn: "2025-01-20" }]],
      ["returnReportAction", [reportId, { reason: "越权" }]],
      ["addCommentAction", [reportId, { sectionKey: "overview", body: "越权" }]],
      ["withdrawReportAction", [reportId, { reason: "越权" }]],
    ] as const) {
      const r = await callServerAction(page.context().request, "/staff", serverActionId(ACTIONS, name), [...args], baseURL!);
      expect(await r.text(), name).toContain("未找到该内容。");
    }
    expect(tablesChecksum(WORKFLOW_TABLES)).toBe(before);
  });

  test("the leader sees the explanation, comments on a section and returns the report with a reason", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await expect(page.getByTestId("explanations")).toContainText("本乡受县政府委托转发规章一件，已核实。");
    const overview = page.getByTestId("comments-overview");
    await overview.getByLabel("对本节提出意见").fill("请补充依申请公开的平均办理时限。");
    await overview.getByRole("button", { name: "发表意见" }).click();
    await expect(overview).toContainText("请补充依申请公开的平均办理时限。");
    await page.getByLabel("退回原因（填报员可见）").fill("第一部分缺少办理时限说明。");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "退回" }).click();
    await expect(page.getByText("状态：退回修改")).toBeVisible();
  });

  test("the clerk sees the reason and the comment, fixes the section, resolves the comment and resubmits", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/overview`);
    await expect(page.getByRole("alert").filter({ hasText: "退回原因：第一部分缺少办理时限说明。" })).toBeVisible();
    const thread = page.getByTestId("comments-overview");
    await expect(thread).toContainText("请补充依申请公开的平均办理时限。");
    const editor = page.getByRole("textbox", { name: "一、总体情况 正文" });
    await caretToEnd(page, editor);
    await editor.press("Enter");
    await editor.pressSequentially("依申请公开平均办理时限为8个工作日。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await thread.getByRole("button", { name: "标记为已处理" }).click();
    await expect(thread).toContainText("已处理");
    await submit(page, "本乡受县政府委托转发规章一件，已核实。");
  });

  test("the leader sees exactly the change, approves with an opinion and schedules publication", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    const changes = page.getByTestId("changes-since-review");
    await expect(changes.locator("ins")).toContainText(["依申请公开平均办理时限为8个工作日。"]);
    await expect(changes.locator("del")).toHaveCount(0);
    await expect(changes.getByTestId("cell-diff")).toHaveCount(0);

    await page.getByLabel("审核意见", { exact: true }).fill("同意发布。");
    await page.getByLabel("成文日期").fill("2025-01-20");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "批准" }).click();
    await expect(page.getByText("状态：已批准")).toBeVisible();

    // A time in the past is refused at the field; nothing changes.
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByLabel("定时发布（北京时间，留空则立即发布）").fill("2020-01-01T09:00");
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.locator("#publish-scheduleAt-error")).toHaveText("定时发布的时间必须晚于现在。");
    expect(queryOne<{ status: string }>("select status from reports where id = ?", reportId)?.status).toBe("approved");

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByLabel("定时发布（北京时间，留空则立即发布）").fill(inTwoMinutes());
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.getByText("状态：定时发布")).toBeVisible();
    await expect(page.getByText(/已定于 .* 自动发布/)).toBeVisible();
  });

  test("when its time has come the scheduler publishes it once, also across a restart", async () => {
    test.setTimeout(90_000);
    // Let the scheduled time pass.
    const db = openTestDb();
    db.prepare("update reports set scheduled_at = ? where id = ?").run(Date.now() - 1000, reportId);
    db.close();
    const server = new ExtraServer(2);
    try {
      await server.start(); // the start-up check publishes due reports
      await expect.poll(() => queryOne<{ status: string }>("select status from reports where id = ?", reportId)?.status, { timeout: 30_000 }).toBe("published");
      await server.kill();
      await server.start();
    } finally {
      await server.kill();
    }
    expect(queryOne<{ n: number }>("select count(*) as n from report_editions where report_id = ?", reportId)?.n).toBe(1);
    expect(queryOne<{ n: number }>("select count(*) as n from report_transitions where report_id = ? and to_status = 'published'", reportId)?.n).toBe(1);
    const edition = queryOne<{ snapshot: string; sha256: string }>("select snapshot, sha256 from report_editions where report_id = ?", reportId)!;
    expect(crypto.createHash("sha256").update(edition.snapshot, "utf8").digest("hex")).toBe(edition.sha256);
    const snapshot = JSON.parse(edition.snapshot);
    // The 2024 report gets the 索引号 of the year it is published in (issue 12).
    expect(snapshot.metadata.indexNo).toBe(`${orgCode}/${chinaYear(new Date())}-00001`);
    expect(snapshot.metadata.writtenOn).toBe("2025-01-20");
    expect(snapshot.sections.find((s: { key: string }) => s.key === "overview").html).toContain("依申请公开平均办理时限为8个工作日。");
  });

  test("the leader starts a correction; it is approved and published with a change note, the first edition kept", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await expect(page.getByText(`索引号：${orgCode}/${chinaYear(new Date())}-00001`)).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "修订" }).click();
    await expect(page.getByText("状态：草稿")).toBeVisible();

    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/other`);
    const editor = page.getByRole("textbox", { name: "六、其他需要报告的事项 正文" });
    await caretToEnd(page, editor);
    await editor.press("Enter");
    await editor.pressSequentially("更正：本年度发出收费通知0件。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await submit(page, "本乡受县政府委托转发规章一件，已核实。");

    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await expect(page.getByTestId("changes-since-published").locator("ins")).toContainText(["更正：本年度发出收费通知0件。"]);
    await page.getByLabel("审核意见", { exact: true }).fill("同意更正。");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "批准" }).click();
    await expect(page.getByText("状态：已批准")).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "请填写修订说明" })).toBeVisible();
    await page.getByLabel("修订说明（将在公开页面显示）").fill("补充了信息处理费情况。");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.getByText("状态：已发布")).toBeVisible();

    const editions = openTestDb().prepare("select edition, change_note, snapshot from report_editions where report_id = ? order by edition").all(reportId) as {
      edition: number;
      change_note: string | null;
      snapshot: string;
    }[];
    expect(editions.map((e) => e.edition)).toEqual([1, 2]);
    expect(editions[1]!.change_note).toBe("补充了信息处理费情况。");
    expect(JSON.parse(editions[1]!.snapshot).metadata.indexNo).toBe(`${orgCode}/${chinaYear(new Date())}-00001`);
    expect(editions[0]!.snapshot).not.toContain("更正：本年度发出收费通知0件。");
  });

  test("the leader withdraws it with a public reason", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await page.getByLabel("撤回原因（将在公开页面显示）").fill("数据口径需重新核实。");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "撤回" }).click();
    await expect(page.getByText("状态：已撤回")).toBeVisible();
    const row = queryOne<{ withdraw_reason: string; index_no: string }>("select withdraw_reason, index_no from reports where id = ?", reportId)!;
    expect(row).toEqual({ withdraw_reason: "数据口径需重新核实。", index_no: `${orgCode}/${chinaYear(new Date())}-00001` });
  });
});

test.describe("refusals", () => {
  test("submission is blocked by a rule error, and the finding is shown", async ({ page, baseURL }) => {
    await signInAs(page, "qingshi.clerk");
    const reportId = queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2024")!.id;
    await page.goto(`/staff/reports/${reportId}/submit`);
    await expect(page.getByTestId("blocking-errors")).toContainText("未填写");
    await expect(page.getByRole("button", { name: "提交审核" })).toBeDisabled();
    const before = tablesChecksum(WORKFLOW_TABLES);
    const r = await callServerAction(page.context().request, "/staff", serverActionId(ACTIONS, "submitReportAction"), [reportId, {}], baseURL!);
    expect(await r.text()).toMatch(/还有 \d+ 节未标记为已完成|个错误/);
    expect(tablesChecksum(WORKFLOW_TABLES)).toBe(before);
  });

  test("a leader who edited the report in this round cannot approve it", async ({ page, baseURL }) => {
    const { reportId } = await createTownshipWithCompleteDraft("石桥镇", 2);
    const password = "Shiqiao-Staff-2026";
    const clerk = uniqueUsername("shiqiao.clerk");
    const leader = uniqueUsername("shiqiao.leader");
    await insertUser({ username: clerk, password, role: "clerk", unitShortName: "石桥镇" });
    const leaderId = await insertUser({ username: leader, password, role: "leader", unitShortName: "石桥镇" });
    // The leader edited a section in this round (e.g. while they still were a clerk).
    const db = openTestDb();
    const sectionId = (db.prepare("select id from report_sections where report_id = ? and key = 'overview'").get(reportId) as { id: number }).id;
    db.prepare("insert into section_revisions (section_id, version, html, author_id, updated_at) values (?, 2, '<p>x</p>', ?, ?)").run(sectionId, leaderId, Date.now());
    db.close();

    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/submit`);
    await explainAll(page, "已核实。");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);

    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    await expect(page.getByRole("note").filter({ hasText: "职责分离" })).toBeVisible();
    await expect(page.getByRole("button", { name: "批准" })).toHaveCount(0);
    const before = tablesChecksum(WORKFLOW_TABLES);
    const r = await callServerAction(page.context().request, "/staff", serverActionId(ACTIONS, "approveReportAction"), [reportId, { opinion: "同意", writtenOn: "2025-01-20" }], baseURL!);
    expect(await r.text()).toContain("不能由您审核批准");
    expect(tablesChecksum(WORKFLOW_TABLES)).toBe(before);
  });
});
