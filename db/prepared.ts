/**
 * The first row of a query that runs on every autosave or staff request, without building it
 * anew each time on SQLite: there it is built once per connection with placeholders and
 * prepared (drizzle otherwise builds the SQL text and better-sqlite3 prepares it on each call);
 * on PostgreSQL it is built with the values and run as usual. Synchronous on SQLite.
 */
import { sql, type Placeholder } from "drizzle-orm";
import { isPostgres, type Db } from "./client";

/** A query's parameters, as values or as placeholders of the same names. */
export type ValuesOrPlaceholders<V> = { [K in keyof V]: V[K] | Placeholder };

/** What a drizzle select built on `Db` offers: awaiting it (PostgreSQL) and preparing it (SQLite). */
interface BuiltQuery<Row> extends PromiseLike<Row[]> {
  prepare(): { get(values: Record<string, unknown>): Row | undefined };
}

const preparedByDb = new WeakMap<Db, Map<unknown, { get(values: Record<string, unknown>): unknown }>>();

/**
 * Runs `build(db, values)` and returns its first row. `build` must be one function defined once
 * (a module's constant): on SQLite it is the key of the statement prepared for the connection.
 */
export function firstRow<V extends Record<string, unknown>, Row>(
  db: Db,
  build: (db: Db, values: ValuesOrPlaceholders<V>) => BuiltQuery<Row>,
  values: V,
): Row | undefined | Promise<Row | undefined> {
  if (isPostgres(db)) return Promise.resolve(build(db, values)).then((rows) => rows[0]);
  let prepared = preparedByDb.get(db);
  if (!prepared) preparedByDb.set(db, (prepared = new Map()));
  let statement = prepared.get(build);
  if (!statement) {
    const placeholders = Object.fromEntries(Object.keys(values).map((name) => [name, sql.placeholder(name)])) as ValuesOrPlaceholders<V>;
    prepared.set(build, (statement = build(db, placeholders).prepare()));
  }
  return statement.get(values) as Row | undefined;
}
