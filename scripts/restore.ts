/**
 * npm run restore -- <backup file> [--yes]
 *
 * Replaces the database with a backup after confirmation (or --yes). Stop the server first.
 * The current database is kept as <file>.before-restore-<time>.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { restoreDatabase } from "../db/backup";
import { databasePath } from "../db/client";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { yes: { type: "boolean" } }, allowPositionals: true });
  const [backup] = positionals;
  if (!backup) {
    console.error("用法：npm run restore -- <备份文件> [--yes]");
    return 2;
  }
  const target = databasePath();
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      console.error("需要确认：请加 --yes 参数，或在终端中运行。");
      return 2;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`将用 ${backup} 覆盖 ${target}（请先停止服务）。确定吗？输入 yes 继续：`);
    rl.close();
    if (answer.trim() !== "yes") {
      console.log("已取消。");
      return 1;
    }
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
