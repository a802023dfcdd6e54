import { expect, test, type Page } from "@playwright/test";
import { openTestDb } from "./support/db";

/**
 * Public pages are as light as a static government page: plain HTML and a stylesheet, no
 * JavaScript they do not use, compressed. Measured here with the browser's own transfer sizes;
 * `npm run bench` prints the same weights and Lighthouse's scores.
 */

/** Report pages of the demo, largest first (by their HTML). */
async function reportPagesBySize(page: Page): Promise<{ path: string; bytes: number }[]> {
  const db = openTestDb();
  const ids = db.prepare("select id from reports where status = 'published'").all() as { id: number }[];
  db.close();
  const sizes = await Promise.all(
    ids.map(async ({ id }) => {
      const response = await page.request.get(`/reports/${id}`, { headers: { "Accept-Encoding": "identity" } });
      expect(response.status()).toBe(200);
      return { path: `/reports/${id}`, bytes: (await response.body()).length };
    }),
  );
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

/** What a first visit to `path` transfers, as the browser counts it (compressed bodies plus headers). */
async function firstLoad(page: Page, path: string) {
  const loads: { url: string; type: string; bytes: number }[] = [];
  page.on("requestfinished", (request) => {
    void request.sizes().then((sizes) =>
      loads.push({ url: request.url(), type: request.resourceType(), bytes: sizes.responseBodySize + sizes.responseHeadersSize }),
    );
  });
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.status()).toBe(200);
  await page.waitForTimeout(300);
  return loads;
}

test.describe("public pages are light", () => {
  test("the largest report page: at most 60 KB of HTML, 15 KB gzipped, 100 KB in all on a first visit, and no script but a few bytes for 打印", async ({ page, browser }) => {
    const [largest] = await reportPagesBySize(page);
    expect(largest!.bytes).toBeLessThanOrEqual(60 * 1024);

    const gzip = await page.request.get(largest!.path, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers()["content-encoding"]).toBe("gzip");
    expect(Number(gzip.headers()["content-length"])).toBeLessThanOrEqual(15 * 1024);
    const brotli = await page.request.get(largest!.path, { headers: { "Accept-Encoding": "gzip, br" } });
    expect(["br", "gzip"]).toContain(brotli.headers()["content-encoding"]);
    expect(brotli.headers().vary).toContain("Accept-Encoding");

    const fresh = await browser.newPage();
    const loads = await firstLoad(fresh, largest!.path);
    const total = loads.reduce((n, l) => n + l.bytes, 0);
    expect(total, loads.map((l) => `${l.url} ${l.bytes}`).join("\n")).toBeLessThanOrEqual(100 * 1024);
    expect(loads.filter((l) => l.type === "script")).toEqual([]);
    const scripts = await fresh.locator("script").evaluateAll((all) => all.map((s) => s.textContent ?? ""));
    expect(scripts.join("").length).toBeLessThan(1024);
    await fresh.close();
  });

  for (const path of ["/", "/reports", "/search?q=%E4%BE%9D%E7%94%B3%E8%AF%B7", "/open-data", "/units/2"]) {
    test(`${path} loads no script, and its HTML and stylesheets come compressed`, async ({ browser }) => {
      const fresh = await browser.newPage();
      const loads = await firstLoad(fresh, path);
      expect(loads.filter((l) => l.type === "script")).toEqual([]);
      expect(await fresh.locator("script:not([data-static-keep])").count()).toBe(0);
      const html = await fresh.request.get(path, { headers: { "Accept-Encoding": "gzip, br" } });
      expect(html.headers()["content-encoding"]).toBe("br");
      const stylesheets = loads.filter((l) => l.type === "stylesheet");
      expect(stylesheets.length).toBeGreaterThan(0);
      for (const sheet of stylesheets) {
        const response = await fresh.request.get(sheet.url, { headers: { "Accept-Encoding": "gzip, br" } });
        expect(response.headers()["content-encoding"]).toBe("br");
        expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
      }
      await fresh.close();
    });
  }

  test("the favicon is kept for a year under a URL that changes with the file", async ({ page }) => {
    await page.goto("/");
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    expect(href).toMatch(/^\/favicon\.svg\?v=[0-9a-f]{12}$/);
    const response = await page.request.get(href!);
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  test("staff pages and the API are compressed too", async ({ page }) => {
    const login = await page.request.get("/login", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(login.headers()["content-encoding"]).toBe("br");
    const feed = await page.request.get("/feed.xml", { headers: { "Accept-Encoding": "gzip" } });
    expect(feed.headers()["content-encoding"]).toBe("gzip");
  });
});
