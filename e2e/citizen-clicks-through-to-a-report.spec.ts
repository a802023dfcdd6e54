import { expect, test, type Browser, type Page } from "@playwright/test";
import { queryOne } from "./support/db";

/**
 * Most citizens reach a report by clicking a link inside the site, not by typing its address.
 * Each of them is one 浏览量, however they arrive; hovering a link or coming back to the page
 * with the browser's back button is not another one.
 */

/** A desktop Chrome with JavaScript on, as a citizen has (headless Chromium would be a bot to isbot). */
const READER = { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36" };

const storedViews = (reportId: number) => queryOne<{ n: number }>("select view_count as n from reports where id = ?", reportId)!.n;

/** The stored count once the server's once-a-second flush has caught up (the count stops moving). */
async function settledViews(reportId: number): Promise<number> {
  let last = storedViews(reportId);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_500));
    const now = storedViews(reportId);
    if (now === last) return now;
    last = now;
  }
}

const reportIdOf = (page: Page) => Number(new URL(page.url()).pathname.match(/^\/reports\/(\d+)$/)![1]);

/** Where a reader starts, and the report link they click there. */
const startingPoints: { name: string; open: (page: Page) => Promise<void>; link: (page: Page) => ReturnType<Page["getByRole"]> }[] = [
  {
    name: "the report list",
    open: (page) => page.goto("/reports").then(() => undefined),
    link: (page) => page.getByRole("main").getByRole("link", { name: /青石镇人民政府2023年/ }),
  },
  {
    name: "the home page",
    open: (page) => page.goto("/").then(() => undefined),
    link: (page) => page.getByRole("main").getByRole("link", { name: /年政府信息公开工作年度报告/ }).first(),
  },
  {
    name: "a search result",
    open: async (page) => {
      await page.goto("/");
      await page.getByRole("searchbox").first().fill("柳溪镇");
      await page.getByRole("searchbox").first().press("Enter");
      await page.waitForURL(/\/search\?/);
    },
    link: (page) => page.getByRole("main").getByRole("link", { name: /柳溪镇人民政府2023年/ }).first(),
  },
  {
    name: "a unit's page",
    open: async (page) => {
      await page.goto("/");
      await page.getByRole("region", { name: "按发布机构浏览" }).getByRole("link", { name: "示例县白沙乡人民政府" }).click();
      await page.waitForURL(/\/units\/\d+$/);
    },
    link: (page) => page.getByRole("main").getByRole("link", { name: /2023年/ }).first(),
  },
];

/** A fresh browser (no cookies) that starts somewhere and clicks through; returns the report's id. */
async function readerClicksThrough(browser: Browser, start: (typeof startingPoints)[number]): Promise<number> {
  const context = await browser.newContext(READER);
  const page = await context.newPage();
  await start.open(page);
  await start.link(page).click();
  await page.waitForURL(/\/reports\/\d+$/);
  await expect(page.locator("[data-view-count]")).toBeVisible();
  const id = reportIdOf(page);
  await context.close();
  return id;
}

test.describe("浏览量 of readers who click through inside the site", () => {
  for (const start of startingPoints) {
    test(`three new readers clicking a report on ${start.name} add exactly three`, async ({ browser }) => {
      // Find the report first (one reader), then count the next three.
      const id = await readerClicksThrough(browser, start);
      const before = await settledViews(id);
      for (let i = 0; i < 3; i++) expect(await readerClicksThrough(browser, start)).toBe(id);
      expect(await settledViews(id)).toBe(before + 3);
    });
  }

  test("hovering a report link adds nothing; the back button within 30 minutes adds nothing", async ({ browser }) => {
    const context = await browser.newContext(READER);
    const page = await context.newPage();
    await page.goto("/reports");
    const link = startingPoints[0]!.link(page);
    const id = Number((await link.getAttribute("href"))!.match(/\/reports\/(\d+)/)![1]);
    const before = await settledViews(id);

    await link.hover();
    await link.focus();
    await page.mouse.wheel(0, 400);
    expect(await settledViews(id)).toBe(before);

    await link.click();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.goBack();
    await page.waitForURL(/\/reports$/);
    await page.goForward();
    await page.waitForURL(/\/reports\/\d+$/);
    await page.goBack();
    await startingPoints[0]!.link(page).click();
    await page.waitForURL(/\/reports\/\d+$/);
    await context.close();
    expect(await settledViews(id)).toBe(before + 1);
  });
});
