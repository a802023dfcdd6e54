import { expect, test, type Browser } from "@playwright/test";
import { queryOne } from "./support/db";

/** A published report of the demo data (青石镇 2023). */
function reportId(): number {
  return queryOne<{ id: number }>(
    "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2023",
  )!.id;
}

/** Headless Chromium announces itself as HeadlessChrome, which isbot rightly treats as a bot. */
const READER = { javaScriptEnabled: false, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36" };

/** Opens the page in a new browser (no cookies, no JavaScript) and reads 浏览量 from the HTML. */
async function visitAsNewReader(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(READER);
  const page = await context.newPage();
  await page.goto(url);
  const count = Number(await page.locator("[data-view-count]").textContent());
  await context.close();
  return count;
}

test.describe("浏览量", () => {
  test("a fresh visit counts once; a reload, a prefetch, a HEAD and a crawler do not", async ({ browser, request }) => {
    const url = `/reports/${reportId()}`;
    const first = await visitAsNewReader(browser, url);
    const second = await visitAsNewReader(browser, url);
    expect(second).toBe(first + 1);

    // The same browser reloading within 30 minutes.
    const context = await browser.newContext(READER);
    const page = await context.newPage();
    await page.goto(url);
    const mine = Number(await page.locator("[data-view-count]").textContent());
    expect(mine).toBe(second + 1);
    await page.reload();
    expect(Number(await page.locator("[data-view-count]").textContent())).toBe(mine);
    await context.close();

    await request.get(url, { headers: { "User-Agent": READER.userAgent, "Next-Router-Prefetch": "1" } });
    await request.get(url, { headers: { "User-Agent": READER.userAgent, "Sec-Purpose": "prefetch;prerender" } });
    await request.head(url, { headers: { "User-Agent": READER.userAgent } });
    await request.get(url, { headers: { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" } });
    expect(await visitAsNewReader(browser, url)).toBe(mine + 1);
  });

  test("the count is stored in the database within about a second", async ({ browser }) => {
    const id = reportId();
    const before = await visitAsNewReader(browser, `/reports/${id}`);
    const shown = await visitAsNewReader(browser, `/reports/${id}`);
    expect(shown).toBe(before + 1);
    await expect.poll(() => queryOne<{ n: number }>("select view_count as n from reports where id = ?", id)?.n, { timeout: 5_000 }).toBe(shown);
  });

  test("another site cannot inflate it: an image, script, frame or fetch aimed at the page counts nothing", async ({ browser, request }) => {
    // What a visitor's browser sends when a hostile page embeds or fetches the report (the
    // fetch metadata Chromium attaches; a page cannot forge it). A real cross-site page in
    // headless Chromium here is stopped earlier by its local-network checks, so the requests
    // are made directly with the same headers.
    const path = `/reports/${reportId()}`;
    const crossSite = (dest: string, mode: string) => ({
      "User-Agent": READER.userAgent,
      "Sec-Fetch-Site": "cross-site",
      "Sec-Fetch-Dest": dest,
      "Sec-Fetch-Mode": mode,
    });
    const before = await visitAsNewReader(browser, path);
    for (const [dest, mode] of [["image", "no-cors"], ["script", "no-cors"], ["iframe", "navigate"], ["empty", "no-cors"], ["empty", "cors"], ["style", "no-cors"]] as const) {
      const response = await request.get(path, { headers: crossSite(dest, mode) });
      expect(response.status(), dest).toBe(200);
    }
    // A top-level visit from another site (a link in a search result) is a genuine reader.
    expect((await request.get(path, { headers: crossSite("document", "navigate") })).status()).toBe(200);
    expect(await visitAsNewReader(browser, path)).toBe(before + 2);
  });
});
