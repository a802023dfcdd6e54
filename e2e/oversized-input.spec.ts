import { expect, test, type Page } from "@playwright/test";
import { insertUser, queryOne, tablesChecksum, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { serverActionId } from "./support/server-actions";

/**
 * Oversized and malformed input through the autosave route, server actions and the editor:
 * each is refused with a Chinese message (413 or 400), nothing is stored, and the server
 * stays healthy.
 */

const TABLES = ["reports", "report_sections", "section_revisions", "review_comments", "report_transitions"];
const CHINESE = /[\u4e00-\u9fff]/;

test.describe("oversized and malformed input is refused and nothing is stored", () => {
  let reportId: number;
  let origin: string;
  const town = "巨量镇";
  const password = "Oversize-Clerk-2026!";
  const clerk = uniqueUsername("oversize.clerk");

  test.beforeAll(async () => {
    ({ reportId } = await createTownshipWithCompleteDraft(town, 41));
    await insertUser({ username: clerk, password, role: "clerk", unitShortName: town });
  });

  const version = (key: string) => queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = ?", reportId, key)!.version;

  async function put(page: Page, key: string, body: string | Buffer) {
    return page.request.put(`/api/reports/${reportId}/sections/${key}`, {
      headers: { Origin: origin, "Content-Type": "application/json" },
      data: body,
    });
  }

  test("autosave route: 5 MB narrative → 413, nested JSON and invalid UTF-8 → 400, bad cell values → 400 naming the cell", async ({ page, baseURL }) => {
    origin = baseURL!;
    await signInAs(page, clerk, password);
    const cases: { name: string; key: string; body: () => string | Buffer; status: number; message: RegExp; field?: string }[] = [
      { name: "5 MB narrative", key: "other", body: () => JSON.stringify({ baseVersion: version("other"), html: `<p>${"长".repeat(1_750_000)}</p>` }), status: 413, message: /过大/ },
      { name: "700,000-character narrative (under 1 MB)", key: "other", body: () => JSON.stringify({ baseVersion: version("other"), html: `<p>${"x".repeat(700_000)}</p>` }), status: 400, message: /本节内容过长/, field: "html" },
      { name: "100,000 levels of [", key: "other", body: () => "[".repeat(100_000), status: 400, message: /请求格式无效/ },
      { name: "100,000 levels of balanced []", key: "other", body: () => "[".repeat(100_000) + "]".repeat(100_000), status: 400, message: /请求格式无效/ },
      { name: "deeply nested cells", key: "applications", body: () => `{"baseVersion":${version("applications")},"cells":${'{"a":'.repeat(50_000)}1${"}".repeat(50_001)}`, status: 400, message: /嵌套过深/ },
      {
        name: "invalid UTF-8",
        key: "other",
        body: () => Buffer.concat([Buffer.from(`{"baseVersion":${version("other")},"html":"<p>`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('</p>"}')]),
        status: 400,
        message: /UTF-8/,
      },
      ...(
        [
          ["-1", /不小于 0 的整数/],
          ["1.5", /不小于 0 的整数/],
          ["1e999", /数值无效/],
          ["9007199254740992", /数值无效/],
          ['"12"', /数值无效/],
        ] as const
      ).map(([value, message]) => ({
        name: `cell value ${value}`,
        key: "applications",
        body: () => `{"baseVersion":${version("applications")},"cells":{"naturalPerson":{"newReceived":${value}}}}`,
        status: 400,
        message,
        field: "table3.naturalPerson.newReceived",
      })),
    ];
    for (const c of cases) {
      const before = tablesChecksum(TABLES);
      const response = await put(page, c.key, c.body());
      expect(response.status(), c.name).toBe(c.status);
      const json = (await response.json()) as { message: string; fieldErrors?: Record<string, string> };
      expect(json.message, c.name).toMatch(c.message);
      expect(json.message, c.name).toMatch(CHINESE);
      if (c.field) expect(json.fieldErrors?.[c.field], c.name).toMatch(c.message);
      expect(tablesChecksum(TABLES), `${c.name}: nothing stored`).toBe(before);
    }
    expect((await page.request.get("/api/health")).status()).toBe(200);
    // Control: a well-formed save goes through.
    const ok = await put(page, "applications", `{"baseVersion":${version("applications")},"cells":{"naturalPerson":{"newReceived":7}}}`);
    expect(ok.status()).toBe(200);
  });

  test("server actions: a 5 MB title → 413, nesting and invalid UTF-8 refused, overlong fields get the field's message", async ({ page, baseURL }) => {
    await signInAs(page, clerk, password);
    const titleId = serverActionId("app/(staff)/staff/reports/[id]/actions.ts", "updateReportTitleAction");
    const commentId = serverActionId("app/(staff)/staff/reports/[id]/review/actions.ts", "addCommentAction");
    const call = (id: string, body: string | Buffer) =>
      page.request.post(`/staff/reports/${reportId}`, {
        headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
        data: body,
      });
    const cases: { name: string; id: string; body: string | Buffer; expectAnswer: (status: number, text: string) => void }[] = [
      {
        name: "5 MB title",
        id: titleId,
        body: JSON.stringify([reportId, { title: "长".repeat(1_750_000) }]),
        expectAnswer: (status, text) => {
          expect(status).toBe(413);
          expect(text).toMatch(/提交的内容过大/);
        },
      },
      {
        name: "10,000-character title",
        id: titleId,
        body: JSON.stringify([reportId, { title: "长".repeat(10_000) }]),
        expectAnswer: (status, text) => {
          expect(status).toBe(200);
          expect(text).toContain('"fieldErrors":{"title":"标题不能超过 120 个字。"}');
        },
      },
      {
        name: "100,000-character comment",
        id: commentId,
        body: JSON.stringify([reportId, { sectionKey: "overview", body: "意".repeat(100_000) }]),
        expectAnswer: (status, text) => {
          expect(status).toBe(200);
          expect(text).toContain('"body":"意见不能超过 2000 个字。"');
        },
      },
      {
        name: "invalid UTF-8 in a title",
        id: titleId,
        body: Buffer.concat([Buffer.from(`[${reportId},{"title":"示例县巨量镇`), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('年度报告"}]')]),
        expectAnswer: (status, text) => {
          expect(status).toBe(200);
          expect(text).toMatch(/"ok":false.*无法识别的字符/);
        },
      },
      {
        // Next.js cannot decode it and answers with an error result; the action never runs.
        name: "100,000 levels of nesting",
        id: titleId,
        body: `[${reportId},${'{"title":'.repeat(50_000)}"x"${"}".repeat(50_000)}]`,
        expectAnswer: (status, text) => {
          expect(status).toBeLessThan(500);
          expect(text).not.toContain('"ok":true');
        },
      },
    ];
    for (const c of cases) {
      const before = tablesChecksum(TABLES);
      const response = await call(c.id, c.body);
      c.expectAnswer(response.status(), await response.text());
      expect(tablesChecksum(TABLES), `${c.name}: nothing stored`).toBe(before);
      expect((await page.request.get("/api/health")).status(), c.name).toBe(200);
    }
  });

  test("in the editor: bad cell values show a message at the cell, an oversized section and title are refused with the reason", async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, clerk, password);
    await page.goto(`/staff/reports/${reportId}/sections/applications`);
    const cell = page.locator("#cell-table3-naturalPerson-newReceived");
    const stored = queryOne<{ cells: string }>("select cells from report_sections where report_id = ? and key = 'applications'", reportId)!.cells;
    const before = tablesChecksum(TABLES);
    for (const [value, message] of [
      ["-1", /不小于 0 的整数/],
      ["1.5", /不小于 0 的整数/],
      ["1e999", /数字/],
      ["NaN", /数字/],
      ["9007199254740992", /数值过大/],
    ] as const) {
      await cell.fill(value);
      await cell.blur();
      await expect(page.locator("#cell-table3-naturalPerson-newReceived-error"), value).toHaveText(message);
      await expect(cell).toHaveAttribute("aria-invalid", "true");
    }
    await page.waitForTimeout(1_500); // past the autosave delay: nothing may have been sent
    expect(tablesChecksum(TABLES)).toBe(before);
    expect(queryOne<{ cells: string }>("select cells from report_sections where report_id = ? and key = 'applications'", reportId)!.cells).toBe(stored);

    // A narrative over the limit (pasted): the section says why it was not saved; the server keeps the last save.
    await page.goto(`/staff/reports/${reportId}/sections/other`);
    const editor = page.getByRole("textbox", { name: /六、其他需要报告的事项 正文/ });
    await editor.click();
    await editor.press("End");
    await editor.pressSequentially("保存的最后一句。");
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 10_000 });
    const saved = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'other'", reportId)!.html;
    const beforePaste = tablesChecksum(TABLES);
    await editor.evaluate((element, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, "超".repeat(600_000));
    await expect(page.getByTestId("save-status")).toContainText(/未能保存：.*(本节内容过长|内容过大).*服务器上仍是最近一次保存的内容/, { timeout: 30_000 });
    expect(tablesChecksum(TABLES)).toBe(beforePaste);
    expect(queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'other'", reportId)!.html).toBe(saved);

    // A 10,000-character title: the field's message, nothing sent.
    await page.goto(`/staff/reports/${reportId}`);
    const title = page.getByLabel("报告标题");
    await title.fill("长".repeat(10_000));
    await title.blur();
    await expect(page.locator("#report-title-error")).toHaveText("标题不能超过 120 个字。");
    expect(tablesChecksum(TABLES)).toBe(beforePaste);
  });
});
