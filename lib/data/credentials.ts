import "server-only";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { now } from "@/lib/clock";
import { securityPolicy } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { CLEARED_LOGIN_STATE, isLocked, registerFailure } from "@/lib/lockout";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/password-hash";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validations/password";
import { writeAudit } from "./audit";
import { db } from "./db";
import { endSession, requireViewer, startSession } from "./session";

export type CredentialsResult =
  | { ok: true; userId: number; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/**
 * Checks a username and password under the lockout policy, records the attempt in the
 * audit log and, on success, starts a server-side session. Unknown users and wrong
 * passwords give the same answer (and take the same time).
 */
export async function verifyCredentials(username: string, password: string): Promise<CredentialsResult> {
  const at = now();
  const policy = securityPolicy().lockout;
  const user = db().select().from(users).where(eq(users.username, username)).get();

  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    await writeAudit({
      actor: user ? { userId: user.id, username: user.username, role: user.role } : null,
      action: "auth.signin",
      result: "failure",
      details: { username, reason: user ? "inactive" : "unknown_user" },
    });
    return { ok: false, reason: "invalid" };
  }

  const actor = { userId: user.id, username: user.username, role: user.role };
  if (isLocked(user, at)) {
    await writeAudit({ actor, action: "auth.signin", result: "denied", details: { reason: "locked" } });
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil! };
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    const next = registerFailure(user, at, policy);
    db()
      .update(users)
      .set({ failedLoginCount: next.failedLoginCount, lockedUntil: next.lockedUntil })
      .where(eq(users.id, user.id))
      .run();
    await writeAudit({
      actor,
      action: "auth.signin",
      result: "failure",
      details: { reason: "wrong_password", consecutiveFailures: next.failedLoginCount },
    });
    if (next.justLocked) {
      await writeAudit({
        actor,
        action: "auth.lockout",
        target: { type: "user", id: user.id },
        result: "success",
        details: { lockedUntil: next.lockedUntil?.toISOString(), failures: next.failedLoginCount },
      });
      return { ok: false, reason: "locked", lockedUntil: next.lockedUntil! };
    }
    return { ok: false, reason: "invalid" };
  }

  db()
    .update(users)
    .set({ ...CLEARED_LOGIN_STATE, lastLoginAt: at })
    .where(eq(users.id, user.id))
    .run();
  const sessionId = await startSession(user.id, user.sessionVersion);
  await writeAudit({ actor, action: "auth.signin", target: { type: "session", id: sessionId }, result: "success" });
  return { ok: true, userId: user.id, sessionId };
}

/**
 * Changes the signed-in user's own password. Bumping sessionVersion ends all of the user's
 * sessions, this one included; the caller signs in again with the new password.
 */
export async function changeOwnPassword(input: ChangePasswordInput): Promise<void> {
  const viewer = await requireViewer({ allowPendingPasswordChange: true });
  const parsed = changePasswordSchema.safeParse({ ...input, username: viewer.username });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
    throw new AppError("invalid", "请按提示修改后重试。", fieldErrors);
  }
  const user = db().select().from(users).where(eq(users.id, viewer.userId)).get();
  if (!user || !(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    await writeAudit({
      actor: { userId: viewer.userId, username: viewer.username, role: viewer.role },
      action: "auth.password_change",
      result: "failure",
      details: { reason: "wrong_current_password" },
    });
    throw new AppError("invalid", "当前密码不正确。", { currentPassword: "当前密码不正确。" });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  db()
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: false,
      passwordChangedAt: now(),
      updatedAt: now(),
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, viewer.userId))
    .run();
  endSession(viewer.sessionId, "password_change");
  await writeAudit({
    actor: { userId: viewer.userId, username: viewer.username, role: viewer.role },
    action: "auth.password_change",
    target: { type: "user", id: viewer.userId },
    result: "success",
  });
}

/** When a locked account unlocks (shown in the sign-in error), or null when it is not locked. */
export async function lockedUntilOf(username: string): Promise<Date | null> {
  const user = db().select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.username, username)).get();
  return user?.lockedUntil && user.lockedUntil > now() ? user.lockedUntil : null;
}
