import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { units, users, type UnitKind } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError, fieldError } from "@/lib/errors";
import { canManageUnits, canViewUnit, type Viewer } from "@/lib/permissions";
import { parseOrThrow } from "@/lib/validations/parse";
import { unitSchema, type UnitInput, type UnitValues } from "@/lib/validations/unit";
import { writeAudit } from "./audit";
import { db } from "./db";
import { requireViewer } from "./session";

export interface UnitSummary {
  id: number;
  name: string;
  shortName: string;
  kind: UnitKind;
  parentId: number | null;
  parentName: string | null;
  orgCode: string;
  active: boolean;
  userCount: number;
}

const actorOf = (v: { userId: number; username: string; role: string }) => ({
  userId: v.userId,
  username: v.username,
  role: v.role,
});

async function requireUnitManager() {
  const viewer = await requireViewer();
  if (!canManageUnits(viewer)) {
    await writeAudit({ actor: actorOf(viewer), action: "unit.manage", result: "denied" });
    throw new AppError("forbidden");
  }
  return viewer;
}

/** Every unit with its parent's name; admins only. */
export async function listUnits(): Promise<UnitSummary[]> {
  await requireUnitManager();
  const parent = sql`(select p.name from units p where p.id = ${units.parentId})`;
  return db()
    .select({
      id: units.id,
      name: units.name,
      shortName: units.shortName,
      kind: units.kind,
      parentId: units.parentId,
      parentName: sql<string | null>`${parent}`,
      orgCode: units.orgCode,
      active: units.active,
      userCount: sql<number>`(select count(*) from users u where u.unit_id = ${units.id})`,
    })
    .from(units)
    .orderBy(asc(units.parentId), asc(units.id))
    .all();
}

/** Units an admin may pick for a user or as a parent. */
export async function listUnitOptions(): Promise<{ id: number; name: string; kind: UnitKind; active: boolean }[]> {
  await requireUnitManager();
  return db()
    .select({ id: units.id, name: units.name, kind: units.kind, active: units.active })
    .from(units)
    .orderBy(asc(units.id))
    .all();
}

export async function getUnitForEditing(id: number) {
  await requireUnitManager();
  const unit = db().select().from(units).where(eq(units.id, id)).get();
  if (!unit) throw new AppError("not_found");
  return unit;
}

export async function getUnitName(viewer: Viewer, id: number): Promise<string> {
  if (!canViewUnit(viewer, id)) throw new AppError("not_found");
  const unit = db().select({ name: units.name }).from(units).where(eq(units.id, id)).get();
  if (!unit) throw new AppError("not_found");
  return unit.name;
}

/** Checks uniqueness and the parent; returns the parent id as a number or null. */
function checkUnitConstraints(values: UnitValues, selfId?: number): number | null {
  const database = db();
  const others = (column: typeof units.name | typeof units.orgCode, value: string) =>
    database
      .select({ id: units.id })
      .from(units)
      .where(selfId === undefined ? eq(column, value) : and(eq(column, value), ne(units.id, selfId)))
      .get();
  if (others(units.name, values.name)) throw fieldError("name", "已有同名单位。");
  if (others(units.orgCode, values.orgCode)) throw fieldError("orgCode", "该代码已被其他单位使用。");

  if (values.parentId === "") return null;
  const parentId = Number(values.parentId);
  if (parentId === selfId) throw fieldError("parentId", "上级单位不能是本单位。");
  const parent = database.select().from(units).where(eq(units.id, parentId)).get();
  if (!parent) throw fieldError("parentId", "上级单位不存在。");
  if (!parent.active) throw fieldError("parentId", "上级单位已停用，请选择其他单位。");
  // Walk up from the parent: the unit being edited must not appear (no cycles).
  let cursor: number | null = parent.parentId;
  while (selfId !== undefined && cursor !== null) {
    if (cursor === selfId) throw fieldError("parentId", "不能把下级单位设为上级单位。");
    cursor = database.select({ parentId: units.parentId }).from(units).where(eq(units.id, cursor)).get()?.parentId ?? null;
  }
  return parentId;
}

export async function createUnit(input: UnitInput): Promise<number> {
  const viewer = await requireUnitManager();
  const values = parseOrThrow(unitSchema, input);
  const id = db().transaction(
    (tx) => {
      const parentId = checkUnitConstraints(values);
      return tx
        .insert(units)
        .values({ name: values.name, shortName: values.shortName, kind: values.kind, parentId, orgCode: values.orgCode, reportDeadline: values.reportDeadline })
        .returning({ id: units.id })
        .get().id;
    },
    { behavior: "immediate" },
  );
  await writeAudit({ actor: actorOf(viewer), action: "unit.create", target: { type: "unit", id }, result: "success", details: values });
  return id;
}

export async function updateUnit(id: number, input: UnitInput): Promise<void> {
  const viewer = await requireUnitManager();
  const values = parseOrThrow(unitSchema, input);
  db().transaction(
    (tx) => {
      const existing = tx.select({ id: units.id }).from(units).where(eq(units.id, id)).get();
      if (!existing) throw new AppError("not_found");
      const parentId = checkUnitConstraints(values, id);
      tx.update(units)
        .set({ name: values.name, shortName: values.shortName, kind: values.kind, parentId, orgCode: values.orgCode, reportDeadline: values.reportDeadline, updatedAt: now() })
        .where(eq(units.id, id))
        .run();
    },
    { behavior: "immediate" },
  );
  await writeAudit({ actor: actorOf(viewer), action: "unit.update", target: { type: "unit", id }, result: "success", details: values });
}

/** Deactivating keeps the unit and its history; its users can no longer be assigned new work. */
export async function setUnitActive(id: number, active: boolean): Promise<void> {
  const viewer = await requireUnitManager();
  const unit = db().select().from(units).where(eq(units.id, id)).get();
  if (!unit) throw new AppError("not_found");
  if (!active) {
    const activeChildren = db()
      .select({ n: sql<number>`count(*)` })
      .from(units)
      .where(and(eq(units.parentId, id), eq(units.active, true)))
      .get()?.n;
    if (activeChildren) throw new AppError("invalid", "该单位下仍有启用的下级单位，请先停用下级单位。");
    const adminHere = db()
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.unitId, id), eq(users.id, viewer.userId)))
      .get()?.n;
    if (adminHere) throw new AppError("invalid", "不能停用您本人所在的单位。");
  }
  db().update(units).set({ active, updatedAt: now() }).where(eq(units.id, id)).run();
  await writeAudit({
    actor: actorOf(viewer),
    action: active ? "unit.activate" : "unit.deactivate",
    target: { type: "unit", id },
    result: "success",
  });
}
