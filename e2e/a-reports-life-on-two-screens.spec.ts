import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { insertUser, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";

/**
 * Issue 12: the whole life of a report — the clerk submits it, the leader approves and publishes
 * it, a citizen reads it — on an office screen (1366×900) and on a phone (390×844). On every
 * screen no table is clipped (each fits, or scrolls inside its own box, and the page itself never
 * scrolls sideways) and the status shown is the report's real one. The screenshots are kept
 * under .test-reports/screens/.
 */

const SCREENS = path.resolve(".test-reports/screens");
const marker = (page: Page) => page.getByRole("note", { name: "报告状态提示" });

/** No table is cut off: each fits its box or its box scrolls sideways, and the page does not. */
async function expectNoClippedTable(page: Page) {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollWidth > window.innerWidth + 1) found.push(`the page scrolls sideways (${root.scrollWidth} > ${window.innerWidth})`);
    for (const table of document.querySelectorAll("main table")) {
      let box = table.parentElement;
      while (box && box !== document.body && !["auto", "scroll"].includes(getComputedStyle(box).overflowX) && box.clientWidth >= table.scrollWidth - 1) box = box.parentElement;
      if (!box || box === document.body) continue; // it fits all the way up
      const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
      if (!scrolls && box.clientWidth < table.scrollWidth - 1) found.push(`${table.querySelector("caption")?.textContent ?? "a table"} is clipped`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, name), fullPage: true });
}

const SCREENS_TO_WALK = [
  { name: "1366", viewport: { width: 1366, height: 900 }, township: "岭南乡", serial: 87 },
  { name: "390", viewport: { width: 390, height: 844 }, township: "溪口乡", serial: 88 },
] as const;

for (const screen of SCREENS_TO_WALK) {
  test.describe(`a report's life at ${screen.viewport.width}×${screen.viewport.height}`, () => {
    test.use({ viewport: screen.viewport });

    test("clerk submits, leader approves and publishes, a citizen reads it: no clipped table, no misleading state", async ({ page, browser }) => {
      test.setTimeout(120_000);
      const password = "Lingnan-Staff-2026";
      const { reportId } = await createTownshipWithCompleteDraft(screen.township, screen.serial, { raisesWarning: false });
      const clerk = uniqueUsername(`life${screen.name}.clerk`);
      const leader = uniqueUsername(`life${screen.name}.leader`);
      await insertUser({ username: clerk, password, role: "clerk", unitShortName: screen.township });
      await insertUser({ username: leader, password, role: "leader", unitShortName: screen.township });
      page.on("dialog", (dialog) => void dialog.accept());
      const shot = (step: string) => shoot(page, `life-${screen.name}-${step}.png`);

      // The clerk reads the whole draft in the preview, then submits it through the checklist.
      await signInAs(page, clerk, password);
      await page.getByRole("link", { name: "2024年度报告" }).click();
      await page.getByRole("link", { name: "预览全文" }).first().click();
      await expect(marker(page)).toContainText("草稿");
      await expectNoClippedTable(page);
      await shot("1-clerk-preview");
      await page.goBack();
      await page.getByRole("navigation", { name: "报告操作" }).getByRole("link", { name: "提交审核" }).click();
      await expectNoClippedTable(page);
      await shot("2-clerk-checklist");
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(page.getByRole("status").filter({ hasText: "已提交审核" })).toBeVisible();
      await expect(page.getByText("状态：待审核")).toBeVisible();
      await expectNoClippedTable(page);
      await shot("3-clerk-submitted");

      // The leader finds it waiting, reads it, approves and publishes.
      await signInAs(page, leader, password);
      await page.getByRole("region", { name: "待我审核" }).getByRole("link").first().click();
      await expect(page).toHaveURL(new RegExp(`/staff/reports/${reportId}/review$`));
      await expect(marker(page)).toContainText("待审核");
      await expect(marker(page)).not.toContainText("草稿");
      await expectNoClippedTable(page);
      await shot("4-leader-review");
      await page.getByLabel("审核意见", { exact: true }).fill("同意公开。");
      await page.getByLabel("成文日期").fill("2025-01-20");
      await page.getByRole("button", { name: "批准" }).click();
      await expect(page.getByRole("status").filter({ hasText: "已批准" })).toBeVisible();
      await expect(marker(page)).toContainText("已批准");
      await page.getByRole("button", { name: "发布" }).click();
      const published = page.getByRole("status").filter({ hasText: "已发布" });
      await expect(published).toBeVisible();
      await expect(marker(page)).not.toContainText("尚未对外公开");
      await expectNoClippedTable(page);
      await shot("5-leader-published");

      // A citizen, in a browser of their own, finds it on the list and reads it.
      const citizen = await browser.newPage({ viewport: screen.viewport });
      await citizen.goto("/reports");
      await citizen.getByRole("main").getByRole("link", { name: new RegExp(`${screen.township}人民政府2024年`) }).click();
      await expect(citizen).toHaveURL(new RegExp(`/reports/${reportId}$`));
      await expect(citizen.getByRole("heading", { level: 1 })).toContainText(`${screen.township}人民政府2024年政府信息公开工作年度报告`);
      await expectNoClippedTable(citizen);
      await shoot(citizen, `life-${screen.name}-6-citizen.png`);
      await citizen.close();
    });
  });
}
