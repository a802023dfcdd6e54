/**
 * Where PostgreSQL's programs are (initdb and pg_ctl for the test server, pg_dump and pg_restore
 * for backups): PG_BIN when set, else the newest Debian `postgresql` package
 * (/usr/lib/postgresql/<version>/bin), else the PATH. The newest version first because pg_dump
 * refuses a server newer than itself and reads older ones.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The directory holding `program` (default pg_ctl), or null when PostgreSQL is not installed. */
export function postgresBinDir(program = "pg_ctl"): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return fs.existsSync(path.join(fromEnv, program)) ? fromEnv : null;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", program)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], "bin");
  if (!/^[\w.-]+$/.test(program)) return null;
  const onPath = spawnSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" });
  return onPath.status === 0 && onPath.stdout.trim() ? path.dirname(onPath.stdout.trim()) : null;
}
