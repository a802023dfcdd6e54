/**
 * A person's own account (lib/data/credentials.ts, lib/data/session.ts) and inbox
 * (lib/data/notifications.ts): signing in under the lockout policy, sessions that end,
 * changing one's password, reading one's notifications and nobody else's.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authSessions, notifications as notificationRows } from "@/db/schema";
import { changeOwnPassword, verifyCredentials } from "@/lib/data/credentials";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "@/lib/data/notifications";
import { endCurrentSession, getViewer } from "@/lib/data/session";
import { verifyPassword } from "@/lib/password-hash";
import {
  actAs,
  addTownship,
  audited,
  clock,
  cookieForSession,
  database,
  PASSWORD,
  refusal,
  seedFixture,
  signedInCookie,
  TEST_CLIENT_IP,
  setSessionCookie,
  userRow,
  written,
} from "@/lib/testing/integration-db";
import { submittedReport } from "@/lib/testing/report-flows";

const f = await seedFixture();

const WRONG = "Wrong#password1";
const NEW_PASSWORD = "Changed#2026pass";

const sessionRow = (id: string) => database().select().from(authSessions).where(eq(authSessions.id, id)).get()!;
const notificationRow = (id: number) => database().select().from(notificationRows).where(eq(notificationRows.id, id)).get()!;

describe("signing in", () => {
  it("with the right password starts a session from the client's IP, and the audit log says so", async () => {
    const town = await addTownship("登录镇");
    const { result, audit } = await written(() => verifyCredentials(town.clerk.username, PASSWORD));

    expect(result).toEqual({ ok: true, userId: town.clerk.id, sessionId: expect.any(String) });
    const sessionId = (result as { sessionId: string }).sessionId;
    expect(sessionRow(sessionId)).toMatchObject({ userId: town.clerk.id, ip: TEST_CLIENT_IP, endedAt: null, sessionVersion: userRow(town.clerk).sessionVersion });
    expect(userRow(town.clerk)).toMatchObject({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: expect.any(Date) });
    expect(audit).toEqual([audited(town.clerk, "auth.signin", { target: ["session", sessionId] })]);

    setSessionCookie(await cookieForSession(sessionId));
    expect(await getViewer()).toMatchObject({ userId: town.clerk.id, sessionId, unitName: town.unit.name, mustChangePassword: false });
  });

  it("a wrong password counts toward the lockout; the fifth locks the account for 15 minutes, even against the right password", async () => {
    const town = await addTownship("锁定镇");
    for (let failures = 1; failures <= 4; failures++) {
      const { result, audit } = await written(() => verifyCredentials(town.clerk.username, WRONG));
      expect(result).toEqual({ ok: false, reason: "invalid" });
      expect(audit).toEqual([audited(town.clerk, "auth.signin", { result: "failure", details: { reason: "wrong_password", consecutiveFailures: failures } })]);
      expect(userRow(town.clerk)).toMatchObject({ failedLoginCount: failures, lockedUntil: null });
    }

    const fifth = await written(() => verifyCredentials(town.clerk.username, WRONG));
    const lockedUntil = userRow(town.clerk).lockedUntil!;
    expect(lockedUntil.getTime() - clock.now().getTime()).toBeGreaterThan(14 * 60_000);
    expect(fifth.result).toEqual({ ok: false, reason: "locked", lockedUntil });
    expect(fifth.audit).toEqual([
      audited(town.clerk, "auth.signin", { result: "failure", details: { consecutiveFailures: 5 } }),
      audited(town.clerk, "auth.lockout", { target: ["user", town.clerk.id], details: { failures: 5, lockedUntil: lockedUntil.toISOString() } }),
    ]);

    const whileLocked = await written(() => verifyCredentials(town.clerk.username, PASSWORD));
    expect(whileLocked.result).toEqual({ ok: false, reason: "locked", lockedUntil });
    expect(whileLocked.audit).toEqual([audited(town.clerk, "auth.signin", { result: "denied", details: { reason: "locked" } })]);
    expect(database().select().from(authSessions).where(eq(authSessions.userId, town.clerk.id)).all()).toEqual([]);

    clock.advanceMinutes(15);
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toMatchObject({ ok: true });
    expect(userRow(town.clerk)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it("the right password after wrong ones clears the count", async () => {
    const town = await addTownship("清零镇");
    await verifyCredentials(town.clerk.username, WRONG);
    await verifyCredentials(town.clerk.username, WRONG);
    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toMatchObject({ ok: true });
    expect(userRow(town.clerk).failedLoginCount).toBe(0);
  });

  it("an unknown account gets the same answer as a wrong password, and the attempt is audited without an actor", async () => {
    const { result, audit } = await written(() => verifyCredentials("nobody", PASSWORD));
    expect(result).toEqual({ ok: false, reason: "invalid" });
    expect(audit).toEqual([audited(null, "auth.signin", { result: "failure", details: { username: "nobody", reason: "unknown_user" } })]);
  });
});

describe("sessions", () => {
  it("a session idle for 30 minutes ends, and the audit log says why", async () => {
    const town = await addTownship("闲置镇");
    await actAs(town.clerk);
    const sessionId = (await getViewer())!.sessionId;
    clock.advanceMinutes(31);
    const { result, audit } = await written(() => getViewer());
    expect(result).toBeNull();
    expect(sessionRow(sessionId)).toMatchObject({ endedAt: expect.any(Date), endReason: "idle" });
    expect(audit).toEqual([audited(town.clerk, "session.end", { target: ["session", sessionId], details: { reason: "idle" } })]);
  });

  it("signing out ends the session, and the audit log says so", async () => {
    const town = await addTownship("退出镇");
    await actAs(town.leader);
    const sessionId = (await getViewer())!.sessionId;
    const { audit } = await written(() => endCurrentSession());
    expect(sessionRow(sessionId)).toMatchObject({ endedAt: expect.any(Date), endReason: "signout" });
    expect(audit).toEqual([audited(town.leader, "auth.signout", { target: ["session", sessionId] })]);
    expect(await getViewer()).toBeNull();
  });
});

describe("changing one's own password", () => {
  it("needs the current password and a good new one; a wrong current password is audited", async () => {
    const town = await addTownship("改密失败镇");
    await actAs(town.clerk);
    const wrong = await refusal(() => changeOwnPassword({ currentPassword: WRONG, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, username: "" }));
    expect(wrong.error).toMatchObject({ code: "invalid", fieldErrors: { currentPassword: expect.any(String) } });
    expect(wrong.audit).toEqual([audited(town.clerk, "auth.password_change", { result: "failure", details: { reason: "wrong_current_password" } })]);

    const weak = await refusal(() => changeOwnPassword({ currentPassword: PASSWORD, newPassword: "short", confirmPassword: "short", username: "" }));
    expect(weak.error).toMatchObject({ code: "invalid", fieldErrors: { newPassword: expect.any(String) } });
    expect(weak.audit).toEqual([]);
  });

  it("ends every session of the person, this one included; the new password works and the old one does not", async () => {
    const town = await addTownship("改密镇");
    const otherDevice = await signedInCookie(town.clerk);
    await actAs(town.clerk);
    const { sessionId } = (await getViewer())!;
    const before = userRow(town.clerk);

    const { audit } = await written(() => changeOwnPassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, username: "" }));

    const after = userRow(town.clerk);
    expect(after).toMatchObject({ mustChangePassword: false, passwordChangedAt: expect.any(Date), sessionVersion: before.sessionVersion + 1 });
    expect(await verifyPassword(after.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(sessionRow(sessionId)).toMatchObject({ endReason: "password_change" });
    expect(audit).toEqual([audited(town.clerk, "auth.password_change", { target: ["user", town.clerk.id] })]);
    expect(await getViewer()).toBeNull();
    setSessionCookie(otherDevice);
    expect(await getViewer()).toBeNull();

    expect(await verifyCredentials(town.clerk.username, PASSWORD)).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(town.clerk.username, NEW_PASSWORD)).toMatchObject({ ok: true });
  });
});

describe("the inbox", () => {
  it("a leader sees a submission in their own inbox, with the unread count and where it leads; marking it read happens once", async () => {
    const town = await addTownship("收件镇");
    const reportId = await submittedReport(town);
    await actAs(town.leader);

    expect(await countUnreadNotifications()).toBe(1);
    const inbox = await listNotifications();
    expect(inbox).toMatchObject({ total: 1, unread: 1, page: 1, pageCount: 1 });
    const [item] = inbox.items;
    expect(item).toMatchObject({ kind: "submitted", reportId, href: `/staff/reports/${reportId}`, readAt: null, reportTitle: expect.stringContaining("2024年") });

    expect(await markNotificationRead(item!.id)).toEqual({ href: `/staff/reports/${reportId}` });
    const readAt = notificationRow(item!.id).readAt;
    expect(readAt).toEqual(expect.any(Date));
    clock.advanceMinutes(1);
    await markNotificationRead(item!.id);
    expect(notificationRow(item!.id).readAt).toEqual(readAt);
    expect(await countUnreadNotifications()).toBe(0);

    await actAs(town.clerk);
    expect(await listNotifications()).toMatchObject({ total: 0, items: [] });
  });

  it("someone else's notification is not found, nothing changes, and the attempt is audited", async () => {
    const town = await addTownship("他人镇");
    await submittedReport(town);
    await actAs(town.leader);
    const [theirs] = (await listNotifications()).items;

    await actAs(f.liuxi.clerk);
    const { error, audit } = await refusal(() => markNotificationRead(theirs!.id));
    expect(error.code).toBe("not_found");
    expect(audit).toEqual([audited(f.liuxi.clerk, "notification.read", { target: ["notification", theirs!.id], result: "denied" })]);

    const missing = await refusal(() => markNotificationRead(999_999));
    expect(missing.error.code).toBe("not_found");
    expect(missing.audit).toEqual([]);
  });

  it("marking everything read marks only the person's own unread notifications", async () => {
    const town = await addTownship("全读镇");
    await submittedReport(town);
    await submittedReport(town);
    await actAs(town.leader);
    expect(await countUnreadNotifications()).toBe(2);
    expect(await markAllNotificationsRead()).toBe(2);
    expect(await markAllNotificationsRead()).toBe(0);
    await actAs(f.qingshi.leader);
    expect(await markAllNotificationsRead()).toBe(0);
  });
});
