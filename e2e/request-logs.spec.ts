import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { RequestLogEntry } from "../lib/serving/request-log";
import { insertUser, queryOne, uniqueUsername } from "./support/db";
import { DEMO_PASSWORD } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { E2E_DIR } from "../playwright.config";
import { ExtraServer } from "./support/server";

const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

interface LogLine {
  level: string;
  time: number;
  reqId?: string;
  msg?: string;
}

type RequestLine = LogLine & RequestLogEntry;

test("the server writes one JSON line per request, with its id, status, duration and user, and never a password, session token or report text", async ({ browser }) => {
  test.setTimeout(120_000);
  const logFile = path.join(E2E_DIR, `request-logs-${Date.now()}.log`);
  const server = new ExtraServer(5, { stdoutFile: logFile });
  const { reportId } = await createTownshipWithCompleteDraft("日志测试乡", 73);
  const username = uniqueUsername("logs.clerk");
  // An account of its own (the demo personas' data stays untouched), with the demo password.
  const userId = await insertUser({ username, password: DEMO_PASSWORD, role: "clerk", unitShortName: "日志测试乡" });
  const published = queryOne<{ id: number }>("select id from reports where live_edition_id is not null and withdrawn_at is null order by id limit 1")!.id;
  const narrative = `不应出现在日志中的正文${Date.now().toString(36)}`;
  const secretInQuery = `querysecret${Date.now().toString(36)}`;

  await server.start();
  const context = await browser.newContext({ baseURL: server.url });
  // Every request id the browser was given, with what it asked for.
  const seen = new Map<string, { method: string; url: string; status: number }>();
  context.on("response", (response) => {
    const id = response.headers()["x-request-id"];
    if (id && !response.fromServiceWorker()) {
      const url = new URL(response.url());
      seen.set(id, { method: response.request().method(), url: url.pathname, status: response.status() });
    }
  });
  const direct: Record<string, { reqId: string; status: number }> = {};
  try {
    const page = await context.newPage();
    // Sign in through the real form (the password travels in a server action's body).
    await page.goto(`/login?callbackUrl=/staff?token=${secretInQuery}`);
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/staff");

    // A staff page, then an autosave of a narrative section.
    const staff = await page.goto(`/staff/reports/${reportId}/sections/other`);
    expect(staff?.status()).toBe(200);
    direct.staff = { reqId: staff!.headers()["x-request-id"]!, status: 200 };
    const editor = page.getByRole("textbox", { name: "六、其他需要报告的事项 正文" });
    await editor.click();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type(narrative);
    await expect(page.getByTestId("save-status")).toHaveText(/^已保存 \d/, { timeout: 15_000 });
    const stored = queryOne<{ html: string }>("select html from report_sections where report_id = ? and key = 'other'", reportId)!.html;
    expect(stored).toContain(narrative);

    // A public report page and a 404, by an anonymous reader (no cookies).
    const reader = await fetch(`${server.url}/reports/${published}`, { headers: { "User-Agent": BROWSER_UA } });
    await reader.arrayBuffer();
    expect(reader.status).toBe(200);
    direct.publicPage = { reqId: reader.headers.get("x-request-id")!, status: 200 };
    const missing = await fetch(`${server.url}/no-such-page-${Date.now()}`);
    await missing.arrayBuffer();
    expect(missing.status).toBe(404);
    direct.notFound = { reqId: missing.headers.get("x-request-id")!, status: 404 };

    // A proxy's request id is kept when it is a plain short token, replaced when it is not.
    const fromProxy = await fetch(`${server.url}/robots.txt`, { headers: { "X-Request-Id": "nginx0123456789abcdef" } });
    await fromProxy.arrayBuffer();
    expect(fromProxy.headers.get("x-request-id")).toBe("nginx0123456789abcdef");
    direct.fromProxy = { reqId: "nginx0123456789abcdef", status: fromProxy.status };
    const forged = await fetch(`${server.url}/robots.txt`, { headers: { "X-Request-Id": 'x"}\\n{"level":"fatal' } });
    await forged.arrayBuffer();
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);

    // The session cookie values this browser held (next-auth may have refreshed it).
    const cookies = (await context.cookies()).filter((c) => c.name.includes("session-token")).map((c) => c.value);
    expect(cookies.length).toBeGreaterThan(0);

    // The log is written asynchronously: wait until every request the browser made is in it.
    const ids = [...seen.keys(), ...Object.values(direct).map((d) => d.reqId)];
    await expect
      .poll(() => {
        const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
        return ids.filter((id) => !text.includes(`"reqId":"${id}"`)).length;
      }, { timeout: 15_000 })
      .toBe(0);
    await server.kill();

    const text = fs.readFileSync(logFile, "utf8");
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    // Every line of stdout is one JSON object (nothing else is printed there).
    const entries = lines.map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON log line: ${line.slice(0, 200)}`);
      }
    });
    const requests = entries.filter((e): e is RequestLine => e.reqId !== undefined);
    for (const e of requests) {
      expect(e).toEqual(expect.objectContaining({ reqId: expect.any(String), method: expect.any(String), url: expect.any(String), status: expect.any(Number), durationMs: expect.any(Number) }));
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      expect(["info", "error"]).toContain(e.level);
    }
    // One line per request: request ids are unique, and each one the browser saw is there once.
    const byId = new Map<string, RequestLine[]>();
    for (const e of requests) byId.set(e.reqId, [...(byId.get(e.reqId) ?? []), e]);
    expect([...byId.values()].filter((l) => l.length > 1)).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
    for (const [id, response] of seen) {
      const entry = byId.get(id)?.[0];
      expect(entry, `${response.method} ${response.url}`).toBeDefined();
      expect(entry!.method).toBe(response.method);
      expect(entry!.url.split("?")[0]).toBe(response.url);
      // A file the browser revalidates (the favicon) is logged as the server's 304; the page sees
      // the cached 200.
      expect(entry!.status === 304 && response.status === 200 ? 200 : entry!.status, `${response.method} ${response.url}`).toBe(response.status);
    }
    for (const [name, d] of Object.entries(direct)) {
      expect(byId.get(d.reqId)?.[0]?.status, name).toBe(d.status);
    }

    // Signed-in requests name the user; anonymous ones name nobody.
    const staffLine = byId.get(direct.staff.reqId)![0]!;
    expect(staffLine).toMatchObject({ method: "GET", url: `/staff/reports/${reportId}/sections/other`, userId });
    const saves = requests.filter((e) => e.method === "PUT" && e.url === `/api/reports/${reportId}/sections/other`);
    expect(saves.length).toBeGreaterThan(0);
    for (const save of saves) expect(save).toMatchObject({ status: 200, userId });
    expect(byId.get(direct.publicPage.reqId)![0]).toMatchObject({ url: `/reports/${published}`, status: 200 });
    expect(byId.get(direct.publicPage.reqId)![0]!.userId).toBeUndefined();
    expect(byId.get(direct.notFound.reqId)![0]!.userId).toBeUndefined();
    const signIn = requests.find((e) => e.method === "POST" && e.url.startsWith("/login"));
    expect(signIn).toBeDefined();
    // The login page's callbackUrl is logged without its value.
    expect(requests.some((e) => e.url === "/login?callbackUrl=[redacted]")).toBe(true);

    // Nothing secret anywhere in the log.
    expect(text).not.toContain(DEMO_PASSWORD);
    for (const value of cookies) expect(text).not.toContain(value);
    expect(text).not.toContain("session-token");
    expect(text).not.toContain(narrative);
    expect(text).not.toContain(secretInQuery);
  } finally {
    await server.kill();
    await context.close().catch(() => {});
    fs.rmSync(logFile, { force: true });
  }
});
