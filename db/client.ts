import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePostgres, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { PgDatabase } from "drizzle-orm/pg-core";
import pg from "pg";
import { postgresUrl } from "./engine";
import * as pgSchema from "./pg/schema";
import * as schema from "./sqlite/schema";

/**
 * The database handle every command and data function takes. Typed as the SQLite one: on
 * PostgreSQL it is drizzle's node-postgres database over a Pool, cast to this type (see
 * db/schema.ts for why the shared code may treat both alike). Code that needs the driver itself
 * asks `isPostgres(db)` first.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type PostgresDb = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };

export const DEFAULT_DATABASE_PATH = "data/nianbao.db";

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/** Opens a database file with the pragmas every connection of this app uses. */
export function openDatabase(file: string = databasePath()): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema }) as Db;
}

// count(*), sum() and other bigint results: numbers, as on SQLite (they stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/**
 * A pool of connections to PostgreSQL (DATABASE_POOL_SIZE, default 10, per process), as a Db.
 * Each transaction holds one pooled client from BEGIN to COMMIT (db/transaction.ts).
 */
export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE) || 10 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on("error", (error) => console.error("PostgreSQL pool:", error.message));
  return drizzlePostgres(pool, { schema: pgSchema }) as unknown as Db;
}

/**
 * Makes every query on a PostgreSQL handle wait for `ready` (its migrations) first; a failure
 * there fails each query with that error.
 */
export function holdQueriesUntil(db: Db, ready: Promise<unknown>): void {
  type Callback = (error: unknown, ...rest: unknown[]) => void;
  const pool = asPostgres(db).$client as unknown as { query: (...args: unknown[]) => Promise<unknown>; connect: (callback?: Callback) => Promise<unknown> | void };
  const query = pool.query.bind(pool);
  const connect = pool.connect.bind(pool);
  pool.query = (...args) => ready.then(() => query(...args));
  // pg's own pool.query calls connect with a callback.
  pool.connect = (callback?: Callback) => {
    if (!callback) return ready.then(() => connect());
    ready.then(() => connect(callback), (error) => callback(error));
  };
}

/** A new connection to this process's database (its own file handle or pool), as a Db. */
export function openEngineDatabase(): Db {
  const url = postgresUrl();
  return url ? openPostgres(url) : openDatabase();
}

/** True when the handle (or a transaction) is a PostgreSQL one (then `asPostgres(db)` gives its real type). */
export function isPostgres(db: Db): boolean {
  return is(db, PgDatabase);
}

export function asPostgres(db: Db): PostgresDb {
  return db as unknown as PostgresDb;
}

/** Closes the handle's connection (the file or the pool). */
export async function closeDb(db: Db): Promise<void> {
  if (isPostgres(db)) await asPostgres(db).$client.end();
  else db.$client.close();
}

const globalForDb = globalThis as unknown as { nianbaoDb?: Db };

/** The process-wide connection (one per server process; survives dev hot reloads). */
export function getDb(): Db {
  globalForDb.nianbaoDb ??= openEngineDatabase();
  return globalForDb.nianbaoDb;
}
