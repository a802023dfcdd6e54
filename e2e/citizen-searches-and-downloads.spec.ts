import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../lib/csv";
import { getCell, reportDocumentSchema } from "../lib/interchange";
import { queryOne } from "./support/db";

/**
 * A citizen searches the reports (also with input that would break a naive full-text query)
 * and downloads the data: the CSV and JSON files agree with the page and with what was published.
 */

const seed = reportDocumentSchema.parse(JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8")));

const reportIdOf = (shortName: string, year: number): number =>
  queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = ? and r.year = ?", shortName, year)!.id;

test.describe("a citizen searches", () => {
  test("a two-character phrase (青石) finds 青石镇's reports with the match marked", async ({ page }) => {
    await page.goto("/search?q=" + encodeURIComponent("青石"));
    await expect(page.getByRole("status")).toContainText(/找到 \d+ 篇与「青石」相关的年度报告/);
    const results = page.getByRole("heading", { level: 2 });
    await expect(results.filter({ hasText: "示例县青石镇人民政府2023年政府信息公开工作年度报告" })).toHaveCount(1);
    await expect(results.filter({ hasText: "示例县青石镇人民政府2022年政府信息公开工作年度报告" })).toHaveCount(1);
    await expect(results.filter({ hasText: "柳溪镇" })).toHaveCount(0);
    await expect(page.locator("mark").first()).toHaveText("青石");
  });

  test("a five-character phrase (石材产业转) is found in the body, with a highlighted excerpt", async ({ page }) => {
    await page.goto("/search");
    await page.getByRole("search", { name: "搜索年度报告" }).getByLabel("搜索关键词").fill("石材产业转");
    await page.getByRole("search", { name: "搜索年度报告" }).getByRole("button", { name: "搜索" }).click();
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole("link", { name: "示例县青石镇人民政府2023年政府信息公开工作年度报告" })).toBeVisible();
    const excerpt = page.locator("[data-search-excerpt]").first();
    await expect(excerpt.locator("mark")).toContainText(["石材产业转"]);
  });

  test("filters narrow the results to one year", async ({ page }) => {
    await page.goto("/search?q=" + encodeURIComponent("青石") + "&year=2022");
    const results = page.getByRole("heading", { level: 2 });
    await expect(results).toHaveCount(1);
    await expect(results).toContainText("2022年");
  });

  for (const [name, q] of [
    ["a lone double quote", '"'],
    ["a star", "*"],
    ["NEAR", "NEAR"],
    ["OR", "OR"],
    ["an SQL comment", "'; --"],
    ["FTS5 syntax", 'title:青石 NEAR("a" b) OR c*'],
    ["1,000 characters", "政".repeat(1000)],
  ] as const) {
    test(`a hostile query (${name}) gives an ordinary answer`, async ({ page }) => {
      const response = await page.goto("/search?q=" + encodeURIComponent(q));
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1, name: "站内搜索" })).toBeVisible();
      await expect(page.getByRole("status")).toContainText(/找到|没有找到/);
      if (q.length > 100) {
        await expect(page.getByRole("status")).toContainText("搜索词过长");
        expect((await page.getByLabel("搜索关键词").inputValue()).length).toBe(100);
      }
    });
  }

  test("typing a quote into the search box is harmless", async ({ page }) => {
    await page.goto("/search");
    await page.getByLabel("搜索关键词").fill('"青石镇"');
    await page.getByLabel("搜索关键词").press("Enter");
    await expect(page.getByRole("status")).toContainText(/找到|没有找到/);
  });
});

test.describe("a citizen downloads the data", () => {
  let reportId = 0;

  test.beforeAll(() => {
    reportId = reportIdOf("青石镇", 2023);
  });

  test("tables.csv is UTF-8 with BOM, one row per cell, and parses back to the numbers on the page", async ({ page }) => {
    const response = await page.request.get(`/reports/${reportId}/tables.csv`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]+\.csv"; filename\*=UTF-8''\S+\.csv$/);
    const bytes = await response.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString("utf8"));
    expect(rows[0]).toEqual(["表", "行", "列", "数值", "单元格编号"]);
    const csvValues = new Map(rows.slice(1).map((r) => [r[4]!, r[3]!]));
    expect(csvValues.size).toBe(200);

    await page.goto(`/reports/${reportId}`);
    const pageValues = new Map(
      await page.$$eval("td[data-cell-id]", (cells) => cells.map((c) => [c.getAttribute("data-cell-id") ?? "", (c.textContent ?? "").trim()] as const)),
    );
    expect(pageValues.size).toBe(csvValues.size);
    for (const [id, value] of csvValues) {
      expect(pageValues.get(id), id).toBe(value);
      expect(Number(value), id).toBe(getCell(seed, id));
    }
    const granted = rows.find((r) => r[4] === "table3.total.results.granted")!;
    expect(granted.slice(0, 4)).toEqual(["三、收到和处理政府信息公开申请情况", "三、本年度办理结果·（一）予以公开", "申请人情况·总计", "16"]);
  });

  test("report.json is the published snapshot byte for byte, with its SHA-256 as ETag", async ({ request }) => {
    const response = await request.get(`/reports/${reportId}/report.json`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/json; charset=utf-8");
    const body = await response.body();
    const live = queryOne<{ snapshot: string; sha256: string }>(
      "select e.snapshot, e.sha256 from report_editions e join reports r on r.live_edition_id = e.id where r.id = ?",
      reportId,
    )!;
    expect(body.toString("utf8")).toBe(live.snapshot);
    expect(crypto.createHash("sha256").update(body).digest("hex")).toBe(live.sha256);
    expect(response.headers()["etag"]).toBe(`"${live.sha256}"`);
    const again = await request.get(`/reports/${reportId}/report.json`, { headers: { "If-None-Match": `"${live.sha256}"` } });
    expect(again.status()).toBe(304);
    const doc = JSON.parse(body.toString("utf8"));
    expect(doc.schema).toBe("nianbao-report/1");
    expect(doc.tables).toEqual(seed.tables);
  });

  test("the yearly open-data CSV has one row per published report and every gov-2021 cell as a column", async ({ request }) => {
    const response = await request.get("/open-data/2023.csv");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers()["content-disposition"]).toContain("filename*=UTF-8''");
    const rows = parseCsv((await response.body()).toString("utf8"));
    const header = rows[0]!;
    expect(header.slice(0, 4)).toEqual(["单位", "索引号", "发布日期", "报告地址"]);
    expect(header).toContain("一、本年新收政府信息公开申请数量·总计");
    expect(header).toContain("行政复议·总计");
    expect(header.length).toBe(205);
    const qingshi = rows.find((r) => r[0] === "示例县青石镇人民政府")!;
    expect(qingshi[header.indexOf("一、本年新收政府信息公开申请数量·总计")]).toBe("28");
    expect(qingshi[header.indexOf("行政事业性收费·本年收费金额（万元）")]).toBe("0.3625");
    expect(qingshi[1]).toBe(seed.metadata.indexNo);
    expect(qingshi[3]).toMatch(new RegExp(`/reports/${reportId}$`));
    expect(rows.every((r) => r.length === header.length)).toBe(true);

    expect((await request.get("/open-data/1999.csv")).status()).toBe(404);
    expect((await request.get("/open-data/latest.csv")).status()).toBe(404);
  });

  test("the open-data page documents the downloads and the format", async ({ page }) => {
    await page.goto("/open-data");
    await expect(page.getByRole("heading", { level: 1, name: "数据开放" })).toBeVisible();
    await expect(page.getByRole("link", { name: /2023年度.*CSV/ })).toHaveAttribute("href", "/open-data/2023.csv");
    await expect(page.getByRole("heading", { name: "数据格式：nianbao-report/1" })).toBeVisible();
    await expect(page.getByRole("table", { name: "元数据（metadata）" })).toContainText("metadata.indexNo");
  });

  test("the Atom feed, sitemap and robots.txt describe the public site", async ({ request }) => {
    const feed = await request.get("/feed.xml");
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    const xml = await feed.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain(`/reports/${reportId}</id>`);

    const sitemap = await request.get("/sitemap.xml");
    expect(sitemap.status()).toBe(200);
    expect(await sitemap.text()).toContain(`/reports/${reportId}</loc>`);

    const robots = await (await request.get("/robots.txt")).text();
    for (const path of ["/staff", "/login", "/api"]) expect(robots).toContain(`Disallow: ${path}`);
    expect(robots).toContain("Allow: /");
    expect(robots).toContain("/sitemap.xml");
  });
});
