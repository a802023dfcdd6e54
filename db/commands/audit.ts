/** The audit log: one row per state change (and per refusal), written inside the change's transaction. */
import type { AuditAction } from "@/lib/audit-vocabulary";
import { auditLog } from "../schema";
import type { Actor } from "../actor";
import { transaction, type Tx } from "../transaction";
import type { Db } from "../client";

export interface AuditEvent {
  /** A code with a Chinese name in lib/audit-vocabulary.ts (the audit screen shows the name). */
  action: AuditAction;
  /** What was changed: a kind of thing, and which one (none for a whole table, e.g. the audit log itself). */
  target?: { type: string; id?: string | number };
  result: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
}

/** Appends the audit row of a change; call inside the change's transaction. */
export async function appendAudit(tx: Tx, actor: Actor, event: AuditEvent): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.kind === "user" ? actor.userId : null,
    actorName: actor.kind === "user" ? actor.username : actor.kind === "system" ? actor.name : null,
    actorRole: actor.kind === "user" ? actor.role : null,
    ip: actor.kind === "system" ? null : actor.ip,
    action: event.action,
    targetType: event.target?.type ?? null,
    targetId: event.target?.id === undefined ? null : String(event.target.id),
    result: event.result,
    details: event.details ?? null,
  });
}

/** Records an event that changes nothing else (a refusal, a failed sign-in) in its own transaction. */
export async function recordAudit(db: Db, actor: Actor, event: AuditEvent): Promise<void> {
  await transaction(db, (tx) => appendAudit(tx, actor, event));
}
