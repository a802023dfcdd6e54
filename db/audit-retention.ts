/**
 * Audit retention: audit rows are kept for AUDIT_RETENTION_DAYS (default 730, never fewer than
 * 180) and then pruned by the server's in-process scheduler, at most once a day.
 *
 * The 180-day floor is enforced three times: the setting is refused at start-up, pruneAuditLog
 * refuses a shorter retention, and a trigger (migration 0008) aborts any DELETE of a row younger
 * than 180 days by SQLite's own clock, whoever runs it. This file is the only code that deletes
 * audit rows (db/__tests__/audit-retention.test.ts scans the sources to keep it so).
 */
import { eq, sql } from "drizzle-orm";
import { asPostgres, isPostgres, type Db } from "./client";
import { systemActor } from "./actor";
import { appendAudit } from "./commands/audit";
import { appMeta } from "./schema";
import { transaction } from "./transaction";

export const AUDIT_MIN_RETENTION_DAYS = 180;
export const AUDIT_DEFAULT_RETENTION_DAYS = 730;
/** The scheduler prunes at most this often (the time of the last run is kept in app_meta). */
export const AUDIT_PRUNE_INTERVAL_MS = 24 * 3_600_000;

const DAY_MS = 86_400_000;
const PRUNED_AT_KEY = "audit_log_pruned_at";

/** AUDIT_RETENTION_DAYS, checked: a value below 180 days (or not a whole number) stops the server. */
export function auditRetentionDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return AUDIT_DEFAULT_RETENTION_DAYS;
  const days = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(days >= AUDIT_MIN_RETENTION_DAYS)) {
    throw new Error(
      `拒绝启动：AUDIT_RETENTION_DAYS=${raw} 无效。审计日志至少保留 ${AUDIT_MIN_RETENTION_DAYS} 天，请设为不小于 ${AUDIT_MIN_RETENTION_DAYS} 的整数天数（默认 ${AUDIT_DEFAULT_RETENTION_DAYS}）。` +
        ` (AUDIT_RETENTION_DAYS must be a whole number of days, at least ${AUDIT_MIN_RETENTION_DAYS}.)`,
    );
  }
  return days;
}

/**
 * Deletes the audit rows older than the retention at `now`; returns how many. Rows younger than
 * 180 days by the database's clock are never asked for, so a clock running ahead cannot make
 * the trigger abort (or, were it missing, delete them).
 */
export async function pruneAuditLog(db: Db, options: { now: Date; retentionDays: number }): Promise<number> {
  const { now, retentionDays } = options;
  if (!Number.isInteger(retentionDays) || retentionDays < AUDIT_MIN_RETENTION_DAYS) {
    throw new Error(`audit retention must be at least ${AUDIT_MIN_RETENTION_DAYS} days, got ${retentionDays}`);
  }
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  if (!Number.isFinite(cutoff)) throw new Error("pruneAuditLog: invalid time");
  if (isPostgres(db)) {
    const result = await asPostgres(db).execute(
      sql`DELETE FROM audit_log
           WHERE created_at < least(to_timestamp(${cutoff}::double precision / 1000), now() - make_interval(days => ${AUDIT_MIN_RETENTION_DAYS}))`,
    );
    return result.rowCount ?? 0;
  }
  return db.$client
    .prepare(
      `DELETE FROM audit_log
        WHERE created_at < min(?, (unixepoch() - ${AUDIT_MIN_RETENTION_DAYS} * 86400) * 1000)`,
    )
    .run(cutoff).changes;
}

/**
 * Prunes when the last pruning is at least a day old (or never happened), in one transaction
 * with a record of it: an `audit.prune` row when anything was deleted, and the time in app_meta
 * (so restarts do not prune more often). Returns null when it was not due.
 */
export async function pruneAuditLogIfDue(db: Db, options: { now: Date; retentionDays: number }): Promise<{ deleted: number } | null> {
  return transaction(db, async (tx) => {
    const [last] = await tx.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, PRUNED_AT_KEY));
    const lastAt = last ? Date.parse(last.value) : NaN;
    const at = options.now.getTime();
    // A stored time in the future (clock set back) does not block pruning for ever.
    if (Number.isFinite(lastAt) && at - lastAt < AUDIT_PRUNE_INTERVAL_MS && lastAt <= at) return null;
    const deleted = await pruneAuditLog(tx, options);
    if (deleted > 0) {
      await appendAudit(tx, systemActor("scheduler"), {
        action: "audit.prune",
        target: { type: "audit_log" },
        result: "success",
        details: { deleted, retentionDays: options.retentionDays, olderThan: new Date(at - options.retentionDays * DAY_MS).toISOString() },
      });
    }
    await tx
      .insert(appMeta)
      .values({ key: PRUNED_AT_KEY, value: options.now.toISOString() })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: sql`excluded.value` } });
    return { deleted };
  });
}
