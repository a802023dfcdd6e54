import { expect, test, type APIRequestContext } from "@playwright/test";
import { HOSTILE_ENCODED, HOSTILE_STRINGS, TAUTOLOGIES } from "../lib/testing/hostile-strings";
import { queryOne, tablesChecksum } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";

/**
 * SQL and FTS injection, and plain garbage, in every search and filter parameter of every page:
 * each answers normally (200 with its usual layout; 404 only where the parameter is the path's
 * id), never a 500, and the data is untouched.
 */

interface Target {
  path: string;
  params: string[];
  /** Text the page's normal layout always shows. */
  marker: RegExp;
  /** Statuses besides 200 that are a deliberate answer (`?edition=x` names an edition that does not exist: 404). */
  allowed?: number[];
}

const PUBLIC_LAYOUT = /政府信息公开/;
const STAFF_LAYOUT = /工作台/;

const PUBLIC_TARGETS: Target[] = [
  { path: "/search", params: ["q", "year", "unit", "page", "sort", "type", "size", "elder"], marker: /站内搜索/ },
  { path: "/reports", params: ["year", "unit", "page", "sort", "q", "size", "elder"], marker: PUBLIC_LAYOUT },
  { path: "/", params: ["size", "elder", "q"], marker: PUBLIC_LAYOUT },
  { path: "/open-data", params: ["size", "elder", "year"], marker: PUBLIC_LAYOUT },
  { path: "/feed.xml", params: ["year", "unit", "q"], marker: /<rss|<feed/ },
  { path: "/sitemap.xml", params: ["page"], marker: /<urlset/ },
  { path: "/login", params: ["callbackUrl", "error"], marker: /登录/ },
];

const GUARDED = ["units", "users", "reports", "report_sections", "report_editions", "review_comments", "notifications"];

/** Values: short hostile strings all at once; the 10,000-character ones one parameter at a time (URL size). */
const SHORT = HOSTILE_STRINGS.filter((s) => s.length <= 200);
const LONG = HOSTILE_STRINGS.filter((s) => s.length > 200);

const urlOf = (path: string, query: [string, string][]) => `${path}?${query.map(([k, v]) => `${k}=${v}`).join("&")}`;

async function expectNormal(request: APIRequestContext, url: string, marker: RegExp, allowed = [200]) {
  const response = await request.get(url, { maxRedirects: 0, timeout: 30_000 });
  const status = response.status();
  const label = `${url.slice(0, 120)} → ${status}`;
  expect(status, label).toBeLessThan(500);
  if (status === 431 || status === 414) return; // URL larger than the HTTP server's limit (16 KB): refused before the app
  expect(allowed, label).toContain(status);
  if (status === 200) {
    const body = await response.text();
    expect(body, label).toMatch(marker);
    expect(body, label).not.toMatch(/Application error|Internal Server Error|系统繁忙/);
  }
}

async function sweep(request: APIRequestContext, targets: Target[]) {
  for (const target of targets) {
    for (const value of SHORT) {
      const encoded = encodeURIComponent(value);
      await expectNormal(request, urlOf(target.path, target.params.map((p) => [p, encoded])), target.marker, [200, ...(target.allowed ?? [])]);
      // Repeated parameters arrive as arrays.
      await expectNormal(request, urlOf(target.path, target.params.flatMap((p) => [[p, encoded], [p, "1"]] as [string, string][])), target.marker, [200, ...(target.allowed ?? [])]);
    }
    for (const raw of HOSTILE_ENCODED) await expectNormal(request, urlOf(target.path, target.params.map((p) => [p, raw])), target.marker, [200, ...(target.allowed ?? [])]);
    for (const value of LONG) {
      for (const param of target.params) await expectNormal(request, urlOf(target.path, [[param, encodeURIComponent(value)]]), target.marker, [200, ...(target.allowed ?? [])]);
    }
  }
}

test.describe("hostile search and filter parameters get normal answers", () => {
  test("public pages: every parameter, every hostile string", async ({ request }) => {
    test.setTimeout(240_000);
    const before = tablesChecksum(GUARDED);
    const report = queryOne<{ id: number; unitId: number }>("select id, unit_id as unitId from reports where live_edition_id is not null order by id limit 1")!;
    const targets: Target[] = [
      ...PUBLIC_TARGETS,
      { path: `/units/${report.unitId}`, params: ["size", "elder", "year"], marker: PUBLIC_LAYOUT },
      { path: `/reports/${report.id}`, params: ["edition", "size", "elder"], marker: PUBLIC_LAYOUT, allowed: [404] },
    ];
    await sweep(request, targets);
    // Hostile ids in the path: a 404 page, never a 500.
    for (const value of [...SHORT, ...HOSTILE_ENCODED.map(decodeURIComponentSafe)]) {
      const id = encodeURIComponent(value);
      for (const path of [`/reports/${id}`, `/units/${id}`, `/reports/${id}/report.json`, `/reports/${id}/tables.csv`, `/open-data/${id}`, `/open-data/${id}.csv`]) {
        await expectNormal(request, path, /.*/, [200, 400, 404, 308]);
      }
    }
    for (const edition of [...SHORT.slice(0, 20).map(encodeURIComponent), ...HOSTILE_ENCODED]) {
      await expectNormal(request, `/reports/${report.id}/report.json?edition=${edition}`, /.*/, [200, 400, 404]);
      await expectNormal(request, `/reports/${report.id}/tables.csv?edition=${edition}`, /.*/, [200, 400, 404]);
    }
    expect(tablesChecksum(GUARDED)).toBe(before);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("search results make sense: tautologies find nothing, quotes and operators are text", async ({ page }) => {
    const total = async (q: string) => {
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      const status = page.getByRole("status").filter({ hasText: /找到|没有找到/ });
      await expect(status).toBeVisible();
      const text = (await status.textContent()) ?? "";
      return text.includes("没有找到") ? 0 : Number(/找到\s*(\d+)/.exec(text)?.[1] ?? NaN);
    };
    const everything = await total("政府信息公开");
    expect(everything).toBeGreaterThan(1);
    for (const q of TAUTOLOGIES) expect(await total(q), q).toBe(0);
    for (const q of ["'", '"', "--", ";", "/* */", "UNION SELECT", "NEAR(", "title:青石", "%", "_", "😀"]) {
      const n = await total(q);
      expect(n, q).toBeLessThan(everything);
    }
    // The query box keeps at most 100 characters, so a pasted 10,000-character text makes a normal URL.
    await page.goto("/search");
    await page.locator("#search-page-q").fill("青".repeat(10_000));
    expect((await page.locator("#search-page-q").inputValue()).length).toBeLessThanOrEqual(100);
    await page.locator("#search-page-q").press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "站内搜索" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /找到|没有找到/ })).toBeVisible();
  });

  test("staff pages: workspace, overview, inbox, history and admin filters", async ({ browser }) => {
    test.setTimeout(240_000);
    // Signing in updates users.last_login_at; everything else must stay as it was.
    const guarded = GUARDED.filter((t) => t !== "users");
    const before = tablesChecksum(guarded);
    const reportId = queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2024")!.id;

    const clerk = await (await browser.newContext()).newPage();
    await signInAs(clerk, PERSONAS.clerkA);
    await sweep(clerk.request, [
      { path: "/staff", params: ["passwordChanged", "year", "status"], marker: STAFF_LAYOUT },
      { path: "/staff/inbox", params: ["page", "kind", "unread"], marker: STAFF_LAYOUT },
      { path: `/staff/reports/${reportId}/history`, params: ["kind", "page"], marker: STAFF_LAYOUT },
      { path: `/staff/reports/${reportId}/sections/overview`, params: ["compare", "version"], marker: STAFF_LAYOUT },
      { path: `/staff/reports/${reportId}/sections/overview/history`, params: ["compare", "revision"], marker: STAFF_LAYOUT },
    ]);
    await clerk.context().close();

    const county = await (await browser.newContext()).newPage();
    await signInAs(county, "county.clerk");
    await sweep(county.request, [{ path: "/staff/overview", params: ["year", "sort", "order"], marker: /县级总览/ }]);
    await county.context().close();

    const admin = await (await browser.newContext()).newPage();
    await signInAs(admin, PERSONAS.admin);
    await sweep(admin.request, [
      { path: "/staff/admin/audit", params: ["user", "action", "from", "to", "page"], marker: /审计日志/ },
      { path: "/staff/admin/users", params: ["unit", "role", "saved"], marker: /用户管理/ },
      { path: "/staff/admin/units", params: ["saved", "kind"], marker: STAFF_LAYOUT },
    ]);
    // A tautology as the audit user filter does not list everyone's rows.
    await admin.goto("/staff/admin/audit");
    expect(await admin.locator("tbody tr").count()).toBeGreaterThan(1);
    for (const key of ["user", "action"]) {
      await admin.goto(`/staff/admin/audit?${key}=${encodeURIComponent("' OR '1'='1")}`);
      await expect(admin.getByRole("heading", { name: "审计日志" })).toBeVisible();
      await expect(admin.locator("tbody tr")).toHaveCount(0);
    }
    await admin.context().close();

    expect(tablesChecksum(guarded)).toBe(before);
  });
});

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
