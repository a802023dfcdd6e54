/**
 * 备案 (issue 14), the pure part: to whom a unit files its annual report and how, and who may
 * decide on a filing. No database; db/report-filings.ts applies it inside the approval and
 * publication transactions, lib/data/filings.ts serves the supervisor's screen.
 *
 * A unit files with the unit directly above it (its parent) when it is on that unit's 报送单位名单
 * for the report's year (lib/reporting-list.ts's placementOf). The mode is the list entry's own
 * setting for that year when one is saved, else the supervising unit's (units.filing_mode).
 */
import type { Viewer } from "./permissions";
import { canSuperviseUnits, type SupervisingUnitFacts } from "./permissions-overview";
import { placementOf, type SavedListEntry } from "./reporting-list";
import type { FilingMode, FilingStatus, UnitKind } from "./vocabulary";

/** A saved list entry with its 备案 override (null: follows the supervisor's setting). */
export interface FilingListEntry extends SavedListEntry {
  filingMode: FilingMode | null;
}

export interface FilingSupervisor {
  id: number;
  name: string;
  /** The supervisor's own setting for the units on its list. */
  filingMode: FilingMode;
}

export interface FilingArrangement {
  supervisorId: number;
  supervisorName: string;
  mode: Exclude<FilingMode, "none">;
}

/** The value of a per-unit choice that follows the supervisor's setting (「按本单位设置」). */
export const FOLLOW_SUPERVISOR = "inherit" as const;

/**
 * Whether and how a unit files its report of a year: with its parent, when it is on the
 * parent's list for that year (`saved` holds the parent's entries of that year), in the entry's
 * mode else the parent's. Null when nothing is filed (no parent, left off the list, 不备案).
 */
export function filingArrangement(
  unit: { id: number; kind: UnitKind; parentId: number | null },
  parent: FilingSupervisor | null,
  saved: readonly FilingListEntry[],
): FilingArrangement | null {
  if (!parent || unit.parentId !== parent.id) return null;
  if (!placementOf(unit, saved).included) return null;
  const entry = saved.find((e) => e.unitId === unit.id && e.supervisorId === parent.id);
  const mode = entry?.filingMode ?? parent.filingMode;
  if (mode === "none") return null;
  return { supervisorId: parent.id, supervisorName: parent.name, mode };
}

/**
 * The supervising unit's staff read the filings addressed to it (the filed documents of units
 * below it, nothing of their drafts); `unit` is the viewer's own unit.
 */
export function canReadFilings(viewer: Viewer | null, unit: SupervisingUnitFacts | null | undefined): boolean {
  return canSuperviseUnits(viewer, unit);
}

/** Whether the viewer may read this filing: staff of the unit it was filed with. */
export function canReadFiling(viewer: Viewer | null, unit: SupervisingUnitFacts | null | undefined, filing: { supervisorId: number }): boolean {
  return canReadFilings(viewer, unit) && unit!.id === filing.supervisorId;
}

/** Only the clerks of the unit a filing was made with accept it, send it back or acknowledge it; its leaders read. */
export function canDecideFiling(viewer: Viewer | null, unit: SupervisingUnitFacts | null | undefined, filing: { supervisorId: number }): boolean {
  return canReadFiling(viewer, unit, filing) && viewer!.role === "clerk";
}

/** What the supervising unit decided, in words: 待备案, 备案通过, 已退回 or (after publication) 已确认备案. */
export function decisionLabel(filing: { status: FilingStatus; mode: Exclude<FilingMode, "none"> }): string {
  if (filing.status === "pending") return "待备案";
  if (filing.status === "returned") return "已退回";
  return filing.mode === "after_publication" ? "已确认备案" : "备案通过";
}
