import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveStatePartsOn } from "../process-parts";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { liveStateReader, type LiveState } from "@/db/report-live-state";
import { reports } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { SqliteKeptLiveStates } from "@/db/sqlite-live-states";

/** A front's connection and, beside it, another process's (Next.js publishing, another front's views). */
let dir: string;
let front: Db;
let other: Db;
let reportId: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-kept-states-"));
  const file = path.join(dir, "nianbao.db");
  front = openDatabase(file);
  migrateDatabase(front);
  await seedDemoData(front);
  other = openDatabase(file);
  const [published] = await front.select({ id: reports.id }).from(reports).where(isNotNull(reports.liveEditionId)).limit(1);
  reportId = published!.id;
});
afterAll(() => {
  front.$client.close();
  other.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The live-state reader, counting how often it asks the database. */
function countingReader(db: Db) {
  const read = liveStateReader(db) as (id: number) => LiveState | undefined;
  const reader = { reads: 0, read: (id: number) => (reader.reads++, read(id)) };
  return reader;
}

const storedCount = (db: Db) => db.select({ n: reports.viewCount }).from(reports).where(eq(reports.id, reportId)).get()!.n;
const addViewsThrough = (db: Db, n: number) => db.update(reports).set({ viewCount: sql`${reports.viewCount} + ${n}` }).where(eq(reports.id, reportId)).run();

describe("live states kept by a front on SQLite (db/sqlite-live-states.ts)", () => {
  it("reads a report's state once while no other connection commits", () => {
    const reader = countingReader(front);
    const kept = new SqliteKeptLiveStates(front, reader.read);
    const first = kept.get(reportId);
    expect(kept.get(reportId)).toEqual(first);
    expect(kept.get(reportId)).toEqual(first);
    expect(reader.reads).toBe(1);
    expect(first?.viewCount).toBe(storedCount(front));
  });

  it("reads again after another connection commits: a withdrawal is seen on the next request", () => {
    const reader = countingReader(front);
    const kept = new SqliteKeptLiveStates(front, reader.read);
    expect(kept.get(reportId)?.withdrawnAt).toBeNull();
    other.update(reports).set({ withdrawnAt: new Date("2026-12-06T08:00:00Z") }).where(eq(reports.id, reportId)).run();
    try {
      expect(kept.get(reportId)?.withdrawnAt).toBe(Date.parse("2026-12-06T08:00:00Z"));
      expect(reader.reads).toBe(2);
    } finally {
      other.update(reports).set({ withdrawnAt: null }).where(eq(reports.id, reportId)).run();
    }
    expect(kept.get(reportId)?.withdrawnAt).toBeNull();
  });

  it("shows another process's flushed views on the next request", () => {
    const kept = new SqliteKeptLiveStates(front, countingReader(front).read);
    const before = kept.get(reportId)!.viewCount;
    addViewsThrough(other, 5);
    expect(kept.get(reportId)!.viewCount).toBe(before + 5);
  });

  it("does not notice its own connection's commits until told to forget them (why it is for view-only writers)", () => {
    const kept = new SqliteKeptLiveStates(front, countingReader(front).read);
    const before = kept.get(reportId)!.viewCount;
    addViewsThrough(front, 2);
    expect(kept.get(reportId)!.viewCount).toBe(before);
    kept.forget([reportId]);
    expect(kept.get(reportId)!.viewCount).toBe(before + 2);
  });

  it("a front's parts: the count shown stays exact across its own view flush", async () => {
    const parts = liveStatePartsOn(front, { keep: true, onlyViewWrites: true, onError: (error) => { throw error; } });
    const shown = () => (parts.readLiveState(reportId) as LiveState).viewCount + parts.views.pendingFor(reportId);
    const before = shown();
    for (let i = 0; i < 3; i++) parts.views.add(reportId);
    expect(shown()).toBe(before + 3);
    await parts.views.flush();
    expect(parts.views.pendingFor(reportId)).toBe(0);
    expect(shown()).toBe(before + 3);
    expect(storedCount(other)).toBe(before + 3);
  });
});
