import crypto from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { openDatabase } from "../db/client";
import { systemActor } from "../db/actor";
import { publishReport } from "../db/commands/publication";
import { E2E_DATABASE_PATH } from "../playwright.config";
import { openTestDb, queryOne } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";

/**
 * Nothing that is not public leaks: not past the proxy with tricks, not to staff of another
 * unit, and no report that is not (yet, or any longer in this version) published reaches a
 * public page, file, feed, sitemap, search result or open-data file.
 */

const marker = (label: string) => `泄露检查${label}${crypto.randomBytes(3).toString("hex")}`;

/** Puts a marker into a report's title and the text of its first section. */
function markReport(reportId: number, text: string): void {
  const db = openTestDb();
  try {
    db.prepare("update reports set title = title || ? where id = ?").run(text, reportId);
    db.prepare("update report_sections set html = html || ? where report_id = ? and key = 'overview'").run(`<p>${text}</p>`, reportId);
  } finally {
    db.close();
  }
}

function staffUrlsOf(reportId: number): string[] {
  const r = `/staff/reports/${reportId}`;
  return [r, `${r}/sections/overview`, `${r}/sections/overview/history`, `${r}/history`, `${r}/preview`, `${r}/review`, `${r}/submit`, `${r}/sign-off`];
}

/** Ways a request may try to be treated as something the proxy lets through. */
const BYPASS_VARIANTS: { name: string; suffix?: string; headers?: Record<string, string>; treeOnly?: boolean }[] = [
  { name: "plain" },
  { name: "x-middleware-subrequest", headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } },
  { name: "x-middleware-subrequest (middleware)", headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } },
  { name: "RSC request", headers: { RSC: "1" } },
  { name: "?_rsc=", suffix: "?_rsc=1a2b3" },
  { name: ".rsc", suffix: ".rsc" },
  // Prefetches answer with the route tree only (no page content).
  { name: "prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1" }, treeOnly: true },
  { name: "segment prefetch", headers: { RSC: "1", "Next-Router-Prefetch": "1", "Next-Router-Segment-Prefetch": "/_tree" }, treeOnly: true },
];

/**
 * Every URL in every variant answers one of `allowedStatuses` without any of the secrets. An RSC
 * (flight) answer is a 200 carrying the page the browser would show, so with `rscShows` it must
 * contain that text (e.g. the not-found page's heading).
 */
async function expectNothingOf(request: APIRequestContext, urls: string[], secrets: string[], allowedStatuses: number[], rscShows?: string) {
  for (const url of urls) {
    for (const variant of BYPASS_VARIANTS) {
      let response = await request.get(url + (variant.suffix ?? ""), { headers: variant.headers, maxRedirects: 0 });
      // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect
      // to the same path with one; follow that (and only that) to see the real answer.
      const location = response.headers()["location"];
      if (response.status() === 307 && location && new URL(location, "http://x").pathname === url && location.includes("_rsc")) {
        response = await request.get(location, { headers: variant.headers, maxRedirects: 0 });
      }
      const body = await response.text();
      const label = `${url} (${variant.name}) → ${response.status()}`;
      const isFlight = (response.headers()["content-type"] ?? "").startsWith("text/x-component");
      if (isFlight && variant.treeOnly) expect(body, label).not.toContain("$L"); // segment names only, no components
      else if (isFlight && rscShows) expect(body, label).toContain(rscShows);
      else expect(allowedStatuses, label).toContain(response.status());
      for (const secret of secrets) expect(body.includes(secret), `${label} leaked ${secret}`).toBe(false);
    }
  }
}

test.describe("staff pages give nothing away", () => {
  let reportId = 0;
  let secret = "";
  let adminOnlyName = "";

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft("防泄甲镇", 22));
    secret = marker("草稿");
    markReport(reportId, secret);
    adminOnlyName = queryOne<{ display_name: string }>("select display_name from users where username = 'admin'")!.display_name;
  });

  const everyStaffUrl = () => [
    ...staffUrlsOf(reportId),
    "/staff",
    "/staff/inbox",
    "/staff/overview",
    "/staff/admin/users",
    "/staff/admin/users/1",
    "/staff/admin/units",
    "/staff/admin/audit",
  ];

  test("requests without a session, or with a forged one, get no data whatever they pretend to be", async ({ playwright, baseURL }) => {
    test.setTimeout(120_000);
    const anonymous = await playwright.request.newContext({ baseURL });
    // Redirects to the sign-in page (proxy or layout), or the not-found page.
    await expectNothingOf(anonymous, everyStaffUrl(), [secret, adminOnlyName], [200, 303, 307, 308, 404]);
    const forged = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: "authjs.session-token=forged-session-token" } });
    await expectNothingOf(forged, everyStaffUrl(), [secret, adminOnlyName], [200, 303, 307, 308, 404]);
    // Whatever answered 200 was the sign-in redirect in the RSC payload, not a staff page.
    const rsc = await anonymous.get(`/staff/reports/${reportId}`, { headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }, maxRedirects: 0 });
    expect(await rsc.text()).not.toContain("退出登录");
  });

  test("a clerk or leader of another township gets 404 for every staff URL of this one's report", async ({ page }) => {
    test.setTimeout(120_000);
    for (const persona of [PERSONAS.clerkB, PERSONAS.leaderB]) {
      await signInAs(page, persona);
      await expectNothingOf(page.context().request, staffUrlsOf(reportId), [secret], [404], "页面不存在");
      // And in the browser: a not-found page (the sign-off sheet has its own), without the report.
      for (const url of staffUrlsOf(reportId)) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(404);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(url.endsWith("/sign-off") ? "没有可显示的审签单" : "页面不存在");
        expect(await page.content()).not.toContain(secret);
      }
    }
  });
});

test.describe("only published editions are public", () => {
  /** A report per state that is not public, each with its own marker. */
  const hidden: { state: string; reportId: number; unitId: number; secret: string }[] = [];
  let correction = { reportId: 0, secret: "" };

  test.beforeAll(async () => {
    const states = ["draft", "submitted", "returned", "approved", "scheduled"] as const;
    for (const [i, state] of states.entries()) {
      const { reportId, unitId } = await createTownshipWithCompleteDraft(`隐藏${i}镇`, 23 + i, { raisesWarning: false });
      const secret = marker(state);
      markReport(reportId, secret);
      const db = openTestDb();
      try {
        db.prepare("update reports set status = ?, scheduled_at = ? where id = ?").run(state, state === "scheduled" ? Date.parse("2099-01-01T01:00:00Z") : null, reportId);
      } finally {
        db.close();
      }
      hidden.push({ state, reportId, unitId, secret });
    }

    // A published report whose correction is being drafted: the public keeps the live edition.
    const published = await createTownshipWithCompleteDraft("修订中镇", 28, { raisesWarning: false });
    const db = openDatabase(E2E_DATABASE_PATH);
    try {
      db.$client.prepare("update reports set status = 'approved' where id = ?").run(published.reportId);
      const result = await publishReport(db, systemActor("cli"), published.reportId, { at: new Date(), from: ["approved"] });
      if (!result.published) throw new Error("not published");
    } finally {
      db.$client.close();
    }
    const secret = marker("修订稿");
    const raw = openTestDb();
    try {
      raw.prepare("update reports set status = 'draft' where id = ?").run(published.reportId);
    } finally {
      raw.close();
    }
    markReport(published.reportId, secret);
    correction = { reportId: published.reportId, secret };
  });

  test("no hidden report or unpublished change reaches any public page, file, feed, sitemap, search or open data", async ({ request }) => {
    test.setTimeout(120_000);
    const secrets = [...hidden.map((h) => h.secret), correction.secret];

    for (const h of hidden) {
      for (const path of [`/reports/${h.reportId}`, `/reports/${h.reportId}/report.json`, `/reports/${h.reportId}/tables.csv`, `/reports/${h.reportId}?edition=1`]) {
        const response = await request.get(path);
        expect(response.status(), `${h.state}: ${path}`).toBe(404);
        expect(await response.text()).not.toContain(h.secret);
      }
    }

    const openDataPage = await (await request.get("/open-data")).text();
    const openDataFiles = [...new Set([...openDataPage.matchAll(/href="(\/open-data\/[^"]+)"/g)].map((m) => m[1]!))];
    expect(openDataFiles.length).toBeGreaterThan(0);
    const publicUrls = [
      "/",
      "/reports",
      "/reports?year=2024",
      ...hidden.map((h) => `/units/${h.unitId}`),
      `/reports/${correction.reportId}`,
      `/reports/${correction.reportId}/report.json`,
      `/reports/${correction.reportId}/tables.csv`,
      "/feed.xml",
      "/sitemap.xml",
      "/open-data",
      ...openDataFiles,
      // The search page repeats the query, so search for the marker's tail: a hit would show it whole.
      ...secrets.map((s) => `/search?q=${encodeURIComponent(s.slice(-9))}`),
      "/search?q=" + encodeURIComponent("泄露检查"),
      "/search?q=" + encodeURIComponent("隐藏"),
    ];
    for (const url of publicUrls) {
      const response = await request.get(url);
      // A unit's page exists once it has a published report.
      expect(url.startsWith("/units/") ? [200, 404] : [200], url).toContain(response.status());
      const body = await response.text();
      for (const secret of secrets) expect(body.includes(secret), `${url} leaked ${secret}`).toBe(false);
      for (const h of hidden) expect(body.includes(`/reports/${h.reportId}"`), `${url} links to the ${h.state} report`).toBe(false);
    }
    // The live edition of the report under correction is still served as published.
    expect(await (await request.get(`/reports/${correction.reportId}`)).text()).toContain("修订中镇");
  });
});
