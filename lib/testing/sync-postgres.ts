/**
 * Synchronous queries on PostgreSQL, for the integration tests only (vitest project
 * `integration-pg`). The harness (lib/testing/integration-db.ts) and the tests read and seed
 * rows synchronously — `database().select()…get()`, `.all()`, `.run()`, as better-sqlite3 allows —
 * so that the same test files run on both engines. Here a worker thread holds its own connection;
 * the test's thread posts a query and blocks (Atomics.wait) until the worker has answered, then
 * takes the answer with receiveMessageOnPort. Each query commits on its own (no transaction), so
 * it sees what the application's pool committed and vice versa.
 *
 * `installSyncPostgres()` gives drizzle's pg query builders (select, insert, update, delete) the
 * better-sqlite3 methods get/all/run/values, and the database object get/all/run for raw SQL,
 * each mapped to rows exactly as drizzle maps an awaited query. Never used by application code.
 */
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import * as drizzle from "drizzle-orm";
import type { SQLWrapper } from "drizzle-orm";
import { PgDatabase, PgDeleteBase, PgInsertBase, PgSelectBase, PgUpdateBase } from "drizzle-orm/pg-core";

/** drizzle's own row mapping (exported by drizzle-orm at runtime, not in its type declarations). */
const { mapResultRow } = drizzle as unknown as {
  mapResultRow: (fields: never, row: unknown[], joinsNotNullableMap: Record<string, boolean> | undefined) => unknown;
};

interface Answer {
  rows?: unknown[];
  rowCount?: number | null;
  error?: { message: string; code?: string; detail?: string };
}

// The worker: one pg.Client; timestamps stay text as drizzle's node-postgres driver keeps them
// (the columns map them to Date), bigint becomes a number (as db/client.ts sets for the pool).
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { types } = pg;
const RAW = new Set([types.builtins.TIMESTAMPTZ, types.builtins.TIMESTAMP, types.builtins.DATE, types.builtins.INTERVAL, 1231, 1115, 1185, 1187, 1182]);
const typeParsers = {
  getTypeParser: (id, format) => (RAW.has(id) ? (v) => v : id === types.builtins.INT8 ? (v) => Number(v) : types.getTypeParser(id, format)),
};
const client = new pg.Client({ connectionString: workerData.url });
const ready = client.connect();
const { port, signal } = workerData;
port.on("message", async ({ sequence, text, params, arrayMode }) => {
  let answer;
  try {
    await ready;
    const result = await client.query({ text, values: params, rowMode: arrayMode ? "array" : undefined, types: typeParsers });
    answer = { rows: result.rows, rowCount: result.rowCount };
  } catch (error) {
    answer = { error: { message: error.message, code: error.code, detail: error.detail } };
  }
  port.postMessage({ sequence, ...answer });
  Atomics.store(signal, 0, sequence);
  Atomics.notify(signal, 0);
});
`;

class SyncPostgres {
  private readonly port: MessagePort;
  /** The number of the query the worker answered last. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private sequence = 0;
  private readonly worker: Worker;

  constructor(url: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve("pg");
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, pgPath, port: port2, signal: this.signal }, transferList: [port2] });
    this.worker.unref();
  }

  query(text: string, params: unknown[], arrayMode: boolean): { rows: unknown[]; rowCount: number } {
    const sequence = (this.sequence = (this.sequence % 2_000_000_000) + 1);
    this.port.postMessage({ sequence, text, params, arrayMode });
    this.waitForAnswer(sequence, text);
    const answer = this.answerTo(sequence);
    if (!answer) throw new Error(`sync PostgreSQL: no answer to ${text}`);
    if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
    return { rows: (answer.rows ?? []).map(buffersBack), rowCount: answer.rowCount ?? 0 };
  }

  /**
   * Waits until the worker has answered this query: its answer is on the port once the signal
   * holds the query's number. Not until the first wake-up: the worker's notify for the previous
   * query can come after that query was read (it had already seen the signal change) and wake
   * this wait early — npm test under load saw "no answer", and the next query then read this
   * one's answer.
   */
  private waitForAnswer(sequence: number, text: string): void {
    const deadline = Date.now() + 60_000;
    for (let seen = Atomics.load(this.signal, 0); seen !== sequence; seen = Atomics.load(this.signal, 0)) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, seen, left) === "timed-out") throw new Error(`sync PostgreSQL query timed out: ${text}`);
    }
  }

  /** This query's answer; an earlier one's (a query that timed out) is passed over. */
  private answerTo(sequence: number): Answer | undefined {
    for (let received = receiveMessageOnPort(this.port); received; received = receiveMessageOnPort(this.port)) {
      const answer = received.message as Answer & { sequence: number };
      if (answer.sequence === sequence) return answer;
    }
    return undefined;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Structured cloning turns a Buffer into a Uint8Array: bytea values become Buffers again. */
function buffersBack(row: unknown): unknown {
  if (row instanceof Uint8Array) return Buffer.from(row);
  if (Array.isArray(row)) return row.map(buffersBack);
  if (row && typeof row === "object" && !(row instanceof Date)) {
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v) : v]));
  }
  return row;
}

interface PreparedLike {
  queryConfig: { text: string };
  rawQueryConfig: { text: string };
  params: unknown[];
  fields?: unknown[];
  joinsNotNullableMap?: Record<string, boolean>;
  customResultMapper?: (rows: unknown[][]) => unknown;
}

/** One bridge per database: the test file's own, and those a test opens besides (freshDatabase). */
const bridges = new Map<string, SyncPostgres>();
let defaultUrl: string | null = null;

/** The bridge to the database a builder or database object runs on (by its pool's URL). */
function bridgeFor(owner: { session?: { client?: { options?: { connectionString?: string } } } }): SyncPostgres {
  const url = owner.session?.client?.options?.connectionString ?? defaultUrl;
  if (!url) throw new Error("installSyncPostgres() first");
  let bridge = bridges.get(url);
  if (!bridge) bridges.set(url, (bridge = new SyncPostgres(url)));
  return bridge;
}

type Builder = { _prepare(): PreparedLike; session?: never };

function runBuilder(builder: Builder): { rows: unknown[]; rowCount: number } {
  const bridge = bridgeFor(builder);
  const prepared = builder._prepare();
  if (!prepared.fields && !prepared.customResultMapper) return bridge.query(prepared.rawQueryConfig.text, prepared.params, false);
  const result = bridge.query(prepared.queryConfig.text, prepared.params, true);
  const rows = prepared.customResultMapper
    ? (prepared.customResultMapper(result.rows as unknown[][]) as unknown[])
    : (result.rows as unknown[][]).map((row) => mapResultRow(prepared.fields as never, row, prepared.joinsNotNullableMap));
  return { rows, rowCount: result.rowCount };
}

/** Gives drizzle's pg builders and database better-sqlite3's synchronous methods (tests only). */
export function installSyncPostgres(url: string): () => Promise<unknown> {
  defaultUrl = url;
  const builderMethods = {
    all(this: Builder) {
      return runBuilder(this).rows;
    },
    get(this: Builder) {
      return runBuilder(this).rows[0];
    },
    run(this: Builder) {
      return { changes: runBuilder(this).rowCount };
    },
    values(this: Builder) {
      return runBuilder(this).rows.map((row) => Object.values(row as object));
    },
  };
  for (const builder of [PgSelectBase, PgInsertBase, PgUpdateBase, PgDeleteBase]) Object.assign(builder.prototype, builderMethods);
  const raw = (db: { dialect: { sqlToQuery(sql: unknown): { sql: string; params: unknown[] } } }, query: SQLWrapper) => {
    const { sql, params } = db.dialect.sqlToQuery(query.getSQL());
    return bridgeFor(db as never).query(sql, params, false);
  };
  Object.assign(PgDatabase.prototype, {
    all(this: never, query: SQLWrapper) {
      return raw(this, query).rows;
    },
    get(this: never, query: SQLWrapper) {
      return raw(this, query).rows[0];
    },
    run(this: never, query: SQLWrapper) {
      return { changes: raw(this, query).rowCount };
    },
  });
  return () => Promise.all([...bridges.values()].map((bridge) => bridge.close()));
}

/** A raw synchronous query on the test file's database (e.g. for catalog reads). */
export function syncQuery<T>(text: string, params: unknown[] = []): T[] {
  return bridgeFor({}).query(text, params, false).rows as T[];
}
