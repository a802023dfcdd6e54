import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { recordAudit, type AuditEvent } from "@/db/commands/audit";
import { auditLog, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { canViewAuditLog } from "@/lib/permissions";
import type { AuditFilter } from "@/lib/validations/user";
import { db } from "./db";
import { actorOf, requireViewer, type SessionViewer } from "./session";
import { chinaDayStart } from "@/lib/time";

/** Records that the viewer was refused something (an audit row of its own; nothing else changes). */
export async function recordRefusal(viewer: SessionViewer, event: Omit<AuditEvent, "result">): Promise<void> {
  await recordAudit(db(), await actorOf(viewer), { ...event, result: "denied" });
}

export const AUDIT_PAGE_SIZE = 50;


/** Most rows one JSON export holds (newest first); narrow the filter for older ones. */
export const AUDIT_EXPORT_LIMIT = 10_000;

function auditConditions(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.user) conditions.push(eq(auditLog.actorName, filter.user));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, chinaDayStart(filter.from)));
  if (filter.to) conditions.push(lt(auditLog.at, new Date(chinaDayStart(filter.to).getTime() + 86_400_000)));
  return conditions.length ? and(...conditions) : undefined;
}

const auditColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actorName: auditLog.actorName,
  actorRole: auditLog.actorRole,
  ip: auditLog.ip,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  result: auditLog.result,
  details: auditLog.details,
};

async function requireAuditViewer(): Promise<void> {
  const viewer = await requireViewer();
  if (!canViewAuditLog(viewer)) throw new AppError("not_found");
}

/**
 * The filtered audit log for machines: the rows with their codes (action, role, result, target)
 * and raw details, newest first, at most AUDIT_EXPORT_LIMIT of them.
 */
export async function exportAuditLog(filter: AuditFilter) {
  await requireAuditViewer();
  return db()
    .select(auditColumns)
    .from(auditLog)
    .where(auditConditions(filter))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_EXPORT_LIMIT);
}

export async function listAuditLog(filter: AuditFilter) {
  await requireAuditViewer();
  const where = auditConditions(filter);
  const database = db();
  const [counted] = await database.select({ n: sql<number>`count(*)` }).from(auditLog).where(where);
  const total = counted?.n ?? 0;
  const rows = await database
    .select(auditColumns)
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  const actions = (await database.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action)).map((r) => r.action);
  const usernames = (await database.select({ username: users.username }).from(users).orderBy(users.username)).map((r) => r.username);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), actions, usernames };
}
