import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import { appMeta } from "../schema";
import { transaction } from "../transaction";

let db: Db;
beforeEach(() => {
  db = openDatabase(":memory:");
  migrateDatabase(db);
});
afterEach(() => db.$client.close());

const valueOf = async (key: string) => (await db.select().from(appMeta).where(eq(appMeta.key, key)))[0]?.value;

describe("transaction", () => {
  it("commits what the callback wrote and returns its result", async () => {
    const result = await transaction(db, async (tx) => {
      await tx.insert(appMeta).values({ key: "a", value: "1" });
      return (await tx.select().from(appMeta).where(eq(appMeta.key, "a"))).length;
    });
    expect(result).toBe(1);
    expect(await valueOf("a")).toBe("1");
    expect(db.$client.inTransaction).toBe(false);
  });

  it("rolls back everything when the callback throws after an await", async () => {
    await expect(
      transaction(db, async (tx) => {
        await tx.insert(appMeta).values({ key: "b", value: "1" });
        await Promise.resolve();
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await valueOf("b")).toBeUndefined();
    expect(db.$client.inTransaction).toBe(false);
  });

  it("runs concurrent transactions one after another, never interleaved", async () => {
    const order: string[] = [];
    const run = (name: string) =>
      transaction(db, async (tx) => {
        order.push(`${name}:begin`);
        await tx.insert(appMeta).values({ key: name, value: "x" });
        await new Promise((r) => setTimeout(r, 5));
        order.push(`${name}:end`);
      });
    await Promise.all([run("p"), run("q"), run("r")]);
    expect(order).toEqual(["p:begin", "p:end", "q:begin", "q:end", "r:begin", "r:end"]);
  });

  it("keeps going after a failed transaction", async () => {
    await expect(transaction(db, async () => Promise.reject(new Error("first")))).rejects.toThrow("first");
    await transaction(db, async (tx) => {
      await tx.insert(appMeta).values({ key: "c", value: "2" });
    });
    expect(await valueOf("c")).toBe("2");
  });
});
