import { expect, test } from "@playwright/test";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { signIn } from "./support/personas";
import { ExtraServer } from "./support/server";

test.describe("nothing a clerk types is lost", () => {
  test("with the server stopped mid-edit the page shows 保存失败, and after restart the text is saved without retyping", async ({ page }) => {
    test.setTimeout(120_000);
    const server = new ExtraServer(1);
    await server.start();
    try {
      const username = uniqueUsername("liuxi.clerk");
      const password = "Liuxi-Clerk-2026";
      await insertUser({ username, password, role: "clerk", unitShortName: "柳溪镇" });
      const reportId = queryOne<{ id: number }>(
        "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '柳溪镇' and r.year = 2024",
      )!.id;

      await page.goto(`${server.url}/login`);
      await signIn(page, username, password);
      await page.waitForURL(/\/staff/);
      await page.goto(`${server.url}/staff/reports/${reportId}/sections/problems`);
      const editor = page.getByRole("textbox", { name: "五、存在的主要问题及改进情况 正文" });
      await editor.click();
      await editor.press("End");
      await editor.pressSequentially("第一段，在服务器停止前写下。");
      await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });

      await server.kill();
      await editor.pressSequentially("第二段，服务器已经停止。");
      await expect(page.getByTestId("save-status")).toContainText("保存失败 – 正在重试", { timeout: 15_000 });

      await server.start();
      await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 30_000 });
      const html = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'problems'", reportId)!.html;
      expect(html).toContain("第一段，在服务器停止前写下。");
      expect(html).toContain("第二段，服务器已经停止。");
    } finally {
      await server.kill();
    }
  });

  test("two people edit the same section: the second save gets the conflict view and neither text is lost", async ({ browser }) => {
    const first = uniqueUsername("qingshi.a");
    const second = uniqueUsername("qingshi.b");
    const password = "Qingshi-Clerk-2026";
    await insertUser({ username: first, password, role: "clerk", unitShortName: "青石镇" });
    await insertUser({ username: second, password, role: "clerk", unitShortName: "青石镇" });
    const reportId = queryOne<{ id: number }>(
      "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2024",
    )!.id;
    const url = `/staff/reports/${reportId}/sections/other`;
    const label = "六、其他需要报告的事项 正文";

    const contextA = await browser.newContext();
    const contextB = await browser.newContext();
    const a = await contextA.newPage();
    const b = await contextB.newPage();
    await signIn(a, first, password);
    await a.waitForURL(/\/staff$/);
    await signIn(b, second, password);
    await b.waitForURL(/\/staff$/);
    await a.goto(url);
    await b.goto(url);
    // B sees that A has the section open (advisory).
    await b.reload();
    await expect(b.getByText(/正在编辑此节/)).toContainText(`测试${first}`);

    const editorA = a.getByRole("textbox", { name: label });
    await editorA.click();
    await editorA.press("Control+End");
    await editorA.pressSequentially("甲补充：本年度收取信息处理费0元。");
    await expect(a.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });

    const editorB = b.getByRole("textbox", { name: label });
    await editorB.click();
    await editorB.press("Control+End");
    await editorB.pressSequentially("乙补充：人大代表建议办理结果已全部公开。");
    const conflict = b.getByTestId("conflict");
    await expect(conflict).toBeVisible({ timeout: 10_000 });
    await expect(b.getByTestId("conflict-theirs")).toContainText("甲补充：本年度收取信息处理费0元。");
    await expect(b.getByTestId("conflict-mine")).toContainText("乙补充：人大代表建议办理结果已全部公开。");
    await expect(b.getByTestId("save-status")).toContainText("他人已修改此节");

    await b.getByRole("button", { name: "保留我的版本" }).click();
    await expect(b.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });

    const sectionId = queryOne<{ id: number }>("select id from report_sections where report_id = ? and key = 'other'", reportId)!.id;
    const current = queryOne<{ html: string }>("select html from report_sections where id = ?", sectionId)!.html;
    expect(current).toContain("乙补充：人大代表建议办理结果已全部公开。");
    const theirs = queryOne<{ n: number }>(
      "select count(*) as n from section_revisions where section_id = ? and html like '%甲补充：本年度收取信息处理费0元。%'",
      sectionId,
    )!.n;
    expect(theirs).toBeGreaterThan(0);
    await contextA.close();
    await contextB.close();
  });

  test("a leader of the unit reads the draft but cannot change it", async ({ page }) => {
    await signIn(page, "qingshi.leader");
    await page.waitForURL(/\/staff$/);
    const reportId = queryOne<{ id: number }>(
      "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2024",
    )!.id;
    await page.goto(`/staff/reports/${reportId}/sections/applications`);
    await expect(page.getByRole("note").filter({ hasText: "只读" })).toBeVisible();
    await expect(page.locator("#cell-table3-naturalPerson-newReceived")).toHaveAttribute("readonly", "");
    await expect(page.getByRole("button", { name: "标记为已完成" })).toHaveCount(0);
  });
});
