import crypto from "node:crypto";
import Database from "better-sqlite3";
import { E2E_DATABASE_PATH } from "../../playwright.config";
import { orgCodeCheckChar } from "../../lib/validations/org-code";

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

export function queryOne<T>(sql: string, ...params: unknown[]): T | undefined {
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
