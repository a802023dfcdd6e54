import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { insertUser, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { serverActionId } from "./support/server-actions";

/**
 * Cross-site request forgery, from outside: a signed-in person's browser is made to send a
 * state-changing request by another site. Every kind of server action, the autosave route and
 * next-auth's endpoints refuse a foreign Origin, `Origin: null`, and a missing Origin when the
 * browser says the request is cross-site (Next.js alone would run that one) — the database
 * byte-for-byte unchanged. A same-origin control call proves each request would otherwise work.
 */

const GUARDED_TABLES = ["units", "users", "auth_sessions", "reports", "report_sections", "section_revisions", "review_comments", "report_transitions", "notifications"];

/** The three ways a forged request can arrive. */
const FORGED: { name: string; headers: (base: string) => Record<string, string> }[] = [
  { name: "foreign Origin", headers: () => ({ Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }) },
  { name: "foreign Origin without Sec-Fetch-Site", headers: () => ({ Origin: "https://evil.example" }) },
  { name: "Origin: null (sandboxed frame, data: URL)", headers: () => ({ Origin: "null" }) },
  { name: "no Origin, Sec-Fetch-Site: cross-site", headers: () => ({ "Sec-Fetch-Site": "cross-site" }) },
];

const CSRF_MESSAGE = /请求来源无效/;

function postAction(request: APIRequestContext, path: string, id: string, args: unknown[], headers: Record<string, string>) {
  return request.post(path, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...headers },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

async function signInNew(page: Page, role: "clerk" | "leader" | "admin", unit: string): Promise<string> {
  const username = uniqueUsername(`csrf.${role}`);
  const password = "Csrf-Probe-2026!";
  await insertUser({ username, password, role, unitShortName: unit });
  await signInAs(page, username, password);
  return username;
}

test.describe("CSRF: forged requests from another site change nothing", () => {
  let reportId: number;
  const town = "防伪镇";

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft(town, 40));
  });

  test("report, admin, sign-in and password actions refuse every forged origin; same-origin calls work", async ({ page, baseURL }) => {
    const clerkPage = page;
    await signInNew(clerkPage, "clerk", town);
    const adminPage = await page.context().browser()!.newContext().then((c) => c.newPage());
    await signInAs(adminPage, PERSONAS.admin);

    const calls: { name: string; request: APIRequestContext; path: string; id: string; args: unknown[] }[] = [
      {
        name: "updateReportTitleAction (report)",
        request: clerkPage.request,
        path: `/staff/reports/${reportId}`,
        id: serverActionId("app/(staff)/staff/reports/[id]/actions.ts", "updateReportTitleAction"),
        args: [reportId, { title: "示例县防伪镇人民政府2024年政府信息公开工作年度报告（伪造）" }],
      },
      {
        name: "setSectionCompletedAction (report)",
        request: clerkPage.request,
        path: `/staff/reports/${reportId}`,
        id: serverActionId("app/(staff)/staff/reports/[id]/actions.ts", "setSectionCompletedAction"),
        args: [reportId, "overview", false],
      },
      {
        name: "createUnitAction (admin)",
        request: adminPage.request,
        path: "/staff/admin/units/new",
        id: serverActionId("app/(staff)/staff/admin/units/actions.ts", "createUnitAction"),
        args: [{ name: "示例县伪造乡人民政府", shortName: "伪造乡", kind: "township", orgCode: "", parentId: "" }],
      },
      {
        name: "changePasswordAction",
        request: clerkPage.request,
        path: "/change-password",
        id: serverActionId("app/(auth)/change-password/actions.ts", "changePasswordAction"),
        args: [{ currentPassword: "Csrf-Probe-2026!", newPassword: "Forged-Password-2026!", confirmPassword: "Forged-Password-2026!" }],
      },
      {
        name: "signOutAction",
        request: clerkPage.request,
        path: "/staff",
        id: serverActionId("app/(staff)/staff/actions.ts", "signOutAction"),
        args: [],
      },
    ];

    for (const call of calls) {
      for (const forged of FORGED) {
        const before = tablesChecksum(GUARDED_TABLES);
        const response = await postAction(call.request, call.path, call.id, call.args, forged.headers(baseURL!));
        expect(response.status(), `${call.name}, ${forged.name}`).toBe(403);
        expect(await response.text()).toMatch(CSRF_MESSAGE);
        expect(tablesChecksum(GUARDED_TABLES), `${call.name}, ${forged.name}: nothing stored`).toBe(before);
      }
    }
    // Still signed in: the forged sign-outs and password changes did nothing.
    expect((await clerkPage.request.get("/staff", { maxRedirects: 0 })).status()).toBe(200);

    // Controls: the same calls from our own pages do change the database (the test can fail).
    const before = tablesChecksum(["reports"]);
    const ok = await postAction(clerkPage.request, calls[0]!.path, calls[0]!.id, calls[0]!.args, { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" });
    expect(ok.status()).toBe(200);
    expect(await ok.text()).toContain('"ok":true');
    expect(tablesChecksum(["reports"])).not.toBe(before);
    // A hand-made client without Origin or Sec-Fetch-Site is not a browser being forged: it may call (it holds the cookie).
    const plain = await postAction(clerkPage.request, calls[1]!.path, calls[1]!.id, calls[1]!.args, {});
    expect(plain.status()).toBe(200);
    await adminPage.context().close();
  });

  test("the sign-in action and next-auth's sign-in refuse a forged origin: no session is created", async ({ request, baseURL }) => {
    const loginId = serverActionId("app/(auth)/login/actions.ts", "loginAction");
    for (const forged of FORGED) {
      const before = tablesChecksum(["auth_sessions", "users"]);
      const action = await request.post("/login", {
        headers: { "Next-Action": loginId, Accept: "text/x-component", ...forged.headers(baseURL!) },
        multipart: { "1_username": PERSONAS.clerkA, "1_password": "Nianbao#2026demo", "1_callbackUrl": "" },
        maxRedirects: 0,
      });
      expect(action.status(), forged.name).toBe(403);
      expect(action.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);

      const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const callback = await request.post("/api/auth/callback/credentials", {
        headers: forged.headers(baseURL!),
        form: { username: PERSONAS.clerkA, password: "Nianbao#2026demo", csrfToken: csrf.csrfToken },
        maxRedirects: 0,
      });
      expect(callback.status(), forged.name).toBe(403);
      expect(callback.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);
      expect(tablesChecksum(["auth_sessions", "users"]), forged.name).toBe(before);
    }
  });

  test("next-auth sign-out without its CSRF token, or from another site, does not sign out", async ({ page, baseURL }) => {
    const username = await signInNew(page, "clerk", town);
    const sessions = () => tablesChecksum(["auth_sessions"]);
    const before = sessions();
    const noToken = await page.request.post("/api/auth/signout", { headers: { Origin: baseURL! }, form: { callbackUrl: "/" }, maxRedirects: 0 });
    expect(noToken.status()).toBe(302);
    expect(noToken.headers().location).toMatch(/MissingCSRF/);
    for (const forged of FORGED) {
      const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await page.request.post("/api/auth/signout", { headers: forged.headers(baseURL!), form: { csrfToken: csrf.csrfToken }, maxRedirects: 0 });
      expect(response.status(), forged.name).toBe(403);
    }
    expect(sessions()).toBe(before);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff$/);
    expect(queryOne<{ n: number }>("select count(*) as n from auth_sessions s join users u on u.id = s.user_id where u.username = ? and s.ended_at is null", username)?.n).toBe(1);
  });

  test("the autosave route refuses forged origins and a missing Origin; same-origin saves", async ({ page, baseURL }) => {
    await signInNew(page, "clerk", town);
    const version = () => queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'other'", reportId)!.version;
    const body = (v: number) => ({ baseVersion: v, html: "<p>伪造的内容</p>" });
    const url = `/api/reports/${reportId}/sections/other`;
    for (const headers of [...FORGED.map((f) => f.headers(baseURL!)), {}]) {
      const before = tablesChecksum(GUARDED_TABLES);
      const response = await page.request.put(url, { headers, data: body(version()) });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect(((await response.json()) as { message: string }).message).toMatch(CSRF_MESSAGE);
      expect(tablesChecksum(GUARDED_TABLES)).toBe(before);
    }
    // A simple cross-site form post (no preflight) is not JSON: refused too.
    const form = await page.request.put(url, { headers: { Origin: baseURL! }, form: { baseVersion: String(version()), html: "<p>x</p>" } });
    expect(form.status()).toBe(400);

    const ok = await page.request.put(url, { headers: { Origin: baseURL! }, data: { baseVersion: version(), html: "<p>本站页面的保存</p>" } });
    expect(ok.status()).toBe(200);
    expect(queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'other'", reportId)!.html).toContain("本站页面的保存");
  });
});
