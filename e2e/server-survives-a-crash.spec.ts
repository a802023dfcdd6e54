import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { insertUser, openTestDb, queryOne, uniqueUsername } from "./support/db";
import { signInAs } from "./support/personas";
import { addCompleteReport, createTownshipWithCompleteDraft } from "./support/reports";
import { callServerAction, serverActionId } from "./support/server-actions";
import { ExtraServer } from "./support/server";

const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

test("after SIGKILL mid-burst every acknowledged save and publication is there, each publication is whole or absent, the database is intact and at most the last second of views is lost", async ({ browser }) => {
  test.setTimeout(120_000);
  const server = new ExtraServer(3);
  await server.start();
  try {
    // Three clerks of three towns, each with a draft of their own; their leaders each have
    // approved reports of earlier years to publish.
    const clients = [];
    const publishers = [];
    const signedIn = async (username: string, role: "clerk" | "leader", unit: string) => {
      await insertUser({ username, password: "Crash-Test-2026", role, unitShortName: unit });
      const context = await browser.newContext();
      await signInAs(await context.newPage(), username, "Crash-Test-2026");
      return context;
    };
    for (let i = 0; i < 3; i++) {
      const town = `崩溃测试${i}乡`;
      const { reportId, unitId } = await createTownshipWithCompleteDraft(town, 10 + i);
      const context = await signedIn(uniqueUsername(`crash${i}`), "clerk", town);
      const version = queryOne<{ version: number }>("select version from report_sections where report_id = ? and key = 'other'", reportId)!.version;
      clients.push({ context, reportId, version, acked: 0, sent: 0 });
      // More than can be published before the kill, so that one is likely in flight when it comes.
      const approved: number[] = [];
      for (let k = 0; k < 12; k++) approved.push(await addCompleteReport(unitId, 2012 + k, "approved"));
      publishers.push({ context: await signedIn(uniqueUsername(`crashlead${i}`), "leader", town), approved, acked: [] as number[] });
    }
    const publishAction = serverActionId("app/(staff)/staff/reports/[id]/review/actions.ts", "publishReportAction");
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
    const publishing = publishers.map(async (publisher) => {
      await new Promise((r) => setTimeout(r, 300));
      for (const reportId of publisher.approved) {
        if (stop) return;
        try {
          const response = await callServerAction(publisher.context.request, `${server.url}/staff/reports/${reportId}/review`, publishAction, [reportId, { scheduleAt: "", changeNote: "" }], server.url);
          if ((await response.text()).includes('"ok":true')) publisher.acked.push(reportId);
        } catch {
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
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
    await Promise.all([...saving, ...publishing, ...viewing]);

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
    // Publications: each acknowledged one is live; every one is either whole (status, edition
    // with a matching hash, 索引号, transition) or not there at all; 索引号 stay unique.
    const acknowledgedPublications = publishers.flatMap((p) => p.acked);
    expect(acknowledgedPublications.length).toBeGreaterThan(0);
    for (const reportId of publishers.flatMap((p) => p.approved)) {
      const report = db.prepare("select status, live_edition_id, index_no from reports where id = ?").get(reportId) as { status: string; live_edition_id: number | null; index_no: string | null };
      const editions = db.prepare("select snapshot, sha256 from report_editions where report_id = ?").all(reportId) as { snapshot: string; sha256: string }[];
      const transitions = (db.prepare("select count(*) as n from report_transitions where report_id = ? and to_status = 'published'").get(reportId) as { n: number }).n;
      if (acknowledgedPublications.includes(reportId)) expect(report.status, `acknowledged publication of ${reportId}`).toBe("published");
      if (report.status === "published") {
        expect(report.live_edition_id).not.toBeNull();
        expect(report.index_no).not.toBeNull();
        expect(editions).toHaveLength(1);
        expect(crypto.createHash("sha256").update(editions[0]!.snapshot, "utf8").digest("hex")).toBe(editions[0]!.sha256);
        expect(transitions).toBe(1);
      } else {
        expect(report).toEqual({ status: "approved", live_edition_id: null, index_no: null });
        expect(editions).toHaveLength(0);
        expect(transitions).toBe(0);
      }
    }
    test.info().annotations.push({ type: "publications", description: `${acknowledgedPublications.length} acknowledged before the kill` });
    const duplicateIndexNos = db.prepare("select index_no, count(*) as n from reports where index_no is not null group by index_no having n > 1").all();
    expect(duplicateIndexNos).toEqual([]);

    const stored = (db.prepare("select view_count as n from reports where id = ?").get(published) as { n: number }).n - viewsBefore;
    db.close();
    const acknowledged = viewAcks.length;
    const lastSecond = viewAcks.filter((t) => t > killedAt - 1_500).length;
    expect(acknowledged).toBeGreaterThan(0);
    expect(stored).toBeLessThanOrEqual(acknowledged + 4); // at most the requests in flight
    expect(stored).toBeGreaterThanOrEqual(acknowledged - lastSecond); // lost: at most about the last second
    for (const client of [...clients, ...publishers]) await client.context.close();
  } finally {
    await server.kill();
  }
});
