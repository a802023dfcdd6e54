import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AUDIT_DEFAULT_RETENTION_DAYS,
  AUDIT_PRUNE_INTERVAL_MS,
  auditRetentionDays,
  pruneAuditLog,
  pruneAuditLogIfDue,
} from "../audit-retention";
import { openDatabase, type Db } from "../client";
import { migrateDatabase } from "../migrate";

const DAY = 86_400_000;
const AGES = [10, 179, 181, 400, 800];

/** A fresh database with one audit row per age (in days before `base`), each named by its age. */
function databaseWithAgedRows(base: number): Db {
  const db = openDatabase(":memory:");
  migrateDatabase(db);
  const insert = db.$client.prepare("insert into audit_log (created_at, action, result, actor_name) values (?, 'test.row', 'success', ?)");
  for (const age of AGES) insert.run(base - age * DAY, String(age));
  return db;
}

const survivingAges = (db: Db) =>
  (db.$client.prepare("select actor_name as age from audit_log where action = 'test.row' order by created_at desc").all() as { age: string }[]).map((r) =>
    Number(r.age),
  );

/** Every test gets a fresh database whose audit rows are AGES days old at `base`. */
let db: Db;
let base: number;
beforeEach(() => {
  base = Date.now();
  db = databaseWithAgedRows(base);
});
afterEach(() => db.$client.close());

describe("audit retention setting", () => {
  it("defaults to 730 days and accepts whole numbers of at least 180", () => {
    expect(auditRetentionDays({})).toBe(AUDIT_DEFAULT_RETENTION_DAYS);
    expect(AUDIT_DEFAULT_RETENTION_DAYS).toBe(730);
    expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: "" })).toBe(730);
    expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: "180" })).toBe(180);
    expect(auditRetentionDays({ AUDIT_RETENTION_DAYS: " 3650 " })).toBe(3650);
  });

  it.each(["179", "0", "-200", "30", "abc", "1e3", "200.5", "0x200"])("refuses AUDIT_RETENTION_DAYS=%s with a clear message", (value) => {
    expect(() => auditRetentionDays({ AUDIT_RETENTION_DAYS: value })).toThrow(/审计日志至少保留 180 天/);
  });
});

describe("pruneAuditLog", () => {

  // [clock offset from the real time in days, retention in days, ages that survive]
  const cases: [number, number, number[]][] = [
    [0, 730, [10, 179, 181, 400]],
    [0, 365, [10, 179, 181]],
    [0, 180, [10, 179]],
    [0, 1000, [10, 179, 181, 400, 800]],
    // The application's clock is behind: the rows are younger by it, fewer go.
    [-30, 180, [10, 179, 181]],
    [-500, 180, [10, 179, 181, 400]],
    [-700, 180, [10, 179, 181, 400, 800]],
    // Ahead: by its clock the 179-day row is 184 days old, but the database's own clock keeps it.
    [5, 180, [10, 179]],
    [1000, 180, [10, 179]],
    [400, 730, [10, 179, 181]],
  ];
  it.each(cases)("at now %i days from the real time with a retention of %d days keeps %j", async (offset, retention, survivors) => {
    const deleted = await pruneAuditLog(db, { now: new Date(base + offset * DAY), retentionDays: retention });
    expect(survivingAges(db)).toEqual(survivors);
    expect(deleted).toBe(AGES.length - survivors.length);
  });

  it("refuses a retention shorter than 180 days and deletes nothing", async () => {
    for (const retentionDays of [179, 0, -1, 180.5, Number.NaN]) {
      await expect(pruneAuditLog(db, { now: new Date(base), retentionDays })).rejects.toThrow(/at least 180 days/);
    }
    expect(survivingAges(db)).toEqual(AGES);
  });

  it("never deletes a row younger than 180 days or than the retention, whatever the clock says", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1000, max: 3000 }), fc.integer({ min: 180, max: 2000 }), async (offset, retention) => {
        const fresh = databaseWithAgedRows(base);
        try {
          await pruneAuditLog(fresh, { now: new Date(base + offset * DAY), retentionDays: retention });
          const left = new Set(survivingAges(fresh));
          for (const age of AGES) {
            const ageByClock = age + offset;
            if (age < 180 || ageByClock <= retention) expect(left.has(age)).toBe(true);
            else expect(left.has(age)).toBe(false); // old by both clocks and past the retention: pruned
          }
        } finally {
          fresh.$client.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("the database itself", () => {

  it("aborts a raw DELETE of any row younger than 180 days", () => {
    for (const age of [10, 179]) {
      expect(() => db.$client.prepare("DELETE FROM audit_log WHERE actor_name = ?").run(String(age))).toThrow(/append-only/);
    }
    // A statement that touches a young row fails as a whole: not even the old rows go.
    expect(() => db.$client.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(survivingAges(db)).toEqual(AGES);
    // A row just written, with the column default for its time.
    db.$client.prepare("insert into audit_log (action, result) values ('test.new', 'success')").run();
    expect(() => db.$client.prepare("DELETE FROM audit_log WHERE action = 'test.new'").run()).toThrow(/append-only/);
  });

  it("never deletes a row whose time is not an integer", () => {
    db.$client.prepare("insert into audit_log (created_at, action, result) values ('2001-01-01', 'test.text', 'success')").run();
    expect(() => db.$client.prepare("DELETE FROM audit_log WHERE action = 'test.text'").run()).toThrow(/append-only/);
  });

  it("lets a row older than 180 days go (that is what pruning does)", () => {
    expect(db.$client.prepare("DELETE FROM audit_log WHERE actor_name = '181'").run().changes).toBe(1);
    expect(survivingAges(db)).toEqual([10, 179, 400, 800]);
  });

  it("still refuses every UPDATE, young or old", () => {
    for (const age of AGES) {
      expect(() => db.$client.prepare("UPDATE audit_log SET result = 'failure' WHERE actor_name = ?").run(String(age))).toThrow(/append-only/);
    }
    expect((db.$client.prepare("select count(*) as n from audit_log where result = 'failure'").get() as { n: number }).n).toBe(0);
  });
});

describe("pruneAuditLogIfDue (the scheduler's daily run)", () => {

  const pruneRows = () =>
    db.$client.prepare("select details from audit_log where action = 'audit.prune' order by id").all() as { details: string }[];

  it("prunes at most once a day and records each pruning in the audit log", async () => {
    expect(await pruneAuditLogIfDue(db, { now: new Date(base), retentionDays: 730 })).toEqual({ deleted: 1 });
    expect(survivingAges(db)).toEqual([10, 179, 181, 400]);
    expect(JSON.parse(pruneRows()[0]!.details)).toMatchObject({ deleted: 1, retentionDays: 730 });

    // Within the day nothing runs, even with a shorter retention.
    expect(await pruneAuditLogIfDue(db, { now: new Date(base + AUDIT_PRUNE_INTERVAL_MS - 1000), retentionDays: 180 })).toBeNull();
    expect(survivingAges(db)).toEqual([10, 179, 181, 400]);

    // A day later it runs again.
    expect(await pruneAuditLogIfDue(db, { now: new Date(base + AUDIT_PRUNE_INTERVAL_MS), retentionDays: 365 })).toEqual({ deleted: 1 });
    expect(survivingAges(db)).toEqual([10, 179, 181]);
    expect(pruneRows()).toHaveLength(2);

    // Nothing to delete: it still counts as the day's run, and adds no audit row.
    expect(await pruneAuditLogIfDue(db, { now: new Date(base + 2 * AUDIT_PRUNE_INTERVAL_MS), retentionDays: 365 })).toEqual({ deleted: 0 });
    expect(pruneRows()).toHaveLength(2);
    expect(await pruneAuditLogIfDue(db, { now: new Date(base + 2 * AUDIT_PRUNE_INTERVAL_MS + 60_000), retentionDays: 180 })).toBeNull();
  });

  it("is not blocked for ever by a last run stamped in the future (a clock set back)", async () => {
    expect(await pruneAuditLogIfDue(db, { now: new Date(base + 100 * DAY), retentionDays: 730 })).not.toBeNull();
    expect(await pruneAuditLogIfDue(db, { now: new Date(base), retentionDays: 365 })).toEqual({ deleted: 1 });
  });
});
