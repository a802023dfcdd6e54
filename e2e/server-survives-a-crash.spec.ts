import { expect, test } from "@playwright/test";
import { insertUser, openTestDb, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { createTownshipWithCompleteDraft } from "./support/reports";
import { ExtraServer } from "./support/server";

const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

test("after SIGKILL mid-burst every acknowledged save is there, the database is intact and at most the last second of views is lost", async ({ browser }) => {
  test.setTimeout(120_000);
  const server = new ExtraServer(3213);
  await server.start();
  try {
    // Three clerks of three towns, each with a draft of their own.
    const clients = [];
    for (let i = 0; i < 3; i++) {
      const { reportId } = createTownshipWithCompleteDraft(`崩溃测试${i}乡`, 10 + i);
      const username = uniqueUsername(`crash${i}`);
      await insertUser({ username, password: "Crash-Test-2026", role: "clerk", unitShortName: `崩溃测试${i}乡` });
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAs(page, username, "Crash-Test-2026");
      const version = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'other'", reportId)!.version;
      clients.push({ context, reportId, version, acked: 0, sent: 0 });
    }
    const published = queryOne<{ id: number }>("select id from reports where live_edition_id is not null and withdrawn_at is null limit 1")!.id;
    await new Promise((r) => setTimeout(r, 1500)); // let earlier views reach the database
    const viewsBefore = queryOne<{ n: number }>("select view_count as n from reports where id = ?", published)!.n;

    let stop = false;
    const viewAcks: number[] = [];
    const saving = clients.map(async (client) => {
      while (!stop) {
        const n = client.sent + 1;
        client.sent = n;
        try {
          const response = await client.context.request.put(`${server.url}/api/reports/${client.reportId}/sections/other`, {
            headers: { Origin: server.url },
            data: { baseVersion: client.version, html: `<p>第${n}次保存</p>` },
            timeout: 5_000,
          });
          if (response.ok() && (await response.json()).status === "saved") {
            client.version += 1;
            client.acked = n;
          }
        } catch {
          return; // the server is gone
        }
      }
    });
    const viewing = Array.from({ length: 4 }, async () => {
      while (!stop) {
        try {
          const response = await fetch(`${server.url}/reports/${published}`, { headers: { "User-Agent": BROWSER_UA } });
          await response.arrayBuffer();
          if (response.ok) viewAcks.push(Date.now());
        } catch {
          return;
        }
      }
    });

    await new Promise((r) => setTimeout(r, 2500));
    const killedAt = Date.now();
    await server.kill(); // SIGKILL: no flush, no clean shutdown
    stop = true;
    await Promise.all([...saving, ...viewing]);

    await server.start();
    const db = openTestDb();
    expect((db.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check).toBe("ok");
    for (const client of clients) {
      expect(client.acked).toBeGreaterThan(0);
      const row = db.prepare("select html, version from report_sections where report_id = ? and key = 'other'").get(client.reportId) as { html: string; version: number };
      const stored = Number(/第(\d+)次保存/.exec(row.html)![1]);
      // Every acknowledged save survived (a save whose answer was lost in the kill may be there too).
      expect(stored).toBeGreaterThanOrEqual(client.acked);
      expect(stored).toBeLessThanOrEqual(client.sent);
    }
    const stored = (db.prepare("select view_count as n from reports where id = ?").get(published) as { n: number }).n - viewsBefore;
    db.close();
    const acknowledged = viewAcks.length;
    const lastSecond = viewAcks.filter((t) => t > killedAt - 1_500).length;
    expect(acknowledged).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(acknowledged + 4); // at most the requests in flight
    expect(stored).toBeGreaterThanOrEqual(acknowledged - lastSecond); // lost: at most about the last second
    for (const client of clients) await client.context.close();
  } finally {
    await server.kill();
  }
});
