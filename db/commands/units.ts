/** The list of units (单位): created, changed and deactivated by an admin (or the system at set-up). */
import { and, count, eq, ne } from "drizzle-orm";
import { now } from "@/lib/clock";
import { AppError, fieldError } from "@/lib/errors";
import { levelOfKind, parentProblem } from "@/lib/unit-levels";
import type { UnitKind, UnitLevel } from "@/lib/vocabulary";
import { actorUserId, type Actor } from "../actor";
import type { Db } from "../client";
import { serializeOn } from "../dialect";
import { units, users } from "../schema";
import { transaction, type Tx } from "../transaction";
import { unitLevelOf } from "../unit-tree";
import { appendAudit } from "./audit";

export interface UnitValues {
  name: string;
  shortName: string;
  kind: UnitKind;
  parentId: number | null;
  orgCode: string;
  reportDeadline?: string;
}

/**
 * Names and codes are unique; the parent exists, is active, is not the unit itself or below it,
 * and is of a higher level (lib/unit-levels.ts#parentProblem); an edited unit's own children
 * must still fit under it.
 */
async function checkUnitConstraints(tx: Tx, values: UnitValues, selfId?: number): Promise<void> {
  const taken = async (column: typeof units.name | typeof units.orgCode, value: string) =>
    (await tx.select({ id: units.id }).from(units).where(selfId === undefined ? eq(column, value) : and(eq(column, value), ne(units.id, selfId)))).length > 0;
  if (await taken(units.name, values.name)) throw fieldError("name", "已有同名单位。");
  if (await taken(units.orgCode, values.orgCode)) throw fieldError("orgCode", "该代码已被其他单位使用。");
  const parentLevel = await checkParent(tx, values, selfId);
  if (selfId !== undefined) await checkChildren(tx, selfId, values.kind, levelOfKind(values.kind, parentLevel));
}

/**
 * The parent's level, once the parent is found fit (null: no parent). Whether a unit needs a
 * parent at all is the form's rule (lib/validations/unit.ts): archived units of other regions
 * (the demo's 河桥镇) come without their superiors.
 */
async function checkParent(tx: Tx, values: UnitValues, selfId?: number): Promise<UnitLevel | null> {
  if (values.parentId === null) return null;
  if (values.parentId === selfId) throw fieldError("parentId", "上级单位不能是本单位。");
  const [parent] = await tx.select().from(units).where(eq(units.id, values.parentId));
  if (!parent) throw fieldError("parentId", "上级单位不存在。");
  if (!parent.active) throw fieldError("parentId", "上级单位已停用，请选择其他单位。");
  // Walk up from the parent: the unit being edited must not appear (no cycles).
  let cursor: number | null = parent.parentId;
  while (selfId !== undefined && cursor !== null) {
    if (cursor === selfId) throw fieldError("parentId", "不能把下级单位设为上级单位。");
    const [above] = await tx.select({ parentId: units.parentId }).from(units).where(eq(units.id, cursor));
    cursor = above?.parentId ?? null;
  }
  const level = await unitLevelOf(tx, parent.id);
  const problem = parentProblem(values.kind, { kind: parent.kind, level });
  if (problem) throw fieldError("parentId", problem);
  return level;
}

/** A unit whose kind changes must still be a fit parent for the units directly below it. */
async function checkChildren(tx: Tx, id: number, kind: UnitKind, level: UnitLevel): Promise<void> {
  const children = await tx.select({ name: units.name, kind: units.kind }).from(units).where(eq(units.parentId, id));
  for (const child of children) {
    if (parentProblem(child.kind, { kind, level })) throw fieldError("kind", `「${child.name}」是本单位的下级单位，本单位不能改为这一类型。`);
  }
}

/**
 * Every change to the tree takes this lock first: the rules span several rows (a parent's level
 * and activity, its children's), so two changes checked at once could each pass and together
 * break them (db/dialect.ts#serializeOn).
 */
const UNIT_TREE_LOCK = "nianbao.unit-tree";

export async function createUnit(db: Db, actor: Actor, values: UnitValues): Promise<number> {
  return transaction(db, async (tx) => {
    await serializeOn(tx, UNIT_TREE_LOCK);
    await checkUnitConstraints(tx, values);
    const [{ id }] = (await tx.insert(units).values(values).returning({ id: units.id })) as [{ id: number }];
    await appendAudit(tx, actor, { action: "unit.create", target: { type: "unit", id }, result: "success", details: { ...values } });
    return id;
  });
}

export async function updateUnit(db: Db, actor: Actor, id: number, values: UnitValues): Promise<void> {
  await transaction(db, async (tx) => {
    await serializeOn(tx, UNIT_TREE_LOCK);
    const [existing] = await tx.select({ id: units.id }).from(units).where(eq(units.id, id));
    if (!existing) throw new AppError("not_found");
    await checkUnitConstraints(tx, values, id);
    await tx.update(units).set({ ...values, updatedAt: now() }).where(eq(units.id, id));
    await appendAudit(tx, actor, { action: "unit.update", target: { type: "unit", id }, result: "success", details: { ...values } });
  });
}

/**
 * Deactivating keeps the unit and its history; not while it has active units below it, nor the
 * actor's own unit. Reactivating needs an active parent.
 */
export async function setUnitActive(db: Db, actor: Actor, id: number, active: boolean): Promise<void> {
  await transaction(db, async (tx) => {
    await serializeOn(tx, UNIT_TREE_LOCK);
    const [unit] = await tx.select({ id: units.id, parentId: units.parentId }).from(units).where(eq(units.id, id));
    if (!unit) throw new AppError("not_found");
    if (active && unit.parentId !== null) {
      const [parent] = await tx.select({ active: units.active }).from(units).where(eq(units.id, unit.parentId));
      if (!parent?.active) throw new AppError("invalid", "上级单位已停用，请先启用上级单位。");
    }
    if (!active) {
      const [children] = await tx.select({ n: count() }).from(units).where(and(eq(units.parentId, id), eq(units.active, true)));
      if (children!.n > 0) throw new AppError("invalid", "该单位下仍有启用的下级单位，请先停用下级单位。");
      const self = actorUserId(actor);
      if (self !== null && (await tx.select({ id: users.id }).from(users).where(and(eq(users.unitId, id), eq(users.id, self)))).length > 0) {
        throw new AppError("invalid", "不能停用您本人所在的单位。");
      }
    }
    await tx.update(units).set({ active, updatedAt: now() }).where(eq(units.id, id));
    await appendAudit(tx, actor, { action: active ? "unit.activate" : "unit.deactivate", target: { type: "unit", id }, result: "success" });
  });
}
