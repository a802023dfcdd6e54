import "server-only";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { canViewAuditLog } from "@/lib/permissions";
import type { AuditFilter } from "@/lib/validations/user";
import { db } from "./db";
import { clientIp } from "./request-context";
import { chinaDayStart } from "@/lib/time";

export interface AuditActor {
  userId: number;
  username?: string;
  role?: string;
}

export interface AuditEvent {
  actor: AuditActor | null;
  action: string;
  target?: { type: string; id: string | number };
  result: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
}

/** Appends one row to the audit log (append-only; the database refuses edits). */
export async function writeAudit(event: AuditEvent): Promise<void> {
  const ip = await clientIp();
  db()
    .insert(auditLog)
    .values({
      actorId: event.actor?.userId ?? null,
      actorName: event.actor?.username ?? null,
      actorRole: event.actor?.role ?? null,
      ip,
      action: event.action,
      targetType: event.target?.type ?? null,
      targetId: event.target ? String(event.target.id) : null,
      result: event.result,
      details: event.details ?? null,
    })
    .run();
}

export const AUDIT_PAGE_SIZE = 50;


export async function listAuditLog(filter: AuditFilter) {
  const { requireViewer } = await import("./session");
  const viewer = await requireViewer();
  if (!canViewAuditLog(viewer)) throw new AppError("not_found");
  const conditions: SQL[] = [];
  if (filter.user) conditions.push(eq(auditLog.actorName, filter.user));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from) conditions.push(gte(auditLog.at, chinaDayStart(filter.from)));
  if (filter.to) conditions.push(lt(auditLog.at, new Date(chinaDayStart(filter.to).getTime() + 86_400_000)));
  const where = conditions.length ? and(...conditions) : undefined;
  const database = db();
  const total = database.select({ n: sql<number>`count(*)` }).from(auditLog).where(where).get()?.n ?? 0;
  const rows = database
    .select({
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
    })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const actions = database
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .orderBy(auditLog.action)
    .all()
    .map((r) => r.action);
  const usernames = database
    .select({ username: users.username })
    .from(users)
    .orderBy(users.username)
    .all()
    .map((r) => r.username);
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), actions, usernames };
}
