/**
 * Accounts: created, changed, deactivated, unlocked and given new passwords by an admin (or by
 * `npm run admin:create` and the demo seed), and each person's own password change. Passwords
 * arrive hashed: hashing is slow and happens before the transaction opens.
 */
import { and, eq, sql } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError, fieldError } from "@/lib/errors";
import { wouldRemoveLastAdmin } from "@/lib/permissions";
import type { Role } from "@/lib/vocabulary";
import { actorUserId, type Actor, type UserActor } from "../actor";
import type { Db } from "../client";
import { units, users } from "../schema";
import { forUpdate } from "../dialect";
import { transaction, type Tx } from "../transaction";
import { appendAudit } from "./audit";
import { endSessionIn } from "./sessions";

async function requireActiveUnit(tx: Tx, unitId: number): Promise<void> {
  const [unit] = await tx.select({ active: units.active }).from(units).where(eq(units.id, unitId));
  if (!unit) throw fieldError("unitId", "所选单位不存在。");
  if (!unit.active) throw fieldError("unitId", "所选单位已停用，请选择其他单位。");
}

/**
 * The active admins, their rows locked on PostgreSQL: two admins demoting each other at once
 * cannot both see the other one still there (SQLite's BEGIN IMMEDIATE serialises them anyway).
 */
async function activeAdminCount(tx: Tx): Promise<number> {
  const admins = await forUpdate(tx.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.active, true))));
  return admins.length;
}

async function userRow(tx: Tx, id: number) {
  const [user] = await tx.select().from(users).where(eq(users.id, id));
  if (!user) throw new AppError("not_found");
  return user;
}

/** A role, unit, status or password change ends every session of the user (sessionVersion). */
const endsSessions = { sessionVersion: sql`${users.sessionVersion} + 1` };

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  passwordHash: string;
  /** A temporary password must be changed at the first sign-in. */
  mustChangePassword: boolean;
}

export async function createUser(db: Db, actor: Actor, account: NewAccount): Promise<number> {
  return transaction(db, async (tx) => {
    if ((await tx.select({ id: users.id }).from(users).where(eq(users.username, account.username))).length > 0) {
      throw fieldError("username", "该用户名已被使用。");
    }
    await requireActiveUnit(tx, account.unitId);
    const [{ id }] = (await tx.insert(users).values(account).returning({ id: users.id })) as [{ id: number }];
    await appendAudit(tx, actor, {
      action: "user.create",
      target: { type: "user", id },
      result: "success",
      details: { username: account.username, role: account.role, unitId: account.unitId },
    });
    return id;
  });
}

/** Changes name, role or unit; a role or unit change ends the user's sessions. Never removes the last admin. */
export async function updateUser(db: Db, actor: Actor, id: number, values: { displayName: string; role: Role; unitId: number }): Promise<void> {
  await transaction(db, async (tx) => {
    const target = await userRow(tx, id);
    if (values.unitId !== target.unitId) await requireActiveUnit(tx, values.unitId);
    if (wouldRemoveLastAdmin(target, { role: values.role }, await activeAdminCount(tx))) {
      throw fieldError("role", "这是最后一位系统管理员，不能取消其管理员角色。");
    }
    const accessChanged = values.role !== target.role || values.unitId !== target.unitId;
    await tx
      .update(users)
      .set({ ...values, updatedAt: now(), ...(accessChanged ? endsSessions : {}) })
      .where(eq(users.id, id));
    await appendAudit(tx, actor, {
      action: "user.update",
      target: { type: "user", id },
      result: "success",
      details: { from: { role: target.role, unitId: target.unitId, displayName: target.displayName }, to: values, sessionsEnded: accessChanged },
    });
  });
}

/** Deactivating ends the user's sessions on their next request; nobody deactivates themselves or the last admin. */
export async function setUserActive(db: Db, actor: Actor, id: number, active: boolean): Promise<void> {
  await transaction(db, async (tx) => {
    const target = await userRow(tx, id);
    if (!active && target.id === actorUserId(actor)) throw new AppError("invalid", "不能停用您自己的账号。");
    if (wouldRemoveLastAdmin(target, { active }, await activeAdminCount(tx))) throw new AppError("invalid", "这是最后一位系统管理员，不能停用。");
    if (active) await requireActiveUnit(tx, target.unitId);
    await tx.update(users).set({ active, updatedAt: now(), ...endsSessions }).where(eq(users.id, id));
    await appendAudit(tx, actor, { action: active ? "user.activate" : "user.deactivate", target: { type: "user", id }, result: "success" });
  });
}

/** A new temporary password (hashed by the caller): the user must change it at next sign-in; unlocks the account. */
export async function resetUserPassword(db: Db, actor: Actor, id: number, passwordHash: string): Promise<void> {
  await transaction(db, async (tx) => {
    await userRow(tx, id);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, updatedAt: now(), ...endsSessions })
      .where(eq(users.id, id));
    await appendAudit(tx, actor, { action: "user.reset_password", target: { type: "user", id }, result: "success" });
  });
}

export async function unlockUser(db: Db, actor: Actor, id: number): Promise<void> {
  await transaction(db, async (tx) => {
    const unlocked = await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, updatedAt: now() }).where(eq(users.id, id)).returning({ id: users.id });
    if (unlocked.length === 0) throw new AppError("not_found");
    await appendAudit(tx, actor, { action: "user.unlock", target: { type: "user", id }, result: "success" });
  });
}

/** A person's own new password (hashed by the caller): ends all their sessions, this one included. */
export async function changeOwnPassword(db: Db, actor: UserActor, input: { passwordHash: string; sessionId: string }): Promise<void> {
  await transaction(db, async (tx) => {
    const at = now();
    await tx
      .update(users)
      .set({ passwordHash: input.passwordHash, mustChangePassword: false, passwordChangedAt: at, updatedAt: at, ...endsSessions })
      .where(eq(users.id, actor.userId));
    await endSessionIn(tx, input.sessionId, "password_change", at);
    await appendAudit(tx, actor, { action: "auth.password_change", target: { type: "user", id: actor.userId }, result: "success" });
  });
}
