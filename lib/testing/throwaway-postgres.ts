/**
 * A throwaway PostgreSQL server for tests (issue 17): `initdb` into a temporary directory, its
 * own free port on 127.0.0.1, its unix socket inside that directory (so it never meets a system
 * cluster's socket or lock), `pg_ctl start -w`, a database created, and `stop()` that stops the
 * server and removes the directory. Durability is switched off (fsync, synchronous_commit): the
 * data lives only as long as the test.
 *
 * The binaries are Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin, the newest
 * version found), or PG_BIN. `npm test` installs the package when it is missing
 * (scripts/test.sh). PostgreSQL refuses to run as root, so as root the server runs as the
 * `postgres` user the package creates (runuser), and the directory is handed to it.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { postgresBinDir } from "../../db/pg/binaries";

export interface ThrowawayPostgres {
  /** Connection URL of the database created at start. */
  readonly url: string;
  /** The temporary directory holding the cluster, its log and its unix socket. */
  readonly directory: string;
  /** Creates another empty database on the same server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown) and removes its directory. Safe to call twice. */
  stop(): void;
}

const SUPERUSER = "postgres";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function runPg(bin: string, args: string[]): SpawnSyncReturns<string> {
  const [command, argv] = isRoot() ? ["runuser", ["-u", SUPERUSER, "--", bin, ...args]] : [bin, args];
  return spawnSync(command, argv, { encoding: "utf8", cwd: os.tmpdir(), timeout: 60_000 });
}

function check(result: SpawnSyncReturns<string>, what: string): void {
  if (result.status === 0) return;
  throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`);
}

function urlFor(port: number, database: string): string {
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
}

/** Starts a server and creates the database `database` on it (about a second here). */
export async function startThrowawayPostgres(database = "nianbao"): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error("PostgreSQL is not installed: `sudo apt-get install -y postgresql` (npm test does it), or set PG_BIN to its bin directory");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-pg-"));
  const dataDir = path.join(dir, "data");
  if (isRoot()) chownToSuperuser(dir);
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    if (started) runPg(path.join(bin, "pg_ctl"), ["stop", "-D", dataDir, "-m", "fast", "-w"]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);
  try {
    copyCluster(templateCluster(bin), dataDir);
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      const result = runPg(path.join(bin, "pg_ctl"), ["start", "-D", dataDir, "-w", "-s", "-l", path.join(dir, "server.log"), "-o", options]);
      if (result.status === 0) started = true;
      else if (attempt >= 3) check(result, `pg_ctl start (log: ${readLog(dir)})`);
    }
    const createDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const admin = new pg.Client({ connectionString: urlFor(port, "postgres") });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      return urlFor(port, name);
    };
    return { url: await createDatabase(database), directory: dir, createDatabase, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * An initdb'd cluster, made once per machine and PostgreSQL version and then copied for every
 * server: initdb takes several seconds on a busy machine, a copy a fraction of that.
 */
function templateCluster(bin: string): string {
  const version = path.basename(path.dirname(bin)).replace(/[^\w.-]/g, "") || "pg";
  // C collation (byte order, as SQLite compares), UTF-8 character classes: pg_trgm makes
  // trigrams of Chinese characters only under a UTF-8 LC_CTYPE, as a platform's database has.
  const template = path.join(os.tmpdir(), `nianbao-pg-template-${version}-ctype-utf8-${process.getuid?.() ?? "user"}`);
  if (fs.existsSync(path.join(template, "PG_VERSION"))) return template;
  const building = fs.mkdtempSync(`${template}-building-`);
  if (isRoot()) chownToSuperuser(building);
  const dataDir = path.join(building, "data");
  check(
    runPg(path.join(bin, "initdb"), ["-D", dataDir, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--lc-ctype=C.UTF-8", "--no-sync", "--no-instructions"]),
    "initdb",
  );
  try {
    fs.renameSync(dataDir, template);
  } catch (error) {
    // Another test process made it first: use theirs.
    if (!fs.existsSync(path.join(template, "PG_VERSION"))) throw error;
  }
  fs.rmSync(building, { recursive: true, force: true });
  return template;
}

function copyCluster(template: string, dataDir: string): void {
  check(spawnSync("cp", ["-a", template, dataDir], { encoding: "utf8" }), "copying the template cluster");
}

function chownToSuperuser(dir: string): void {
  const { uid, gid } = userIds(SUPERUSER);
  fs.chownSync(dir, uid, gid);
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, "server.log"), "utf8").slice(-2000);
  } catch {
    return "none";
  }
}

function userIds(user: string): { uid: number; gid: number } {
  const id = (flag: string) => {
    const result = spawnSync("id", [flag, user], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`no user "${user}" to run PostgreSQL as (install Debian's postgresql package)`);
    return Number(result.stdout.trim());
  };
  return { uid: id("-u"), gid: id("-g") };
}
