import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { insertUser, makeScheduledPublicationDue, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { addCompleteReport, createTownshipWithCompleteDraft } from "./support/reports";
import { E2E_DIR } from "../playwright.config";
import { ExtraServer } from "./support/server";

const READER = { javaScriptEnabled: false, userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36" };

/** A GET on a new connection each time (no keep-alive), so the primary hands each to the next process. */
function getOnNewConnection(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { "User-Agent": READER.userAgent, Connection: "close", ...headers } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/** The processes that logged a request for `path` (each line says which kind of process and which one: "front 0"). */
function processesThatServed(logFile: string, pathname: string): Set<string> {
  const served = new Set<string>();
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    if (!line.includes(pathname)) continue;
    try {
      const entry = JSON.parse(line) as { process?: number; role?: string };
      if (typeof entry.process === "number") served.add(`${entry.role} ${entry.process}`);
    } catch {
      // a line cut by the stop
    }
  }
  return served;
}

test("with two server processes on one database, a leader's publication is seen by both at once (page and search), every reader is counted exactly once, a session is valid on both, and a scheduled report is published once", async ({ browser }) => {
  test.setTimeout(180_000);
  const logFile = path.join(E2E_DIR, "two-processes.log");
  fs.rmSync(logFile, { force: true });
  const server = new ExtraServer(4, { stdoutFile: logFile, env: { NIANBAO_PROCESSES: "2" } });
  await server.start();
  try {
    const town = "双进程测试乡";
    const { unitId } = await createTownshipWithCompleteDraft(town, 93);
    const reportId = await addCompleteReport(unitId, 2019, "approved");
    const leader = uniqueUsername("twoproc");
    await insertUser({ username: leader, password: "Two-Processes-2026", role: "leader", unitShortName: town });

    // Readers search for the township before it has published: every process answers (and keeps) "nothing found".
    const searchPath = `/search?q=${encodeURIComponent(town)}`;
    for (let i = 0; i < 4; i++) {
      const response = await getOnNewConnection(`${server.url}${searchPath}`);
      expect(response.status).toBe(200);
      expect(response.body).not.toContain(`href="/reports/${reportId}"`);
    }

    // The leader publishes through the two-process server, clicking as on one.
    const staff = await browser.newContext();
    const page = await staff.newPage();
    await signInAs(page, leader, "Two-Processes-2026");
    await page.goto(`${server.url}/staff/reports/${reportId}/review`);
    page.once("dialog", (dialog) => dialog.accept()); // 「确定发布？」
    await page.getByRole("button", { name: "发布" }).click();
    await expect(page.getByText("状态：已发布")).toBeVisible();

    // At once, every request — whichever process takes it — shows the published report.
    const pagePath = `/reports/${reportId}`;
    const cookie = { Cookie: `nbv_${reportId}=1` }; // not counted: a reload by a browser that was counted
    for (let i = 0; i < 6; i++) {
      const response = await getOnNewConnection(`${server.url}${pagePath}`, cookie);
      expect(response.status).toBe(200);
      expect(response.body).toContain(`示例县${town}人民政府2019年政府信息公开工作年度报告`);
    }

    // The same search, on either process, now finds it: a kept result does not outlive a publication.
    for (let i = 0; i < 6; i++) {
      const response = await getOnNewConnection(`${server.url}${searchPath}`);
      expect(response.status).toBe(200);
      expect(response.body).toContain(`href="/reports/${reportId}"`);
    }

    // The session made through one process is valid on the other: staff pages on new connections stay signed in.
    const sessionCookie = (await staff.cookies(server.url)).map((c) => `${c.name}=${c.value}`).join("; ");
    for (let i = 0; i < 4; i++) {
      const response = await getOnNewConnection(`${server.url}/staff`, { Cookie: sessionCookie });
      expect(response.status, "signed in on every process").toBe(200);
      expect(response.body).toContain(town);
    }

    // Readers: three fresh browsers click through from the list; then 40 first visits on new connections.
    const before = queryOne<{ n: number }>("select view_count as n from reports where id = ?", reportId)!.n;
    for (let i = 0; i < 3; i++) {
      const reader = await browser.newContext(READER);
      const readerPage = await reader.newPage();
      await readerPage.goto(`${server.url}/reports?year=2019`);
      await readerPage.getByRole("link", { name: new RegExp(`${town}.*2019年`) }).first().click();
      await expect(readerPage).toHaveURL(new RegExp(`/reports/${reportId}$`));
      await reader.close();
    }
    const visits = await Promise.all(Array.from({ length: 40 }, () => getOnNewConnection(`${server.url}${pagePath}`)));
    expect(visits.every((v) => v.status === 200)).toBe(true);
    // Each process adds its own views to the stored count about once a second: none lost, none twice.
    await expect.poll(() => queryOne<{ n: number }>("select view_count as n from reports where id = ?", reportId)!.n, { timeout: 10_000 }).toBe(before + 43);

    // A scheduled publication that has come due is published once, though two processes (and the
    // suite's own server) run on the database.
    const scheduled = await addCompleteReport(unitId, 2018, "approved");
    makeScheduledPublicationDue(scheduled);
    await expect.poll(() => queryOne<{ status: string }>("select status from reports where id = ?", scheduled)!.status, { timeout: 40_000 }).toBe("published");
    expect(queryOne<{ n: number }>("select count(*) as n from report_editions where report_id = ?", scheduled)!.n).toBe(1);
    expect(queryOne<{ n: number }>("select count(*) as n from report_transitions where report_id = ? and to_status = 'published'", scheduled)!.n).toBe(1);
    await staff.close();

    await server.stop(); // each process writes the views it still holds
    // The two front processes answered the readers (the app processes behind them render and write).
    expect([...processesThatServed(logFile, pagePath)].sort()).toEqual(["front 0", "front 1"]);
  } finally {
    await server.kill();
  }
});
