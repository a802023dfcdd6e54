import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { units, users, type Role } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError, fieldError } from "@/lib/errors";
import { canManageUsers, wouldRemoveLastAdmin } from "@/lib/permissions";
import { generateTemporaryPassword, hashPassword } from "@/lib/password-hash";
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from "@/lib/validations/user";
import { parseOrThrow } from "@/lib/validations/parse";
import { writeAudit } from "./audit";
import { db } from "./db";
import { requireViewer, type SessionViewer } from "./session";

const actorOf = (v: SessionViewer) => ({ userId: v.userId, username: v.username, role: v.role });

async function requireUserManager() {
  const viewer = await requireViewer();
  if (!canManageUsers(viewer)) {
    await writeAudit({ actor: actorOf(viewer), action: "user.manage", result: "denied" });
    throw new AppError("forbidden");
  }
  return viewer;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  unitName: string;
  active: boolean;
  mustChangePassword: boolean;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
}

const summaryColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  unitId: users.unitId,
  unitName: units.name,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
};

export async function listUsers(filter: { unit?: string; role?: Role }): Promise<UserSummary[]> {
  await requireUserManager();
  const conditions: SQL[] = [];
  if (filter.unit) conditions.push(eq(users.unitId, Number(filter.unit)));
  if (filter.role) conditions.push(eq(users.role, filter.role));
  return db()
    .select(summaryColumns)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(users.unitId), asc(users.username))
    .all();
}

export async function getUserForEditing(id: number): Promise<UserSummary> {
  await requireUserManager();
  const user = db().select(summaryColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id)).get();
  if (!user) throw new AppError("not_found");
  return user;
}

function requireActiveUnit(unitId: number): void {
  const unit = db().select({ active: units.active }).from(units).where(eq(units.id, unitId)).get();
  if (!unit) throw fieldError("unitId", "所选单位不存在。");
  if (!unit.active) throw fieldError("unitId", "所选单位已停用，请选择其他单位。");
}

function activeAdminCount(): number {
  return (
    db()
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)))
      .get()?.n ?? 0
  );
}

/** Creates a user with a temporary password, returned once for the admin to pass on. */
export async function createUser(input: CreateUserInput): Promise<{ id: number; temporaryPassword: string }> {
  const viewer = await requireUserManager();
  const values = parseOrThrow(createUserSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = db().transaction(
    (tx) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.username, values.username)).get()) {
        throw fieldError("username", "该用户名已被使用。");
      }
      requireActiveUnit(Number(values.unitId));
      return tx
        .insert(users)
        .values({
          username: values.username,
          displayName: values.displayName,
          role: values.role,
          unitId: Number(values.unitId),
          passwordHash,
          mustChangePassword: true,
        })
        .returning({ id: users.id })
        .get().id;
    },
    { behavior: "immediate" },
  );
  await writeAudit({
    actor: actorOf(viewer),
    action: "user.create",
    target: { type: "user", id },
    result: "success",
    details: { username: values.username, role: values.role, unitId: Number(values.unitId) },
  });
  return { id, temporaryPassword };
}

/** Changes name, role or unit. A role or unit change ends the user's sessions. */
export async function updateUser(id: number, input: UpdateUserInput): Promise<void> {
  const viewer = await requireUserManager();
  const values = parseOrThrow(updateUserSchema, input);
  const changed = db().transaction(
    (tx) => {
      const target = tx.select().from(users).where(eq(users.id, id)).get();
      if (!target) throw new AppError("not_found");
      const unitId = Number(values.unitId);
      if (unitId !== target.unitId) requireActiveUnit(unitId);
      if (wouldRemoveLastAdmin(target, { role: values.role }, activeAdminCount())) {
        throw fieldError("role", "这是最后一位系统管理员，不能取消其管理员角色。");
      }
      const accessChanged = values.role !== target.role || unitId !== target.unitId;
      tx.update(users)
        .set({
          displayName: values.displayName,
          role: values.role,
          unitId,
          updatedAt: now(),
          ...(accessChanged ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
        })
        .where(eq(users.id, id))
        .run();
      return { from: { role: target.role, unitId: target.unitId, displayName: target.displayName }, accessChanged };
    },
    { behavior: "immediate" },
  );
  await writeAudit({
    actor: actorOf(viewer),
    action: "user.update",
    target: { type: "user", id },
    result: "success",
    details: { from: changed.from, to: { ...values, unitId: Number(values.unitId) }, sessionsEnded: changed.accessChanged },
  });
}

/** Deactivating ends the user's sessions on their next request. */
export async function setUserActive(id: number, active: boolean): Promise<void> {
  const viewer = await requireUserManager();
  db().transaction(
    (tx) => {
      const target = tx.select().from(users).where(eq(users.id, id)).get();
      if (!target) throw new AppError("not_found");
      if (!active && target.id === viewer.userId) throw new AppError("invalid", "不能停用您自己的账号。");
      if (wouldRemoveLastAdmin(target, { active }, activeAdminCount())) {
        throw new AppError("invalid", "这是最后一位系统管理员，不能停用。");
      }
      if (active) requireActiveUnit(target.unitId);
      tx.update(users)
        .set({ active, updatedAt: now(), sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, id))
        .run();
    },
    { behavior: "immediate" },
  );
  await writeAudit({
    actor: actorOf(viewer),
    action: active ? "user.activate" : "user.deactivate",
    target: { type: "user", id },
    result: "success",
  });
}

/** Issues a new temporary password; the user must change it at next sign-in. */
export async function resetUserPassword(id: number): Promise<{ temporaryPassword: string }> {
  const viewer = await requireUserManager();
  const target = db().select({ id: users.id }).from(users).where(eq(users.id, id)).get();
  if (!target) throw new AppError("not_found");
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  db()
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: true,
      failedLoginCount: 0,
      lockedUntil: null,
      updatedAt: now(),
      sessionVersion: sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.id, id))
    .run();
  await writeAudit({ actor: actorOf(viewer), action: "user.reset_password", target: { type: "user", id }, result: "success" });
  return { temporaryPassword };
}

export async function unlockUser(id: number): Promise<void> {
  const viewer = await requireUserManager();
  const result = db()
    .update(users)
    .set({ failedLoginCount: 0, lockedUntil: null, updatedAt: now() })
    .where(eq(users.id, id))
    .run();
  if (result.changes === 0) throw new AppError("not_found");
  await writeAudit({ actor: actorOf(viewer), action: "user.unlock", target: { type: "user", id }, result: "success" });
}
