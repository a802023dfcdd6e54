/**
 * Before the server listens: the audit retention is checked, the session key is made sure of,
 * the database is migrated (and its search index rebuilt when empty), and an empty database gets
 * the demo data — or, without demo data, the server refuses to start while an account still
 * accepts the public demo password.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import { auditRetentionDays } from "../../db/audit-retention";
import { closeDb, databasePath, openEngineDatabase } from "../../db/client";
import { isDemoDataPresent } from "../../db/demo-marker";
import { migrateEngineDatabase } from "../../db/migrate";
import { rebuildSearchIndexIfEmpty } from "../../db/search-index";
import { accountsWithDemoPassword, isDatabaseEmpty, seedDemoData } from "../../db/seed";

/** A reason not to start, for the person starting the server (Chinese, with what to do). */
export class RefusedToStart extends Error {}

export interface Booted {
  /** The key that signs session cookies (also in process.env.AUTH_SECRET, where next-auth reads it). */
  authSecret: string;
  retentionDays: number;
  demoPresent: boolean;
}

/** Everything before listening, configured by the environment (README: Configuration). */
export async function boot(log: Pick<Logger, "info" | "warn">): Promise<Booted> {
  const env = process.env;
  // A retention shorter than the legal minimum is refused before anything else happens.
  let retentionDays: number;
  try {
    retentionDays = auditRetentionDays(env);
  } catch (error) {
    throw new RefusedToStart(error instanceof Error ? error.message : String(error));
  }
  const authSecret = ensureAuthSecret();
  const demoPresent = await prepareDatabase(log, env.NIANBAO_DEMO !== "0");
  return { authSecret, retentionDays, demoPresent };
}

/**
 * AUTH_SECRET signs session cookies; without one configured, one is generated per installation
 * into `.auth-secret` beside the database and kept in the environment for next-auth.
 */
function ensureAuthSecret(): string {
  const env = process.env;
  if (!env.AUTH_SECRET) {
    const file = path.join(path.dirname(path.resolve(databasePath())), ".auth-secret");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  }
  return env.AUTH_SECRET;
}

/** Migrates and seeds; returns whether the demo data is present. */
async function prepareDatabase(log: Pick<Logger, "info" | "warn">, demoMode: boolean): Promise<boolean> {
  const db = openEngineDatabase();
  try {
    await migrateEngineDatabase(db);
    await rebuildSearchIndexIfEmpty(db);
    if (await isDatabaseEmpty(db)) {
      if (demoMode) {
        await seedDemoData(db);
        log.info("已写入演示数据 (demo data seeded).");
      } else {
        log.warn("数据库中没有账号：请运行 npm run admin:create 创建第一个系统管理员。");
      }
    } else if (!demoMode) {
      const exposed = await accountsWithDemoPassword(db);
      if (exposed.length > 0) {
        throw new RefusedToStart(`拒绝启动：NIANBAO_DEMO=0，但以下账号仍使用公开的演示密码：${exposed.join(", ")}。请先修改这些账号的密码或停用它们。`);
      }
    }
    return await isDemoDataPresent(db);
  } finally {
    await closeDb(db);
  }
}
