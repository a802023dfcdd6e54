import { expect, test } from "@playwright/test";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { PERSONAS, signIn, signInAs } from "./support/personas";

test.describe("signing in", () => {
  test("an admin signs in and sees the admin navigation", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await expect(nav.getByRole("link", { name: "单位管理" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "用户管理" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "审计日志" })).toBeVisible();
    await expect(page.getByRole("banner")).toContainText("系统管理员");
  });

  for (const [persona, roleLabel, unit] of [
    [PERSONAS.clerkA, "填报员", "青石镇"],
    [PERSONAS.leaderA, "审核领导", "青石镇"],
  ] as const) {
    test(`a ${roleLabel} signs in and sees only the workspace, with their unit and role`, async ({ page }) => {
      await signInAs(page, persona);
      const nav = page.getByRole("navigation", { name: "主导航" });
      await expect(nav.getByRole("link", { name: "工作台" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "用户管理" })).toHaveCount(0);
      await expect(nav.getByRole("link", { name: "单位管理" })).toHaveCount(0);
      await expect(page.getByRole("banner")).toContainText(roleLabel);
      await expect(page.getByRole("banner")).toContainText(unit);
    });
  }

  test("a wrong password shows the same error as an unknown user", async ({ page }) => {
    await signIn(page, PERSONAS.clerkB, "Wrong-password-123");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("用户名或密码错误。");
    await signIn(page, "no.such.user", "Wrong-password-123");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("用户名或密码错误。");
    await expect(page).toHaveURL(/\/login/);
  });

  test("signed-out visitors to a staff page are sent to the sign-in page", async ({ page }) => {
    await page.goto("/staff/admin/users");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "工作人员登录" })).toBeVisible();
  });

  test("after five failures the sixth attempt is refused even with the right password", async ({ page }) => {
    const username = uniqueUsername("lockout");
    const password = "Correct-Horse-42";
    await insertUser({ username, password, role: "clerk", unitShortName: "白沙乡" });
    for (let i = 0; i < 4; i++) {
      await signIn(page, username, `Wrong-Password-${i}`);
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("用户名或密码错误。");
    }
    await signIn(page, username, "Wrong-Password-5");
    await expect(page.getByRole("main").getByRole("alert")).toContainText("已被锁定");
    await signIn(page, username, password);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/已被锁定，请于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 后再试/);
    await expect(page).toHaveURL(/\/login/);
    const row = queryOne<{ n: number }>(
      "select count(*) as n from audit_log where action = 'auth.lockout' and actor_name = ?",
      username,
    );
    expect(row?.n).toBe(1);
  });

  test("signing out ends the session on the server, so a copied cookie no longer works", async ({ page, browser }) => {
    await signInAs(page, PERSONAS.leaderB);
    const cookiesBefore = await page.context().cookies();
    await page.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/login/);

    const replay = await browser.newContext();
    await replay.addCookies(cookiesBefore);
    const replayPage = await replay.newPage();
    await replayPage.goto("/staff");
    await expect(replayPage).toHaveURL(/\/login/);
    await replay.close();
  });
});
