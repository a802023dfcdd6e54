/**
 * Online backups through SQLite's backup API (consistent while the site keeps serving and
 * writing) and restores. Used by `npm run backup` / `npm run restore`.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Db } from "./client";

export function backupsDirectory(databaseFile: string): string {
  return path.join(path.dirname(path.resolve(databaseFile)), "backups");
}

/** A backup's time in its file name: YYYYMMDD-HHMMSS (UTC). */
export function backupTimestamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

/** Checks a database file with PRAGMA integrity_check; returns "ok" or the problems. */
export function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

/**
 * Copies the live database into `directory` as nianbao-YYYYMMDD-HHMMSS.db, verifies the copy
 * and keeps only the newest `keep` backups. Returns the new file.
 */
export async function backupDatabase(db: Db, directory: string, keep: number, at: Date = new Date()): Promise<string> {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `nianbao-${backupTimestamp(at)}.db`);
  await db.$client.backup(file);
  // A backup is one self-contained file: no WAL beside it.
  const copy = new Database(file);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  const integrity = integrityOf(file);
  if (integrity !== "ok") {
    fs.rmSync(file, { force: true });
    throw new Error(`backup failed its integrity check: ${integrity}`);
  }
  pruneBackups(directory, keep);
  return file;
}

/**
 * Keeps the newest `keep` backups named nianbao-YYYYMMDD-HHMMSS.<extension> in `directory`
 * (`db` for SQLite, `pgdump` for PostgreSQL) and deletes the older ones; returns those deleted.
 */
export function pruneBackups(directory: string, keep: number, extension = "db"): string[] {
  const pattern = new RegExp(`^nianbao-\\d{8}-\\d{6}\\.${extension}$`);
  const backups = fs
    .readdirSync(directory)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse();
  const removed = backups.slice(Math.max(keep, 1));
  for (const f of removed) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.join(directory, f + suffix), { force: true });
  return removed;
}

/**
 * Replaces the database file with a backup (the server must be stopped). The current file is
 * kept beside it as *.before-restore-<time>, so a restore can itself be undone.
 */
export function restoreDatabase(backupFile: string, databaseFile: string, at: Date = new Date()): { previous: string | null } {
  const integrity = integrityOf(backupFile);
  if (integrity !== "ok") throw new Error(`the backup is damaged: ${integrity}`);
  fs.mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });
  let previous: string | null = null;
  if (fs.existsSync(databaseFile)) {
    // Fold the WAL into the file first, so the set-aside copy is complete.
    const current = new Database(databaseFile);
    current.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    previous = `${databaseFile}.before-restore-${backupTimestamp(at)}`;
    fs.renameSync(databaseFile, previous);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.copyFileSync(backupFile, databaseFile);
  return { previous };
}
