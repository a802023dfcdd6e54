/**
 * What admins change (lib/data/users.ts, lib/data/units.ts): accounts with temporary passwords,
 * roles, deactivation, password resets and unlocks, units and their hierarchy. Each change has
 * its audit row; sessions end where access changed; nobody else gets in.
 */
import { describe, expect, it } from "vitest";
import { listAuditLog } from "@/lib/data/audit";
import { verifyCredentials } from "@/lib/data/credentials";
import { listNotifications } from "@/lib/data/notifications";
import { createNextYearReport } from "@/lib/data/reports";
import { getViewer } from "@/lib/data/session";
import { createUnit, listUnits, setUnitActive, updateUnit } from "@/lib/data/units";
import { createUser, listUsers, resetUserPassword, setUserActive, unlockUser, updateUser } from "@/lib/data/users";
import { units, users } from "@/db/schema";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import {
  actAs,
  addTownship,
  addUnit,
  addUser,
  audited,
  database,
  PASSWORD,
  refusal,
  seedFixture,
  signedInCookie,
  setSessionCookie,
  userRow,
  written,
  type Persona,
} from "@/lib/testing/integration-db";
import { eq } from "drizzle-orm";

const f = await seedFixture();

const unitRow = (id: number) => database().select().from(units).where(eq(units.id, id)).get()!;

/** Fails to sign in PASSWORD-less until the account locks (LOCKOUT_THRESHOLD, 5). */
async function lockOut(persona: Persona): Promise<void> {
  for (let i = 0; i < 5; i++) await verifyCredentials(persona.username, "Wrong#password1");
  expect(userRow(persona).lockedUntil).not.toBeNull();
}

/** Whether a session cookie still identifies someone. */
async function viewerWith(cookie: string) {
  setSessionCookie(cookie);
  return getViewer();
}

let serial = 0;
function newUnitInput(name: string, parentId: number | null) {
  const body = `AD${String(++serial).padStart(6, "0")}`;
  return { name, shortName: name.slice(0, 6), kind: "township" as const, parentId: parentId === null ? "" : String(parentId), orgCode: body + orgCodeCheckChar(body), reportDeadline: "01-31" };
}

describe("an admin manages accounts", () => {
  it("creates a user with a temporary password that must be changed before anything else; the audit log says so", async () => {
    await actAs(f.admin);
    const input = { username: "new.clerk", displayName: "新文书", role: "clerk" as const, unitId: String(f.qingshi.unit.id) };
    const { result, audit } = await written(() => createUser(input));

    expect(userRow({ id: result.id })).toMatchObject({ username: "new.clerk", role: "clerk", unitId: f.qingshi.unit.id, active: true, mustChangePassword: true });
    expect(audit).toEqual([audited(f.admin, "user.create", { target: ["user", result.id], details: { username: "new.clerk", role: "clerk", unitId: f.qingshi.unit.id } })]);

    expect((await listUsers({ unit: String(f.qingshi.unit.id) })).map((u) => [u.username, u.role, u.mustChangePassword])).toEqual([
      ["new.clerk", "clerk", true],
      [f.qingshi.clerk.username, "clerk", false],
      [f.qingshi.leader.username, "leader", false],
    ]);

    expect(await verifyCredentials("new.clerk", result.temporaryPassword)).toMatchObject({ ok: true, userId: result.id });
    await actAs({ id: result.id, username: "new.clerk", displayName: "新文书", role: "clerk", unitId: f.qingshi.unit.id });
    expect((await refusal(() => listNotifications())).error).toMatchObject({ code: "forbidden", message: "请先修改初始密码。" });
  });

  it("usernames are unique, and users join only active units", async () => {
    const closed = addUnit({ name: "测试县已撤并乡人民政府", shortName: "已撤并乡", kind: "township", parentId: f.county.id });
    await actAs(f.admin);
    await setUnitActive(closed.id, false);

    const taken = await refusal(() => createUser({ username: f.qingshi.clerk.username, displayName: "重名", role: "clerk", unitId: String(f.qingshi.unit.id) }));
    expect(taken.error).toMatchObject({ code: "invalid", fieldErrors: { username: expect.any(String) } });
    const inactive = await refusal(() => createUser({ username: "closed.clerk", displayName: "撤并", role: "clerk", unitId: String(closed.id) }));
    expect(inactive.error).toMatchObject({ code: "invalid", fieldErrors: { unitId: expect.any(String) } });
    expect([...taken.audit, ...inactive.audit]).toEqual([]);
  });

  it("a role change ends the person's sessions, a new name does not; the audit log records both", async () => {
    const town = await addTownship("改角镇");
    const cookie = await signedInCookie(town.clerk);
    await actAs(f.admin);

    const renamed = await written(() => updateUser(town.clerk.id, { displayName: "改角镇新文书", role: "clerk", unitId: String(town.unit.id) }));
    expect(renamed.audit).toEqual([audited(f.admin, "user.update", { target: ["user", town.clerk.id], details: { sessionsEnded: false } })]);
    expect(await viewerWith(cookie)).toMatchObject({ userId: town.clerk.id, displayName: "改角镇新文书", role: "clerk" });

    await actAs(f.admin);
    const promoted = await written(() => updateUser(town.clerk.id, { displayName: "改角镇新文书", role: "leader", unitId: String(town.unit.id) }));
    expect(promoted.audit).toEqual([
      audited(f.admin, "user.update", {
        target: ["user", town.clerk.id],
        details: { from: { role: "clerk", unitId: town.unit.id, displayName: "改角镇新文书" }, to: { displayName: "改角镇新文书", role: "leader", unitId: town.unit.id }, sessionsEnded: true },
      }),
    ]);
    expect(userRow(town.clerk).role).toBe("leader");

    const ended = await written(() => viewerWith(cookie));
    expect(ended.result).toBeNull();
    expect(ended.audit).toEqual([audited({ ...town.clerk, role: "leader" }, "session.end", { details: { reason: "revoked" } })]);
  });

  it("the last active admin keeps the admin role and cannot deactivate themselves; with a second admin, one may step down", async () => {
    await actAs(f.admin);
    const demote = await refusal(() => updateUser(f.admin.id, { displayName: f.admin.displayName, role: "clerk", unitId: String(f.county.id) }));
    expect(demote.error).toMatchObject({ code: "invalid", fieldErrors: { role: expect.any(String) } });
    expect((await refusal(() => setUserActive(f.admin.id, false))).error.code).toBe("invalid");

    const second = await addUser(f.county, "admin", "admin2", "钱管理");
    await actAs(second);
    await updateUser(second.id, { displayName: second.displayName, role: "clerk", unitId: String(f.county.id) });
    expect(userRow(second).role).toBe("clerk");
    await actAs(f.admin);
    expect((await refusal(() => updateUser(f.admin.id, { displayName: f.admin.displayName, role: "leader", unitId: String(f.county.id) }))).error.code).toBe("invalid");
  });

  it("deactivating a user ends their sessions and stops sign-in; reactivating lets them in again; both are audited", async () => {
    const town = await addTownship("停用镇");
    const cookie = await signedInCookie(town.clerk);
    await actAs(f.admin);

    const off = await written(() => setUserActive(town.clerk.id, false));
    expect(off.audit).toEqual([audited(f.admin, "user.deactivate", { target: ["user", town.clerk.id] })]);
    expect(userRow(town.clerk).active).toBe(false);
    expect(await viewerWith(cookie)).toBeNull();
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toEqual({ ok: false, reason: "invalid" });

    await actAs(f.admin);
    const on = await written(() => setUserActive(town.clerk.id, true));
    expect(on.audit).toEqual([audited(f.admin, "user.activate", { target: ["user", town.clerk.id] })]);
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toMatchObject({ ok: true });
  });

  it("a password reset issues a new temporary password, clears a lockout and ends the person's sessions", async () => {
    const town = await addTownship("重置镇");
    const cookie = await signedInCookie(town.clerk);
    await lockOut(town.clerk);
    const before = userRow(town.clerk);

    await actAs(f.admin);
    const { result, audit } = await written(() => resetUserPassword(town.clerk.id));
    expect(audit).toEqual([audited(f.admin, "user.reset_password", { target: ["user", town.clerk.id] })]);
    expect(userRow(town.clerk)).toMatchObject({ mustChangePassword: true, failedLoginCount: 0, lockedUntil: null, sessionVersion: before.sessionVersion + 1 });
    expect(await viewerWith(cookie)).toBeNull();
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(town.clerk.username, result.temporaryPassword)).toMatchObject({ ok: true });
  });

  it("an admin unlocks a locked account", async () => {
    const town = await addTownship("解锁镇");
    await lockOut(town.clerk);
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });

    await actAs(f.admin);
    const { audit } = await written(() => unlockUser(town.clerk.id));
    expect(audit).toEqual([audited(f.admin, "user.unlock", { target: ["user", town.clerk.id] })]);
    expect(userRow(town.clerk)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toMatchObject({ ok: true });

    await actAs(f.admin);
    expect((await refusal(() => unlockUser(999_999))).error.code).toBe("not_found");
  });

  it("only admins manage users and read the audit log; anyone else is refused and every attempt is audited", async () => {
    for (const persona of [f.qingshi.leader, f.qingshi.clerk]) {
      await actAs(persona);
      for (const attempt of [
        () => createUser({ username: "sneaky", displayName: "越权", role: "admin", unitId: String(f.county.id) }),
        () => listUsers({}),
        () => resetUserPassword(f.admin.id),
      ]) {
        const { error, audit } = await refusal(attempt);
        expect(error.code).toBe("forbidden");
        expect(audit).toEqual([audited(persona, "user.manage", { result: "denied" })]);
      }
      expect((await refusal(() => listAuditLog({ page: 1 }))).error.code).toBe("not_found");
    }
    await actAs(f.admin);
    const log = await listAuditLog({ page: 1, action: "user.manage" });
    expect(log.rows.map((r) => [r.actorName, r.result])).toEqual([
      ...Array(3).fill([f.qingshi.clerk.username, "denied"]),
      ...Array(3).fill([f.qingshi.leader.username, "denied"]),
    ]);
  });
});

describe("an admin manages units", () => {
  it("creates a township under the county and edits it; the audit log records both", async () => {
    await actAs(f.admin);
    const input = newUnitInput("测试县新设镇人民政府", f.county.id);
    const created = await written(() => createUnit(input));
    const id = created.result;
    expect(unitRow(id)).toMatchObject({ name: input.name, kind: "township", parentId: f.county.id, orgCode: input.orgCode, active: true });
    expect(created.audit).toEqual([audited(f.admin, "unit.create", { target: ["unit", id], details: { name: input.name, orgCode: input.orgCode } })]);

    const updated = await written(() => updateUnit(id, { ...input, shortName: "新设镇", reportDeadline: "02-15" }));
    expect(unitRow(id)).toMatchObject({ shortName: "新设镇", reportDeadline: "02-15" });
    expect(updated.audit).toEqual([audited(f.admin, "unit.update", { target: ["unit", id], details: { shortName: "新设镇", reportDeadline: "02-15" } })]);
  });

  it("names and codes are unique; a township needs an active parent", async () => {
    await actAs(f.admin);
    const closed = addUnit({ name: "测试县停用街道办事处", shortName: "停用街道", kind: "subdistrict", parentId: f.county.id });
    await setUnitActive(closed.id, false);

    const cases: [Parameters<typeof createUnit>[0], string][] = [
      [{ ...newUnitInput(f.qingshi.unit.name, f.county.id) }, "name"],
      [{ ...newUnitInput("测试县同码镇人民政府", f.county.id), orgCode: f.qingshi.unit.orgCode }, "orgCode"],
      [newUnitInput("测试县无上级镇人民政府", null), "parentId"],
      [newUnitInput("测试县挂靠镇人民政府", closed.id), "parentId"],
    ];
    for (const [input, field] of cases) {
      const { error, audit } = await refusal(() => createUnit(input));
      expect(error, field).toMatchObject({ code: "invalid", fieldErrors: { [field]: expect.any(String) } });
      expect(audit).toEqual([]);
    }
  });

  it("a unit cannot become its own parent, nor the child of a unit below it", async () => {
    await actAs(f.admin);
    const town = f.liuxi.unit;
    const asInput = (unit: typeof town, parentId: number | null) => ({
      name: unit.name,
      shortName: unit.shortName,
      kind: unit.kind,
      parentId: parentId === null ? "" : String(parentId),
      orgCode: unit.orgCode,
      reportDeadline: unit.reportDeadline,
    });
    const self = await refusal(() => updateUnit(town.id, asInput(town, town.id)));
    expect(self.error.fieldErrors).toEqual({ parentId: "上级单位不能是本单位。" });
    const cycle = await refusal(() => updateUnit(f.county.id, asInput(f.county, town.id)));
    expect(cycle.error.fieldErrors).toEqual({ parentId: "不能把下级单位设为上级单位。" });
  });

  it("a unit with active units below it, or the admin's own unit, stays active; a leaf unit is deactivated and its clerk starts no report", async () => {
    await actAs(f.admin);
    const county = await refusal(() => setUnitActive(f.county.id, false));
    expect(county.error).toMatchObject({ code: "invalid", message: expect.stringContaining("下级单位") });

    const office = addUnit({ name: "测试县管理中心", shortName: "管理中心", kind: "department", parentId: null });
    const admin = await addUser(office, "admin", "office.admin", "孙管理");
    await actAs(admin);
    expect((await refusal(() => setUnitActive(office.id, false))).error.message).toContain("您本人所在的单位");

    const town = await addTownship("撤并镇");
    await actAs(f.admin);
    const off = await written(() => setUnitActive(town.unit.id, false));
    expect(unitRow(town.unit.id).active).toBe(false);
    expect(off.audit).toEqual([audited(f.admin, "unit.deactivate", { target: ["unit", town.unit.id] })]);

    await actAs(town.clerk);
    expect((await refusal(() => createNextYearReport())).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("已停用") });

    await actAs(f.admin);
    const on = await written(() => setUnitActive(town.unit.id, true));
    expect(on.audit).toEqual([audited(f.admin, "unit.activate", { target: ["unit", town.unit.id] })]);
  });

  // As creating or moving a unit refuses a deactivated parent.
  it("a unit cannot be reactivated under a deactivated parent", async () => {
    await actAs(f.admin);
    const district = addUnit({ name: "测试县停用片区", shortName: "停用片区", kind: "department", parentId: f.county.id });
    const village = addUnit({ name: "测试县停用片区某村", shortName: "某村", kind: "department", parentId: district.id });
    await setUnitActive(village.id, false);
    await setUnitActive(district.id, false);
    const { error } = await refusal(() => setUnitActive(village.id, true));
    expect(error.code).toBe("invalid");
  });

  it("lists every unit with its parent and its own number of accounts", async () => {
    await actAs(f.admin);
    const town = addUnit({ name: "测试县计数镇人民政府", shortName: "计数镇", kind: "township", parentId: f.county.id });
    for (const name of ["a", "b", "c"]) await addUser(town, "clerk", `count.${name}`);
    const listed = await listUnits();
    expect(listed.find((u) => u.id === town.id)).toMatchObject({ parentName: f.county.name, userCount: 3 });
    // Every unit's count is its own accounts', as the users table has them (units differ: the
    // county has its admin, each township its clerk and leader, and what earlier tests added).
    const accounts = database().select({ unitId: users.unitId }).from(users).all();
    expect(listed.map((u) => [u.name, u.userCount])).toEqual(listed.map((u) => [u.name, accounts.filter((a) => a.unitId === u.id).length]));
    expect(new Set(listed.map((u) => u.userCount)).size).toBeGreaterThan(2);
  });

  it("only admins manage units; the attempt is audited", async () => {
    await actAs(f.liuxi.leader);
    const { error, audit } = await refusal(() => listUnits());
    expect(error.code).toBe("forbidden");
    expect(audit).toEqual([audited(f.liuxi.leader, "unit.manage", { result: "denied" })]);
    expect((await refusal(() => createUnit(newUnitInput("测试县越权镇人民政府", f.county.id)))).error.code).toBe("forbidden");
  });
});
