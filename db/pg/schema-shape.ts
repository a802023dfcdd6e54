/**
 * The shape of a migrated database read from the database itself — tables, columns (kind and
 * nullability), primary keys, indexes (unique or not, their columns) and foreign keys — as a list
 * of plain facts, one per line, so that the SQLite and the PostgreSQL schema can be compared
 * (db/pg/__tests__/schema-drift.integration.test.ts) and a difference reads as a sentence.
 *
 * Column types are compared as kinds: int, text, bool, timestamp, json, bytes. PostgreSQL declares
 * them (integer/bigint, text/varchar, boolean, timestamp with time zone, jsonb, bytea). SQLite stores only
 * integer or text, so its kind is refined by what db/schema.ts declares for that column (an
 * integer drizzle reads as boolean or as a millisecond timestamp, text it reads as JSON) — the
 * storage must still agree with that intent, or the raw storage class is reported.
 *
 * Not compared: the search tables, which differ by design — SQLite's FTS5 virtual tables and their
 * shadow tables, PostgreSQL's pg_trgm-indexed search_documents and search_totals (db/migrations-pg/0003_search.sql,
 * and their segments of postings, 0005_search_segments.sql,
 * left out by name below; the two are compared by their answers instead,
 * lib/data/public/__tests__/search-postgres.integration.test.ts) — drizzle's migration journal, column
 * defaults, and triggers (the audit log's are tested by behaviour).
 */
import type Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import * as sqliteSchema from "../sqlite/schema";

export type ColumnKind = "int" | "text" | "bool" | "timestamp" | "json" | "bytes";

/** Facts about a schema, sorted: "units.name: text not null", "units: index units_name_unique unique (name)", … */
export type SchemaFacts = string[];

const MIGRATION_JOURNAL = "__drizzle_migrations";

/** PostgreSQL's search tables: the counterpart of the FTS5 tables, of another shape by design. */
const POSTGRES_SEARCH_TABLES = ["search_documents", "search_totals", "search_segments", "search_postings", "search_stale"];
const isSearchFact = (fact: string) => POSTGRES_SEARCH_TABLES.some((t) => fact === `table ${t}` || fact.startsWith(`${t}.`) || fact.startsWith(`${t}:`));

// ---------------------------------------------------------------------------------------------
// SQLite

/** What db/schema.ts declares each column to be, by table and column name. */
function declaredSqliteKinds(): Map<string, ColumnKind> {
  const kinds = new Map<string, ColumnKind>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    for (const column of config.columns) {
      const kind: ColumnKind | undefined = (
        { SQLiteBoolean: "bool", SQLiteTimestamp: "timestamp", SQLiteTextJson: "json", SQLiteInteger: "int", SQLiteText: "text", SQLiteBlobBuffer: "bytes" } as const
      )[column.columnType as string];
      if (kind) kinds.set(`${config.name}.${column.name}`, kind);
    }
  }
  return kinds;
}

function sqliteKind(declaredType: string, intent: ColumnKind | undefined): string {
  const storage = declaredType.toLowerCase();
  if (storage === "integer") return intent === "bool" || intent === "timestamp" ? intent : "int";
  if (storage === "text") return intent === "json" ? "json" : "text";
  if (storage === "blob") return "bytes";
  return `sqlite ${storage}`;
}

export function sqliteSchemaFacts(db: Database.Database): SchemaFacts {
  const intents = declaredSqliteKinds();
  const tables = (db.prepare("pragma table_list").all() as { schema: string; name: string; type: string }[])
    .filter((t) => t.schema === "main" && t.type === "table" && !t.name.startsWith("sqlite_") && t.name !== MIGRATION_JOURNAL)
    .map((t) => t.name);
  const facts: string[] = [];
  for (const table of tables) {
    facts.push(`table ${table}`);
    const columns = db.prepare(`pragma table_info("${table}")`).all() as { name: string; type: string; notnull: number; pk: number }[];
    for (const c of columns) {
      const nullability = c.notnull || c.pk ? "not null" : "null";
      facts.push(`${table}.${c.name}: ${sqliteKind(c.type, intents.get(`${table}.${c.name}`))} ${nullability}`);
    }
    const primaryKey = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (primaryKey.length) facts.push(`${table}: primary key (${primaryKey.map((c) => c.name).join(", ")})`);
    const indexes = db.prepare(`pragma index_list("${table}")`).all() as { name: string; unique: number; origin: string }[];
    for (const index of indexes.filter((i) => i.origin !== "pk")) {
      const columnsOf = (db.prepare(`pragma index_info("${index.name}")`).all() as { seqno: number; name: string | null }[])
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name ?? "(expression)");
      facts.push(`${table}: index ${index.name}${index.unique ? " unique" : ""} (${columnsOf.join(", ")})`);
    }
    const keys = db.prepare(`pragma foreign_key_list("${table}")`).all() as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
    for (const id of new Set(keys.map((k) => k.id))) {
      const parts = keys.filter((k) => k.id === id).sort((a, b) => a.seq - b.seq);
      const first = parts[0]!;
      facts.push(foreignKeyFact(table, parts.map((p) => p.from), first.table, parts.map((p) => p.to), first.on_delete));
    }
  }
  return facts.sort();
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function postgresKind(dataType: string): string {
  switch (dataType) {
    case "integer":
    case "bigint":
    case "smallint":
      return "int";
    case "text":
    case "character varying":
      return "text";
    case "boolean":
      return "bool";
    case "timestamp with time zone":
      return "timestamp";
    case "jsonb":
      return "json";
    case "bytea":
      return "bytes";
    default:
      return `postgres ${dataType}`;
  }
}

const ON_DELETE: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

export async function postgresSchemaFacts(client: pg.ClientBase, schema = "public"): Promise<SchemaFacts> {
  const facts: string[] = [];
  const tables = await client.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = $1 and table_type = 'BASE TABLE' and table_name <> $2`,
    [schema, MIGRATION_JOURNAL],
  );
  for (const { name } of tables.rows) facts.push(`table ${name}`);
  const columns = await client.query<{ table: string; column: string; type: string; nullable: string }>(
    `select table_name as "table", column_name as "column", data_type as type, is_nullable as nullable
       from information_schema.columns where table_schema = $1 and table_name <> $2`,
    [schema, MIGRATION_JOURNAL],
  );
  for (const c of columns.rows) facts.push(`${c.table}.${c.column}: ${postgresKind(c.type)} ${c.nullable === "YES" ? "null" : "not null"}`);
  const indexes = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: (string | null)[] }>(
    `select t.relname as "table", i.relname as name, x.indisunique as "unique", x.indisprimary as "primary",
            array(select a.attname::text from unnest(x.indkey) with ordinality as k(attnum, n)
                    left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum
                   order by k.n) as columns
       from pg_index x
       join pg_class t on t.oid = x.indrelid
       join pg_class i on i.oid = x.indexrelid
       join pg_namespace ns on ns.oid = t.relnamespace
      where ns.nspname = $1 and t.relname <> $2`,
    [schema, MIGRATION_JOURNAL],
  );
  for (const index of indexes.rows) {
    const columnList = index.columns.map((c) => c ?? "(expression)").join(", ");
    facts.push(index.primary ? `${index.table}: primary key (${columnList})` : `${index.table}: index ${index.name}${index.unique ? " unique" : ""} (${columnList})`);
  }
  const keys = await client.query<{ table: string; columns: string[]; target: string; targetColumns: string[]; onDelete: string }>(
    `select t.relname as "table", f.relname as target, c.confdeltype as "onDelete",
            array(select a.attname::text from unnest(c.conkey) with ordinality as k(attnum, n)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum order by k.n) as columns,
            array(select a.attname::text from unnest(c.confkey) with ordinality as k(attnum, n)
                    join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum order by k.n) as "targetColumns"
       from pg_constraint c
       join pg_class t on t.oid = c.conrelid
       join pg_class f on f.oid = c.confrelid
       join pg_namespace ns on ns.oid = t.relnamespace
      where c.contype = 'f' and ns.nspname = $1`,
    [schema],
  );
  for (const k of keys.rows) facts.push(foreignKeyFact(k.table, k.columns, k.target, k.targetColumns, ON_DELETE[k.onDelete] ?? k.onDelete));
  return facts.filter((f) => !isSearchFact(f)).sort();
}

// ---------------------------------------------------------------------------------------------

function foreignKeyFact(table: string, columns: string[], target: string, targetColumns: string[], onDelete: string): string {
  return `${table}: foreign key (${columns.join(", ")}) references ${target} (${targetColumns.join(", ")}) on delete ${onDelete.toLowerCase()}`;
}

/** What one side has and the other lacks, as readable lines (empty: the schemas agree). */
export function schemaDifferences(sqlite: SchemaFacts, postgres: SchemaFacts): string[] {
  const inPostgres = new Set(postgres);
  const inSqlite = new Set(sqlite);
  return [
    ...sqlite.filter((f) => !inPostgres.has(f)).map((f) => `only in SQLite: ${f}`),
    ...postgres.filter((f) => !inSqlite.has(f)).map((f) => `only in PostgreSQL: ${f}`),
  ];
}
