import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { insertUser, openTestDb, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { callServerAction, serverActionId } from "./support/server-actions";
import { signInAs } from "./support/personas";

/**
 * A clerk of 白沙乡 (whose latest report, 2023, is published) writes the 2024 report.
 * The steps build on each other, as a clerk's afternoon would.
 */
test.describe.serial("a clerk drafts next year's report", () => {
  const password = "Baisha-Clerk-2026";
  let username = "";
  let reportId = 0;
  const last = JSON.parse(fs.readFileSync("db/seed/reports/baisha-2023.json", "utf8"));

  const open = async (page: Page, section: string) => {
    await signInAs(page, username, password);
    await page.goto(`/staff/reports/${reportId}/sections/${section}`);
  };
  const cell = (page: Page, id: string) => page.locator(`#cell-${id.replaceAll(".", "-")}`);

  test.beforeAll(async () => {
    username = uniqueUsername("baisha.clerk");
    await insertUser({ username, password, role: "clerk", unitShortName: "白沙乡" });
  });

  test("a clerk creates next year's report and sees 上年结转 pre-filled from last year's 结转下年度继续办理", async ({ page }) => {
    await signInAs(page, username, password);
    await page.getByRole("button", { name: "新建年度报告（2024年）" }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/\d+\/sections\/preamble$/);
    reportId = Number(page.url().match(/reports\/(\d+)/)![1]);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("示例县白沙乡人民政府2024年政府信息公开工作年度报告");

    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /三、收到和处理/ }).click();
    for (const column of ["naturalPerson", "commercial", "research", "social", "legal", "otherOrg"]) {
      await expect(cell(page, `table3.${column}.carriedOver`)).toHaveValue(String(last.tables.table3[column].carriedForward));
    }
    // Last year's figures are shown beside the cells, not copied into them.
    await expect(cell(page, "table3.naturalPerson.newReceived")).toHaveValue("");
    await expect(page.locator('[data-cell-id="table3.naturalPerson.newReceived"]')).toContainText(
      `上年 ${last.tables.table3.naturalPerson.newReceived}`,
    );
  });

  test("typed narrative text is saved automatically and is there after a reload", async ({ page }) => {
    await open(page, "overview");
    const editor = page.getByRole("textbox", { name: "一、总体情况 正文" });
    await editor.click();
    await page.keyboard.type("2024年，白沙乡坚持以公开为常态，主动公开政府信息128条。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    await page.reload();
    await expect(page.getByRole("textbox", { name: "一、总体情况 正文" })).toContainText("主动公开政府信息128条");
    const row = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'overview'", reportId);
    expect(row?.html).toContain("主动公开政府信息128条");
  });

  test("computed totals follow the input, a wrong figure shows a finding naming the cell, fixing it clears it", async ({ page }) => {
    await open(page, "applications");
    const total = page.locator("#cell-table3-total-newReceived");
    await cell(page, "table3.naturalPerson.newReceived").fill("7");
    await cell(page, "table3.commercial.newReceived").fill("2");
    for (const column of ["research", "social", "legal", "otherOrg"]) await cell(page, `table3.${column}.newReceived`).fill("0");
    await expect(total).toHaveText("9");

    // 自然人: every outcome row 0, then 7 new + carried over, all granted, but carried forward wrong.
    const inputs = page.locator('input[id^="cell-table3-naturalPerson-results-"]');
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).fill("0");
    const carried = last.tables.table3.naturalPerson.carriedForward as number;
    await cell(page, "table3.naturalPerson.results.granted").fill(String(7 + carried));
    await cell(page, "table3.naturalPerson.carriedForward").fill("3");
    const findings = page.getByTestId("findings");
    await expect(findings.getByText(`“自然人”列`)).toContainText(`两者应相等`);
    await expect(page.locator('[data-cell-id="table3.naturalPerson.carriedForward"]')).toHaveClass(/ring-red-600/);

    await cell(page, "table3.naturalPerson.carriedForward").fill("0");
    await expect(page.locator('[data-cell-id="table3.naturalPerson.carriedForward"]')).not.toHaveClass(/ring-red-600/);
    await expect(findings.getByText(`“自然人”列`)).toHaveCount(0);
    await expect(page.locator("#cell-table3-naturalPerson-results-totalProcessed")).toHaveText(String(7 + carried));
  });

  test("full-width digits are accepted and letters are refused at the cell", async ({ page }) => {
    await open(page, "applications");
    await cell(page, "table3.research.results.granted").fill("１２");
    await expect(page.locator("#cell-table3-research-results-granted-error")).toHaveCount(0);
    await cell(page, "table3.social.results.granted").fill("3a");
    await expect(page.locator("#cell-table3-social-results-granted-error")).toHaveText("只能填写数字（不小于 0 的整数）");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    const stored = queryOne<{ cells: string }>("select cells from report_sections where report_id = ? and key = 'applications'", reportId);
    const table3 = JSON.parse(stored!.cells);
    expect(table3.research.results.granted).toBe(12);
    expect(table3.social.results.granted).toBeNull();
  });

  test("a section is marked complete and the progress shows it", async ({ page }) => {
    await open(page, "overview");
    await page.getByRole("button", { name: "标记为已完成" }).click();
    await expect(page.getByRole("button", { name: "取消“已完成”标记" })).toBeVisible();
    await expect(page.getByRole("link", { name: /一、总体情况/ })).toContainText("已完成");
    await expect(page.getByText("进度：已完成 1/7 节")).toBeVisible();
  });

  test("an earlier revision is restored as a new revision", async ({ page }) => {
    await open(page, "other");
    const editor = page.getByRole("textbox", { name: "六、其他需要报告的事项 正文" });
    await editor.click();
    await page.keyboard.type("本年度未收取信息处理费。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });

    // Another burst later: a second person-visible revision (simulated by ageing the first one).
    const sectionId = queryOne<{ id: number }>("select id from report_sections where report_id = ? and key = 'other'", reportId)!.id;
    const db = openTestDb();
    db.prepare("update section_revisions set updated_at = updated_at - 600000 where section_id = ?").run(sectionId);
    db.close();

    await page.reload();
    const again = page.getByRole("textbox", { name: "六、其他需要报告的事项 正文" });
    await expect(again).toContainText("本年度未收取信息处理费。");
    await again.click();
    await again.press("Control+a");
    await again.press("Delete");
    await again.pressSequentially("被误删后重写的内容。");
    await expect(again).toHaveText("被误删后重写的内容。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });

    await page.getByRole("link", { name: "本节历史版本" }).click();
    await expect(page.getByTestId("revision")).toHaveCount(2);
    // The older revision, compared with the current text: its words are shown as removed.
    await expect(page.getByTestId("text-diff").locator("del")).toHaveText("本年度未收取信息处理费");
    await expect(page.getByTestId("text-diff").locator("ins")).toHaveText("被误删后重写的内容");
    await page.getByRole("button", { name: "恢复此版本" }).click();
    await expect(page).toHaveURL(/sections\/other\?restored=1/);
    await expect(page.getByRole("textbox", { name: "六、其他需要报告的事项 正文" })).toContainText("本年度未收取信息处理费。");
    const count = queryOne<{ n: number }>("select count(*) as n from section_revisions where section_id = ?", sectionId)!.n;
    expect(count).toBe(3);
  });

  test("the preview shows the report as the public page will, with its tables and findings count", async ({ page }) => {
    await open(page, "overview");
    await page.getByRole("link", { name: "预览全文" }).click();
    await expect(page.getByRole("note").filter({ hasText: "草稿" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "示例县白沙乡人民政府2024年政府信息公开工作年度报告" })).toBeVisible();
    await expect(page.locator("table").filter({ hasText: "本年新收政府信息公开申请数量" })).toBeVisible();
    await expect(page.locator('[data-cell-id="table3.naturalPerson.newReceived"]')).toHaveText("7");
    // Cells not filled yet are counted apart from errors (issue 12).
    await expect(page.getByText(/未填 \d+ 格|个错误/).first()).toBeVisible();
    await expect(page.getByText("主动公开政府信息128条")).toBeVisible();
  });

  test("a clerk of another town cannot open or save this report, and nothing changes", async ({ page, baseURL }) => {
    await signInAs(page, "liuxi.clerk");
    const response = await page.goto(`/staff/reports/${reportId}/sections/overview`);
    expect(response?.status()).toBe(404);

    const before = tablesChecksum(["reports", "report_sections", "section_revisions"]);
    const version = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'overview'", reportId)!.version;
    const save = await page.context().request.put(`/api/reports/${reportId}/sections/overview`, {
      headers: { Origin: baseURL! },
      data: { baseVersion: version, html: "<p>柳溪镇改写</p>" },
    });
    expect(save.status()).toBe(404);
    expect((await save.json()).message).toBe("未找到该内容。");
    const complete = await callServerAction(
      page.context().request,
      "/staff",
      serverActionId("app/(staff)/staff/reports/[id]/actions.ts", "setSectionCompletedAction"),
      [reportId, "overview", false],
      baseURL!,
    );
    expect(await complete.text()).toContain("未找到该内容。");
    expect(tablesChecksum(["reports", "report_sections", "section_revisions"])).toBe(before);
  });

  test("a script pasted into a narrative, or sent directly, never survives the save", async ({ page, baseURL }) => {
    await open(page, "problems");
    const editor = page.getByRole("textbox", { name: "五、存在的主要问题及改进情况 正文" });
    await editor.click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData("text/html", '<p>粘贴的问题说明</p><script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"><p onclick="alert(1)"><b>加粗</b></p>');
      data.setData("text/plain", "粘贴的问题说明");
      document.activeElement?.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(editor).toContainText("粘贴的问题说明");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A hand-made request that bypasses the editor is sanitised on the server.
    const version = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'problems'", reportId)!.version;
    const direct = await page.context().request.put(`/api/reports/${reportId}/sections/problems`, {
      headers: { Origin: baseURL! },
      data: { baseVersion: version, html: '<p>直接提交</p><script>alert(1)</script><p onmouseover="alert(2)">x</p><a href="javascript:alert(3)">链接</a>' },
    });
    expect(direct.ok()).toBe(true);
    const html = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'problems'", reportId)!.html;
    expect(html).toContain("直接提交");
    expect(html).not.toMatch(/<script|onmouseover|javascript:|onerror|onclick/i);
  });
});

test("an autosave from another site (foreign or null Origin) is refused and changes nothing", async ({ page, baseURL }) => {
  await signInAs(page, "qingshi.clerk");
  const reportId = queryOne<{ id: number }>(
    "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2024",
  )!.id;
  const before = tablesChecksum(["report_sections", "section_revisions"]);
  const version = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'preamble'", reportId)?.version ?? 1;
  for (const origin of ["https://evil.example", "null"]) {
    const response = await page.context().request.put(`/api/reports/${reportId}/sections/preamble`, {
      headers: { Origin: origin },
      data: { baseVersion: version, html: "<p>跨站写入</p>" },
    });
    expect(response.status()).toBe(403);
  }
  const formPost = await page.context().request.put(`/api/reports/${reportId}/sections/preamble`, {
    headers: { Origin: baseURL!, "Content-Type": "application/x-www-form-urlencoded" },
    data: "baseVersion=1&html=x",
  });
  expect(formPost.status()).toBe(400);
  expect(tablesChecksum(["report_sections", "section_revisions"])).toBe(before);
});
