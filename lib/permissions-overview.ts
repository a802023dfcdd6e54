/**
 * Who supervises the units below their own (the overview and 年报体检): a pure predicate, like
 * those in permissions.ts. Kept in its own file so that supervision can evolve without touching
 * the role table there.
 */
import type { Viewer } from "./permissions";
import { SUPERVISING_KINDS } from "./unit-levels";
import type { UnitKind, UnitLevel } from "./vocabulary";

export interface SupervisingUnitFacts {
  id: number;
  kind: UnitKind;
}

/**
 * Clerks and leaders of a province, city or county-level government (or a development zone's
 * committee) follow every unit below theirs, at any depth, read-only. The unit passed is the
 * viewer's own unit. Staff of a township, subdistrict or department supervise nobody; admins
 * never do: they manage accounts and units, not report content (separation of duties).
 */
export function canSuperviseUnits(viewer: Viewer | null, unit: SupervisingUnitFacts | null | undefined): boolean {
  if (!viewer || !unit) return false;
  if (viewer.role !== "clerk" && viewer.role !== "leader") return false;
  return viewer.unitId === unit.id && SUPERVISING_KINDS.includes(unit.kind);
}

/** What the supervising unit's staff call the overview, by their unit's level. */
export function overviewTitle(level: UnitLevel): string {
  return level === "province" ? "省级总览" : level === "city" ? "市级总览" : level === "county" ? "县级总览" : "下级单位总览";
}
