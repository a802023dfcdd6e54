import crypto from "node:crypto";
import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { E2E_DATABASE_PATH, E2E_DATABASE_URL } from "../../playwright.config";
import { postgresBinDir } from "../../db/pg/binaries";
import { orgCodeCheckChar } from "../../lib/validations/org-code";

/**
 * Rows of a query on the e2e PostgreSQL database (E2E_DATABASE_URL), synchronously as the
 * SQLite helpers answer: through psql, `?` placeholders passed as psql variables (quoted by
 * psql), each row as JSON. For the few reads and writes the specs of the PostgreSQL lane make.
 */
function postgresRows<T>(sql: string, params: unknown[]): T[] {
  const bin = postgresBinDir("psql");
  let n = 0;
  const text = sql.replace(/\?/g, () => `:'p${++n}'`);
  const variables = params.flatMap((value, i) => ["-v", `p${i + 1}=${value === null ? "" : String(value)}`]);
  const wrapped = /^\s*select/i.test(text) ? `select row_to_json(t) from (${text}) t` : `with t as (${text} returning *) select row_to_json(t) from t`;
  const result = spawnSync(bin ? path.join(bin, "psql") : "psql", [E2E_DATABASE_URL!, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", ...variables, "-f", "-"], {
    // From stdin: psql interpolates variables in a script, not in -c.
    input: `${wrapped};\n`,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr || result.error?.message}`);
  return result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as T);
}

/** Direct read access to the e2e database, for proving that refused requests changed nothing. */
export function openTestDb(): Database.Database {
  const db = new Database(E2E_DATABASE_PATH, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * A fingerprint of the given tables: row counts plus a hash of every row. The audit log may
 * grow (refusals are logged), so callers choose which tables must stay identical.
 */
export function tablesChecksum(tables: string[]): string {
  const db = openTestDb();
  try {
    const hash = crypto.createHash("sha256");
    for (const table of tables) {
      const rows = db.prepare(`select * from ${table} order by rowid`).all();
      hash.update(`${table}:${rows.length}:${JSON.stringify(rows)}`);
    }
    return hash.digest("hex");
  } finally {
    db.close();
  }
}

/** Columns that change without anyone acting: a session's last request, the flushed view count. */
const VOLATILE_COLUMNS: Record<string, string[]> = { auth_sessions: ["last_seen_at"], reports: ["view_count"] };

/**
 * Tables the server's background jobs write without anyone acting: the 原文 files of published
 * editions (lib/serving/document-files.ts), made in the first minutes of a run.
 */
const BACKGROUND_TABLES = new Set(["edition_files"]);

/**
 * Every table's rows (the append-only audit log aside: refusals are logged there), keyed by
 * table, as hashes — for proving a refused request changed nothing anywhere.
 */
export function databaseFingerprint(): Record<string, string> {
  const db = openTestDb();
  try {
    // FTS5 keeps its index in shadow tables (`<name>_data`, …); the virtual table itself is compared.
    const tables = (db.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[]).filter(
      ({ name }) => !name.startsWith("sqlite_") && name !== "audit_log" && !BACKGROUND_TABLES.has(name) && !/_(data|idx|content|docsize|config)$/.test(name),
    );
    const fingerprint: Record<string, string> = {};
    for (const { name } of tables) {
      const volatile = VOLATILE_COLUMNS[name] ?? [];
      const rows = db.prepare(`select rowid as _rowid, * from "${name}" order by rowid`).all() as Record<string, unknown>[];
      const hash = crypto.createHash("sha256");
      for (const row of rows) {
        for (const column of volatile) delete row[column];
        hash.update(JSON.stringify(row));
      }
      fingerprint[name] = `${rows.length}:${hash.digest("hex").slice(0, 16)}`;
    }
    return fingerprint;
  } finally {
    db.close();
  }
}

/** The first row of a query (`?` placeholders), on the e2e database whichever engine it is. */
export function queryOne<T>(sql: string, ...params: unknown[]): T | undefined {
  if (E2E_DATABASE_URL) return postgresRows<T>(sql, params)[0];
  const db = openTestDb();
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

/**
 * Inserts a throwaway account straight into the database (for tests that would otherwise
 * lock or deactivate a shared persona). Returns the user's id.
 */
export async function insertUser(options: {
  username: string;
  password: string;
  role: "clerk" | "leader" | "admin";
  unitShortName: string;
  mustChangePassword?: boolean;
}): Promise<number> {
  const { hash } = await import("@node-rs/argon2");
  const passwordHash = await hash(options.password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  if (E2E_DATABASE_URL) {
    const [unit] = postgresRows<{ id: number }>("select id from units where short_name = ?", [options.unitShortName]);
    if (!unit) throw new Error(`no unit ${options.unitShortName}`);
    const [user] = postgresRows<{ id: number }>(
      "insert into users (username, display_name, password_hash, role, unit_id, must_change_password) values (?, ?, ?, ?, ?, ?)",
      [options.username, `测试${options.username}`, passwordHash, options.role, unit.id, options.mustChangePassword ? "true" : "false"],
    );
    return user!.id;
  }
  const db = openTestDb();
  try {
    const unit = db.prepare("select id from units where short_name = ?").get(options.unitShortName) as { id: number } | undefined;
    if (!unit) throw new Error(`no unit ${options.unitShortName}`);
    const result = db
      .prepare(
        `insert into users (username, display_name, password_hash, role, unit_id, must_change_password)
         values (?, ?, ?, ?, ?, ?)`,
      )
      .run(options.username, `测试${options.username}`, passwordHash, options.role, unit.id, options.mustChangePassword ? 1 : 0);
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}

/** Makes a scheduled report's publication time a second ago (the scheduler then publishes it). */
export function makeScheduledPublicationDue(reportId: number): void {
  if (E2E_DATABASE_URL) {
    postgresRows("update reports set status = 'scheduled', scheduled_at = now() - interval '1 second' where id = ?", [reportId]);
    return;
  }
  const db = openTestDb();
  try {
    db.prepare("update reports set status = 'scheduled', scheduled_at = ? where id = ?").run(Date.now() - 1000, reportId);
  } finally {
    db.close();
  }
}

/** A username no other test run uses. */
export function uniqueUsername(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Puts a notification straight into a user's inbox (as the workflow would). Returns its id. */
export function insertNotification(options: { userId: number; reportId?: number | null; kind?: string; message: string }): number {
  const db = openTestDb();
  try {
    const result = db
      .prepare("insert into notifications (user_id, report_id, kind, message) values (?, ?, ?, ?)")
      .run(options.userId, options.reportId ?? null, options.kind ?? "published", options.message);
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}

/** A unit inserted directly (a spec's own county or townships); `code` is the 8-character body of its org code. */
export function insertUnit(name: string, shortName: string, kind: string, parentId: number | null, code: string): number {
  const db = openTestDb();
  try {
    const result = db
      .prepare("insert into units (name, short_name, kind, parent_id, org_code) values (?, ?, ?, ?, ?)")
      .run(name, shortName, kind, parentId, code + orgCodeCheckChar(code));
    return Number(result.lastInsertRowid);
  } finally {
    db.close();
  }
}
