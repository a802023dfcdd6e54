import { expect, test } from "@playwright/test";
import { queryOne, tablesChecksum } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";
import { callServerAction, serverActionId } from "./support/server-actions";

const ADMIN_TABLES = ["units", "users", "auth_sessions"];

test.describe("a clerk cannot reach admin screens or actions", () => {
  test("a clerk opening an admin URL gets the not-found page", async ({ page }) => {
    await signInAs(page, PERSONAS.clerkA);
    for (const url of ["/staff/admin/users", "/staff/admin/units/new", "/staff/admin/audit", "/staff/admin/users/1"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(404);
      await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
    }
  });

  test("a clerk posting directly to admin server actions is refused and the database is unchanged", async ({ page, baseURL }) => {
    await signInAs(page, PERSONAS.clerkA);
    const request = page.context().request;
    const adminId = queryOne<{ id: number }>("select id from users where username = 'admin'")!.id;
    const clerkBId = queryOne<{ id: number }>("select id from users where username = ?", PERSONAS.clerkB)!.id;
    const unitId = queryOne<{ id: number }>("select id from units where short_name = '青石镇'")!.id;

    const attempts: { file: string; name: string; page: string; args: unknown[] }[] = [
      {
        file: "app/(staff)/staff/admin/users/actions.ts",
        name: "createUserAction",
        page: "/staff/admin/users/new",
        args: [{ username: "intruder", displayName: "入侵者", role: "admin", unitId: String(unitId) }],
      },
      {
        file: "app/(staff)/staff/admin/users/actions.ts",
        name: "updateUserAction",
        page: "/staff/admin/users/new",
        args: [clerkBId, { displayName: "改名", role: "admin", unitId: String(unitId) }],
      },
      { file: "app/(staff)/staff/admin/users/actions.ts", name: "setUserActiveAction", page: "/staff/admin/users/new", args: [adminId, false] },
      { file: "app/(staff)/staff/admin/users/actions.ts", name: "resetUserPasswordAction", page: "/staff/admin/users/new", args: [adminId] },
      { file: "app/(staff)/staff/admin/users/actions.ts", name: "unlockUserAction", page: "/staff/admin/users/new", args: [clerkBId] },
      {
        file: "app/(staff)/staff/admin/units/actions.ts",
        name: "createUnitAction",
        page: "/staff/admin/units/new",
        args: [{ name: "伪造单位", shortName: "伪造", kind: "township", parentId: "1", orgCode: "MB0A12377", reportDeadline: "01-31" }],
      },
      {
        file: "app/(staff)/staff/admin/units/actions.ts",
        name: "setUnitActiveAction",
        page: "/staff/admin/units/new",
        args: [unitId, false],
      },
    ];

    const before = tablesChecksum(ADMIN_TABLES);
    for (const attempt of attempts) {
      const id = serverActionId(attempt.file, attempt.name);
      const response = await callServerAction(request, attempt.page, id, attempt.args, baseURL!);
      const body = await response.text();
      expect(body, attempt.name).toContain("您没有权限执行此操作。");
      expect(body, attempt.name).not.toContain("temporaryPassword");
    }
    expect(tablesChecksum(ADMIN_TABLES)).toBe(before);
    const denied = queryOne<{ n: number }>(
      "select count(*) as n from audit_log where result = 'denied' and actor_name = ?",
      PERSONAS.clerkA,
    );
    expect(denied?.n).toBeGreaterThanOrEqual(attempts.length);
  });

  test("a request with a forged session cookie gets past the proxy but is refused by the app", async ({ playwright, baseURL }) => {
    // The proxy only looks for a cookie; the data layer must refuse on its own.
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: "authjs.session-token=forged-token" },
    });
    const before = tablesChecksum(ADMIN_TABLES);
    const id = serverActionId("app/(staff)/staff/admin/users/actions.ts", "createUserAction");
    const response = await callServerAction(
      request,
      "/staff/admin/users/new",
      id,
      [{ username: "anon", displayName: "匿名", role: "admin", unitId: "1" }],
      baseURL!,
    );
    expect(await response.text()).toContain("请先登录。");
    expect(tablesChecksum(ADMIN_TABLES)).toBe(before);

    const pageResponse = await request.get("/staff/admin/users", { maxRedirects: 0 });
    expect(pageResponse.status()).toBe(307);
    expect(pageResponse.headers().location).toContain("/login");
    await request.dispose();
  });
});
