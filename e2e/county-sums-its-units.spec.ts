import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { insertUnit, insertUser, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { addPublishedReport, publishCorrectedCell } from "./support/reports";

/**
 * Issue 14, the 汇总 report: a county clerk opens the county's report, starts the 汇总, enters
 * the county's own figures, marks the township without a report 「暂缺」 (refused without a
 * note), sums, and clicks a cell to read its breakdown by unit. A township then publishes a
 * correction; the clerk sees the changed cell old → new and re-sums. The county leader reads the
 * page but cannot sum.
 *
 * The spec brings its own county (no parent, so no other overview sees it).
 */

const PASSWORD = "Sum-Clerk-2026";
const COUNTY = "汇总县人民政府";
const JIA = "汇总县甲镇人民政府";
const YI = "汇总县乙镇人民政府";
const BING = "汇总县丙乡人民政府";
/** 行政复议·结果维持 (table4.review.maintain). */
const CELL = "行政复议·结果维持";
const CELL_ID = "table4.review.maintain";


/** A published report's value of the cell (its live edition). */
function publishedValue(reportId: number): number {
  const { snapshot } = queryOne<{ snapshot: string }>("select e.snapshot from reports r join report_editions e on e.id = r.live_edition_id where r.id = ?", reportId)!;
  return (JSON.parse(snapshot) as { tables: { table4: { review: { maintain: number } } } }).tables.table4.review.maintain;
}

const unitRow = (page: Page, unit: string) => page.getByRole("table", { name: /报送单位及其数据来源/ }).getByRole("row").filter({ has: page.getByRole("rowheader", { name: unit }) });

test.describe("a county sums its units' reports", () => {
  let clerk = "";
  let leader = "";
  let countyId = 0;
  const towns = { jia: 0, yi: 0, bing: 0 };

  test.beforeAll(async () => {
    countyId = insertUnit(COUNTY, "汇总县", "county", null, "HZX00001");
    towns.jia = insertUnit(JIA, "汇总甲镇", "township", countyId, "HZX00002");
    towns.yi = insertUnit(YI, "汇总乙镇", "township", countyId, "HZX00003");
    towns.bing = insertUnit(BING, "汇总丙乡", "township", countyId, "HZX00004");
    clerk = uniqueUsername("sum.clerk");
    leader = uniqueUsername("sum.leader");
    await insertUser({ username: clerk, password: PASSWORD, role: "clerk", unitShortName: "汇总县" });
    await insertUser({ username: leader, password: PASSWORD, role: "leader", unitShortName: "汇总县" });
  });

  test("the clerk sums, reads a cell's breakdown, and re-sums a township's correction", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, clerk, PASSWORD);
    await page.getByRole("button", { name: /^新建年度报告/ }).click();
    await expect(page).toHaveURL(/\/staff\/reports\/\d+\/sections\//);
    const report = queryOne<{ id: number; year: number; title: string }>("select id, year, title from reports where unit_id = ?", countyId)!;
    // Two townships have published the year's report; 丙乡 has not.
    const jiaReport = await addPublishedReport(towns.jia, report.year, "liuxi-2023");
    await addPublishedReport(towns.yi, report.year, "baisha-2023");

    await page.getByRole("link", { name: "开始汇总" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^汇总：/ })).toBeVisible();
    await page.getByRole("button", { name: "开始汇总" }).click();

    // Own figures: nothing happened at the county itself except 3 行政复议 upheld.
    await page.getByRole("button", { name: "空白格填 0" }).click();
    await page.getByLabel(CELL, { exact: true }).fill("3");
    await page.getByRole("button", { name: "保存本级数据" }).click();
    await expect(page.getByRole("status").filter({ hasText: "本级数据已保存" })).toBeVisible();

    // 丙乡 has no report: the 汇总 is refused, naming it.
    await expect(unitRow(page, BING).getByRole("cell").first()).toHaveText("缺报");
    await expect(unitRow(page, JIA).getByRole("cell").first()).toHaveText("已发布");
    await page.getByRole("button", { name: "汇总", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "不能完成汇总" }).last()).toContainText(BING);

    // 暂缺 needs a note.
    await page.getByRole("button", { name: `将${BING}标记为暂缺` }).click();
    await page.getByRole("button", { name: "保存暂缺" }).click();
    await expect(page.getByLabel(`${BING}暂缺说明`)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "请填写暂缺说明" })).toBeVisible();
    await page.getByLabel(`${BING}暂缺说明`).fill("该乡年报尚在编制中");
    await page.getByRole("button", { name: "保存暂缺" }).click();
    await expect(unitRow(page, BING).getByRole("cell").first()).toHaveText("暂缺");
    await expect(page.getByText(`「本汇总数据不含：${BING}（暂缺：该乡年报尚在编制中）。」`)).toBeVisible();

    await page.getByRole("button", { name: "汇总", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "汇总完成" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "未发现错误" })).toBeVisible();

    // A cell's breakdown: 本级 3 + each township's published value.
    const jia = publishedValue(jiaReport);
    const yi = queryOne<{ v: number }>(
      "select json_extract(e.snapshot, '$.tables.table4.review.maintain') as v from reports r join report_editions e on e.id = r.live_edition_id where r.unit_id = ?",
      towns.yi,
    )!.v;
    const cellButton = page.getByRole("button", { name: new RegExp(`^${CELL}：${3 + jia + yi}，`) });
    await cellButton.click();
    const dialog = page.getByRole("dialog", { name: `${CELL}：各单位数值` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("row", { name: "本级 3" })).toBeVisible();
    await expect(dialog.getByRole("row", { name: `${JIA} ${jia}` })).toBeVisible();
    await expect(dialog.getByRole("row", { name: `${YI} ${yi}` })).toBeVisible();
    await expect(dialog.getByRole("row", { name: `合计 ${3 + jia + yi}` })).toBeVisible();
    // The keyboard closes it, and the focus is back on the cell.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(cellButton).toBeFocused();

    // 甲镇 publishes a correction: five more upheld.
    await publishCorrectedCell(jiaReport, CELL_ID, jia + 5);
    await page.reload();
    await expect(unitRow(page, JIA).getByRole("cell").first()).toHaveText("已发布（第 2 版）");
    const changes = page.getByRole("table", { name: "重新汇总将改变的数据" });
    await expect(changes.getByRole("row", { name: `${CELL} ${3 + jia + yi} ${8 + jia + yi}` })).toBeVisible();
    await page.getByRole("button", { name: "重新汇总" }).click();
    await expect(page.getByRole("status").filter({ hasText: "汇总完成" })).toBeVisible();
    await expect(page.getByText("报告中的统计表与各单位当前数据一致")).toBeVisible();
    // The own figures survived the re-sum.
    await expect(page.getByLabel(CELL, { exact: true })).toHaveValue("3");

    // Exported for the city: the workbook has one sheet per table and every unit's row, with 合计.
    const exportSection = page.getByRole("region", { name: "导出" });
    const [workbookDownload] = await Promise.all([page.waitForEvent("download"), exportSection.getByRole("link", { name: "导出 Excel（.xlsx）" }).click()]);
    expect(workbookDownload.suggestedFilename()).toBe(`${report.title}（汇总表）.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await workbookDownload.path());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "分单位明细"]);
    const breakdown = workbook.getWorksheet("分单位明细")!;
    const rows = new Map<string, unknown[]>();
    breakdown.eachRow((row) => rows.set(String(row.getCell(1).value), row.values as unknown[]));
    const header = [...rows.values()].find((values) => values.includes(CELL))!;
    const column = header.indexOf(CELL);
    expect(rows.get("本级")![column]).toBe(3);
    expect(rows.get(JIA)![column]).toBe(jia + 5);
    expect(rows.get(YI)![column]).toBe(yi);
    expect(rows.get("合计")![column]).toBe(8 + jia + yi);
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), exportSection.getByRole("link", { name: "导出 CSV" }).click()]);
    expect(csvDownload.suggestedFilename()).toBe(`${report.title}（汇总表）.csv`);
    const csv = fs.readFileSync(await csvDownload.path(), "utf8");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain(`${JIA},`);

    // In the editor the summed tables are read-only, with the way to the 汇总 page.
    await page.getByRole("link", { name: `年度报告 #${report.id}` }).click();
    await page.getByRole("navigation", { name: "报告各节" }).getByRole("link", { name: /复议/ }).click();
    await expect(page.getByRole("note").filter({ hasText: "本报告为汇总报告" })).toBeVisible();
    await expect(page.getByLabel(CELL, { exact: true })).toHaveAttribute("readonly", "");
  });

  test("the county leader reads the 汇总 but has no 汇总 button", async ({ page }) => {
    const report = queryOne<{ id: number }>("select id from reports where unit_id = ?", countyId);
    test.skip(!report, "needs the clerk's report");
    await signInAs(page, leader, PASSWORD);
    // A leader opens the report on its review screen and follows 「汇总」 from there.
    await page.goto(`/staff/reports/${report!.id}`);
    await page.getByRole("navigation", { name: "报告操作" }).getByRole("link", { name: "汇总" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^汇总：/ })).toBeVisible();
    await expect(page.getByText("汇总由本单位填报员进行")).toBeVisible();
    await expect(page.getByRole("button", { name: /汇总/ })).toHaveCount(0);
  });
});

test.describe("a citizen reads a 汇总 report", () => {
  test("the demo county's 2023 report states, under its tables, which unit its figures leave out", async ({ page }) => {
    const { id } = queryOne<{ id: number }>("select r.id from reports r join units u on u.id = r.unit_id where u.short_name = '示例县' and r.year = 2023")!;
    await page.goto("/reports?year=2023");
    await page.getByRole("link", { name: "示例县人民政府2023年政府信息公开工作年度报告" }).click();
    await expect(page).toHaveURL(new RegExp(`/reports/${id}$`));
    const table4 = page.getByRole("table", { name: /行政复议、行政诉讼情况/ });
    await expect(table4).toBeVisible();
    const note = page.getByText("本汇总数据不含：示例县司法局（暂缺：县司法局2023年度报告未按期报送，已督促其尽快公开）。");
    await expect(note).toBeVisible();
    // Under the last table, before section 五.
    const [tableBox, noteBox, problemsBox] = await Promise.all([table4.boundingBox(), note.boundingBox(), page.getByRole("heading", { name: /^五、/ }).boundingBox()]);
    expect(noteBox!.y).toBeGreaterThan(tableBox!.y);
    expect(noteBox!.y).toBeLessThan(problemsBox!.y);
  });
});
