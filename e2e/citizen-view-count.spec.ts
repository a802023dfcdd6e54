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
});
