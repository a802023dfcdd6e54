import { expect, test, type APIResponse } from "@playwright/test";
import { queryOne } from "./support/db";
import { signInAs } from "./support/personas";
import { serverActionId } from "./support/server-actions";

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
}

test.describe("every kind of response carries the security headers", () => {
  test("public pages, the cached report page, downloads, route handlers, redirects and 404s", async ({ request }) => {
    const reportId = queryOne<{ id: number }>(
      "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2023",
    )!.id;
    const urls = ["/", "/reports", `/reports/${reportId}`, `/reports/${reportId}/report.json`, `/reports/${reportId}/tables.csv`, "/search?q=公开", "/feed.xml", "/api/health", "/login", "/no-such-page"];
    for (const url of urls) expectSecurityHeaders(await request.get(url), url);
    expect((await request.get("/no-such-page")).status()).toBe(404);
    const redirect = await request.get("/staff", { maxRedirects: 0 });
    expect(redirect.status()).toBe(307);
    expectSecurityHeaders(redirect, "redirect");
  });

  test("refusals and errors: 400, 403, 405, a failing server action call (500) and an unknown action", async ({ request, baseURL }) => {
    const answers: [string, APIResponse, number][] = [
      ["malformed JSON (400)", await request.put("/api/reports/1/sections/overview", { headers: { Origin: baseURL!, "Content-Type": "application/json" }, data: "{" }), 400],
      ["foreign origin (403)", await request.put("/api/reports/1/sections/overview", { headers: { Origin: "https://evil.example" }, data: {} }), 403],
      ["wrong method (405)", await request.get("/api/reports/1/sections/overview"), 405],
      ["unreadable action call (500)", await request.post("/login", { headers: { "Next-Action": serverActionId("app/(auth)/login/actions.ts", "loginAction"), "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL! }, data: "[not json" }), 500],
      // Next.js answers a call to an action that does not exist with 409 (the client then reloads).
      ["unknown action (409)", await request.post("/login", { headers: { "Next-Action": "f".repeat(42), "Content-Type": "text/plain;charset=UTF-8", Origin: baseURL! }, data: "[]" }), 409],
    ];
    for (const [what, response, status] of answers) {
      expect(response.status(), what).toBe(status);
      expectSecurityHeaders(response, what);
    }
  });

  test("Strict-Transport-Security is sent when the request came over HTTPS, not otherwise", async ({ request }) => {
    const reportId = queryOne<{ id: number }>("select id from reports where live_edition_id is not null limit 1")!.id;
    for (const url of ["/", `/reports/${reportId}`]) {
      expect((await request.get(url)).headers()["strict-transport-security"], url).toBeUndefined();
      const https = await request.get(url, { headers: { "X-Forwarded-Proto": "https" } });
      expect(https.headers()["strict-transport-security"], url).toContain("max-age=");
    }
  });

  test("staff pages are private and never stored", async ({ page }) => {
    await signInAs(page, "qingshi.clerk");
    for (const url of ["/staff", "/staff/inbox"]) {
      const response = await page.goto(url);
      expect(response?.headers()["cache-control"], url).toContain("no-store");
      expect(response?.headers()["cache-control"], url).toContain("private");
      expectSecurityHeaders(response as unknown as APIResponse, url);
    }
  });
});
