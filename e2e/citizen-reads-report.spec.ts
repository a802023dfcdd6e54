import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { listCells } from "../lib/formats";
import { getCell, reportDocumentSchema } from "../lib/interchange";
import { queryOne } from "./support/db";

/**
 * A citizen reads 青石镇's 2023 report on the public site: the page shows what was published
 * (compared with the seed file it was imported from), can be read larger or in 长者模式,
 * prints cleanly, and works without JavaScript.
 */

const seed = reportDocumentSchema.parse(JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8")));

const reportIdOf = (shortName: string, year: number): number =>
  queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = ? and r.year = ?", shortName, year)!.id;

/** Every statistics cell on the page: cell id → text. */
async function pageCells(page: Page): Promise<Map<string, string>> {
  const pairs = await page.$$eval("td[data-cell-id]", (cells) => cells.map((c) => [c.getAttribute("data-cell-id") ?? "", (c.textContent ?? "").trim()] as const));
  return new Map(pairs);
}

/** Computed font size and line height (px) of the first paragraph of 一、总体情况. */
async function bodyText(page: Page): Promise<{ fontSize: number; lineHeight: number; color: string }> {
  return page
    .locator('[data-section-key="overview"] p')
    .first()
    .evaluate((p) => {
      const style = getComputedStyle(p);
      return { fontSize: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight), color: style.color };
    });
}

test.describe("a citizen reads a published report", () => {
  let reportId = 0;

  test.beforeAll(() => {
    reportId = reportIdOf("青石镇", 2023);
  });

  test("the page shows the metadata block, title, byline, body, tables with the published numbers, 落款 and 浏览量", async ({ page }) => {
    const response = await page.goto(`/reports/${reportId}`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(new RegExp(seed.title));
    expect(await page.locator('meta[name="description"]').getAttribute("content")).toContain("示例县青石镇人民政府");

    const breadcrumbs = page.getByRole("navigation", { name: "当前位置" });
    await expect(breadcrumbs.getByRole("link", { name: "首页" })).toBeVisible();
    await expect(breadcrumbs.getByRole("link", { name: "政府信息公开年报" })).toBeVisible();

    const metadata = page.getByRole("table", { name: "信息公开元数据" });
    const fields: [string, string][] = [
      ["索引号", seed.metadata.indexNo!],
      ["公开方式", "主动公开"],
      ["公开范围", "面向全社会"],
      ["公开时限", "长期公开"],
      ["发布机构", "示例县青石镇人民政府"],
      ["成文日期", "2024-01-14"],
      ["发布日期", "2024-01-16"],
      ["有效性", "有效"],
      ["主题分类", "政府信息公开年报"],
    ];
    for (const [label, value] of fields) {
      const header = metadata.getByRole("rowheader", { name: label, exact: true });
      await expect(header).toBeVisible();
      // `has` is matched inside each row, so it is built from the page, not from the table.
      await expect(metadata.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) })).toContainText(value);
    }

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(seed.title);
    const byline = page.locator("article header > p");
    await expect(byline).toContainText("发布时间：2024-01-16 09:30");
    await expect(byline).toContainText("来源：青石镇");
    await expect(byline).toContainText("浏览量：");
    await expect(page.locator("[data-view-count]")).toHaveText(/^\d+$/);

    for (const heading of ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.getByText("本年度在县政府门户网站青石镇专栏累计发布政府信息187条", { exact: false })).toBeVisible();

    const cells = await pageCells(page);
    const expected = listCells("gov-2021");
    expect(cells.size).toBe(expected.length);
    for (const cell of expected) expect(cells.get(cell.id), cell.name).toBe(String(getCell(seed, cell.id)));
    expect(cells.get("table3.total.newReceived")).toBe("28");
    expect(cells.get("table3.total.results.granted")).toBe("16");
    expect(cells.get("table2.fees.amountWanYuan")).toBe("0.3625");

    const signature = page.locator("[data-signature]");
    await expect(signature).toContainText("示例县青石镇人民政府");
    await expect(signature).toContainText("2024年1月14日");

    // Last year's live report exists, so the comparison panel shows both years.
    const comparison = page.getByRole("region", { name: "与上年对比" });
    const received = comparison.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "本年新收申请" }) });
    await expect(received.getByRole("cell")).toHaveText(["23", "28", "+5"]);

    // The SHA-256 shown is the live edition's, and report.json is that text.
    const live = queryOne<{ sha256: string }>("select e.sha256 from report_editions e join reports r on r.live_edition_id = e.id where r.id = ?", reportId)!;
    // The hash and how to check it sit in a small 「如何核验」 disclosure, closed until asked for.
    await expect(page.locator("[data-sha256]")).toBeHidden();
    await page.getByText("如何核验", { exact: true }).click();
    await expect(page.locator("[data-sha256]")).toBeVisible();
    await expect(page.locator("[data-sha256]")).toHaveText(live.sha256);
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByRole("link", { name: "订阅更新（RSS/Atom）" })).toHaveAttribute("href", "/feed.xml");
    // What a government site states about itself (as configured for this server).
    await expect(footer.locator("[data-site-identity]")).toContainText("主办单位：示例县人民政府办公室");
    await expect(footer.locator("[data-site-identity]")).toContainText("网站标识码：0000000000");
    await expect(footer.locator("[data-site-identity]")).toContainText("公安机关备案号：示公网安备00000000000000号");
    await expect(footer.getByRole("link", { name: "我为政府网站找错" })).toHaveAttribute("href", "https://zfwzzc.www.gov.cn/");
    const icon = await page.request.get((await page.locator('link[rel="icon"]').getAttribute("href"))!);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    const download = page.getByRole("link", { name: "下载原文数据（JSON）" });
    await expect(download).toHaveAttribute("href", `/reports/${reportId}/report.json`);
    // A file to save, not a screen of raw JSON.
    const [saved] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(saved.suggestedFilename()).toBe(`report-${reportId}.json`);

    // Other years of the unit.
    await expect(page.getByRole("navigation", { name: "历年报告" }).getByRole("link", { name: "2022年度报告" })).toBeVisible();
  });

  test("字号 大/中/小 and 长者模式 change the page, as plain links", async ({ page }) => {
    await page.goto(`/reports/${reportId}`);
    const tools = page.locator("[data-reading-tools]");
    await expect(tools.getByRole("link", { name: "中字号" })).toHaveAttribute("aria-current", "true");
    const normal = await bodyText(page);

    await tools.getByRole("link", { name: "大字号" }).click();
    await expect(page).toHaveURL(/[?&]size=l\b/);
    await expect(tools.getByRole("link", { name: "大字号" })).toHaveAttribute("aria-current", "true");
    const large = await bodyText(page);
    expect(large.fontSize).toBeGreaterThan(normal.fontSize);
    // Tables grow too.
    const tableSize = await page.locator('td[data-cell-id="table3.total.newReceived"]').evaluate((td) => parseFloat(getComputedStyle(td).fontSize));
    expect(tableSize).toBeGreaterThan(14);
    // Remembered: the same report opened again without the parameter keeps the large type.
    await page.goto(`/reports/${reportId}`);
    await expect(tools.getByRole("link", { name: "大字号" })).toHaveAttribute("aria-current", "true");
    expect((await bodyText(page)).fontSize).toBe(large.fontSize);

    await tools.getByRole("link", { name: "小字号" }).click();
    await expect(page).toHaveURL(/[?&]size=s\b/);
    expect((await bodyText(page)).fontSize).toBeLessThan(normal.fontSize);

    // 中 is explicit (?size=m): the server remembers the last choice for links without it.
    await tools.getByRole("link", { name: "中字号" }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/${reportId}\\?size=m$`));
    expect((await bodyText(page)).fontSize).toBe(normal.fontSize);
    await tools.getByRole("link", { name: "长者模式" }).click();
    await expect(page).toHaveURL(/[?&]elder=1\b/);
    const elder = await bodyText(page);
    expect(elder.fontSize).toBeGreaterThan(normal.fontSize);
    expect(elder.lineHeight / elder.fontSize).toBeGreaterThanOrEqual(1.5);
    expect(elder.color).toBe("rgb(0, 0, 0)");
    const tableLine = await page.locator('td[data-cell-id="table3.total.newReceived"]').evaluate((td) => {
      const s = getComputedStyle(td);
      return parseFloat(s.lineHeight) / parseFloat(s.fontSize);
    });
    expect(tableLine).toBeGreaterThanOrEqual(1.5);
    await expect(tools.getByRole("link", { name: "退出长者模式" })).toBeVisible();
    await tools.getByRole("link", { name: "退出长者模式" }).click();
    await expect(page).toHaveURL(/[?&]elder=0\b/);
    expect((await bodyText(page)).fontSize).toBe(normal.fontSize);
  });

  test("printing hides the navigation and tools and adds the address and 索引号", async ({ page }) => {
    await page.goto(`/reports/${reportId}`);
    const footer = page.locator("[data-print-footer]");
    await expect(footer).toBeHidden();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "当前位置" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "历年报告" })).toBeHidden();
    await expect(page.locator("[data-reading-tools]")).toBeHidden();
    await expect(page.locator("[data-downloads]")).toBeHidden();
    await expect(page.getByRole("contentinfo")).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator('td[data-cell-id="table3.total.newReceived"]')).toBeVisible();
    await expect(footer).toBeVisible();
    await expect(footer).toContainText(`/reports/${reportId}`);
    await expect(footer).toContainText(`索引号：${seed.metadata.indexNo}`);
    const rowBreak = await page.locator('table[data-table-id="table3"] tr').nth(3).evaluate((tr) => getComputedStyle(tr).breakInside);
    expect(rowBreak).toBe("avoid");
  });

  test("an unknown report and a malformed id are 404", async ({ page }) => {
    expect((await page.goto("/reports/99999999"))?.status()).toBe(404);
    expect((await page.goto("/reports/abc"))?.status()).toBe(404);
    expect((await page.goto(`/reports/${reportId}?edition=99`))?.status()).toBe(404);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the report page is fully usable: reading, 字号, 分享 with QR code, 打印 note, downloads, other years", async ({ page }) => {
    const reportId = reportIdOf("青石镇", 2023);
    await page.goto(`/reports/${reportId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(seed.title);
    await expect(page.locator('td[data-cell-id="table3.total.newReceived"]')).toHaveText("28");

    const tools = page.locator("[data-reading-tools]");
    await tools.getByRole("link", { name: "大字号" }).click();
    await expect(page).toHaveURL(/size=l/);
    await expect(page.locator("[data-reading-size]")).toHaveAttribute("data-reading-size", "l");
    await tools.getByRole("link", { name: "长者模式" }).click();
    await expect(page).toHaveURL(/size=l&elder=1|elder=1&size=l/);
    await expect(page.locator("[data-elder-mode]")).toHaveAttribute("data-elder-mode", "on");

    // 分享 is a <details>: it opens without script and shows the address and a QR code.
    await tools.locator("summary").click();
    await expect(page.getByRole("img", { name: /二维码/ })).toBeVisible();
    expect(await page.getByRole("img", { name: /二维码/ }).locator("svg").count()).toBe(1);
    await expect(page.locator("[data-share-url]")).toHaveText(new RegExp(`/reports/${reportId}$`));

    // The print note shows only while 打印 is pointed at or focused, and where the link leads
    // to it (no script to open the dialog).
    const printLink = tools.getByRole("link", { name: "打印", exact: true });
    await expect(page.locator("#print-help")).toBeHidden();
    await printLink.hover();
    await expect(page.locator("#print-help")).toBeVisible();
    await page.mouse.move(0, 0);
    await expect(page.locator("#print-help")).toBeHidden();
    await printLink.click();
    await expect(page).toHaveURL(/#print-help$/);
    await expect(page.locator("#print-help")).toBeVisible();
    await expect(page.locator("#print-help")).toContainText("Ctrl+P");

    const download = await page.request.get(`/reports/${reportId}/report.json`);
    expect(download.status()).toBe(200);

    await page.getByRole("navigation", { name: "历年报告" }).getByRole("link", { name: "2022年度报告" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("示例县青石镇人民政府2022年政府信息公开工作年度报告");
  });

  test("browsing and searching work with plain links and forms", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("search", { name: "搜索年度报告" }).getByLabel("搜索关键词").fill("石材产业转");
    await page.getByRole("search", { name: "搜索年度报告" }).getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole("link", { name: "示例县青石镇人民政府2023年政府信息公开工作年度报告" })).toBeVisible();

    await page.goto("/reports");
    await page.getByLabel("报告年度").selectOption("2022");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/year=2022/);
    await expect(page.getByRole("status")).toContainText("2022年度");
    const titles = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title).toContain("2022年");

    await page.goto("/");
    await page.getByRole("link", { name: "示例县青石镇人民政府", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("示例县青石镇人民政府");
    const chart = page.getByRole("img", { name: /依申请公开办理情况/ });
    await expect(chart).toBeVisible();
    const data = page.getByRole("table", { name: /依申请公开办理情况（数据表/ });
    await expect(data.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "2023年" }) }).getByRole("cell").first()).toHaveText("28");
  });
});
