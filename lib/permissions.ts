/**
 * Pure authorization predicates, named as questions. The data layer calls them before
 * every read and write; they know nothing about HTTP or the database.
 */

import { EDITABLE_REPORT_STATUSES, type ReportStatus, type Role } from "./vocabulary";

export type { ReportStatus, Role };

export interface Viewer {
  userId: number;
  role: Role;
  unitId: number;
}

export const isAdmin = (viewer: Viewer | null): viewer is Viewer => viewer?.role === "admin";

export const canManageUnits = (viewer: Viewer | null): boolean => isAdmin(viewer);
export const canManageUsers = (viewer: Viewer | null): boolean => isAdmin(viewer);
export const canViewAuditLog = (viewer: Viewer | null): boolean => isAdmin(viewer);

/** Clerks and leaders see their own unit; admins see every unit. */
export function canViewUnit(viewer: Viewer | null, unitId: number): boolean {
  if (!viewer) return false;
  return viewer.role === "admin" || viewer.unitId === unitId;
}

/** Drafting reports is the clerk's job, for their own unit only. */
export function canDraftReportsOf(viewer: Viewer | null, unitId: number): boolean {
  return viewer?.role === "clerk" && viewer.unitId === unitId;
}

/**
 * Approving content belongs to the unit's leader (第一责任人). Admins never approve
 * content (separation of duties), not even of their own unit.
 */
export function canApproveReportsOf(viewer: Viewer | null, unitId: number): boolean {
  return viewer?.role === "leader" && viewer.unitId === unitId;
}

/** An admin may not remove the admin role from (or deactivate) the last active admin. */
export function wouldRemoveLastAdmin(
  target: { role: Role; active: boolean },
  change: { role?: Role; active?: boolean },
  activeAdminCount: number,
): boolean {
  const isActiveAdminNow = target.role === "admin" && target.active;
  if (!isActiveAdminNow) return false;
  const staysAdmin = (change.role ?? target.role) === "admin" && (change.active ?? target.active);
  return !staysAdmin && activeAdminCount <= 1;
}


export interface ReportAccessFacts {
  unitId: number;
  status: ReportStatus;
}

/** Clerks and leaders of the unit read its reports in every state (drafts included). */
export function canReadReport(viewer: Viewer | null, report: ReportAccessFacts): boolean {
  return (viewer?.role === "clerk" || viewer?.role === "leader") && viewer.unitId === report.unitId;
}

/** Only the unit's clerks edit, and only while the report is a draft or was returned. */
export function canEditReport(viewer: Viewer | null, report: ReportAccessFacts): boolean {
  return canDraftReportsOf(viewer, report.unitId) && EDITABLE_REPORT_STATUSES.includes(report.status);
}

/** Leaders of the unit review, return, publish, withdraw and start corrections. */
export function canReviewReport(viewer: Viewer | null, report: ReportAccessFacts): boolean {
  return canApproveReportsOf(viewer, report.unitId);
}

/**
 * Separation of duties: the unit's leader approves, but never a report they submitted or edited
 * in this round — even when they also hold the leader role.
 */
export function canApproveReport(
  viewer: Viewer | null,
  report: ReportAccessFacts,
  round: { submitterId: number | null; editorIds: readonly number[] },
): boolean {
  if (!canReviewReport(viewer, report) || report.status !== "submitted") return false;
  return round.submitterId !== viewer!.userId && !round.editorIds.includes(viewer!.userId);
}
