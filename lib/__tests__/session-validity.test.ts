import { describe, expect, it } from "vitest";
import { sessionInvalidity, type StoredSession } from "../lockout";
import { SESSION_COOKIE_NAMES, sessionCookieFrom } from "../session-cookie";

const policy = { idleMinutes: 30, maxHours: 8 };
const t0 = new Date("2026-03-02T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const session = (changes: Partial<StoredSession> = {}): StoredSession => ({ createdAt: t0, lastSeenAt: t0, endedAt: null, sessionVersion: 3, ...changes });
const owner = { active: true, sessionVersion: 3 };

describe("sessionInvalidity: the one session rule (staff requests and the request log)", () => {
  it("lets a fresh session of an active, unchanged account in", () => {
    expect(sessionInvalidity(session(), owner, at(60_000), policy)).toBeNull();
  });

  it("refuses a session ended earlier (sign-out) without giving it a new reason", () => {
    expect(sessionInvalidity(session({ endedAt: at(1000) }), owner, at(2000), policy)).toBe("ended");
    expect(sessionInvalidity(session({ endedAt: at(1000) }), { active: false, sessionVersion: 9 }, at(9 * 3_600_000), policy)).toBe("ended");
  });

  it("ends a session at the idle limit, counted from the last request", () => {
    expect(sessionInvalidity(session(), owner, at(30 * 60_000 - 1), policy)).toBeNull();
    expect(sessionInvalidity(session(), owner, at(30 * 60_000), policy)).toBe("idle");
    expect(sessionInvalidity(session({ lastSeenAt: at(20 * 60_000) }), owner, at(30 * 60_000), policy)).toBeNull();
  });

  it("ends a session at the absolute limit however recently it was used", () => {
    expect(sessionInvalidity(session({ lastSeenAt: at(8 * 3_600_000 - 1000) }), owner, at(8 * 3_600_000), policy)).toBe("absolute");
  });

  it("ends the session of a deactivated account, and of one whose password, role or unit changed", () => {
    expect(sessionInvalidity(session(), { active: false, sessionVersion: 3 }, at(1000), policy)).toBe("deactivated");
    expect(sessionInvalidity(session(), { active: true, sessionVersion: 4 }, at(1000), policy)).toBe("revoked");
  });

  it("names expiry before revocation (the reason recorded is the earlier one in the rule)", () => {
    expect(sessionInvalidity(session(), { active: false, sessionVersion: 4 }, at(30 * 60_000), policy)).toBe("idle");
  });
});

describe("sessionCookieFrom", () => {
  it("finds next-auth's cookie under either name, the HTTPS one first, and ignores an empty one", () => {
    const jar = (entries: Record<string, string>) => (name: string) => entries[name];
    expect(SESSION_COOKIE_NAMES).toEqual(["__Secure-authjs.session-token", "authjs.session-token"]);
    expect(sessionCookieFrom(jar({ "authjs.session-token": "a" }))).toEqual({ name: "authjs.session-token", value: "a" });
    expect(sessionCookieFrom(jar({ "authjs.session-token": "a", "__Secure-authjs.session-token": "b" }))).toEqual({ name: "__Secure-authjs.session-token", value: "b" });
    expect(sessionCookieFrom(jar({ "authjs.session-token": "" }))).toBeNull();
    expect(sessionCookieFrom(jar({ "next-auth.session-token": "old" }))).toBeNull();
  });
});
