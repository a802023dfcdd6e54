/**
 * The one way data changes: `transaction(db, async (tx) => …)` runs the callback between
 * BEGIN IMMEDIATE and COMMIT (ROLLBACK when it throws) and resolves with its result.
 *
 * The callback is async-shaped so that the same command code runs on a driver whose queries
 * are asynchronous (PostgreSQL): it awaits every query on `tx` and never touches another
 * handle. On better-sqlite3 the queries complete synchronously, so a transaction holds the
 * write lock only for the microtasks between them; transactions on one connection are queued
 * one after another so that two requests can never interleave inside one. Keep slow work
 * (password hashing, file reading) outside the callback: do it first, then open the transaction.
 *
 * On PostgreSQL (DATABASE_URL) the callback runs in drizzle's node-postgres transaction at READ
 * COMMITTED: every query of it on one pooled client, concurrent transactions truly in parallel.
 * The commands keep SQLite's guarantees there because their state changes are conditional
 * (`UPDATE … WHERE status = … RETURNING`), counters are upserts or `x = x + n`, and the few
 * read-then-write steps lock the row they read first (`lockForUpdate` in db/dialect.ts).
 */
import { asPostgres, isPostgres, type Db } from "./client";

/**
 * What a command writes through: on SQLite the connection itself, inside BEGIN … COMMIT; on
 * PostgreSQL drizzle's transaction, bound to one pooled client from BEGIN to COMMIT.
 */
export type Tx = Db;

const queues = new WeakMap<Db, Promise<void>>();

export async function transaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (isPostgres(db)) return asPostgres(db).transaction((tx) => work(tx as unknown as Tx));
  const before = queues.get(db) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  queues.set(db, before.then(() => mine));
  await before;
  try {
    db.$client.exec("BEGIN IMMEDIATE");
    try {
      const result = await work(db);
      db.$client.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.$client.inTransaction) db.$client.exec("ROLLBACK");
      throw error;
    }
  } finally {
    done();
  }
}
