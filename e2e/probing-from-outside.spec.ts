import net from "node:net";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { chinaDateTime } from "../lib/time";
import { GARBLED_TEXT_MESSAGE } from "../lib/validations/parse";
import { orgCodeCheckChar } from "../lib/validations/org-code";
import { insertUser, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { PERSONAS, signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";

/**
 * Issue 12, "found by probing from outside", and the words of the audit log: garbled text is
 * refused on the autosave route and in the forms, the sanitiser keeps the text after an unclosed
 * <svg>, a URL over Node's header limit gets a Chinese page with the security headers, the
 * audit log speaks Chinese, and staff see one date style.
 */

const SECTION_TABLES = ["reports", "report_sections", "section_revisions"];

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
}

test.describe.serial("what a prober found, fixed", () => {
  const town = "探测镇";
  const password = "Probe-Staff-2026!";
  const clerk = uniqueUsername("probe.clerk");
  const leader = uniqueUsername("probe.leader");
  let reportId = 0;

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft(town, 80, { raisesWarning: false }));
    await insertUser({ username: clerk, password, role: "clerk", unitShortName: town });
    await insertUser({ username: leader, password, role: "leader", unitShortName: town });
  });

  const section = (key: string) => queryOne<{ html: string; version: number }>("select html, version from report_sections where report_id = ? and key = ?", reportId, key)!;

  const put = (page: Page, origin: string, key: string, body: string): Promise<APIResponse> =>
    page.request.put(`/api/reports/${reportId}/sections/${key}`, { headers: { Origin: origin, "Content-Type": "application/json" }, data: body });

  test("the autosave route refuses control characters, U+FFFD and lone surrogates with the Chinese message and stores nothing", async ({ page, baseURL }) => {
    await signInAs(page, clerk, password);
    const before = section("other");
    // JSON escapes as the prober sent them, and the same characters as HTML character references.
    const bodies = ["\\u0000", "\\u0001", "\\u001b", "\\u007f", "\\ufffd", "\\ud800", "&#1;", "&#x1B;", "&#xFFFD;"].map(
      (bad) => [bad, `{"baseVersion":${before.version},"html":"<p>前${bad}后</p>"}`] as const,
    );
    for (const [bad, body] of bodies) {
      const checksum = tablesChecksum(SECTION_TABLES);
      const response = await put(page, baseURL!, "other", body);
      expect(response.status(), bad).toBe(400);
      const json = (await response.json()) as { message: string; fieldErrors?: Record<string, string> };
      expect(json.message, bad).toBe(GARBLED_TEXT_MESSAGE);
      expect(json.fieldErrors?.html, bad).toBe(GARBLED_TEXT_MESSAGE);
      expect(tablesChecksum(SECTION_TABLES), `${bad}: nothing stored`).toBe(checksum);
    }
    expect(section("other")).toEqual(before);
    // Tab and line breaks are ordinary text.
    const fine = await put(page, baseURL!, "other", `{"baseVersion":${before.version},"html":"<p>本年度未收取信息处理费。前\\t后\\n</p>"}`);
    expect(fine.status()).toBe(200);
    expect(section("other").html).toBe("<p>本年度未收取信息处理费。前\t后\n</p>");
  });

  test("a clerk who types a control character into a section is told at once, and the saved text stays as it was", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/problems`);
    const before = section("problems");
    const editor = page.getByRole("textbox", { name: "五、存在的主要问题及改进情况 正文" });
    await editor.click();
    await editor.press("Control+End");
    await page.keyboard.insertText("乱码\u0001文字");
    await expect(page.getByTestId("save-status")).toContainText(GARBLED_TEXT_MESSAGE, { timeout: 10_000 });
    expect(section("problems")).toEqual(before);
    // Nothing typed is lost: the text is still in the editor for the clerk to fix.
    await expect(editor).toContainText("乱码");
  });

  test("the admin's form shows the same message at the field", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    await page.goto("/staff/admin/units/new");
    const body = "PROBE080";
    await page.getByLabel("单位全称").fill("示例县乱码\u001b镇人民政府");
    await page.getByLabel("简称").fill("乱码镇");
    await page.getByLabel("单位类型").selectOption({ label: "乡镇" });
    await page.getByLabel("上级单位").selectOption({ index: 1 });
    await page.getByLabel(/组织机构代码/).fill(body + orgCodeCheckChar(body));
    const units = tablesChecksum(["units"]);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await expect(page.getByLabel("单位全称")).toHaveAccessibleDescription(new RegExp(GARBLED_TEXT_MESSAGE.slice(0, 12)));
    expect(tablesChecksum(["units"])).toBe(units);
  });

  test("an unclosed <svg>, <script>, <textarea>, <style>, <xmp> or <math> no longer swallows the text after it", async ({ page, baseURL }) => {
    await signInAs(page, clerk, password);
    for (const tag of ["svg", "script", "textarea", "style", "xmp", "math"]) {
      const { version } = section("other");
      // The text after the tag is what 六 must say, so the report can still be submitted later.
      const html = `<p>开头</p><${tag} onload=alert(1)><p>本年度未收取信息处理费。</p>`;
      const response = await put(page, baseURL!, "other", JSON.stringify({ baseVersion: version, html }));
      expect(response.status(), tag).toBe(200);
      const stored = section("other").html;
      expect(stored, tag).toContain("<p>开头</p>");
      expect(stored, tag).toContain("<p>本年度未收取信息处理费。</p>");
      expect(stored, tag).not.toMatch(new RegExp(`<${tag}|onload`, "i"));
    }
    // The clerk sees the kept text in the editor.
    await page.goto(`/staff/reports/${reportId}/sections/other`);
    await expect(page.getByRole("textbox", { name: "六、其他需要报告的事项 正文" })).toContainText("本年度未收取信息处理费。");
  });

  test("a /search URL over Node's header limit gets a Chinese page with the security headers, and links back", async ({ page, request, baseURL }) => {
    const longUrl = `/search?q=${encodeURIComponent("政府信息公开".repeat(1500))}`;
    const response = await request.get(longUrl);
    expect(response.status()).toBe(431);
    expectSecurityHeaders(response.headers(), "431");
    expect(response.headers()["content-type"]).toBe("text/html; charset=utf-8");
    expect(await response.text()).toContain("请求地址过长");

    await page.goto(longUrl);
    await expect(page.getByRole("heading", { name: "请求地址过长" })).toBeVisible();
    await page.getByRole("link", { name: "返回首页" }).click();
    await expect(page).toHaveURL(new URL("/", baseURL).toString());
  });

  test("a malformed request gets 400 with the same headers and a Chinese page", async ({ baseURL }) => {
    const { hostname, port } = new URL(baseURL!);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname === "localhost" ? "127.0.0.1" : hostname);
      const chunks: Buffer[] = [];
      socket.on("data", (chunk) => chunks.push(chunk));
      socket.on("error", reject);
      socket.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
      socket.write("NOT A REQUEST\r\n\r\n");
    });
    expect(raw.startsWith("HTTP/1.1 400 ")).toBe(true);
    const headers = Object.fromEntries(
      raw
        .slice(0, raw.indexOf("\r\n\r\n"))
        .split("\r\n")
        .slice(1)
        .map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
    );
    expectSecurityHeaders(headers, "400");
    expect(raw).toContain("请求无效");
  });

  test("the leader's comment shows its time as 2026-12-05 18:02 (China time, no seconds)", async ({ page }) => {
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/submit`);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/review/);

    await signInAs(page, leader, password);
    await page.goto(`/staff/reports/${reportId}/review`);
    const overview = page.getByTestId("comments-overview");
    await overview.getByLabel("对本节提出意见").fill("请补充办理时限。");
    await overview.getByRole("button", { name: "发表意见" }).click();
    await expect(overview).toContainText("请补充办理时限。");
    const createdAt = queryOne<{ created_at: number }>("select created_at from review_comments where report_id = ? order by id desc limit 1", reportId)!.created_at;
    const shown = chinaDateTime(new Date(createdAt));
    expect(shown).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await expect(overview).toContainText(shown);
    await expect(overview).not.toContainText(/\d{4}\/\d{1,2}\/\d{1,2}|\d{2}:\d{2}:\d{2}/);
  });

  test("the audit log speaks Chinese: action names, roles and a sentence; codes stay in the filter values and the JSON export", async ({ page }) => {
    await signInAs(page, PERSONAS.admin);
    await page.getByRole("link", { name: "审计日志" }).first().click();
    await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
    const table = page.locator("tbody");
    await expect(table).toContainText("登录成功");
    await expect(table).toContainText("系统管理员");
    const text = await table.innerText();
    expect(text).not.toMatch(/\b(auth|report|section|user|unit|comment)\.[a-z_]+\b/);
    const roles = await table.locator("tr td:nth-child(3)").allTextContents();
    expect(new Set(roles)).toEqual(new Set(["系统管理员", "审核领导", "填报员", "—"]));
    expect(text).not.toContain('{"');

    // The clerk's saves above are in the log as 保存章节 with the section named.
    await page.getByLabel("用户").selectOption(clerk);
    await page.getByLabel("操作").selectOption({ label: "保存章节" });
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/action=section\.save/);
    await expect(table.locator("tr").first()).toContainText("保存章节");
    await expect(table.locator("tr").first()).toContainText("章节：「六、其他需要报告的事项」。");
    await expect(table.locator("tr").first()).toContainText("填报员");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: /导出 JSON/ }).click();
    const file = await (await download).path();
    const rows = JSON.parse((await import("node:fs")).readFileSync(file, "utf8")) as { action: string; actorRole: string; actorName: string; details: unknown }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.action === "section.save" && row.actorRole === "clerk" && row.actorName === clerk)).toBe(true);
    expect(rows[0]!.details).toEqual({ section: "other" });
  });

  test("the JSON export is the admin's only", async ({ page }) => {
    await signInAs(page, clerk, password);
    const response = await page.request.get("/staff/admin/audit/export.json");
    expect(response.status()).toBe(404);
    expect(await response.text()).not.toContain("auth.signin");
  });
});
