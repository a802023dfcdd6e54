import { expect, test, type Page } from "@playwright/test";
import { orgCodeCheckChar } from "../lib/validations/org-code";
import { seriousViolations } from "./support/axe";
import { queryOne } from "./support/db";
import { summaryCount } from "./support/overview";
import { PERSONAS, signInAs } from "./support/personas";

/**
 * Issue 14 (the unit hierarchy), as the people do it: the demo city's clerk opens 市级总览 and
 * finds both counties and every township below them, and reads a township's published report
 * from there; a township clerk has no such page; the admin puts a department under the city and
 * is told at the field that a county cannot sit under a township.
 */

const nav = (page: Page) => page.getByRole("navigation", { name: "主导航" });
const rowOf = (page: Page, unit: RegExp) => page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit }) });

test.describe("a city supervises its counties", () => {
  test("the city clerk sees both counties and their townships in 市级总览, and clicks through to a published report", async ({ page }) => {
    await signInAs(page, "city.clerk");
    await expect(nav(page).getByRole("link", { name: "县级总览" })).toHaveCount(0);
    await nav(page).getByRole("link", { name: "市级总览" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "市级总览" })).toBeVisible();
    await expect(page.getByText("示例市人民政府下属各单位")).toBeVisible();
    await page.getByLabel("报告年度").selectOption("2023");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(/year=2023/);

    // Both counties, directly under the city.
    for (const county of [/^示例县人民政府/, /^示例市东山县人民政府/]) {
      await expect(rowOf(page, county).getByRole("cell").last()).toHaveText("示例市人民政府");
    }
    // Every township of both, two levels down, each with the county it belongs to.
    for (const [township, county] of [
      [/青石镇/, "示例县人民政府"],
      [/柳溪镇/, "示例县人民政府"],
      [/白沙乡/, "示例县人民政府"],
      [/桃源镇/, "示例市东山县人民政府"],
      [/龙潭乡/, "示例市东山县人民政府"],
    ] as const) {
      await expect(rowOf(page, township).getByRole("cell").last()).toHaveText(county);
    }
    await expect(rowOf(page, /青石镇/).getByRole("cell").first()).toHaveText("已发布");
    await expect(rowOf(page, /桃源镇/).getByRole("cell").first()).toHaveText("未开始");
    // Units outside the city (the archive's 河桥镇) are not listed.
    await expect(rowOf(page, /河桥镇/)).toHaveCount(0);

    // Click through to 青石镇's published 2023 report.
    await rowOf(page, /青石镇/).getByRole("link", { name: "示例县青石镇人民政府" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("青石镇");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("2023");

    // The same reach in 年报体检: reports of both counties' units are listed.
    await page.goto("/staff");
    await nav(page).getByRole("link", { name: "年报体检" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "年报体检" })).toBeVisible();
    await expect(page.getByText("示例市人民政府下属各单位")).toBeVisible();
    await page.getByLabel("报告年度").selectOption("2023");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(page.getByRole("rowheader", { name: /青石镇/ }).first()).toBeVisible();
  });

  test("the city clerk reads 各地区情况, clicks a county to see only its units, and goes back to all", async ({ page }) => {
    await signInAs(page, "city.clerk");
    await nav(page).getByRole("link", { name: "市级总览" }).click();
    await page.getByLabel("报告年度").selectOption("2023");
    await page.getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(/year=2023/);

    const regions = page.getByRole("table", { name: "2023年度各地区年度报告公开情况" });
    const regionRow = (name: string) => regions.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    // Each county's units, its own government included: 东山县 and its two townships, none public
    // and all three overdue (2023's deadline has passed).
    await expect(regionRow("示例市东山县人民政府").getByRole("cell")).toHaveText(["3", "0", "0%", "3", "0"]);
    // 示例县's 青石镇 published its 2023 report.
    expect(Number(await regionRow("示例县人民政府").getByRole("cell").nth(1).innerText())).toBeGreaterThanOrEqual(1);

    await regionRow("示例市东山县人民政府").getByRole("link", { name: "示例市东山县人民政府" }).click();
    await expect(page).toHaveURL(/under=\d+/);
    await expect(page).toHaveURL(/year=2023/);
    await expect(page.getByRole("navigation", { name: "查看范围" })).toContainText("示例市东山县人民政府");
    // The county's own government and its two townships, as 各地区情况 counted them.
    await expect(page.getByRole("heading", { level: 2, name: /示例市东山县人民政府，共 3 个单位/ })).toBeVisible();
    const units = page.getByRole("table", { name: /2023年度各单位年度报告情况/ });
    await expect(units.getByRole("rowheader")).toHaveText([/龙潭乡/, "示例市东山县人民政府", /桃源镇/]);
    // All of one county: no 上级 column.
    await expect(units.getByRole("columnheader", { name: "上级" })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Sorting keeps the county.
    await units.getByRole("link", { name: "状态" }).click();
    await expect(page).toHaveURL(/sort=status/);
    await expect(units.getByRole("rowheader")).toHaveCount(3);

    await page.getByRole("navigation", { name: "查看范围" }).getByRole("link", { name: /全部/ }).click();
    await expect(page).not.toHaveURL(/under=/);
    await expect(page).toHaveURL(/year=2023/);
    await expect(rowOf(page, /青石镇/)).toHaveCount(1);
    await expect(rowOf(page, /桃源镇/)).toHaveCount(1);

    // Only the overdue units: click 逾期未发布 in the summary.
    const overdue = await summaryCount(page, "逾期未发布");
    expect(overdue).toBeGreaterThanOrEqual(3);
    await page.getByRole("list", { name: "各状态单位数" }).getByRole("link", { name: /逾期未发布/ }).click();
    await expect(page).toHaveURL(/show=overdue/);
    await expect(page.getByText(`只显示「逾期未发布」的单位，共 ${overdue} 个。`)).toBeVisible();
    const overdueRows = page.getByRole("table", { name: /各单位年度报告情况（逾期未发布）/ }).getByRole("rowheader");
    await expect(overdueRows).toHaveCount(overdue);
    await expect(rowOf(page, /青石镇/)).toHaveCount(0);
    // Still only the overdue ones after clicking a county: all three of 东山县.
    await page.getByRole("table", { name: "2023年度各地区年度报告公开情况" }).getByRole("link", { name: "示例市东山县人民政府" }).click();
    await expect(page).toHaveURL(/show=overdue/);
    await expect(overdueRows).toHaveText([/龙潭乡/, "示例市东山县人民政府", /桃源镇/]);
    await page.getByRole("link", { name: "显示全部单位" }).click();
    await expect(page).not.toHaveURL(/show=/);
    await expect(page.getByRole("table", { name: /2023年度各单位年度报告情况$/ }).getByRole("rowheader")).toHaveCount(3);
  });

  test("a township clerk has no overview: no menu entry, and the page is a 404", async ({ page }) => {
    await signInAs(page, PERSONAS.clerkA);
    await expect(nav(page).getByRole("link", { name: /总览/ })).toHaveCount(0);
    const response = await page.goto("/staff/overview?year=2023");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("table")).toHaveCount(0);
  });
});

test.describe("the admin manages the tree", () => {
  test("creates a city-level department under the city through the form", async ({ page }) => {
    const name = `示例市统计局${Date.now() % 100000}`;
    await signInAs(page, PERSONAS.admin);
    await nav(page).getByRole("link", { name: "单位管理" }).click();
    await page.getByRole("link", { name: "新建单位" }).click();
    await page.getByLabel("单位全称").fill(name);
    await page.getByLabel("简称").fill("市统计局");
    await page.getByLabel("单位类型").selectOption({ label: "政府部门" });
    await page.getByLabel("上级单位").selectOption({ label: "示例市人民政府" });
    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill(orgCodeFor(name));
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/units\?saved=1/);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("政府部门（市级）");
    await expect(row).toContainText("示例市人民政府");
    expect(queryOne<{ kind: string; parent: string }>("select u.kind, p.name as parent from units u join units p on p.id = u.parent_id where u.name = ?", name)).toEqual({
      kind: "department",
      parent: "示例市人民政府",
    });
  });

  test("is told at the 上级单位 field that a county cannot sit under a township, and nothing is saved", async ({ page }) => {
    const name = `示例县挂靠县人民政府${Date.now() % 100000}`;
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/units");
    await page.getByRole("link", { name: "新建单位" }).click();
    await page.getByLabel("单位全称").fill(name);
    await page.getByLabel("简称").fill("挂靠县");
    await page.getByLabel("单位类型").selectOption({ label: "县（区）人民政府" });
    await page.getByLabel("上级单位").selectOption({ label: "示例县青石镇人民政府" });
    await page.getByLabel("组织机构代码 / 统一社会信用代码").fill(orgCodeFor(name));
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.locator("#parentId-error")).toHaveText("上级单位的层级须高于本单位：县级单位的上级应是市或省级人民政府。");
    await expect(page).toHaveURL(/\/staff\/admin\/units\/new/);
    expect(queryOne("select id from units where name = ?", name)).toBeUndefined();
  });
});

/** A valid 9-character org code, different for every name. */
function orgCodeFor(name: string): string {
  const body = `CT${String([...name].reduce((h, c) => (h * 31 + c.codePointAt(0)!) % 1_000_000, 7)).padStart(6, "0")}`;
  return body + orgCodeCheckChar(body);
}
