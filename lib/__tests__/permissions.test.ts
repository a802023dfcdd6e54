import { describe, expect, it } from "vitest";
import {
  canApproveReportsOf,
  canDraftReportsOf,
  canEditReport,
  canReadReport,
  canManageUnits,
  canManageUsers,
  canViewAuditLog,
  canViewUnit,
  wouldRemoveLastAdmin,
  type Viewer,
} from "../permissions";

const TOWN_A = 2;
const TOWN_B = 3;
const admin: Viewer = { userId: 1, role: "admin", unitId: 1 };
const clerkA: Viewer = { userId: 2, role: "clerk", unitId: TOWN_A };
const leaderA: Viewer = { userId: 3, role: "leader", unitId: TOWN_A };
const clerkB: Viewer = { userId: 4, role: "clerk", unitId: TOWN_B };

describe("role table", () => {
  it("only admins manage units, users and read the audit log", () => {
    for (const check of [canManageUnits, canManageUsers, canViewAuditLog]) {
      expect(check(admin)).toBe(true);
      expect(check(clerkA)).toBe(false);
      expect(check(leaderA)).toBe(false);
      expect(check(null)).toBe(false);
    }
  });

  it("clerks and leaders see their own unit; admins see every unit; nobody signed out sees any", () => {
    expect(canViewUnit(clerkA, TOWN_A)).toBe(true);
    expect(canViewUnit(leaderA, TOWN_A)).toBe(true);
    expect(canViewUnit(clerkA, TOWN_B)).toBe(false);
    expect(canViewUnit(admin, TOWN_B)).toBe(true);
    expect(canViewUnit(null, TOWN_A)).toBe(false);
  });

  it("only a clerk of the unit drafts its reports", () => {
    expect(canDraftReportsOf(clerkA, TOWN_A)).toBe(true);
    expect(canDraftReportsOf(clerkB, TOWN_A)).toBe(false);
    expect(canDraftReportsOf(leaderA, TOWN_A)).toBe(false);
    expect(canDraftReportsOf(admin, TOWN_A)).toBe(false);
  });

  it("only a leader of the unit approves; admins never approve content", () => {
    expect(canApproveReportsOf(leaderA, TOWN_A)).toBe(true);
    expect(canApproveReportsOf(leaderA, TOWN_B)).toBe(false);
    expect(canApproveReportsOf(clerkA, TOWN_A)).toBe(false);
    expect(canApproveReportsOf({ ...admin, unitId: TOWN_A }, TOWN_A)).toBe(false);
  });

  it("the last active admin cannot lose the role or be deactivated", () => {
    const target = { role: "admin" as const, active: true };
    expect(wouldRemoveLastAdmin(target, { role: "clerk" }, 1)).toBe(true);
    expect(wouldRemoveLastAdmin(target, { active: false }, 1)).toBe(true);
    expect(wouldRemoveLastAdmin(target, { role: "clerk" }, 2)).toBe(false);
    expect(wouldRemoveLastAdmin(target, { role: "admin" }, 1)).toBe(false);
    expect(wouldRemoveLastAdmin({ role: "clerk", active: true }, { active: false }, 1)).toBe(false);
  });

  it("clerks and leaders of the unit read its reports; other units and admins do not", () => {
    const draftA = { unitId: TOWN_A, status: "draft" as const };
    expect(canReadReport(clerkA, draftA)).toBe(true);
    expect(canReadReport(leaderA, draftA)).toBe(true);
    expect(canReadReport(clerkB, draftA)).toBe(false);
    expect(canReadReport(admin, draftA)).toBe(false);
    expect(canReadReport(null, draftA)).toBe(false);
  });

  it("only the unit's clerk edits, and only drafts and returned reports", () => {
    expect(canEditReport(clerkA, { unitId: TOWN_A, status: "draft" })).toBe(true);
    expect(canEditReport(clerkA, { unitId: TOWN_A, status: "returned" })).toBe(true);
    for (const status of ["submitted", "approved", "scheduled", "published", "withdrawn"] as const) {
      expect(canEditReport(clerkA, { unitId: TOWN_A, status })).toBe(false);
    }
    expect(canEditReport(clerkB, { unitId: TOWN_A, status: "draft" })).toBe(false);
    expect(canEditReport(leaderA, { unitId: TOWN_A, status: "draft" })).toBe(false);
    expect(canEditReport(admin, { unitId: TOWN_A, status: "draft" })).toBe(false);
  });
});
