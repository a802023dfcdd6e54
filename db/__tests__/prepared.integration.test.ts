/**
 * db/prepared.ts's firstRow on both engines. On PostgreSQL its statements are named; Next.js may
 * load the module more than once in a process (a page's bundle and a route handler's), all on one
 * pool. Two module instances here share one pooled connection and prepare two different queries:
 * names counted per instance gave both the same name, which PostgreSQL refused ("Prepared
 * statements must be unique"), failing staff pages and autosaves in the e2e run on PostgreSQL.
 */
import { eq } from "drizzle-orm";
import { afterAll, expect, it, vi } from "vitest";
import { closeDb, isPostgres, openPostgres, type Db } from "@/db/client";
import type { ValuesOrPlaceholders } from "@/db/prepared";
import { units } from "@/db/schema";
import { addUnit, database } from "@/lib/testing/integration-db";

const opened: Db[] = [];

/** On PostgreSQL a pool of one connection, so both instances' statements meet on it; on SQLite the file's database. */
function oneConnection(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) return database();
  const before = process.env.DATABASE_POOL_SIZE;
  process.env.DATABASE_POOL_SIZE = "1";
  const db = openPostgres(url);
  process.env.DATABASE_POOL_SIZE = before;
  opened.push(db);
  return db;
}

afterAll(async () => {
  for (const db of opened) await closeDb(db);
});

type Prepared = typeof import("@/db/prepared");

it("two module instances prepare two different queries on one connection, each answering its own", async () => {
  const unit = addUnit({ name: "测试预备语句镇人民政府", shortName: "预备镇", kind: "township", parentId: null });
  const db = oneConnection();
  if (process.env.DATABASE_URL) expect(isPostgres(db)).toBe(true);
  const first = (await import("@/db/prepared")) as Prepared;
  vi.resetModules();
  const second = (await import("@/db/prepared")) as Prepared;
  expect(second).not.toBe(first);

  const nameOf = (d: Db, v: ValuesOrPlaceholders<{ id: number }>) => d.select({ name: units.name }).from(units).where(eq(units.id, v.id));
  const shortNameOf = (d: Db, v: ValuesOrPlaceholders<{ id: number }>) => d.select({ shortName: units.shortName }).from(units).where(eq(units.id, v.id));

  for (let round = 0; round < 2; round++) {
    expect(await first.firstRow(db, nameOf, { id: unit.id })).toEqual({ name: unit.name });
    expect(await second.firstRow(db, shortNameOf, { id: unit.id })).toEqual({ shortName: unit.shortName });
  }
});

it("names a statement by its SQL text: the same text, the same name; another text, another name", async () => {
  const { statementName } = (await import("@/db/prepared")) as Prepared;
  expect(statementName("select 1")).toBe(statementName("select 1"));
  expect(statementName("select 1")).not.toBe(statementName("select 2"));
  expect(statementName("select 1")).toMatch(/^nianbao_[0-9a-f]{32}$/);
});
