import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { REPORT_STATUS_LABELS } from "../lib/vocabulary";
import { insertNotification, insertUser, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { callServerAction, serverActionId } from "./support/server-actions";
import { summaryCount } from "./support/overview";

const STATUS_LABELS = ["未开始", ...Object.values(REPORT_STATUS_LABELS)];
const INBOX_ACTIONS = "app/(staff)/staff/inbox/actions.ts";

/** 发布日期 of a seeded report, as the overview shows it (China date). */
const seededPublicationDate = (file: string): string =>
  (JSON.parse(fs.readFileSync(`db/seed/reports/${file}.json`, "utf8")).metadata.publishedAt as string).slice(0, 10);

const rowOf = (page: Page, unit: RegExp) =>
  page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit }) });

/** Every body row of the overview table as text: unit, status, publication date, lateness. */
async function overviewRows(page: Page) {
  const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") });
  const result: { unit: string; status: string; publishedOn: string; late: string }[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const cells = row.getByRole("cell");
    result.push({
      unit: (await row.getByRole("rowheader").innerText()).trim(),
      status: (await cells.nth(0).innerText()).trim(),
      publishedOn: (await cells.nth(1).innerText()).trim(),
      late: (await cells.nth(3).innerText()).trim(),
    });
  }
  return result;
}

const statusLabelOf = (text: string) => STATUS_LABELS.find((label) => text.startsWith(label));

/** The counts at the top agree with the rows below, status by status and for both kinds of lateness. */
async function expectSummaryMatchesRows(page: Page) {
  const rows = await overviewRows(page);
  for (const label of STATUS_LABELS) {
    expect(await summaryCount(page, label), label).toBe(rows.filter((r) => statusLabelOf(r.status) === label).length);
  }
  expect(await summaryCount(page, "逾期未发布")).toBe(rows.filter((r) => r.late.startsWith("逾期未发布")).length);
  expect(await summaryCount(page, "逾期发布")).toBe(rows.filter((r) => r.late.startsWith("逾期发布")).length);
}

test.describe("county staff follow every subordinate unit's report", () => {
  const password = "County-Staff-2026";
  let countyClerk = "";
  let countyLeader = "";

  test.beforeAll(async () => {
    countyClerk = uniqueUsername("county.clerk");
    countyLeader = uniqueUsername("county.leader");
    await insertUser({ username: countyClerk, password, role: "clerk", unitShortName: "示例县" });
    await insertUser({ username: countyLeader, password, role: "leader", unitShortName: "示例县" });
  });

  test("a county clerk sees every township's 2023 report as published on its date, with counts that match", async ({ page }) => {
    await signInAs(page, countyClerk, password);
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "县级总览" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "县级总览" })).toBeVisible();
    await page.getByLabel("报告年度").selectOption("2023");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(/year=2023/);

    for (const [unit, file] of [
      [/青石镇/, "qingshi-2023"],
      [/柳溪镇/, "liuxi-2023"],
      [/白沙乡/, "baisha-2023"],
    ] as const) {
      const row = rowOf(page, unit);
      await expect(row.getByRole("cell").nth(0)).toHaveText("已发布");
      await expect(row.getByRole("cell").nth(1)).toHaveText(seededPublicationDate(file));
      await expect(row.getByRole("cell").nth(2)).toHaveText("2024-01-31");
      await expect(row.getByRole("cell").nth(3)).toHaveText("按时发布");
    }
    // The county's 司法局 never reported: not started, and overdue.
    const justice = rowOf(page, /司法局/);
    await expect(justice.getByRole("cell").nth(0)).toHaveText("未开始");
    await expect(justice.getByRole("cell").nth(3)).toContainText("逾期未发布");
    // Units outside the county (the archive's 河桥镇) are not listed.
    await expect(rowOf(page, /河桥镇/)).toHaveCount(0);

    expect(await summaryCount(page, "已发布")).toBeGreaterThanOrEqual(3);
    expect(await summaryCount(page, "逾期发布")).toBe(0);
    await expectSummaryMatchesRows(page);
  });

  test("a county leader sees the 2024 drafts as 草稿 and overdue, and units without a report as not started", async ({ page }) => {
    await signInAs(page, countyLeader, password);
    await page.goto("/staff/overview?year=2024");
    for (const unit of [/青石镇/, /柳溪镇/]) {
      const row = rowOf(page, unit);
      await expect(row.getByRole("cell").nth(0)).toHaveText("草稿");
      await expect(row.getByRole("cell").nth(1)).toHaveText("—");
      await expect(row.getByRole("cell").nth(2)).toHaveText("2025-01-31");
      await expect(row.getByRole("cell").nth(3)).toHaveText(/^逾期未发布（已逾期 \d+ 天）$/);
    }
    // 白沙乡 has no 2024 report in the demo data; clerk-drafts-report.spec.ts (which runs earlier
    // on the same database) creates one, so the expectation follows the database.
    const baisha = queryOne<{ status: keyof typeof REPORT_STATUS_LABELS }>(
      "select r.status from reports r join units u on u.id = r.unit_id where u.short_name = '白沙乡' and r.year = 2024",
    );
    const baishaRow = rowOf(page, /白沙乡/);
    await expect(baishaRow.getByRole("cell").nth(0)).toHaveText(baisha ? REPORT_STATUS_LABELS[baisha.status] : "未开始");
    await expect(baishaRow.getByRole("cell").nth(3)).toContainText("逾期未发布");
    await expect(rowOf(page, /司法局/).getByRole("cell").nth(0)).toHaveText("未开始");

    expect(await summaryCount(page, "草稿")).toBeGreaterThanOrEqual(2);
    expect(await summaryCount(page, "逾期未发布")).toBeGreaterThanOrEqual(3);
    await expectSummaryMatchesRows(page);
  });

  test("sorting by status changes the order and is announced on the column header", async ({ page }) => {
    await signInAs(page, countyLeader, password);
    await page.goto("/staff/overview?year=2024");
    const unitHeader = page.getByRole("columnheader", { name: /单位/ });
    const statusHeader = page.getByRole("columnheader", { name: /状态/ });
    await expect(unitHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(statusHeader).not.toHaveAttribute("aria-sort");
    const byUnit = (await overviewRows(page)).map((r) => r.unit);

    await statusHeader.getByRole("link").click();
    await expect(page).toHaveURL(/sort=status&order=asc/);
    await expect(statusHeader).toHaveAttribute("aria-sort", "ascending");
    await expect(unitHeader).not.toHaveAttribute("aria-sort");
    const sorted = await overviewRows(page);
    expect(sorted.map((r) => r.unit)).not.toEqual(byUnit);
    expect([...sorted.map((r) => r.unit)].sort()).toEqual([...byUnit].sort());
    const ranks = sorted.map((r) => STATUS_LABELS.indexOf(statusLabelOf(r.status)!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    await statusHeader.getByRole("link").click();
    await expect(page).toHaveURL(/sort=status&order=desc/);
    await expect(statusHeader).toHaveAttribute("aria-sort", "descending");
    const descending = (await overviewRows(page)).map((r) => STATUS_LABELS.indexOf(statusLabelOf(r.status)!));
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
  });

  test("a township clerk has no county overview: no menu entry, and the page is a 404", async ({ page }) => {
    await signInAs(page, "qingshi.clerk");
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "县级总览" })).toHaveCount(0);
    const response = await page.goto("/staff/overview?year=2024");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("table")).toHaveCount(0);
  });
});

test.describe("the inbox", () => {
  const password = "Inbox-Reader-2026";
  let reader = "";
  let readerId = 0;
  let otherId = 0;
  let reportId = 0;

  test.beforeAll(async () => {
    reader = uniqueUsername("qingshi.reader");
    readerId = await insertUser({ username: reader, password, role: "clerk", unitShortName: "青石镇" });
    otherId = await insertUser({ username: uniqueUsername("liuxi.other"), password, role: "clerk", unitShortName: "柳溪镇" });
    reportId = queryOne<{ id: number }>(
      "select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '青石镇' and r.year = 2023",
    )!.id;
  });

  const readAtOf = (id: number) => queryOne<{ read_at: number | null }>("select read_at from notifications where id = ?", id)!.read_at;

  test("a new notification shows as one unread in the header; opening it leads to the report and marks it read", async ({ page }) => {
    const message = `《青石镇2023年报告》已发布（测试 ${Date.now()}）。`;
    const id = insertNotification({ userId: readerId, reportId, kind: "published", message });
    await signInAs(page, reader, password);
    await page.getByRole("link", { name: "通知（1 条未读）" }).click();
    await expect(page).toHaveURL(/\/staff\/inbox$/);

    const item = page.getByRole("list", { name: "通知列表" }).getByRole("listitem").filter({ hasText: message });
    await expect(item).toHaveAttribute("data-unread", "true");
    await expect(item.getByText("未读", { exact: true })).toBeVisible();
    // The buttons are enabled once the page is interactive; the link's click handler is too.
    await expect(item.getByRole("button", { name: /^标为已读/ })).toBeEnabled();

    await item.getByRole("link", { name: message }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/reports/${reportId}(/|$)`));
    await expect.poll(() => readAtOf(id)).not.toBeNull();
    await expect(page.getByRole("link", { name: /^通知（/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "通知", exact: true })).toBeVisible();

    await page.goto("/staff/inbox");
    await expect(page.getByRole("list", { name: "通知列表" }).getByRole("listitem").filter({ hasText: message })).toHaveAttribute(
      "data-unread",
      "false",
    );
  });

  test("「全部标为已读」 clears every unread notification of the reader", async ({ page }) => {
    const ids = [1, 2].map((n) => insertNotification({ userId: readerId, reportId, kind: "comment", message: `测试审核意见 ${n}（${Date.now()}）` }));
    await signInAs(page, reader, password);
    await page.getByRole("link", { name: "通知（2 条未读）" }).click();
    await page.getByRole("button", { name: "全部标为已读" }).click();
    await expect(page.getByRole("link", { name: "通知", exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "全部标为已读" })).toBeDisabled();
    for (const id of ids) expect(readAtOf(id)).not.toBeNull();
  });

  test("a clerk cannot see or mark another user's notification, and nothing changes", async ({ page, baseURL }) => {
    const message = `柳溪镇的私人通知（${Date.now()}）`;
    const foreign = insertNotification({ userId: otherId, reportId: null, kind: "returned", message });
    await signInAs(page, reader, password);
    await page.goto("/staff/inbox");
    await expect(page.getByText(message)).toHaveCount(0);

    const before = tablesChecksum(["notifications"]);
    const response = await callServerAction(
      page.context().request,
      "/staff/inbox",
      serverActionId(INBOX_ACTIONS, "markNotificationReadAction"),
      [foreign],
      baseURL!,
    );
    expect(await response.text()).toContain("未找到该内容。");
    expect(tablesChecksum(["notifications"])).toBe(before);

    // Marking all of one's own as read leaves other people's rows alone.
    const all = await callServerAction(page.context().request, "/staff/inbox", serverActionId(INBOX_ACTIONS, "markAllNotificationsReadAction"), [], baseURL!);
    expect(all.ok()).toBe(true);
    expect(readAtOf(foreign)).toBeNull();
  });
});
