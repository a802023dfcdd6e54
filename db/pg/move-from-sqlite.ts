/**
 * Moves a county's SQLite database into a platform's PostgreSQL (issue 17;
 * `npm run migrate-to-postgres`). The target is migrated first and must be empty. Then, in ONE
 * PostgreSQL transaction: every table of db/pg/schema.ts is copied in foreign-key order (parents
 * before children, and within units a parent before its children), values converted by the
 * PostgreSQL column's type (milliseconds → timestamptz, 0/1 → boolean, JSON text → jsonb), the
 * identity sequences set past the copied ids, and both sides verified — row counts and a
 * checksum of normalised rows per table. A difference rolls everything back; the target stays
 * empty. The SQLite file is only read (in one read transaction, so a consistent snapshot).
 *
 * The checksum is order-independent: the sum (mod 2^256) of the SHA-256 of each row, the row
 * written as its values normalised by kind (timestamps as milliseconds, booleans as true/false,
 * JSON re-serialised with sorted keys), so both sides can be read in any order, batch by batch.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { getTableName, is } from "drizzle-orm";
import { getTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import pg from "pg";
import { MIGRATIONS_FOLDER } from "../migrate";
import { migratePostgres } from "./migrate";
import * as pgSchema from "./schema";

export interface TableCheck {
  table: string;
  sqliteRows: number;
  postgresRows: number;
  sqliteChecksum: string;
  postgresChecksum: string;
}

export const tableCheckPasses = (check: TableCheck) =>
  check.sqliteRows === check.postgresRows && check.sqliteChecksum === check.postgresChecksum;

/** A move refused before anything was written (the reason is for the operator, in Chinese). */
export class MoveRefusedError extends Error {}

type Kind = "int" | "text" | "bool" | "timestamp" | "json" | "bytes";

interface TablePlan {
  name: string;
  columns: { name: string; kind: Kind }[];
  primaryKey: string[];
  /** A column referencing this table's own single-column primary key (units.parent_id). */
  selfReference?: { column: string; target: string };
  identity: string | null;
}

const KIND_BY_COLUMN_TYPE: Record<string, Kind> = {
  PgInteger: "int",
  PgBigInt53: "int",
  PgText: "text",
  PgVarchar: "text",
  PgBoolean: "bool",
  PgTimestamp: "timestamp",
  PgJsonb: "json",
  PgCustomColumn: "bytes",
};

function planTable(table: PgTable): TablePlan {
  const config = getTableConfig(table);
  const columns = config.columns.map((column: PgColumn) => {
    const kind = KIND_BY_COLUMN_TYPE[column.columnType];
    if (!kind) throw new Error(`${config.name}.${column.name}: no conversion for ${column.columnType}`);
    return { name: column.name, kind };
  });
  const primaryKey = config.columns.filter((c) => c.primary).map((c) => c.name);
  const self = config.foreignKeys
    .map((fk) => fk.reference())
    .find((ref) => getTableName(ref.foreignTable) === config.name);
  if (self && (self.columns.length !== 1 || self.foreignColumns.length !== 1)) throw new Error(`${config.name}: multi-column self reference`);
  const identity = config.columns.find((c) => c.generatedIdentity)?.name ?? null;
  return {
    name: config.name,
    columns,
    primaryKey,
    selfReference: self ? { column: self.columns[0]!.name, target: self.foreignColumns[0]!.name } : undefined,
    identity,
  };
}

/** Every table of the PostgreSQL schema, referenced tables before the tables referencing them. */
export function tablesInDependencyOrder(): TablePlan[] {
  const tables = Object.values(pgSchema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));
  const byName = new Map<string, PgTable>(tables.map((t) => [getTableName(t), t]));
  const ordered: TablePlan[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, via: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`foreign keys form a cycle: ${[...via, name].join(" → ")}`);
    state.set(name, "visiting");
    const table = byName.get(name)!;
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = getTableName(fk.reference().foreignTable);
      if (target !== name) visit(target, [...via, name]);
    }
    state.set(name, "done");
    ordered.push(planTable(table));
  };
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return ordered;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

// ---------------------------------------------------------------------------------------------
// Normalised rows and checksums

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** One value as both engines must agree on it; `side` tells how the engine represents it. */
function normalise(value: unknown, kind: Kind, side: "sqlite" | "postgres"): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "int":
    case "text":
      return String(value);
    case "bool":
      return side === "sqlite" ? String(value === 1 || value === 1n) : String(value);
    case "timestamp":
      return side === "sqlite" ? String(Number(value)) : String((value as Date).getTime());
    case "json":
      return canonicalJson(side === "sqlite" ? JSON.parse(String(value)) : value);
    case "bytes":
      return (value as Buffer).toString("base64");
  }
}

const MODULUS = 1n << 256n;

class Checksum {
  private sum = 0n;
  rows = 0;
  add(row: (string | null)[]): void {
    this.sum = (this.sum + BigInt(`0x${createHash("sha256").update(JSON.stringify(row)).digest("hex")}`)) % MODULUS;
    this.rows++;
  }
  toString(): string {
    return this.sum.toString(16).padStart(64, "0").slice(0, 16);
  }
}

function sqliteChecksum(sqlite: Database.Database, plan: TablePlan): Checksum {
  const checksum = new Checksum();
  const statement = sqlite.prepare(`select ${plan.columns.map((c) => quote(c.name)).join(", ")} from ${quote(plan.name)}`).raw();
  for (const row of statement.iterate() as Iterable<unknown[]>) checksum.add(row.map((v, i) => normalise(v, plan.columns[i]!.kind, "sqlite")));
  return checksum;
}

const READ_BATCH = 2000;

async function postgresChecksum(client: pg.ClientBase, plan: TablePlan): Promise<Checksum> {
  const checksum = new Checksum();
  const columns = plan.columns.map((c) => quote(c.name)).join(", ");
  const add = (rows: unknown[][]) => rows.forEach((row) => checksum.add(row.map((v, i) => normalise(v, plan.columns[i]!.kind, "postgres"))));
  const key = plan.primaryKey.length === 1 ? plan.primaryKey[0]! : null;
  if (key) {
    // Keyset pages: each batch starts after the last key read (no OFFSET scanning on big tables).
    const keyIndex = plan.columns.findIndex((c) => c.name === key);
    let last: unknown = null;
    for (;;) {
      const after = last === null ? "" : `where ${quote(key)} > $1`;
      const result = await client.query<unknown[]>({
        text: `select ${columns} from ${quote(plan.name)} ${after} order by ${quote(key)} limit ${READ_BATCH}`,
        values: last === null ? [] : [last],
        rowMode: "array",
      });
      add(result.rows);
      if (result.rows.length < READ_BATCH) return checksum;
      last = result.rows[result.rows.length - 1]![keyIndex];
    }
  }
  const order = (plan.primaryKey.length ? plan.primaryKey : plan.columns.map((c) => c.name)).map(quote).join(", ");
  for (let offset = 0; ; offset += READ_BATCH) {
    const result = await client.query<unknown[]>({ text: `select ${columns} from ${quote(plan.name)} order by ${order} limit ${READ_BATCH} offset ${offset}`, rowMode: "array" });
    add(result.rows);
    if (result.rows.length < READ_BATCH) return checksum;
  }
}

/** Counts and checksums of every table on both sides (both connections read as they are now). */
export async function compareTables(sqlite: Database.Database, client: pg.ClientBase): Promise<TableCheck[]> {
  const checks: TableCheck[] = [];
  for (const plan of tablesInDependencyOrder()) {
    const left = sqliteChecksum(sqlite, plan);
    const right = await postgresChecksum(client, plan);
    checks.push({ table: plan.name, sqliteRows: left.rows, postgresRows: right.rows, sqliteChecksum: left.toString(), postgresChecksum: right.toString() });
  }
  return checks;
}

// ---------------------------------------------------------------------------------------------
// Copying

/** A SQLite value as the PostgreSQL column takes it; throws on a value that does not fit. */
function convert(value: unknown, kind: Kind, where: () => string): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "timestamp":
      if (typeof value !== "number" && typeof value !== "bigint") throw new Error(`${where()}: 时间不是毫秒整数（${String(value)}）`);
      return new Date(Number(value));
    case "bool":
      if (value !== 0 && value !== 1 && value !== 0n && value !== 1n) throw new Error(`${where()}: 布尔值不是 0 或 1（${String(value)}）`);
      return value === 1 || value === 1n;
    case "json":
      try {
        JSON.parse(String(value));
      } catch {
        throw new Error(`${where()}: 不是有效的 JSON`);
      }
      return String(value);
    case "int":
      return typeof value === "bigint" ? value.toString() : value;
    case "text":
      return String(value);
    case "bytes":
      if (!Buffer.isBuffer(value)) throw new Error(`${where()}: 不是二进制数据`);
      return value;
  }
}

/** Parents before children within one table (the rows of a self-referencing table). */
function parentsFirst(rows: unknown[][], idIndex: number, parentIndex: number): unknown[][] {
  const present = new Set(rows.map((r) => r[idIndex]));
  const placed = new Set<unknown>();
  const ordered: unknown[][] = [];
  let pending = rows;
  while (pending.length) {
    const next = pending.filter((row) => {
      const parent = row[parentIndex];
      if (parent === null || parent === undefined || placed.has(parent) || !present.has(parent)) {
        ordered.push(row);
        placed.add(row[idIndex]);
        return false;
      }
      return true;
    });
    if (next.length === pending.length) throw new Error("父子引用成环，无法排序");
    pending = next;
  }
  return ordered;
}

const MAX_PARAMETERS = 30_000;

async function copyTable(sqlite: Database.Database, client: pg.ClientBase, plan: TablePlan): Promise<void> {
  const names = plan.columns.map((c) => c.name);
  const available = new Set((sqlite.prepare(`pragma table_info(${quote(plan.name)})`).all() as { name: string }[]).map((c) => c.name));
  const missing = names.filter((n) => !available.has(n));
  if (missing.length) throw new MoveRefusedError(`SQLite 数据库的表 ${plan.name} 缺少列：${missing.join("、")}（先用当前版本启动一次以完成迁移）`);
  const statement = sqlite.prepare(`select ${names.map(quote).join(", ")} from ${quote(plan.name)} order by rowid`).raw();
  let rows: Iterable<unknown[]> = statement.iterate() as Iterable<unknown[]>;
  if (plan.selfReference) {
    rows = parentsFirst([...rows], names.indexOf(plan.selfReference.target), names.indexOf(plan.selfReference.column));
  }
  const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / names.length));
  const insertPrefix = `insert into ${quote(plan.name)} (${names.map(quote).join(", ")}) values `;
  let batch: unknown[][] = [];
  let rowNumber = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values: unknown[] = [];
    const tuples = batch.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(", ")})`);
    await client.query(insertPrefix + tuples.join(", "), values);
    batch = [];
  };
  for (const row of rows) {
    rowNumber++;
    batch.push(row.map((value, i) => convert(value, plan.columns[i]!.kind, () => `${plan.name} 第 ${rowNumber} 行 ${names[i]}`)));
    if (batch.length >= perInsert) await flush();
  }
  await flush();
  if (plan.identity) {
    const column = quote(plan.identity);
    await client.query(
      `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${column}) from ${quote(plan.name)}), 0) + 1, false)`,
      [quote(plan.name), plan.identity],
    );
  }
}

/** The SQLite database must carry exactly the migrations this version ships, or its tables differ. */
function assertSqliteCurrent(sqlite: Database.Database): void {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  const hasJournal = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  const applied = hasJournal ? (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n : 0;
  if (applied !== journal.entries.length) {
    throw new MoveRefusedError(
      `SQLite 数据库的结构版本（${applied} 个迁移）与本程序（${journal.entries.length} 个迁移）不一致：请先用本版本启动一次（npm start 会执行迁移），再迁往 PostgreSQL`,
    );
  }
}

/**
 * Migrates the target, refuses one that holds any row, copies every table and verifies it, all
 * in one transaction. Resolves with the per-table checks (all passing); throws otherwise, with
 * nothing left in the target but the (empty) migrated schema.
 */
export async function moveSqliteToPostgres(sqlite: Database.Database, postgresUrl: string): Promise<TableCheck[]> {
  assertSqliteCurrent(sqlite);
  await migratePostgres(postgresUrl);
  const plans = tablesInDependencyOrder();
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  sqlite.exec("begin");
  try {
    await client.query("begin");
    try {
      await client.query(`lock table ${plans.map((p) => quote(p.name)).join(", ")} in exclusive mode`);
      const nonEmpty: string[] = [];
      for (const plan of plans) {
        const { rows } = await client.query<{ any: boolean }>(`select exists (select 1 from ${quote(plan.name)}) as any`);
        if (rows[0]?.any) nonEmpty.push(plan.name);
      }
      if (nonEmpty.length) throw new MoveRefusedError(`目标 PostgreSQL 数据库不是空的（${nonEmpty.join("、")} 中已有数据），未做任何改动`);
      for (const plan of plans) await copyTable(sqlite, client, plan);
      const checks = await compareTables(sqlite, client);
      const failed = checks.filter((c) => !tableCheckPasses(c));
      if (failed.length) throw new Error(`核对不一致，已全部回滚：${failed.map((c) => c.table).join("、")}`);
      await client.query("commit");
      return checks;
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    }
  } finally {
    sqlite.exec("commit");
    await client.end();
  }
}

/** The checks as a fixed-width table for the terminal. */
export function formatChecks(checks: TableCheck[]): string {
  const header = ["表", "SQLite 行数", "PostgreSQL 行数", "SQLite 校验和", "PostgreSQL 校验和", "结果"];
  const lines = checks.map((c) => [c.table, String(c.sqliteRows), String(c.postgresRows), c.sqliteChecksum, c.postgresChecksum, tableCheckPasses(c) ? "一致" : "不一致"]);
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]!))));
  const render = (cells: string[]) => cells.map((cell, i) => cell + " ".repeat(widths[i]! - width(cell))).join("  ").trimEnd();
  return [render(header), render(widths.map((w) => "-".repeat(w))), ...lines.map(render)].join("\n");
}
