/**
 * The few SQL fragments that are spelled differently on SQLite and PostgreSQL (issue 17), for
 * the engine this process runs on (db/engine.ts). Everything else is drizzle's query builder,
 * which speaks both.
 */
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { asPostgres, isPostgres, type Db } from "./client";
import { engine } from "./engine";

const onPostgres = () => engine() === "postgres";

/** The values of a group joined by commas, as text (SQLite's group_concat, PostgreSQL's string_agg). */
export function groupConcat(value: SQLWrapper): SQL<string | null> {
  return onPostgres() ? sql<string | null>`string_agg((${value})::text, ',')` : sql<string | null>`group_concat(${value})`;
}

/** A value as text, for concatenations (PostgreSQL does not mix integers and text in coalesce). */
export function asText(value: SQLWrapper): SQL<string | null> {
  return onPostgres() ? sql<string | null>`(${value})::text` : sql<string | null>`${value}`;
}

/**
 * A timestamp column as milliseconds since the epoch (SQLite stores exactly that; PostgreSQL
 * stores timestamptz). For comparisons and fingerprints in raw SQL.
 */
export function epochMs(column: SQLWrapper): SQL<number | null> {
  return onPostgres()
    ? sql<number | null>`(floor(extract(epoch from ${column}) * 1000))::bigint`
    : sql<number | null>`${column}`;
}

/**
 * Locks the rows a select reads until the transaction ends, on PostgreSQL (`FOR UPDATE`), for the
 * read-then-write steps that SQLite's BEGIN IMMEDIATE already serialises. On SQLite: unchanged.
 */
export function forUpdate<Q>(query: Q): Q {
  return onPostgres() ? (query as unknown as { for(strength: "update"): Q }).for("update") : query;
}

/**
 * Makes the transactions that take the same named lock run one after another, for checks that
 * span many rows (the unit tree: "no active unit under a deactivated one"), where locking the
 * rows read is not enough because the row that breaks the rule is one being inserted. On
 * SQLite: nothing to do, its write transactions are serial already (BEGIN IMMEDIATE). On
 * PostgreSQL: a transaction-level advisory lock, released at commit or rollback.
 */
export async function serializeOn(tx: Db, lockName: string): Promise<void> {
  if (isPostgres(tx)) await asPostgres(tx).execute(sql`select pg_advisory_xact_lock(hashtext(${lockName}))`);
}

/**
 * `column` is one of the given ids, bound as ONE value however many there are (a region's units,
 * hundreds or thousands): binding each id made drizzle spend about 5 ms building the SQL of a
 * city's 440 units, and the statement could not be reused. SQLite reads a JSON array, PostgreSQL
 * an int[] literal.
 */
export function inIds(column: SQLWrapper, ids: readonly number[]): SQL {
  if (!ids.every(Number.isSafeInteger)) throw new Error("inIds: ids must be integers");
  return onPostgres()
    ? sql`${column} = any(${`{${ids.join(",")}}`}::int[])`
    : sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/** Rows of a raw SQL query (SQLite's `db.all`, PostgreSQL's `execute(…).rows`). */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  return isPostgres(db) ? ((await asPostgres(db).execute(query)).rows as T[]) : db.all<T>(query);
}

/** The first row of a raw SQL query, or undefined. */
export async function rawRow<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rawRows<T>(db, query))[0];
}
