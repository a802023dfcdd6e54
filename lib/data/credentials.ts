import "server-only";
import { eq } from "drizzle-orm";
import type { Actor, UserActor } from "@/db/actor";
import { recordAudit } from "@/db/commands/audit";
import { recordWrongPassword, signIn } from "@/db/commands/sessions";
import { changeOwnPassword as changePassword } from "@/db/commands/users";
import { users, type User } from "@/db/schema";
import { now } from "@/lib/clock";
import { securityPolicy } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isLocked, registerFailure } from "@/lib/lockout";
import { dummyPasswordHash, hashPassword, verifyPassword } from "@/lib/password-hash";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/validations/password";
import { db } from "./db";
import { clientIp } from "./request-context";
import { actorOf, requireViewer } from "./session";

/** The account signing in as the actor of its own sign-in. */
const userActor = (user: User, ip: string | null): UserActor => ({
  kind: "user",
  userId: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  ip,
});

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
  const ip = await clientIp();
  const [user] = await db().select().from(users).where(eq(users.username, username));

  if (!user || !user.active) {
    await verifyPassword(await dummyPasswordHash(), password);
    const actor: Actor = user ? userActor(user, ip) : { kind: "anonymous", ip };
    await recordAudit(db(), actor, { action: "auth.signin", result: "failure", details: { username, reason: user ? "inactive" : "unknown_user" } });
    return { ok: false, reason: "invalid" };
  }

  const actor = userActor(user, ip);
  if (isLocked(user, at)) {
    await recordAudit(db(), actor, { action: "auth.signin", result: "denied", details: { reason: "locked" } });
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil! };
  }

  if (!(await verifyPassword(user.passwordHash, password))) {
    const failure = registerFailure(user, at, policy);
    await recordWrongPassword(db(), actor, failure);
    return failure.justLocked ? { ok: false, reason: "locked", lockedUntil: failure.lockedUntil! } : { ok: false, reason: "invalid" };
  }

  const sessionId = await signIn(db(), actor, { sessionVersion: user.sessionVersion });
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
  const actor = await actorOf(viewer);
  const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, viewer.userId));
  if (!user || !(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    await recordAudit(db(), actor, { action: "auth.password_change", result: "failure", details: { reason: "wrong_current_password" } });
    throw new AppError("invalid", "当前密码不正确。", { currentPassword: "当前密码不正确。" });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  await changePassword(db(), actor, { passwordHash, sessionId: viewer.sessionId });
}

/** When a locked account unlocks (shown in the sign-in error), or null when it is not locked. */
export async function lockedUntilOf(username: string): Promise<Date | null> {
  const [user] = await db().select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.username, username));
  return user?.lockedUntil && user.lockedUntil > now() ? user.lockedUntil : null;
}
