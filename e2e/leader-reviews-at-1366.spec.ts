import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";

/**
 * Issue 12 (reviewing): a clerk and a leader of a new township take a report through review on
 * a 1366×900 office screen. Tables 三 and 四 show every column on the review page and in the
 * editor (the side columns yield), table 四's headers break between words, the leader finds the
 * report under 「待我审核」, the clerk's section menu marks the section with an open comment, and
 * the 审签单 carries 索引号, 公开属性, 保密审查 and the 拟稿 / 审核 / 签发 lines on one A4 page.
 */

test.use({ viewport: { width: 1366, height: 900 } });

const SCREENS = path.resolve(".test-reports/screens");
fs.mkdirSync(SCREENS, { recursive: true });
const TABLE3 = "三、收到和处理政府信息公开申请情况";
const TABLE4 = "四、政府信息公开行政复议、行政诉讼情况";
const COMMENT = "请核对表三中法律服务机构一栏的数字。";

/** The scroll box around a statistics table (its label says it can scroll sideways). */
const tableRegion = (page: Page, title: string) => page.getByRole("region", { name: new RegExp(`^${title}（`) });

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS, name), fullPage: true });
}

/**
 * Every column of the table in this scroll region is visible: the region does not scroll
 * sideways, and the right edge of the last 总计 header lies inside the region and the viewport.
 */
async function expectEveryColumnVisible(page: Page, region: Locator) {
  await region.scrollIntoViewIfNeeded();
  const box = await region.boundingBox();
  const total = region.locator("th").filter({ hasText: /^总计$/ }).last();
  const totalBox = await total.boundingBox();
  expect(box, "table region").not.toBeNull();
  expect(totalBox, "总计 header").not.toBeNull();
  const viewport = page.viewportSize()!;
  const right = totalBox!.x + totalBox!.width;
  expect(right, "总计 header inside the viewport").toBeLessThanOrEqual(viewport.width);
  expect(right, "总计 header inside its scroll box").toBeLessThanOrEqual(box!.x + box!.width + 0.5);
  const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow, "no horizontal scrolling").toBeLessThanOrEqual(1);
}

/** Header labels of tables 三 and 四 and the words they are made of. */
const TABLE3_WORDS: Record<string, string[]> = {
  自然人: ["自然人"],
  商业企业: ["商业", "企业"],
  科研机构: ["科研", "机构"],
  社会公益组织: ["社会", "公益", "组织"],
  法律服务机构: ["法律", "服务", "机构"],
};
const TABLE4_WORDS: Record<string, string[]> = {
  结果维持: ["结果", "维持"],
  结果纠正: ["结果", "纠正"],
  其他结果: ["其他", "结果"],
  尚未审结: ["尚未", "审结"],
  总计: ["总计"],
};

/** How the header cells with these labels are broken into lines (the text of each rendered line). */
async function headerLines(region: Locator, labels: string[]): Promise<Record<string, string[][]>> {
  return region.evaluate((el, labels) => {
    const result: Record<string, string[][]> = {};
    for (const th of el.querySelectorAll("th")) {
      const text = th.textContent?.trim() ?? "";
      if (!labels.includes(text)) continue;
      const node = [...th.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!node) continue;
      const lines: { top: number; text: string }[] = [];
      const raw = node.textContent!;
      for (let i = 0; i < raw.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getBoundingClientRect();
        if (rect.width === 0) continue;
        const line = lines.find((l) => Math.abs(l.top - rect.top) < rect.height / 2);
        if (line) line.text += raw[i];
        else lines.push({ top: rect.top, text: raw[i]! });
      }
      (result[text] ??= []).push(lines.map((l) => l.text));
    }
    return result;
  }, labels);
}

/** Every header label is broken only between its words (「结果 / 维持」, never 「结果维 / 持」). */
async function expectHeadersBreakBetweenWords(region: Locator, words: Record<string, string[]>, times: number) {
  const lines = await headerLines(region, Object.keys(words));
  for (const [label, parts] of Object.entries(words)) {
    expect(lines[label]?.length, `headers 「${label}」`).toBe(times);
    const boundaries = parts.map((_, i) => parts.slice(0, i + 1).join("").length);
    for (const broken of lines[label]!) {
      const breaks = broken.map((_, i) => broken.slice(0, i + 1).join("").length);
      expect(broken.join(""), `「${label}」`).toBe(label);
      for (const at of breaks) expect(boundaries, `「${label}」 breaks as ${JSON.stringify(broken)}`).toContain(at);
    }
  }
}

/** A staff action link looks like a button: a border or a filled background, and padding. */
async function expectLooksLikeButton(link: Locator) {
  const style = await link.evaluate((el) => {
    const s = getComputedStyle(el);
    return {
      border: parseFloat(s.borderTopWidth),
      background: s.backgroundColor,
      paddingX: parseFloat(s.paddingLeft),
      paddingY: parseFloat(s.paddingTop),
      underline: s.textDecorationLine.includes("underline"),
    };
  });
  expect(style.border > 0 || style.background !== "rgba(0, 0, 0, 0)", "border or background").toBe(true);
  expect(style.paddingX).toBeGreaterThanOrEqual(8);
  expect(style.paddingY).toBeGreaterThanOrEqual(4);
  expect(style.underline).toBe(false);
}

test.describe.serial("a leader reviews a township's report at 1366×900", () => {
  const password = "Yunling-Staff-2026";
  let clerk = "";
  let leader = "";
  let reportId = 0;
  let title = "";

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft("云岭乡", 86, { raisesWarning: false }));
    title = queryOne<{ title: string }>("select title from reports where id = ?", reportId)!.title;
    clerk = uniqueUsername("yunling.clerk");
    leader = uniqueUsername("yunling.leader");
    await insertUser({ username: clerk, password, role: "clerk", unitShortName: "云岭乡" });
    await insertUser({ username: leader, password, role: "leader", unitShortName: "云岭乡" });
  });

  test.beforeEach(({ page }) => {
    // Whatever the workflow asks to confirm (return, approve) is confirmed.
    page.on("dialog", (dialog) => void dialog.accept());
  });

  test("the clerk's editor shows every column of tables 三 and 四, with headers broken between words", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.getByRole("link", { name: "2024年度报告" }).click();
    const menu = page.getByRole("navigation", { name: "报告各节" });
    await menu.getByRole("link", { name: new RegExp(`^${TABLE3}`) }).click();
    await expectEveryColumnVisible(page, tableRegion(page, TABLE3));
    await expectHeadersBreakBetweenWords(tableRegion(page, TABLE3), TABLE3_WORDS, 1);
    await tableRegion(page, TABLE3).screenshot({ path: path.join(SCREENS, "editor-table3-1366.png") });
    await menu.getByRole("link", { name: new RegExp(`^${TABLE4}`) }).click();
    const table4 = tableRegion(page, TABLE4);
    await expectEveryColumnVisible(page, table4);
    await expectHeadersBreakBetweenWords(table4, TABLE4_WORDS, 3);
    await screenshot(page, "editor-table4-1366.png");

    // The editor's menu speaks of headings by their level, and staff actions look like buttons.
    await menu.getByRole("link", { name: /^一、总体情况/ }).click();
    await expect(page.getByRole("button", { name: "一级标题" })).toBeVisible();
    await expect(page.getByRole("button", { name: "二级标题" })).toBeVisible();
    const actions = page.getByRole("navigation", { name: "报告操作" });
    await expectLooksLikeButton(actions.getByRole("link", { name: "提交审核" }));
    await expectLooksLikeButton(actions.getByRole("link", { name: "审核与意见" }));

    await actions.getByRole("link", { name: "提交审核" }).click();
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);
    // The clerk's 审核与意见: no empty boxes for the leader's comments, and the tables at full width.
    await expect(page.getByText("状态：待审核")).toBeVisible();
    await expect(page.getByLabel("对本节提出意见")).toHaveCount(0);
    await expect(page.getByText("暂无意见。")).toHaveCount(0);
    await expectEveryColumnVisible(page, tableRegion(page, TABLE4));
  });

  test("the leader finds it under 「待我审核」, and the review page shows every column of 三 and 四", async ({ page }) => {
    await signInAs(page, leader, password);
    const waiting = page.getByRole("region", { name: "待我审核" });
    await expect(waiting).toBeVisible();
    await expect(waiting.getByRole("link", { name: title })).toHaveCount(1);
    await expect(waiting).toContainText(`测试${clerk}`);
    await waiting.getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/reports/${reportId}/review$`));

    await expectEveryColumnVisible(page, tableRegion(page, TABLE3));
    await expectHeadersBreakBetweenWords(tableRegion(page, TABLE3), TABLE3_WORDS, 1);
    await tableRegion(page, TABLE3).screenshot({ path: path.join(SCREENS, "review-table3-1366.png") });
    const table4 = tableRegion(page, TABLE4);
    await expectEveryColumnVisible(page, table4);
    await expectHeadersBreakBetweenWords(table4, TABLE4_WORDS, 3);
    await table4.screenshot({ path: path.join(SCREENS, "review-table4-1366.png") });
    await screenshot(page, "review-1366.png");

    const thread = page.getByTestId("comments-applications");
    await thread.getByLabel("对本节提出意见").fill(COMMENT);
    await thread.getByRole("button", { name: "发表意见" }).click();
    await expect(thread).toContainText(COMMENT);
    await page.getByLabel("退回原因（填报员可见）").fill("请先处理表三的意见。");
    await page.getByRole("button", { name: "退回" }).click();
    await expect(page.getByText("状态：退回修改")).toBeVisible();

    // Nothing is waiting any more.
    await page.getByRole("link", { name: "工作台" }).first().click();
    await expect(page.getByRole("region", { name: "待我审核" }).getByRole("link", { name: title })).toHaveCount(0);
  });

  test("the clerk's menu marks the section with the open comment until it is resolved", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.getByRole("link", { name: "2024年度报告" }).click();
    const menu = page.getByRole("navigation", { name: "报告各节" });
    const commented = menu.getByRole("link", { name: new RegExp(`^${TABLE3}`) });
    await expect(commented).toContainText("意见 1");
    await expect(commented).toHaveAccessibleName(/1 条未处理的审核意见/);
    await expect(menu.getByText(/^意见 \d/)).toHaveCount(1);

    await commented.click();
    const thread = page.getByTestId("comments-applications");
    await expect(thread).toContainText(COMMENT);
    // The clerk answers and resolves; raising comments is the leader's part.
    await expect(thread.getByLabel("对本节提出意见")).toHaveCount(0);
    await expect(thread.getByRole("button", { name: "发表意见" })).toHaveCount(0);
    await expect(thread.getByRole("textbox", { name: "回复" })).toBeVisible();
    await thread.getByRole("button", { name: "标记为已处理" }).click();
    await expect(thread).toContainText("已处理");
    await expect(menu.getByText(/^意见 \d/)).toHaveCount(0);

    await page.getByRole("navigation", { name: "报告操作" }).getByRole("link", { name: "提交审核" }).click();
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review\?submitted=1/);
  });

  test("the leader approves; the 审签单 has 索引号, 公开属性, 保密审查 and 拟稿 / 审核 / 签发, on one A4 page", async ({ page }) => {
    await signInAs(page, leader, password);
    await page.getByRole("region", { name: "待我审核" }).getByRole("link", { name: title }).click();
    await page.getByLabel("审核意见", { exact: true }).fill("同意公开。");
    await page.getByLabel("成文日期").fill("2025-01-20");
    await page.getByRole("button", { name: "批准" }).click();
    await expect(page.getByText("状态：已批准")).toBeVisible();

    await page.getByRole("navigation", { name: "报告操作" }).getByRole("link", { name: "审签单" }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/reports/${reportId}/sign-off$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("政府信息公开工作年度报告审签单");
    const sheet = page.getByTestId("sign-off-sheet");
    const field = (label: string) => sheet.getByRole("row").filter({ has: page.getByRole("rowheader", { name: label, exact: true }) }).getByRole("cell");
    await expect(field("索引号")).toHaveText("发布时生成");
    await expect(field("公开属性")).toHaveText("主动公开");
    const approvedAt = await field("批准时间").innerText();
    await expect(field("保密审查")).toContainText("经审查，不涉及国家秘密");
    await expect(field("保密审查")).toContainText(`测试${leader}`);
    await expect(field("保密审查")).toContainText(approvedAt);

    const lines = page.getByTestId("sign-off-lines");
    const day = approvedAt.split(" ")[0]!;
    await expect(lines.getByText(/^拟稿：/)).toContainText(`测试${clerk}`);
    await expect(lines.getByText(/^拟稿：/)).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
    await expect(lines.getByText(/^审核：/)).toBeVisible();
    await expect(lines.getByText(/^签发：/)).toContainText(`测试${leader}`);
    await expect(lines.getByText(/^签发：/)).toContainText(day);
    await screenshot(page, "sign-off-1366.png");

    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    fs.mkdirSync(SCREENS, { recursive: true });
    const file = path.join(SCREENS, "sign-off.pdf");
    fs.writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/^Page size:.* pts \(A4\)$/m);
    expect(info).toMatch(/^Pages:\s+1$/m);
  });
});
