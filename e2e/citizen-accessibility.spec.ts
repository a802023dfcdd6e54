import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";
import { queryOne } from "./support/db";

/**
 * The public pages pass axe-core without serious or critical violations (GB/T 37668 follows
 * WCAG 2.0 AA), can be operated from the keyboard, and show where the focus is.
 */

const qingshi = () =>
  queryOne<{ id: number; unit_id: number }>("select r.id, r.unit_id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2023")!;

test.describe("the public pages are accessible", () => {
  const pages: [string, () => string][] = [
    ["the home page", () => "/"],
    ["the report list", () => "/reports"],
    ["a filtered report list", () => "/reports?year=2023"],
    ["a report", () => `/reports/${qingshi().id}`],
    ["a report in 长者模式 with large type", () => `/reports/${qingshi().id}?size=l&elder=1`],
    ["the legacy 2017 report", () => `/reports/${queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '河桥镇' and r.year = 2017")!.id}`],
    ["a unit with its trend charts", () => `/units/${qingshi().unit_id}`],
    ["search results", () => "/search?q=" + encodeURIComponent("石材产业转")],
    ["a search without results", () => "/search?q=" + encodeURIComponent('"; NEAR *')],
    ["the open-data page", () => "/open-data"],
  ];

  for (const [name, path] of pages) {
    test(`${name} has no serious or critical axe violations`, async ({ page }) => {
      const response = await page.goto(path());
      expect(response?.status()).toBe(200);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  test("every page has its own title and description, one h1 and the skip link", async ({ page }) => {
    const titles = new Set<string>();
    for (const [, path] of pages.slice(0, 8)) {
      await page.goto(path());
      const title = await page.title();
      expect(title.length).toBeGreaterThan(0);
      titles.add(title);
      expect((await page.locator('meta[name="description"]').getAttribute("content"))?.length ?? 0).toBeGreaterThan(10);
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
      await expect(page.getByRole("link", { name: "跳到主要内容" })).toHaveAttribute("href", "#main");
    }
    expect(titles.size).toBeGreaterThanOrEqual(6);
  });

  test("keyboard users see the focus and reach the main content through the skip link", async ({ page }) => {
    await page.goto(`/reports/${qingshi().id}`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "跳到主要内容" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    // The next Tab lands inside the main content (the breadcrumbs), not in the header.
    await page.keyboard.press("Tab");
    const focusedInMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
    expect(focusedInMain).toBe(true);
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });

  test("tables have header cells with scope, and charts an accessible name and a data table", async ({ page }) => {
    await page.goto(`/units/${qingshi().unit_id}`);
    const charts = page.locator('svg[role="img"]');
    await expect(charts).toHaveCount(2);
    for (const label of await charts.evaluateAll((svgs) => svgs.map((s) => s.getAttribute("aria-label") ?? ""))) expect(label.length).toBeGreaterThan(10);
    const headersWithoutScope = await page.locator("main th:not([scope])").count();
    expect(headersWithoutScope).toBe(0);
    await expect(page.locator("main table caption")).toHaveCount(3);

    await page.goto(`/reports/${qingshi().id}`);
    expect(await page.locator("main th:not([scope])").count()).toBe(0);
  });
});
