import { expect, test } from "@playwright/test";
import { insertUser, uniqueUsername } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";

test.describe("sessions end when access changes", () => {
  test("a deactivated user's open session stops working on the next request", async ({ page, browser }) => {
    const username = uniqueUsername("leaving");
    const password = "Leaving-Soon-2026";
    const id = await insertUser({ username, password, role: "clerk", unitShortName: "青石镇" });

    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    await signInAs(userPage, username, password);
    await expect(userPage.getByRole("heading", { name: "工作台" })).toBeVisible();

    await signInAs(page, PERSONAS.admin);
    await page.goto(`/staff/admin/users/${id}`);
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "停用账号" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已停用" })).toBeVisible();

    await userPage.reload();
    await expect(userPage).toHaveURL(/\/login/);
    await userContext.close();
  });

  test("a role change ends the user's other sessions", async ({ page, browser }) => {
    const username = uniqueUsername("promoted");
    const password = "Promoted-Soon-2026";
    const id = await insertUser({ username, password, role: "clerk", unitShortName: "柳溪镇" });

    const userContext = await browser.newContext();
    const userPage = await userContext.newPage();
    await signInAs(userPage, username, password);

    await signInAs(page, PERSONAS.admin);
    await page.goto(`/staff/admin/users/${id}`);
    await page.getByLabel("角色").selectOption("leader");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(/saved=1/);

    await userPage.reload();
    await expect(userPage).toHaveURL(/\/login/);
    await signInAs(userPage, username, password);
    await expect(userPage.getByRole("banner")).toContainText("审核领导");
    await userContext.close();
  });
});
