import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { openDatabase } from "../db/client";
import { systemActor } from "../db/actor";
import { publishReport } from "../db/commands/publication";
import { insertReportDocument } from "../db/report-store";
import { transaction } from "../db/transaction";
import { units } from "../db/schema";
import { reportDocumentSchema } from "../lib/interchange";
import { orgCodeCheckChar } from "../lib/validations/org-code";
import { E2E_DATABASE_PATH } from "../playwright.config";
import { openTestDb, queryOne } from "./support/db";

/**
 * What the public sees of reports that are not simply published: a corrected report (the
 * correction note and the earlier edition), a withdrawn one (only the notice), and drafts
 * (nothing at all, anywhere).
 */

interface Published {
  reportId: number;
  unitName: string;
  shortName: string;
  indexNo: string;
}

/**
 * A new township (outside the demo county, so no staff overview lists it) with a published
 * 2022 report built from 青石镇's: the unit's name is unique per run and searchable.
 */
async function createPublishedReport(label: string): Promise<Published> {
  const digits = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const shortName = `${label}${digits}`;
  const body = `CZ${digits}`;
  const orgCode = body + orgCodeCheckChar(body);
  const source = JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8"));
  const db = openDatabase(E2E_DATABASE_PATH);
  try {
    const unit = db.insert(units).values({ name: `示例${shortName}人民政府`, shortName, kind: "township", orgCode }).returning().get();
    source.year = 2022;
    source.unit = { name: unit.name, orgCode, kind: "township" };
    source.title = `${unit.name}2022年政府信息公开工作年度报告`;
    source.metadata = { disclosureMode: "主动公开", scope: "面向全社会", retention: "长期公开", publisher: unit.name, category: "政府信息公开年报", writtenOn: "2023-01-10" };
    source.signature = null;
    for (const section of source.sections) {
      section.html = section.html.replaceAll("青石镇", shortName).replaceAll("青石", "云杉").replaceAll("2023", "2022");
    }
    const doc = reportDocumentSchema.parse(source);
    const reportId = await transaction(db, (tx) => insertReportDocument(tx, doc, { unitId: unit.id, status: "approved", origin: "editor" }));
    const result = await publishReport(db, systemActor("cli"), reportId, { at: new Date(), from: ["approved"] });
    if (!result.published || !result.indexNo) throw new Error("not published");
    return { reportId, unitName: unit.name, shortName, indexNo: result.indexNo };
  } finally {
    db.$client.close();
  }
}

const chineseToday = (): string => {
  const d = new Date(Date.now() + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

test.describe("a corrected report", () => {
  let report: Published;
  const correction = "更正：本年度发出信息处理费收费通知0件。";

  test.beforeAll(async () => {
    report = await createPublishedReport("云杉乡");
    const db = openDatabase(E2E_DATABASE_PATH);
    try {
      db.$client
        .prepare("update report_sections set html = html || ? where report_id = ? and key = 'other'")
        .run(`<p>${correction}</p>`, report.reportId);
      const result = await publishReport(db, systemActor("cli"), report.reportId, { at: new Date(), from: ["published"], changeNote: "补充了信息处理费情况。" });
      if (!result.published) throw new Error("correction not published");
    } finally {
      db.$client.close();
    }
  });

  test("shows 「本报告于…修订」 with the change note, and the first edition stays readable", async ({ page }) => {
    await page.goto(`/reports/${report.reportId}`);
    const notice = page.locator("[data-edition-notice]");
    await expect(notice).toContainText(`本报告于 ${chineseToday()} 修订`);
    await expect(notice).toContainText("修订说明：补充了信息处理费情况。");
    await expect(page.getByText(correction)).toBeVisible();

    await notice.getByRole("link", { name: /第 1 版/ }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/${report.reportId}\\?edition=1$`));
    await expect(page.locator("[data-edition-notice]")).toContainText("您正在查看本报告的第 1 版");
    await expect(page.getByText(correction)).toHaveCount(0);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${report.unitName}2022年政府信息公开工作年度报告`);

    // Each edition's file is its own snapshot.
    const first = await page.request.get(`/reports/${report.reportId}/report.json?edition=1`);
    expect(first.status()).toBe(200);
    expect(await first.text()).not.toContain(correction);
    const live = await page.request.get(`/reports/${report.reportId}/report.json`);
    expect(await live.text()).toContain(correction);
    expect(live.headers()["etag"]).not.toBe(first.headers()["etag"]);

    await page.locator("[data-edition-notice]").getByRole("link", { name: /查看现行版本/ }).click();
    await expect(page.getByText(correction)).toBeVisible();
  });
});

test.describe("a withdrawn report", () => {
  let report: Published;
  const reason = "数据口径需重新核实，核实后重新发布。";

  test.beforeAll(async () => {
    report = await createPublishedReport("松岭乡");
    // Withdraw it as the workflow does: status, date and reason, and out of the search index.
    const db = openTestDb();
    try {
      db.prepare("update reports set status = 'withdrawn', withdrawn_at = ?, withdraw_reason = ? where id = ?").run(Date.now(), reason, report.reportId);
      db.prepare("delete from search_documents where report_id = ?").run(report.reportId);
    } finally {
      db.close();
    }
  });

  test("shows only the withdrawal notice with its date and reason", async ({ page }) => {
    const response = await page.goto(`/reports/${report.reportId}`);
    expect(response?.status()).toBe(200);
    const notice = page.locator("[data-withdrawal-notice]");
    await expect(notice.getByRole("heading", { level: 1 })).toHaveText("本报告已撤回");
    await expect(notice).toContainText(`撤回日期${chineseToday()}`);
    await expect(notice).toContainText(`撤回原因${reason}`);
    await expect(notice).toContainText(report.indexNo);
    await expect(page.getByRole("heading", { name: "一、总体情况" })).toHaveCount(0);
    await expect(page.locator("td[data-cell-id]")).toHaveCount(0);
    await expect(page.locator("article")).toHaveCount(0);
    expect(await page.content()).not.toContain("全年共收到政府信息公开申请");
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
  });

  test("its downloads answer 410 with the reason, and it is gone from lists, search, feed, sitemap and open data", async ({ page, request }) => {
    for (const file of ["report.json", "tables.csv", "report.json?edition=1"]) {
      const response = await request.get(`/reports/${report.reportId}/${file}`);
      expect(response.status(), file).toBe(410);
      expect(response.headers()["content-type"]).toBe("text/plain; charset=utf-8");
      const text = await response.text();
      expect(text).toContain("撤回");
      expect(text).toContain(reason);
    }
    const link = `/reports/${report.reportId}`;
    await page.goto("/reports?year=2022");
    await expect(page.locator(`a[href="${link}"]`)).toHaveCount(0);
    await page.goto("/search?q=" + encodeURIComponent(report.shortName));
    await expect(page.getByRole("status")).toContainText("没有找到");
    expect(await (await request.get("/feed.xml")).text()).not.toContain(`${link}</id>`);
    expect(await (await request.get("/sitemap.xml")).text()).not.toContain(`${link}</loc>`);
    expect(await (await request.get("/open-data/2022.csv")).text()).not.toContain(report.unitName);
  });
});

test.describe("a draft is never public", () => {
  let draftId = 0;
  let unitId = 0;

  test.beforeAll(() => {
    const row = queryOne<{ id: number; unit_id: number; live_edition_id: number | null }>(
      "select r.id, r.unit_id, r.live_edition_id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2024",
    )!;
    expect(row.live_edition_id).toBeNull();
    draftId = row.id;
    unitId = row.unit_id;
  });

  test("not by its address, nor its files", async ({ page, request }) => {
    expect((await page.goto(`/reports/${draftId}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
    expect((await page.goto(`/reports/${draftId}?edition=1`))?.status()).toBe(404);
    for (const file of ["report.json", "tables.csv"]) expect((await request.get(`/reports/${draftId}/${file}`)).status(), file).toBe(404);
  });

  test("not in lists, search, the unit page, feed, sitemap or open data", async ({ page, request }) => {
    const link = `/reports/${draftId}`;
    for (const path of ["/", "/reports", "/reports?year=2024", `/units/${unitId}`]) {
      await page.goto(path);
      await expect(page.locator(`a[href="${link}"]`), path).toHaveCount(0);
    }
    await expect(page.getByRole("table", { name: /历年政府信息公开工作年度报告/ })).not.toContainText("2024年");

    // Phrases that only the 2024 draft contains.
    for (const q of ["政府信息315条", "青石镇人民政府2024年政府信息公开"]) {
      await page.goto("/search?q=" + encodeURIComponent(q));
      await expect(page.getByRole("status"), q).toContainText("没有找到");
    }
    await page.goto("/search?q=" + encodeURIComponent("青石") + "&year=2024");
    await expect(page.getByRole("status")).toContainText("没有找到");

    expect(await (await request.get("/feed.xml")).text()).not.toContain(`${link}</id>`);
    expect(await (await request.get("/sitemap.xml")).text()).not.toContain(`${link}</loc>`);
    const openData = await request.get("/open-data/2024.csv");
    if (openData.status() === 200) expect(await openData.text()).not.toContain("示例县青石镇人民政府");
    else expect(openData.status()).toBe(404);
  });
});
