/**
 * 年报报送单位名单 (issue 14), the pure part: which units directly below a supervising unit must
 * publish their own annual report for a year, who may edit the list, and how a saved list and
 * the defaults combine. No database; db/commands/reporting-list.ts stores it, lib/data reads it.
 *
 * The default (nothing saved for the year): every unit directly below is on the list. 条例第五十条
 * asks every administrative organ to publish its own annual report, so townships, subdistricts and
 * departments are ticked, and so are the governments below a city or province (counties, districts,
 * development zones' committees): they publish their own report and sum their own units', so the
 * city's list names them and the county's list names its townships. A unit is on the list of the
 * unit directly above it only; the overview of a city reads each row against its parent's list.
 */
import type { Viewer } from "./permissions";
import { canSuperviseUnits, type SupervisingUnitFacts } from "./permissions-overview";
import type { UnitKind } from "./vocabulary";

/** Quick picks for the reason a unit is left out (the field also takes free text). */
export const EXCLUSION_REASONS = ["垂直管理", "不具备独立性", "已撤并"] as const;

/**
 * Whether a unit of each kind directly below a supervising unit is on its list when nothing is
 * saved for the year (the reasoning is at the top of this file). Declared per kind so that a
 * different default for one kind is a one-word change.
 */
const INCLUDED_BY_DEFAULT: Readonly<Record<UnitKind, boolean>> = {
  township: true,
  subdistrict: true,
  department: true,
  county: true,
  development_zone: true,
  city: true,
  province: true,
};

export const includedByDefault = (kind: UnitKind): boolean => INCLUDED_BY_DEFAULT[kind];

/** Only the supervising unit's clerks edit its list; its leaders read it (like the overview). */
export function canEditReportingList(viewer: Viewer | null, unit: SupervisingUnitFacts | null | undefined): boolean {
  return canSuperviseUnits(viewer, unit) && viewer!.role === "clerk";
}

export interface SavedListEntry {
  supervisorId: number;
  unitId: number;
  included: boolean;
  reason: string | null;
}

export interface ListPlacement {
  included: boolean;
  /** Why the unit is left out; null when it is on the list. */
  reason: string | null;
}

/**
 * Where a unit stands on the list of the unit directly above it (its parent) for the year: the
 * saved entry of that parent's list, else the default. An entry saved by another supervisor (the
 * unit has since moved) does not count.
 */
export function placementOf(unit: { id: number; kind: UnitKind; parentId: number | null }, saved: readonly SavedListEntry[]): ListPlacement {
  const entry = saved.find((e) => e.unitId === unit.id && e.supervisorId === unit.parentId);
  if (entry) return { included: entry.included, reason: entry.included ? null : entry.reason };
  return { included: includedByDefault(unit.kind), reason: null };
}
