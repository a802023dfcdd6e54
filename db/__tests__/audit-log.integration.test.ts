import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import { auditLog } from "../schema";

describe("audit log", () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(":memory:");
    migrateDatabase(db);
    db.insert(auditLog).values({ action: "auth.signin", result: "success", actorName: "admin" }).run();
  });
  afterEach(() => db.$client.close());

  it("accepts appended rows", () => {
    db.insert(auditLog).values({ action: "auth.signout", result: "success" }).run();
    expect(db.select().from(auditLog).all()).toHaveLength(2);
  });

  it("refuses UPDATE at the database level", () => {
    expect(() => db.$client.prepare("update audit_log set result = 'failure'").run()).toThrow(/append-only/);
  });

  it("refuses DELETE at the database level", () => {
    expect(() => db.$client.prepare("delete from audit_log").run()).toThrow(/append-only/);
    expect(db.select().from(auditLog).all()).toHaveLength(1);
  });
});
