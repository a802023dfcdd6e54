/**
 * npm run backup — a consistent online copy of the database (SQLite backup API) into
 * <database folder>/backups/, verified with integrity_check; keeps the newest BACKUP_KEEP
 * (default 14). Safe while the site is serving.
 */
import { backupDatabase, backupsDirectory } from "../db/backup";
import { databasePath, openDatabase } from "../db/client";

async function main() {
  const file = databasePath();
  const db = openDatabase(file);
  try {
    const keep = Number(process.env.BACKUP_KEEP ?? 14);
    const backup = await backupDatabase(db, backupsDirectory(file), Number.isInteger(keep) && keep > 0 ? keep : 14);
    console.log(`已备份：${backup}`);
  } finally {
    db.$client.close();
  }
}

main().catch((error) => {
  console.error(`备份失败：${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
