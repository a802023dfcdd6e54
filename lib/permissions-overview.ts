/**
 * Who may see the county overview (县级总览): a pure predicate, like those in permissions.ts.
 * Kept in its own file so that the overview can evolve without touching the role table there.
 */
import type { Viewer } from "./permissions";

export interface OverviewUnitFacts {
  id: number;
  kind: "county" | "township" | "subdistrict" | "department";
}

/**
 * Clerks and leaders of a county-level unit (the county government and its 政务公开办) follow
 * every subordinate unit's reports, read-only. The unit passed is the viewer's own unit.
 * Admins never do: they manage accounts and units, not report content (separation of duties).
 */
export function canViewCountyOverview(viewer: Viewer | null, unit: OverviewUnitFacts | null | undefined): boolean {
  if (!viewer || !unit) return false;
  if (viewer.role !== "clerk" && viewer.role !== "leader") return false;
  return viewer.unitId === unit.id && unit.kind === "county";
}
