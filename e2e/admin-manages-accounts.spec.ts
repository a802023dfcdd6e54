import { expect, test } from "@playwright/test";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { PERSONAS, signIn, signInAs } from "./support/personas";

test.describe("an admin manages units and users", () => {
  test("an admin creates a user who must change the temporary password at first sign-in", async ({ page, browser }) => {
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/users/new");
    const username = uniqueUsername("newclerk");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("姓名").fill("钱新人");
    await page.getByLabel("角色").selectOption("clerk");
    await page.getByLabel("所属单位").selectOption({ label: "示例县白沙乡人民政府" });
    await page.getByRole("button", { name: "创建账号" }).click();
    const temporaryPassword = (await page.getByTestId("temporary-password").textContent())!.trim();
    expect(temporaryPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);

    const context = await browser.newContext();
    const newcomer = await context.newPage();
    await signIn(newcomer, username, temporaryPassword);
    await expect(newcomer).toHaveURL(/\/change-password/);
    // Staff pages stay out of reach until the password is changed.
    await newcomer.goto("/staff");
    await expect(newcomer).toHaveURL(/\/change-password/);

    await newcomer.getByLabel("当前密码").fill(temporaryPassword);
    await newcomer.getByLabel("新密码", { exact: true }).fill("short");
    await newcomer.getByLabel("确认新密码").fill("short");
    await newcomer.getByRole("button", { name: "修改密码" }).click();
    await expect(newcomer.getByText("密码至少需要 10 个字符。")).toBeVisible();

    await newcomer.getByLabel("新密码", { exact: true }).fill("Baisha-Report-2026");
    await newcomer.getByLabel("确认新密码").fill("Baisha-Report-2026");
    await newcomer.getByRole("button", { name: "修改密码" }).click();
    await expect(newcomer).toHaveURL(/\/staff\?passwordChanged=1/);
    await expect(newcomer.getByRole("status")).toHaveText("密码已修改。");
    await expect(newcomer.getByRole("banner")).toContainText("钱新人");
    await context.close();

    const audit = queryOne<{ n: number }>(
      "select count(*) as n from audit_log where action = 'auth.password_change' and result = 'success' and actor_name = ?",
      username,
    );
    expect(audit?.n).toBe(1);
  });

  test("a duplicate username is refused at the field and creates nothing", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    const before = queryOne<{ n: number }>("select count(*) as n from users")!.n;
    await page.goto("/staff/admin/users/new");
    await page.getByLabel("用户名").fill(PERSONAS.clerkA);
    await page.getByLabel("姓名").fill("重名者");
    await page.getByLabel("角色").selectOption("clerk");
    await page.getByLabel("所属单位").selectOption({ label: "示例县青石镇人民政府" });
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page.locator("#username-error")).toHaveText("该用户名已被使用。");
    expect(queryOne<{ n: number }>("select count(*) as n from users")!.n).toBe(before);
  });

  test("an invalid org code is refused at the field; a valid unit is created", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/units/new");
    await page.getByLabel("单位全称").fill("示例县石桥街道办事处");
    await page.getByLabel("简称").fill("石桥街道");
    await page.getByLabel("单位类型").selectOption("subdistrict");
    await page.getByLabel("上级单位").selectOption({ label: "示例县人民政府" });
    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill("11339999MB0A12318Q");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.locator("#orgCode-error")).toHaveText("代码格式或校验位不正确，请核对。");
    expect(queryOne("select id from units where short_name = '石桥街道'")).toBeUndefined();

    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill("MB0A12350");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/units\?saved=1/);
    await expect(page.getByRole("row", { name: /示例县石桥街道办事处/ })).toContainText("MB0A12350");
  });

  test("a deactivated unit cannot be chosen for a user", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/units/new");
    await page.getByLabel("单位全称").fill("示例县临时工作组");
    await page.getByLabel("简称").fill("临时组");
    await page.getByLabel("单位类型").selectOption("department");
    await page.getByLabel("上级单位").selectOption({ label: "示例县人民政府" });
    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill("MB0A12369");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByRole("link", { name: "编辑 示例县临时工作组" }).click();
    await page.getByRole("button", { name: "停用该单位" }).click();
    await expect(page.getByRole("heading", { name: "状态：已停用" })).toBeVisible();

    await page.goto("/staff/admin/users/new");
    await page.getByLabel("用户名").fill(uniqueUsername("temp"));
    await page.getByLabel("姓名").fill("临时人员");
    await page.getByLabel("角色").selectOption("clerk");
    await page.getByLabel("所属单位").selectOption({ label: "示例县临时工作组（已停用）" });
    await page.getByRole("button", { name: "创建账号" }).click();
    await expect(page.locator("#unitId-error")).toHaveText("所选单位已停用，请选择其他单位。");
  });

  test("the last admin cannot remove their own admin role", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    const adminId = queryOne<{ id: number }>("select id from users where username = 'admin'")!.id;
    await page.goto(`/staff/admin/users/${adminId}`);
    await page.getByLabel("角色").selectOption("clerk");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.locator("#role-error")).toHaveText("这是最后一位系统管理员，不能取消其管理员角色。");
    expect(queryOne<{ role: string }>("select role from users where id = ?", adminId)?.role).toBe("admin");
  });

  test("an admin unlocks a locked account", async ({ page, browser }) => {
    const username = uniqueUsername("locked");
    const id = await insertUser({ username, password: "Unlock-Me-2026", role: "leader", unitShortName: "白沙乡" });
    const other = await browser.newContext();
    const attacker = await other.newPage();
    for (let i = 0; i < 5; i++) await signIn(attacker, username, `Guess-${i}-xyz`);
    await expect(attacker.getByRole("main").getByRole("alert")).toContainText("已被锁定");

    await signInAs(page, PERSONAS.admin);
    await page.goto(`/staff/admin/users/${id}`);
    await page.getByRole("button", { name: "解锁账号" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已解锁。" })).toBeVisible();

    await signInAs(attacker, username, "Unlock-Me-2026");
    await other.close();
  });

  test("the audit log lists sign-ins newest first and filters by user", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/audit?user=admin&action=auth.signin");
    const rows = page.locator("tbody tr");
    await expect(rows.first()).toContainText("登录成功");
    await expect(rows.first()).toContainText("系统管理员");
    await expect(page.locator("tbody")).not.toContainText("auth.signin");
    await expect(rows.first()).toContainText("admin");
    const users = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(new Set(users)).toEqual(new Set(["admin"]));
  });
});
