import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import * as unitCommands from "@/db/commands/units";
import { units, type UnitKind } from "@/db/schema";
import { unitLevels } from "@/lib/unit-levels";
import type { UnitLevel } from "@/lib/vocabulary";
import { AppError } from "@/lib/errors";
import { canManageUnits } from "@/lib/permissions";
import { parseOrThrow } from "@/lib/validations/parse";
import { unitSchema, type UnitInput, type UnitValues } from "@/lib/validations/unit";
import { recordRefusal } from "./audit";
import { db } from "./db";
import { actorOf, requireViewer } from "./session";

export interface UnitSummary {
  id: number;
  name: string;
  shortName: string;
  kind: UnitKind;
  /** 省级、市级…: a department's is its parent's. */
  level: UnitLevel;
  parentId: number | null;
  parentName: string | null;
  orgCode: string;
  active: boolean;
  userCount: number;
}

async function requireUnitManager() {
  const viewer = await requireViewer();
  if (!canManageUnits(viewer)) {
    await recordRefusal(viewer, { action: "unit.manage" });
    throw new AppError("forbidden");
  }
  return viewer;
}

/** Every unit with its parent's name and its level; admins only. */
export async function listUnits(): Promise<UnitSummary[]> {
  await requireUnitManager();
  // Outer columns spelled out in both subqueries (see userCount below).
  const parent = sql`(select p.name from units p where p.id = units.parent_id)`;
  const rows = await db()
    .select({
      id: units.id,
      name: units.name,
      shortName: units.shortName,
      kind: units.kind,
      parentId: units.parentId,
      parentName: sql<string | null>`${parent}`,
      orgCode: units.orgCode,
      active: units.active,
      // units.id spelled out: drizzle writes a select field's own column unqualified ("id"),
      // which inside this subquery named u.id, so every unit showed the same wrong count.
      userCount: sql<number>`(select count(*) from users u where u.unit_id = units.id)`,
    })
    .from(units)
    .orderBy(asc(units.parentId), asc(units.id));
  const levels = unitLevels(rows);
  return rows.map((row) => ({ ...row, level: levels.get(row.id)! }));
}

/** Units an admin may pick for a user or as a parent. */
export async function listUnitOptions(): Promise<{ id: number; name: string; kind: UnitKind; active: boolean }[]> {
  await requireUnitManager();
  return db()
    .select({ id: units.id, name: units.name, kind: units.kind, active: units.active })
    .from(units)
    .orderBy(asc(units.id));
}

export async function getUnitForEditing(id: number) {
  await requireUnitManager();
  const [unit] = await db().select().from(units).where(eq(units.id, id));
  if (!unit) throw new AppError("not_found");
  return unit;
}

/** The form's values as stored: an empty 上级单位 is none. */
const storedValues = (values: UnitValues) => ({
  name: values.name,
  shortName: values.shortName,
  kind: values.kind,
  parentId: values.parentId === "" ? null : Number(values.parentId),
  orgCode: values.orgCode,
  reportDeadline: values.reportDeadline,
});

export async function createUnit(input: UnitInput): Promise<number> {
  const viewer = await requireUnitManager();
  const values = parseOrThrow(unitSchema, input);
  return unitCommands.createUnit(db(), await actorOf(viewer), storedValues(values));
}

export async function updateUnit(id: number, input: UnitInput): Promise<void> {
  const viewer = await requireUnitManager();
  const values = parseOrThrow(unitSchema, input);
  await unitCommands.updateUnit(db(), await actorOf(viewer), id, storedValues(values));
}

/** Deactivating keeps the unit and its history; its users can no longer be assigned new work. */
export async function setUnitActive(id: number, active: boolean): Promise<void> {
  const viewer = await requireUnitManager();
  await unitCommands.setUnitActive(db(), await actorOf(viewer), id, active);
}
