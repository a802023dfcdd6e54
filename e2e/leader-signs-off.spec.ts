import { expect, test, type Page } from "@playwright/test";
import { openTestDb, queryOne } from "./support/db";
import { signInAs } from "./support/personas";

/**
 * The history of a report and its 审签单. The approval of 青石镇's 2024 draft is written
 * straight into the database (the sheet only needs the recorded steps) and removed afterwards,
 * so the other specs still see an unapproved draft.
 */

const reportIdOf = (year: number) =>
  queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = ?", year)!.id;
const userIdOf = (username: string) => queryOne<{ id: number }>("select id from users where username = ?", username)!.id;

/** China local "YYYY-MM-DD HH:mm" → epoch ms. */
const cn = (local: string) => Date.parse(`${local.replace(" ", "T")}:00+08:00`);

function insertTransition(values: { reportId: number; from: string; to: string; actorId: number | null; at: number; reason?: string; details?: object }): number {
  const db = openTestDb();
  try {
    const result = db
      .prepare("insert into report_transitions (report_id, from_status, to_status, actor_id, created_at, reason, details) values (?, ?, ?, ?, ?, ?, ?)")
      .run(values.reportId, values.from, values.to, values.actorId, values.at, values.reason ?? null, values.details ? JSON.stringify(values.details) : null);
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}

/** The value cell of the sheet's row with this label. */
const field = (page: Page, label: string) =>
  page
    .getByTestId("sign-off-sheet")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: label, exact: true }) })
    .getByRole("cell");

test.describe("the history of the imported 2023 report", () => {
  test("a leader of the town sees its publication with the 索引号 in the report's history", async ({ page }) => {
    const reportId = reportIdOf(2023);
    const indexNo = queryOne<{ index_no: string }>("select index_no from reports where id = ?", reportId)!.index_no;
    expect(indexNo).toBe("11339999MB0A12318P/2024-00201");
    await signInAs(page, "qingshi.leader");
    await page.goto(`/staff/reports/${reportId}/history`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("示例县青石镇人民政府2023年政府信息公开工作年度报告");
    const timeline = page.getByRole("list", { name: "历史记录" });
    const publication = timeline.getByRole("listitem").filter({ hasText: `索引号 ${indexNo}` });
    await expect(publication).toHaveCount(1);
    await expect(publication).toContainText(`从档案导入：发布第 1 版，索引号 ${indexNo}`);
    await expect(publication.locator("time")).toHaveText("2024-01-16 09:30");
    // An imported archive was never approved here: no 审签单 to link to.
    await expect(page.getByRole("link", { name: "审签单" })).toHaveCount(0);

    await page.getByRole("link", { name: /^保存（/ }).click();
    await expect(page).toHaveURL(/\?kind=save$/);
    await expect(page.getByRole("link", { name: /^保存（/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(`索引号 ${indexNo}`)).toHaveCount(0);
    await page.getByRole("link", { name: /^流程（/ }).click();
    await expect(page.getByRole("list", { name: "历史记录" }).getByRole("listitem").filter({ hasText: `索引号 ${indexNo}` })).toHaveCount(1);
  });

  test("a clerk of another town gets 404 for the history", async ({ page }) => {
    await signInAs(page, "liuxi.clerk");
    const response = await page.goto(`/staff/reports/${reportIdOf(2023)}/history`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("索引号")).toHaveCount(0);
  });

  test("an imported report that was never approved here has no 审签单", async ({ page }) => {
    await signInAs(page, "qingshi.leader");
    const response = await page.goto(`/staff/reports/${reportIdOf(2023)}/sign-off`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "没有可显示的审签单" })).toBeVisible();
  });
});

test.describe.serial("the 审签单 of an approved report", () => {
  const opinion = "同意公开。报告数据经核实无误。";
  let reportId = 0;
  const inserted: number[] = [];

  test.beforeAll(() => {
    reportId = reportIdOf(2024);
    const clerk = userIdOf("qingshi.clerk");
    const leader = userIdOf("qingshi.leader");
    inserted.push(
      insertTransition({ reportId, from: "draft", to: "submitted", actorId: clerk, at: cn("2025-01-15 10:00"), details: { explanations: [] } }),
      insertTransition({ reportId, from: "submitted", to: "approved", actorId: leader, at: cn("2025-01-16 15:30"), reason: opinion, details: { writtenOn: "2025-01-16" } }),
    );
  });

  test.afterAll(() => {
    const db = openTestDb();
    try {
      const remove = db.prepare("delete from report_transitions where id = ?");
      for (const id of inserted) remove.run(id);
    } finally {
      db.close();
    }
  });

  test("the leader opens the sheet from the history and finds every field of the approval", async ({ page }) => {
    const title = queryOne<{ title: string }>("select title from reports where id = ?", reportId)!.title;
    await signInAs(page, "qingshi.leader");
    await page.goto(`/staff/reports/${reportId}/history?kind=workflow`);
    const approval = page.getByRole("list", { name: "历史记录" }).getByRole("listitem").filter({ hasText: "吴镇长 审核批准" });
    await expect(approval).toContainText(`审核意见：${opinion}`);
    await expect(approval).toContainText("成文日期：2025-01-16");
    await expect(page.getByRole("list", { name: "历史记录" }).getByRole("listitem").filter({ hasText: "周文书 提交审核" })).toHaveCount(1);

    await page.getByRole("link", { name: "审签单" }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/reports/${reportId}/sign-off$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("政府信息公开工作年度报告审签单");
    await expect(field(page, "报告标题")).toHaveText(title);
    await expect(field(page, "单位")).toHaveText("示例县青石镇人民政府");
    await expect(field(page, "填报人")).toHaveText("周文书");
    await expect(field(page, "提交时间")).toHaveText("2025年1月15日 10:00");
    await expect(field(page, "审核领导")).toHaveText("吴镇长");
    await expect(field(page, "审核意见")).toHaveText(opinion);
    await expect(field(page, "批准时间")).toHaveText("2025年1月16日 15:30");
    await expect(field(page, "成文日期")).toHaveText("2025年1月16日");
    await expect(field(page, "公开属性")).toHaveText("主动公开");
    await expect(field(page, "保密审查")).toHaveText("经审查，不涉及国家秘密。（审查人：吴镇长，2025年1月16日 15:30）");
    // Not yet published: the 索引号 is generated at publication, and there is no 发布时间.
    await expect(field(page, "索引号")).toHaveText("发布时生成");
    await expect(page.getByRole("rowheader", { name: "发布时间" })).toHaveCount(0);
    const lines = page.getByTestId("sign-off-lines");
    await expect(lines.getByText(/^拟稿：/)).toHaveText("拟稿：周文书　2025年1月15日");
    await expect(lines.getByText(/^审核：/)).toHaveText("审核：＿＿＿＿＿＿　日期：＿＿＿＿＿＿");
    await expect(lines.getByText(/^签发：/)).toHaveText("签发：吴镇长　2025年1月16日");
  });

  test("once published the sheet shows the 索引号 and 发布时间", async ({ page }) => {
    inserted.push(
      insertTransition({
        reportId,
        from: "approved",
        to: "published",
        actorId: userIdOf("qingshi.leader"),
        at: cn("2025-01-17 09:00"),
        details: { indexNo: "11339999MB0A12318P/2025-09999", sha256: "0".repeat(64), imported: false },
      }),
    );
    await signInAs(page, "qingshi.clerk");
    await page.goto(`/staff/reports/${reportId}/sign-off`);
    await expect(field(page, "填报人")).toHaveText("周文书");
    await expect(field(page, "索引号")).toHaveText("11339999MB0A12318P/2025-09999");
    await expect(field(page, "发布时间")).toHaveText("2025年1月17日 09:00");
  });

  test("the 打印 button opens the print dialog and is not printed itself", async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await signInAs(page, "qingshi.leader");
    await page.goto(`/staff/reports/${reportId}/sign-off`);
    await page.getByRole("button", { name: "打印" }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("button", { name: "打印" })).toBeHidden();
    await expect(page.getByRole("heading", { name: "政府信息公开工作年度报告审签单" })).toBeVisible();
  });

  // One sign-in per test: the sign-in page sends a signed-in person straight to the workspace.
  for (const [who, username] of [
    ["a clerk of another town", "liuxi.clerk"],
    ["the administrator", "admin"],
  ] as const) {
    test(`${who} gets 404 for the sheet`, async ({ page }) => {
      await signInAs(page, username);
      const response = await page.goto(`/staff/reports/${reportId}/sign-off`);
      expect(response?.status()).toBe(404);
      await expect(page.getByText("周文书")).toHaveCount(0);
      await expect(page.getByText(opinion)).toHaveCount(0);
    });
  }
});
