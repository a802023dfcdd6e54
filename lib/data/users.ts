import "server-only";
import { and, asc, eq, type SQL } from "drizzle-orm";
import * as accounts from "@/db/commands/users";
import { units, users, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { canManageUsers } from "@/lib/permissions";
import { generateTemporaryPassword, hashPassword } from "@/lib/password-hash";
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from "@/lib/validations/user";
import { parseOrThrow } from "@/lib/validations/parse";
import { recordRefusal } from "./audit";
import { db } from "./db";
import { actorOf, requireViewer } from "./session";

async function requireUserManager() {
  const viewer = await requireViewer();
  if (!canManageUsers(viewer)) {
    await recordRefusal(viewer, { action: "user.manage" });
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
    .orderBy(asc(users.unitId), asc(users.username));
}

export async function getUserForEditing(id: number): Promise<UserSummary> {
  await requireUserManager();
  const [user] = await db().select(summaryColumns).from(users).innerJoin(units, eq(units.id, users.unitId)).where(eq(users.id, id));
  if (!user) throw new AppError("not_found");
  return user;
}

/** Creates a user with a temporary password, returned once for the admin to pass on. */
export async function createUser(input: CreateUserInput): Promise<{ id: number; temporaryPassword: string }> {
  const viewer = await requireUserManager();
  const values = parseOrThrow(createUserSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const id = await accounts.createUser(db(), await actorOf(viewer), {
    username: values.username,
    displayName: values.displayName,
    role: values.role,
    unitId: Number(values.unitId),
    passwordHash,
    mustChangePassword: true,
  });
  return { id, temporaryPassword };
}

/** Changes name, role or unit. A role or unit change ends the user's sessions. */
export async function updateUser(id: number, input: UpdateUserInput): Promise<void> {
  const viewer = await requireUserManager();
  const values = parseOrThrow(updateUserSchema, input);
  await accounts.updateUser(db(), await actorOf(viewer), id, { displayName: values.displayName, role: values.role, unitId: Number(values.unitId) });
}

/** Deactivating ends the user's sessions on their next request. */
export async function setUserActive(id: number, active: boolean): Promise<void> {
  const viewer = await requireUserManager();
  await accounts.setUserActive(db(), await actorOf(viewer), id, active);
}

/** Issues a new temporary password; the user must change it at next sign-in. */
export async function resetUserPassword(id: number): Promise<{ temporaryPassword: string }> {
  const viewer = await requireUserManager();
  const temporaryPassword = generateTemporaryPassword();
  await accounts.resetUserPassword(db(), await actorOf(viewer), id, await hashPassword(temporaryPassword));
  return { temporaryPassword };
}

export async function unlockUser(id: number): Promise<void> {
  const viewer = await requireUserManager();
  await accounts.unlockUser(db(), await actorOf(viewer), id);
}
