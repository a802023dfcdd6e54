/**
 * npm run migrate-to-postgres -- --from data/nianbao.db --to postgres://user@host/db
 *
 * Moves a county's SQLite database into an empty PostgreSQL database (issue 17): migrates the
 * target, copies every table in one transaction and prints, per table, the row counts and the
 * checksums of both sides (db/pg/move-from-sqlite.ts). Stop the server first. The SQLite file is
 * only read. `--to` defaults to DATABASE_URL, `--from` to DATABASE_PATH or data/nianbao.db.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { databasePath } from "../db/client";
import { formatChecks, moveSqliteToPostgres } from "../db/pg/move-from-sqlite";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  const from = values.from ?? databasePath();
  const to = values.to ?? process.env.DATABASE_URL;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) throw new Error("请用 --to postgres://用户@主机/数据库 指定目标 PostgreSQL 数据库（或设置 DATABASE_URL）");
  if (!fs.existsSync(from)) throw new Error(`找不到 SQLite 数据库文件：${from}`);
  const sqlite = new Database(from, { readonly: true, fileMustExist: true });
  try {
    const started = Date.now();
    const checks = await moveSqliteToPostgres(sqlite, to);
    console.log(formatChecks(checks));
    const rows = checks.reduce((n, c) => n + c.postgresRows, 0);
    console.log(`\n已迁移：${from} → PostgreSQL，${checks.length} 张表，${rows} 行，逐表核对一致（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  } finally {
    sqlite.close();
  }
}

main().catch((error: unknown) => {
  console.error(`迁移失败：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
