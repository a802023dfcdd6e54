/**
 * npm run restore -- <backup file> [--yes]
 *
 * Replaces the database with a backup after confirmation (or --yes). Stop the server(s) first.
 * - SQLite: the current file is kept as <file>.before-restore-<time> (db/backup.ts).
 * - PostgreSQL (DATABASE_URL=postgres://…, a .pgdump backup): the current database is dumped
 *   into BACKUP_DIR as nianbao-before-restore-<time>.pgdump, then pg_restore --clean
 *   --single-transaction replaces it and the migrations table is checked (db/pg/backup.ts).
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { restoreDatabase } from "../db/backup";
import { databasePath } from "../db/client";
import { postgresBackupsDirectory, postgresUrlFromEnvironment, redactUrl, restorePostgres } from "../db/pg/backup";

async function confirmed(backup: string, target: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    console.error("需要确认：请加 --yes 参数，或在终端中运行。");
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`将用 ${backup} 覆盖 ${target}（请先停止服务）。确定吗？输入 yes 继续：`);
  rl.close();
  if (answer.trim() !== "yes") console.log("已取消。");
  return answer.trim() === "yes";
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { yes: { type: "boolean" } }, allowPositionals: true });
  const [backup] = positionals;
  if (!backup) {
    console.error("用法：npm run restore -- <备份文件> [--yes]");
    return 2;
  }
  const postgresUrl = postgresUrlFromEnvironment();
  const target = postgresUrl ? `PostgreSQL 数据库 ${redactUrl(postgresUrl)}` : databasePath();
  if (postgresUrl && backup.endsWith(".db")) {
    console.error(`${backup} 是 SQLite 备份；迁入 PostgreSQL 请用 npm run migrate-to-postgres -- --from <文件>。`);
    return 2;
  }
  if (!postgresUrl && backup.endsWith(".pgdump")) {
    console.error(`${backup} 是 PostgreSQL 备份：请设置 DATABASE_URL=postgres://… 指向要恢复的数据库。`);
    return 2;
  }
  if (!values.yes && !(await confirmed(backup, target))) return process.stdin.isTTY ? 1 : 2;

  if (postgresUrl) {
    const restored = await restorePostgres(postgresUrl, backup, { setAsideDirectory: postgresBackupsDirectory() });
    const schema = restored.pending
      ? `备份的结构版本比本程序旧 ${restored.pending} 个迁移，启动服务时会自动补上。`
      : "结构版本与本程序一致。";
    const previous = restored.previous ? `恢复前的数据库已另存为 ${restored.previous}。` : "";
    console.log(`已恢复 ${target}：迁移记录 ${restored.migrations} 条，与备份一致；${schema}${previous}`);
    return 0;
  }
  const { previous } = restoreDatabase(backup, target);
  console.log(`已恢复 ${target}。${previous ? `原数据库保留为 ${previous}。` : ""}`);
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(`恢复失败：${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
