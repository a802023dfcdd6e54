/**
 * Backups and restores of a PostgreSQL database (issue 17), behind the same `npm run backup` /
 * `npm run restore` as SQLite's (db/backup.ts); the scripts choose by DATABASE_URL.
 *
 * - Backup: `pg_dump --format=custom` (one consistent snapshot, safe while the servers keep
 *   serving) into nianbao-YYYYMMDD-HHMMSS.pgdump, verified before it gets that name: its table of
 *   contents (`pg_restore --list`) holds the data of every table of db/pg/schema.ts and of the
 *   migrations table, and every data block reads back (`pg_restore` to /dev/null); the newest
 *   BACKUP_KEEP are kept, as for SQLite.
 * - Restore: refused unless the backup's migrations are ones this version ships (in order) and
 *   the target has not been migrated further than the backup; the current database is dumped
 *   aside first; then `pg_restore --clean --if-exists --single-transaction --no-owner` (all or
 *   nothing), and the target's migrations table is checked against the backup's.
 *
 * The programs come from PG_BIN, Debian's postgresql package or the PATH (db/pg/binaries.ts). A
 * password in the URL is handed to them through PGPASSWORD, not on their command line (which
 * every user of the machine can read in `ps`). Errors are in English: operators read them.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { getTableName, is } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import { backupTimestamp, pruneBackups } from "../backup";
import { postgresBinDir } from "./binaries";
import { PG_MIGRATIONS_FOLDER } from "./migrate";
import * as pgSchema from "./schema";

export const PG_BACKUP_EXTENSION = "pgdump";

/** Environment variables (process.env, or a test's own). */
type Environment = Readonly<Record<string, string | undefined>>;

/** Where drizzle records the migrations that ran (drizzle-orm's node-postgres migrator default). */
const MIGRATIONS_TABLE = { schema: "drizzle", name: "__drizzle_migrations" } as const;

/**
 * DATABASE_URL when it names a PostgreSQL database; null when it is unset (SQLite). Any other
 * value is refused rather than quietly backing up the SQLite file instead.
 */
export function postgresUrlFromEnvironment(env: Environment = process.env): string | null {
  const url = env.DATABASE_URL?.trim();
  if (!url) return null;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (got "${redactUrl(url)}")`);
  return url;
}

/** The URL with its password replaced by ***, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, "://$1:***@");
  }
}

/** Where PostgreSQL backups go: BACKUP_DIR, else data/backups (there is no database file to sit beside). */
export function postgresBackupsDirectory(env: Environment = process.env): string {
  return path.resolve(env.BACKUP_DIR?.trim() || path.join("data", "backups"));
}

// ---------------------------------------------------------------------------------------------
// The programs

export type PostgresProgram = "pg_dump" | "pg_restore";

/** The path of pg_dump or pg_restore; throws an operator's explanation when it is not installed. */
export function postgresProgram(program: PostgresProgram): string {
  const dir = postgresBinDir(program);
  if (!dir) {
    throw new Error(
      `${program} was not found (looked in PG_BIN, /usr/lib/postgresql/*/bin and the PATH). ` +
        `Install PostgreSQL's client programs, as new as the server (Debian: apt-get install postgresql-client), ` +
        `or set PG_BIN to the directory that holds ${program}.`,
    );
  }
  return path.join(dir, program);
}

/** libpq's --dbname for the URL (without its password) and the environment carrying the password. */
export function libpqConnection(url: string, baseEnv: Environment = process.env): { dbname: string; env: Environment } {
  const parsed = new URL(url);
  const env: Record<string, string | undefined> = { ...baseEnv };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  return { dbname: parsed.toString(), env };
}

function run(program: PostgresProgram, args: string[], env: Environment = process.env): string {
  const result = spawnSync(postgresProgram(program), args, { encoding: "utf8", env: env as NodeJS.ProcessEnv, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new Error(`${program} could not run: ${result.error.message}`);
  if (result.status !== 0) {
    const output = result.stderr.trim() || result.stdout.trim() || `exit ${result.status ?? result.signal}`;
    throw new Error(`${program} failed: ${output}`);
  }
  return result.stdout;
}

// ---------------------------------------------------------------------------------------------
// What a dump holds

/** The tables of db/pg/schema.ts (the application's tables, whose data every backup must hold). */
export function applicationTables(): string[] {
  return Object.values(pgSchema as Record<string, unknown>)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableName(table))
    .sort();
}

/** "schema.table" of every table whose data the archive holds (its table of contents). */
export function tablesWithDataIn(file: string): Set<string> {
  const listing = run("pg_restore", ["--list", file]);
  const tables = new Set<string>();
  // e.g. "3401; 0 16426 TABLE DATA public audit_log postgres"
  for (const line of listing.split("\n")) {
    const match = /^\d+; \d+ \d+ TABLE DATA (\S+) (\S+)/.exec(line);
    if (match) tables.add(`${match[1]}.${match[2]}`);
  }
  return tables;
}

/**
 * Checks that `file` is a custom-format archive holding the data of every application table and
 * of the migrations table; throws what is wrong. `readAll` also reads every data block (a
 * `pg_restore` to /dev/null), which the table of contents alone does not: a truncated or damaged
 * archive still lists its tables.
 */
export function verifyPostgresBackup(file: string, { readAll = false } = {}): { tables: number } {
  const present = tablesWithDataIn(file);
  const names = new Set([...present].map((qualified) => qualified.slice(qualified.indexOf(".") + 1)));
  const missing = applicationTables().filter((table) => !names.has(table));
  if (!present.has(`${MIGRATIONS_TABLE.schema}.${MIGRATIONS_TABLE.name}`)) missing.push(`${MIGRATIONS_TABLE.schema}.${MIGRATIONS_TABLE.name}`);
  if (missing.length) throw new Error(`the backup ${path.basename(file)} lacks the data of: ${missing.join(", ")}`);
  if (readAll) run("pg_restore", ["--file=/dev/null", file]);
  return { tables: present.size };
}

/** A migration as drizzle records it: the SHA-256 of its SQL file and the journal's timestamp. */
export interface MigrationRecord {
  hash: string;
  createdAt: number;
}

/** The migrations this version of the application ships (db/migrations-pg), in order. */
export function shippedMigrations(): MigrationRecord[] {
  return readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_FOLDER }).map((m) => ({ hash: m.hash, createdAt: m.folderMillis }));
}

/** The rows of the migrations table inside a backup, in id order (read from the archive, nothing restored). */
export function migrationsInBackup(file: string): MigrationRecord[] {
  const sql = run("pg_restore", ["--data-only", `--schema=${MIGRATIONS_TABLE.schema}`, `--table=${MIGRATIONS_TABLE.name}`, "--file=-", file]);
  const lines = sql.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`COPY ${MIGRATIONS_TABLE.schema}.${MIGRATIONS_TABLE.name} (`));
  if (start < 0) return [];
  const columns = /\(([^)]*)\)/.exec(lines[start]!)![1]!.split(",").map((c) => c.trim());
  const [idAt, hashAt, createdAt] = ["id", "hash", "created_at"].map((c) => columns.indexOf(c));
  const rows: { id: number; record: MigrationRecord }[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === "\\.") break;
    const cells = line.split("\t");
    rows.push({ id: Number(cells[idAt!]), record: { hash: cells[hashAt!]!, createdAt: Number(cells[createdAt!]) } });
  }
  return rows.sort((a, b) => a.id - b.id).map((r) => r.record);
}

/** The rows of the migrations table of a live database (empty when it has none). */
export async function migrationsInDatabase(client: pg.ClientBase): Promise<MigrationRecord[]> {
  const { rows } = await client.query<{ exists: boolean }>("select to_regclass($1) is not null as exists", [
    `${MIGRATIONS_TABLE.schema}.${MIGRATIONS_TABLE.name}`,
  ]);
  if (!rows[0]?.exists) return [];
  const result = await client.query<{ hash: string; created_at: string }>(
    `select hash, created_at from ${MIGRATIONS_TABLE.schema}.${MIGRATIONS_TABLE.name} order by id`,
  );
  return result.rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

const isPrefix = (shorter: MigrationRecord[], longer: MigrationRecord[]) =>
  shorter.length <= longer.length && shorter.every((m, i) => m.hash === longer[i]!.hash && m.createdAt === longer[i]!.createdAt);

// ---------------------------------------------------------------------------------------------
// Backup

/** pg_dump's custom-format archive of the database at `url` into `file` (no checks). */
export function dumpPostgres(url: string, file: string): void {
  const { dbname, env } = libpqConnection(url);
  run("pg_dump", ["--format=custom", `--file=${file}`, `--dbname=${dbname}`], env);
}

/**
 * Dumps the database into `directory` as nianbao-YYYYMMDD-HHMMSS.pgdump, verifies the archive
 * (a failed one is deleted, never left under a backup's name) and keeps the newest `keep`.
 * Returns the new file.
 */
export function backupPostgres(url: string, directory: string, keep: number, at: Date = new Date()): string {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `nianbao-${backupTimestamp(at)}.${PG_BACKUP_EXTENSION}`);
  const partial = `${file}.partial`;
  try {
    dumpPostgres(url, partial);
    verifyPostgresBackup(partial, { readAll: true });
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  pruneBackups(directory, keep, PG_BACKUP_EXTENSION);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface PostgresRestore {
  /** The dump of the database as it was before the restore, or null when it held no tables of ours. */
  previous: string | null;
  /** Migrations recorded in the restored database (equal to the backup's). */
  migrations: number;
  /** Migrations of this version not yet in the restored database (applied when the server starts). */
  pending: number;
}

/**
 * Replaces the contents of the database at `url` with the backup (stop the servers first).
 * Before anything changes: the archive is verified, its migrations must be a prefix of this
 * version's (else it was made by a newer version), and the target's a prefix of the backup's
 * (else the target carries objects of later migrations that the restore would not remove); the
 * current database is dumped into `setAsideDirectory`. The restore itself is one transaction.
 */
export async function restorePostgres(
  url: string,
  file: string,
  options: { setAsideDirectory: string; at?: Date },
): Promise<PostgresRestore> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`no backup file at ${file}`);
  verifyPostgresBackup(file);
  const fromBackup = migrationsInBackup(file);
  const shipped = shippedMigrations();
  if (!isPrefix(fromBackup, shipped)) {
    throw new Error(
      `the backup's schema (${fromBackup.length} migrations) is not one this version knows (${shipped.length} migrations): ` +
        `it was made by a newer or different version of Nianbao; restore it with that version`,
    );
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const current = await migrationsInDatabase(client);
    if (!isPrefix(current, fromBackup)) {
      throw new Error(
        `the database has been migrated further than the backup (${current.length} against ${fromBackup.length} migrations); ` +
          `restoring over it would leave the later migrations' tables behind. Restore into a new, empty database ` +
          `(createdb, then point DATABASE_URL at it) instead`,
      );
    }

    let previous: string | null = null;
    if (current.length > 0) {
      fs.mkdirSync(options.setAsideDirectory, { recursive: true });
      previous = path.join(options.setAsideDirectory, `nianbao-before-restore-${backupTimestamp(options.at ?? new Date())}.${PG_BACKUP_EXTENSION}`);
      dumpPostgres(url, previous);
    }

    const { dbname, env } = libpqConnection(url);
    run("pg_restore", ["--clean", "--if-exists", "--single-transaction", "--no-owner", `--dbname=${dbname}`, file], env);

    const restored = await migrationsInDatabase(client);
    if (restored.length !== fromBackup.length || !isPrefix(restored, fromBackup)) {
      throw new Error(
        `after the restore the migrations table holds ${restored.length} migrations, the backup ${fromBackup.length}: ` +
          `the database does not match the backup${previous ? ` (the database as it was is in ${previous})` : ""}`,
      );
    }
    return { previous, migrations: restored.length, pending: shipped.length - restored.length };
  } finally {
    await client.end();
  }
}
