/**
 * npm run backup — a consistent online copy of the database, safe while the site is serving;
 * keeps the newest BACKUP_KEEP (default 14).
 *
 * - SQLite (no DATABASE_URL): the backup API into <database folder>/backups/ (or BACKUP_DIR) as
 *   nianbao-YYYYMMDD-HHMMSS.db, verified with integrity_check (db/backup.ts).
 * - PostgreSQL (DATABASE_URL=postgres://…): pg_dump --format=custom into BACKUP_DIR (default
 *   data/backups/) as nianbao-YYYYMMDD-HHMMSS.pgdump, verified with pg_restore (db/pg/backup.ts).
 */
import { backupDatabase, backupsDirectory } from "../db/backup";
import { databasePath, openDatabase } from "../db/client";
import { backupPostgres, postgresBackupsDirectory, postgresUrlFromEnvironment, redactUrl } from "../db/pg/backup";

function backupKeep(): number {
  const keep = Number(process.env.BACKUP_KEEP ?? 14);
  return Number.isInteger(keep) && keep > 0 ? keep : 14;
}

async function main() {
  const postgresUrl = postgresUrlFromEnvironment();
  if (postgresUrl) {
    const backup = backupPostgres(postgresUrl, postgresBackupsDirectory(), backupKeep());
    console.log(`已备份 PostgreSQL 数据库 ${redactUrl(postgresUrl)}：${backup}`);
    return;
  }
  const file = databasePath();
  const db = openDatabase(file);
  try {
    const directory = process.env.BACKUP_DIR?.trim() || backupsDirectory(file);
    const backup = await backupDatabase(db, directory, backupKeep());
    console.log(`已备份：${backup}`);
  } finally {
    db.$client.close();
  }
}

main().catch((error) => {
  console.error(`备份失败：${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
