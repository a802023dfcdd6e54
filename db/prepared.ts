/**
 * Statements prepared once per SQLite connection, for the queries every autosave runs (drizzle
 * otherwise builds the SQL text and better-sqlite3 prepares it anew on each call). Keyed by the
 * function that builds the statement; PostgreSQL callers run their query as usual.
 */
import type { Db } from "./client";

const preparedByDb = new WeakMap<Db, Map<unknown, unknown>>();

export function preparedOnce<P>(db: Db, prepare: (db: Db) => P): P {
  let prepared = preparedByDb.get(db);
  if (!prepared) preparedByDb.set(db, (prepared = new Map()));
  if (!prepared.has(prepare)) prepared.set(prepare, prepare(db));
  return prepared.get(prepare) as P;
}
