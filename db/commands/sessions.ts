/**
 * Signing in and out: the server-side session records (auth_sessions), the lockout counters
 * and their audit rows. The cookie only carries the session id; these rows decide whether it
 * is still valid (lib/lockout.ts).
 */
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { now } from "@/lib/clock";
import { CLEARED_LOGIN_STATE, type LoginState } from "@/lib/lockout";
import type { UserActor } from "../actor";
import type { Db } from "../client";
import { authSessions, users } from "../schema";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";

/** Ends a session that is still open; inside a transaction. */
export async function endSessionIn(tx: Tx, sessionId: string, reason: string, at: Date): Promise<void> {
  await tx
    .update(authSessions)
    .set({ endedAt: at, endReason: reason })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt)));
}

/** A correct password: clears the failure count, starts a session and returns its id. */
export async function signIn(db: Db, actor: UserActor, input: { sessionVersion: number }): Promise<string> {
  const id = randomUUID();
  const at = now();
  await transaction(db, async (tx) => {
    await tx.update(users).set({ ...CLEARED_LOGIN_STATE, lastLoginAt: at }).where(eq(users.id, actor.userId));
    await tx.insert(authSessions).values({ id, userId: actor.userId, sessionVersion: input.sessionVersion, createdAt: at, lastSeenAt: at, ip: actor.ip });
    await appendAudit(tx, actor, { action: "auth.signin", target: { type: "session", id }, result: "success" });
  });
  return id;
}

/** A wrong password: counts towards the lockout, and says so when it locks the account. */
export async function recordWrongPassword(db: Db, actor: UserActor, failure: LoginState & { justLocked: boolean }): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(users).set({ failedLoginCount: failure.failedLoginCount, lockedUntil: failure.lockedUntil }).where(eq(users.id, actor.userId));
    await appendAudit(tx, actor, {
      action: "auth.signin",
      result: "failure",
      details: { reason: "wrong_password", consecutiveFailures: failure.failedLoginCount },
    });
    if (failure.justLocked) {
      await appendAudit(tx, actor, {
        action: "auth.lockout",
        target: { type: "user", id: actor.userId },
        result: "success",
        details: { lockedUntil: failure.lockedUntil?.toISOString(), failures: failure.failedLoginCount },
      });
    }
  });
}

/** 退出登录, or the end of a session found expired or revoked on a request. */
export async function endSession(db: Db, actor: UserActor, input: { sessionId: string; reason: "signout" | string }): Promise<void> {
  await transaction(db, async (tx) => {
    await endSessionIn(tx, input.sessionId, input.reason, now());
    await appendAudit(tx, actor, {
      action: input.reason === "signout" ? "auth.signout" : "session.end",
      target: { type: "session", id: input.sessionId },
      result: "success",
      ...(input.reason === "signout" ? {} : { details: { reason: input.reason } }),
    });
  });
}

/** Notes that a session is in use (for the idle timeout); not audited. */
export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, sessionId));
  });
}
