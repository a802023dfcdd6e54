/**
 * The first row of a query that runs on every autosave or staff request, prepared once instead of
 * built and planned on every call:
 * - on SQLite it is built once per connection with placeholders and prepared (drizzle otherwise
 *   builds the SQL text and better-sqlite3 prepares it on each call);
 * - on PostgreSQL it is a named prepared statement: each pooled connection parses and plans it
 *   on first use only (for the autosave's reads, planning cost 0.3–0.4 ms of the server's CPU
 *   against well under 0.1 ms to run them). Synchronous on SQLite.
 *
 * A statement's name is a hash of its SQL text. Next.js may load this module more than once in a
 * process (a page's bundle and a route handler's), all on one pool: names counted per module
 * instance gave two different queries the same name on one connection, which PostgreSQL refuses
 * ("Prepared statements must be unique").
 */
import { createHash } from "node:crypto";
import { sql, type Placeholder } from "drizzle-orm";
import { isPostgres, type Db } from "./client";

/** A query's parameters, as values or as placeholders of the same names. */
export type ValuesOrPlaceholders<V> = { [K in keyof V]: V[K] | Placeholder };

/** What a drizzle select built on `Db` offers: its SQL, and preparing it (SQLite: no name; PostgreSQL: a statement name). */
interface BuiltQuery<Row> {
  toSQL(): { sql: string };
  prepare(name?: string): PreparedQuery<Row>;
}
interface PreparedQuery<Row> {
  /** SQLite. */
  get?(values: Record<string, unknown>): Row | undefined;
  /** PostgreSQL. */
  execute?(values: Record<string, unknown>): Promise<Row[]>;
}

const preparedByDb = new WeakMap<Db, Map<unknown, PreparedQuery<unknown>>>();

/** PostgreSQL's name for a statement: the same for the same SQL text in every process and module instance. */
export function statementName(sqlText: string): string {
  return `nianbao_${createHash("sha256").update(sqlText).digest("hex").slice(0, 32)}`;
}

/**
 * Runs `build(db, values)` and returns its first row. `build` must be one function defined once
 * (a module's constant): it is the key of the statement prepared for the connection (SQLite) or
 * of the named statement (PostgreSQL).
 */
export function firstRow<V extends Record<string, unknown>, Row>(
  db: Db,
  build: (db: Db, values: ValuesOrPlaceholders<V>) => BuiltQuery<Row>,
  values: V,
): Row | undefined | Promise<Row | undefined> {
  let prepared = preparedByDb.get(db);
  if (!prepared) preparedByDb.set(db, (prepared = new Map()));
  let statement = prepared.get(build) as PreparedQuery<Row> | undefined;
  if (!statement) {
    const placeholders = Object.fromEntries(Object.keys(values).map((name) => [name, sql.placeholder(name)])) as ValuesOrPlaceholders<V>;
    if (isPostgres(db)) {
      const query = build(db, placeholders);
      statement = query.prepare(statementName(query.toSQL().sql));
    } else {
      statement = build(db, placeholders).prepare();
    }
    prepared.set(build, statement);
  }
  if (statement.execute) return statement.execute(values).then((rows) => rows[0]);
  return statement.get!(values);
}
