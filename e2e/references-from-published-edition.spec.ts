import { expect, test, type Page } from "@playwright/test";
import { systemActor } from "../db/actor";
import { openDatabase } from "../db/client";
import { publishReport } from "../db/commands/publication";
import { orgCodeCheckChar } from "../lib/validations/org-code";
import { E2E_DATABASE_PATH } from "../playwright.config";
import { insertUser, openTestDb, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { addCompleteReport } from "./support/reports";

/**
 * Issue 12: the 「上年」 figures beside each cell, section 五's reference panel and the 上年结转
 * pre-fill come from last year's published edition — not from a draft of it. Without a published
 * report the editor says so plainly, and 新建年度报告 warns first.
 */

const DRAFT_PROBLEMS = "<p>更正中的草稿：尚未审核的文字。</p>";

function addTownship(shortName: string, body: string): number {
  const db = openTestDb();
  try {
    const county = db.prepare("select id from units where kind = 'county' limit 1").get() as { id: number };
    const result = db
      .prepare("insert into units (name, short_name, kind, org_code, parent_id) values (?, ?, 'township', ?, ?)")
      .run(`示例县${shortName}人民政府`, shortName, body + orgCodeCheckChar(body), county.id);
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}

async function publish(reportId: number): Promise<void> {
  const db = openDatabase(E2E_DATABASE_PATH);
  try {
    const result = await publishReport(db, systemActor("scheduler"), reportId, { at: new Date(), from: ["approved"] });
    if (!result.published) throw new Error("not published");
  } finally {
    db.$client.close();
  }
}

const cell = (page: Page, id: string) => page.locator(`#cell-${id.replaceAll(".", "-")}`);
const nav = (page: Page) => page.getByRole("navigation", { name: "报告各节" });

test.describe.serial("last year's report as a reference", () => {
  const password = "Reference-Clerk-2026";
  let published: { newReceived: number; carriedForward: number; problems: string };
  let clerkOfPublished = "";
  let clerkOfDraft = "";

  test.beforeAll(async () => {
    // 参照镇: its 2023 report is published; a correction is in progress, whose working copy differs.
    const unitId = addTownship("参照镇", "NUMREF01");
    const lastYear = await addCompleteReport(unitId, 2023, "approved");
    await publish(lastYear);
    const snapshot = JSON.parse(queryOne<{ snapshot: string }>("select snapshot from report_editions where report_id = ?", lastYear)!.snapshot);
    published = {
      newReceived: snapshot.tables.table3.naturalPerson.newReceived,
      carriedForward: snapshot.tables.table3.naturalPerson.carriedForward,
      problems: snapshot.sections.find((s: { key: string }) => s.key === "problems").html,
    };
    const db = openTestDb();
    try {
      db.prepare("update reports set status = 'draft' where id = ?").run(lastYear);
      db.prepare(
        "update report_sections set cells = json_set(cells, '$.naturalPerson.newReceived', ?, '$.naturalPerson.carriedForward', ?) where report_id = ? and key = 'applications'",
      ).run(published.newReceived + 2, published.carriedForward + 5, lastYear);
      db.prepare("update report_sections set html = ? where report_id = ? and key = 'problems'").run(DRAFT_PROBLEMS, lastYear);
    } finally {
      db.close();
    }
    clerkOfPublished = uniqueUsername("reference.clerk");
    await insertUser({ username: clerkOfPublished, password, role: "clerk", unitShortName: "参照镇" });

    // 草稿乡: its 2023 report exists only as a draft.
    const draftUnit = addTownship("草稿乡", "NUMREF02");
    await addCompleteReport(draftUnit, 2023, "draft");
    clerkOfDraft = uniqueUsername("draft.clerk");
    await insertUser({ username: clerkOfDraft, password, role: "clerk", unitShortName: "草稿乡" });
  });

  test("上年 figures, 上年结转 and section 五 show last year's published edition, not its draft", async ({ page }) => {
    await signInAs(page, clerkOfPublished, password);
    await page.getByRole("button", { name: "新建年度报告（2024年）" }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/\d+\/sections\/preamble$/);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    await nav(page).getByRole("link", { name: /三、收到和处理/ }).click();
    await expect(page.locator('[data-cell-id="table3.naturalPerson.newReceived"]')).toContainText(`上年 ${published.newReceived}`);
    await expect(page.locator('[data-cell-id="table3.naturalPerson.newReceived"]')).not.toContainText(`上年 ${published.newReceived + 2}`);
    await expect(cell(page, "table3.naturalPerson.carriedOver")).toHaveValue(String(published.carriedForward));
    await expect(page.getByText("上年报告尚未发布")).toHaveCount(0);

    await nav(page).getByRole("link", { name: /五、存在的主要问题/ }).click();
    const panel = page.getByRole("complementary", { name: /参考：2023年度报告/ });
    await expect(panel).toContainText(published.problems.replace(/<[^>]+>/g, "").slice(0, 20));
    await expect(panel).not.toContainText("更正中的草稿");
  });

  test("without a published report last year, 新建年度报告 warns first and the editor says there is no reference", async ({ page }) => {
    await signInAs(page, clerkOfDraft, password);
    await page.getByRole("button", { name: "新建年度报告（2024年）" }).click();
    const warning = page.getByRole("alertdialog", { name: "2023年度报告尚未发布" });
    await expect(warning).toContainText("“上年结转”不会预填");
    await expect(page).toHaveURL(/\/staff$/);

    await warning.getByRole("button", { name: "取消" }).click();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
    await page.getByRole("button", { name: "新建年度报告（2024年）" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "仍然新建" }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/\d+\/sections\/preamble$/);

    await nav(page).getByRole("link", { name: /三、收到和处理/ }).click();
    await expect(page.getByRole("note").filter({ hasText: "上年报告尚未发布，无参考数据" })).toBeVisible();
    await expect(page.locator("[data-cell-id]").filter({ hasText: "上年" })).toHaveCount(0);
    await expect(cell(page, "table3.naturalPerson.carriedOver")).toHaveValue("");

    await nav(page).getByRole("link", { name: /五、存在的主要问题/ }).click();
    await expect(page.getByRole("complementary", { name: /参考：2023年度报告/ })).toContainText("上年报告尚未发布，无参考数据");
  });
});
