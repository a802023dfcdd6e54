/**
 * Issue 17: on PostgreSQL every server process keeps the report page's live state until
 * PostgreSQL notifies a change (migration 0006's triggers) or it is a second old, instead of
 * asking on every request. Run on PostgreSQL (integration-pg); the SQLite project has nothing to
 * watch.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { asPostgres, isPostgres } from "@/db/client";
import { postgresUrl } from "@/db/engine";
import { WatchedLiveStates } from "@/db/pg/live-state-watch";
import { liveStateReader, type LiveState } from "@/db/report-live-state";
import { addReportViews } from "@/db/report-views";
import { editionFiles, reports, units } from "@/db/schema";
import { addTownship, database, seedFixture } from "@/lib/testing/integration-db";
import { publishedReport } from "@/lib/testing/report-flows";

const onPostgres = isPostgres(database());
if (onPostgres) await seedFixture();
const watchers: WatchedLiveStates[] = [];
afterEach(async () => {
  for (const w of watchers.splice(0)) await w.stop();
});

/** A watcher over the real reader that counts its trips to the database; states kept for a minute. */
async function watcher(options: { freshForMs?: number; now?: () => number } = {}) {
  const read = liveStateReader(database()) as (id: number) => Promise<LiveState | undefined>;
  const trips = { count: 0 };
  const watched = new WatchedLiveStates(
    (id) => {
      trips.count++;
      return read(id);
    },
    postgresUrl()!,
    { freshForMs: 60_000, reconnectAfterMs: 200, ...options },
  );
  watchers.push(watched);
  await watched.start();
  return { watched, trips };
}

const stateOf = async (w: WatchedLiveStates, id: number) => await w.get(id);

describe.runIf(onPostgres)("live states kept on PostgreSQL", () => {
  it("reads a report's state once, then answers from memory, synchronously", async () => {
    const town = await addTownship("观测乡一");
    const id = await publishedReport(town);
    const { watched, trips } = await watcher();
    const first = await stateOf(watched, id);
    expect(first?.liveEditionId).not.toBeNull();
    const again = watched.get(id);
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toEqual(first);
    expect(trips.count).toBe(1);
  });

  it("forgets every state when a withdrawal, a new report, a unit's new name or a 原文 file commits — not when views are added", async () => {
    const town = await addTownship("观测乡二");
    const id = await publishedReport(town);
    const { watched, trips } = await watcher();
    await stateOf(watched, id);

    // Views written by another process: no notification; the state is kept.
    await addReportViews(database(), [[id, 5]]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watched.get(id)).not.toBeInstanceOf(Promise);
    expect(trips.count).toBe(1);

    const changes: [string, () => Promise<unknown>][] = [
      ["withdrawal", () => database().update(reports).set({ withdrawnAt: new Date() }).where(eq(reports.id, id))],
      ["unit renamed", () => database().update(units).set({ name: "观测乡二人民政府（更名）" }).where(eq(units.id, town.unit.id))],
      [
        "原文 file",
        async () => {
          const [row] = await database().select({ editionId: reports.liveEditionId }).from(reports).where(eq(reports.id, id));
          await database().insert(editionFiles).values({ editionId: row!.editionId!, kind: "pdf", content: Buffer.from("%PDF-1.7"), sha256: "0".repeat(64), byteSize: 8 });
        },
      ],
      ["new report of the unit", () => asPostgres(database()).execute(sql`insert into reports (unit_id, year, format, title, metadata) select unit_id, year + 1, format, title, metadata from reports where id = ${id}`)],
    ];
    for (const [what, change] of changes) {
      await change();
      await vi.waitFor(() => expect(watched.get(id), what).toBeInstanceOf(Promise), { timeout: 5_000 });
      await stateOf(watched, id); // held again
      expect(watched.get(id), what).not.toBeInstanceOf(Promise);
    }
    expect((await stateOf(watched, id))?.viewCount).toBe(5);
  });

  it("reads again once a state is older than it may be kept", async () => {
    const town = await addTownship("观测乡三");
    const id = await publishedReport(town);
    let clock = 1_000_000;
    const { watched, trips } = await watcher({ freshForMs: 1_000, now: () => clock });
    await stateOf(watched, id);
    clock += 999;
    await stateOf(watched, id);
    expect(trips.count).toBe(1);
    clock += 2;
    await stateOf(watched, id);
    expect(trips.count).toBe(2);
  });

  it("keeps nothing while its listening connection is down, and listens again", async () => {
    const town = await addTownship("观测乡四");
    const id = await publishedReport(town);
    const { watched, trips } = await watcher();
    await stateOf(watched, id);
    await asPostgres(database()).execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where query = ${"LISTEN nianbao_live_state"} and pid <> pg_backend_pid()`);
    await vi.waitFor(() => expect(watched.isListening).toBe(false), { timeout: 5_000 });
    await stateOf(watched, id);
    await stateOf(watched, id);
    expect(trips.count).toBeGreaterThanOrEqual(3); // every request asked
    await vi.waitFor(() => expect(watched.isListening).toBe(true), { timeout: 10_000 });
    const before = trips.count;
    await stateOf(watched, id);
    await stateOf(watched, id);
    expect(trips.count).toBe(before + 1);
  });
});
