import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * A citizen reads the public site on a 390 px phone: the header and menu leave the first screen
 * to the content, the 信息公开元数据 read as label | value lines, the wide statistics table scrolls
 * inside its box with its row labels in view and says that it scrolls; 长者模式 enlarges and
 * darkens the whole page (header, menu, footer, reading tools), not only the report.
 */

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** The largest demo report: 柳溪镇 2023. */
const REPORT_TITLE = "示例县柳溪镇人民政府2023年政府信息公开工作年度报告";

async function openReportFromTheMenu(page: Page) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政府信息公开年报" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await page.getByRole("link", { name: REPORT_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(REPORT_TITLE);
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error("element is not rendered");
  return b;
}

/** Neither the page nor anything in it makes the phone scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
}

/** Computed font size (px) and text contrast against the first opaque background behind the element. */
async function textLook(locator: Locator): Promise<{ fontSize: number; contrast: number }> {
  return locator.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const lin = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    let background = "rgb(255, 255, 255)";
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = getComputedStyle(node).backgroundColor;
      const alpha = rgb(bg)[3];
      if (bg !== "transparent" && alpha !== 0 && (alpha === undefined || alpha === 1)) {
        background = bg;
        break;
      }
    }
    const style = getComputedStyle(el);
    const [a, b] = [luminance(rgb(style.color)), luminance(rgb(background))];
    return { fontSize: parseFloat(style.fontSize), contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}

test.describe("a citizen reads the public site on a phone", () => {
  test("the header and menu take at most a fifth of the first screen, and no page scrolls sideways", async ({ page }) => {
    await openReportFromTheMenu(page);
    const header = page.getByRole("banner");
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
    const bottom = (await box(header)).y + (await box(header)).height;
    expect(bottom).toBeLessThanOrEqual(0.2 * PHONE.height);
    // Every menu item is on screen and big enough to tap.
    for (const link of await page.getByRole("navigation", { name: "主导航" }).getByRole("link").all()) {
      const b = await box(link);
      expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
      expect(b.height).toBeGreaterThanOrEqual(44);
    }
    await expectNoSidewaysScroll(page);

    const report = page.url();
    const unit = page.getByRole("navigation", { name: "当前位置" }).getByRole("link", { name: "柳溪镇" });
    await unit.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("柳溪镇");
    await expectNoSidewaysScroll(page);
    for (const [name, heading] of [
      ["站内搜索", "站内搜索"],
      ["数据开放", "数据开放"],
      ["首页", "政府信息公开工作年度报告"],
    ] as const) {
      await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
      await expectNoSidewaysScroll(page);
    }
    await page.getByRole("searchbox").first().fill("柳溪镇");
    await page.getByRole("searchbox").first().press("Enter");
    await expect(page).toHaveURL(/\/search\?/);
    await expect(page.getByRole("link", { name: REPORT_TITLE })).toBeVisible();
    await expectNoSidewaysScroll(page);
    expect(report).toMatch(/\/reports\/\d+$/);
  });

  test("the 信息公开元数据 read as label | value lines, and the 索引号 fits on one line", async ({ page }) => {
    await openReportFromTheMenu(page);
    const metadata = page.getByRole("table", { name: "信息公开元数据" });
    const labels = ["索引号", "公开方式", "公开范围", "公开时限", "发布机构", "成文日期", "发布日期"];
    const boxes = [];
    for (const label of labels) {
      const header = metadata.getByRole("rowheader", { name: label, exact: true });
      const value = header.locator("xpath=following-sibling::td[1]");
      const [h, v] = [await box(header), await box(value)];
      // The value is right of its label, on the same line.
      expect(v.x).toBeGreaterThanOrEqual(h.x + h.width - 1);
      expect(Math.abs(v.y - h.y)).toBeLessThanOrEqual(1);
      boxes.push({ label, h, v });
    }
    // Two columns: all labels start at the same x, all values at the same x, one field per line.
    for (const { h, v } of boxes) {
      expect(h.x).toBeCloseTo(boxes[0]!.h.x, 0);
      expect(v.x).toBeCloseTo(boxes[0]!.v.x, 0);
    }
    for (let i = 1; i < boxes.length; i += 1) expect(boxes[i]!.h.y).toBeGreaterThan(boxes[i - 1]!.h.y);
    const tableBox = await box(metadata);
    expect(tableBox.x + tableBox.width).toBeLessThanOrEqual(PHONE.width);

    const indexNo = metadata.getByRole("rowheader", { name: "索引号", exact: true }).locator("xpath=following-sibling::td[1]");
    await expect(indexNo).toHaveText("11339999MB0A12326J/2024-00202");
    const lines = await indexNo.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return range.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight);
    });
    expect(lines).toBeGreaterThan(0.5);
    expect(lines).toBeLessThan(1.5);
  });

  test("the wide table 3 scrolls inside its box with its row labels in view, and says that it scrolls", async ({ page }) => {
    await openReportFromTheMenu(page);
    const region = page.getByRole("region", { name: "三、收到和处理政府信息公开申请情况（表格可左右滚动）" });
    await region.scrollIntoViewIfNeeded();
    await expect(region.getByText("左右滑动查看更多")).toBeVisible();
    const frame = await box(region);
    expect(frame.x + frame.width).toBeLessThanOrEqual(PHONE.width);
    const sizes = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(sizes.scroll).toBeGreaterThan(sizes.client);

    const outer = region.getByRole("rowheader", { name: "一、本年新收政府信息公开申请数量" });
    const inner = region.getByRole("rowheader", { name: "1.属于国家秘密" });
    const firstNumber = region.locator('td[data-cell-id$=".newReceived"]').first();
    const lastNumber = region.locator('td[data-cell-id$=".newReceived"]').last();
    const before = { outer: await box(outer), inner: await box(inner), first: await box(firstNumber), last: await box(lastNumber) };
    expect(before.last.x).toBeGreaterThan(frame.x + frame.width);

    // The keyboard scrolls it (the region takes the focus), then the reader swipes to the end.
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await region.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    await expect.poll(() => region.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1)).toBe(true);

    const after = { outer: await box(outer), inner: await box(inner), first: await box(firstNumber), last: await box(lastNumber) };
    // The numbers moved left and the last column came into the box ...
    expect(after.first.x).toBeLessThan(before.first.x - 50);
    expect(after.last.x + after.last.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    // ... while the row labels stayed where they were, inside the box, not covered by numbers.
    for (const name of ["outer", "inner"] as const) {
      expect(Math.abs(after[name].x - before[name].x)).toBeLessThanOrEqual(1);
      expect(after[name].x).toBeGreaterThanOrEqual(frame.x - 1);
    }
    for (const label of [outer, inner]) {
      const onTop = await label.evaluate((th) => {
        // Bring the row to the middle of the screen (page scroll only: the table keeps its scroll).
        window.scrollBy(0, th.getBoundingClientRect().top - window.innerHeight / 2);
        const r = th.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit !== null && th.contains(hit);
      });
      expect(onTop).toBe(true);
    }
    expect(await region.evaluate((el) => el.scrollLeft + el.clientWidth >= el.scrollWidth - 1)).toBe(true);
  });

  test("长者模式 enlarges and darkens the header, menu, footer and reading tools too", async ({ page }) => {
    await openReportFromTheMenu(page);
    const parts = {
      header: page.getByRole("banner").getByRole("link", { name: /政府信息公开工作年度报告/ }),
      menu: page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "首页" }),
      footer: page.getByRole("contentinfo").getByRole("link", { name: "数据开放" }),
      footerText: page.getByRole("contentinfo").getByText(/以发布的版本为准/),
      tools: page.locator("[data-reading-tools]").getByRole("link", { name: "大字号" }),
    };
    const normal: Record<string, { fontSize: number; contrast: number }> = {};
    for (const [name, locator] of Object.entries(parts)) normal[name] = await textLook(locator);

    await page.locator("[data-reading-tools]").getByRole("link", { name: "长者模式" }).click();
    await expect(page).toHaveURL(/[?&]elder=1\b/);
    await expect(page.locator("[data-reading-tools]").getByRole("link", { name: "退出长者模式" })).toBeVisible();

    for (const [name, locator] of Object.entries(parts)) {
      const elder = await textLook(locator);
      expect(elder.fontSize, `${name} font size`).toBeGreaterThan(normal[name]!.fontSize);
      expect(elder.contrast, `${name} contrast`).toBeGreaterThan(normal[name]!.contrast);
      expect(elder.contrast, `${name} contrast`).toBeGreaterThanOrEqual(7);
    }
    // Big tap targets in the menu, the footer and the tools; still nothing sticks out sideways.
    for (const link of [parts.menu, parts.footer, parts.tools]) expect((await box(link)).height).toBeGreaterThanOrEqual(44);
    await expectNoSidewaysScroll(page);

    // The choice goes with the reader: the home page and the list, reached by the menu, stay in 长者模式.
    await parts.menu.click();
    await expect(page).toHaveURL(/\/$/);
    expect((await textLook(parts.menu)).fontSize).toBeGreaterThan(normal.menu!.fontSize);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "政府信息公开年报" }).click();
    await expect(page).toHaveURL(/\/reports$/);
    expect((await textLook(parts.footer)).fontSize).toBeGreaterThan(normal.footer!.fontSize);
  });
});
