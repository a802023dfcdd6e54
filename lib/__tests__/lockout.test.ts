import { describe, expect, it } from "vitest";
import { isLocked, registerFailure, sessionExpiry, type LoginState } from "../lockout";

const policy = { maxFailures: 5, lockMinutes: 15 };
const minutes = (n: number) => n * 60_000;

describe("account lockout", () => {
  it("locks on the fifth consecutive failure for 15 minutes", () => {
    let state: LoginState = { failedLoginCount: 0, lockedUntil: null };
    const t0 = new Date("2026-01-10T08:00:00Z");
    for (let i = 1; i <= 4; i++) {
      const next = registerFailure(state, t0, policy);
      expect(next.justLocked).toBe(false);
      expect(next.failedLoginCount).toBe(i);
      state = next;
    }
    const fifth = registerFailure(state, t0, policy);
    expect(fifth.justLocked).toBe(true);
    expect(fifth.lockedUntil).toEqual(new Date(t0.getTime() + minutes(15)));
    expect(isLocked(fifth, new Date(t0.getTime() + minutes(15) - 1))).toBe(true);
    expect(isLocked(fifth, new Date(t0.getTime() + minutes(15)))).toBe(false);
  });

  it("starts a fresh count once the lock has run out", () => {
    const t0 = new Date("2026-01-10T08:00:00Z");
    const locked = { failedLoginCount: 5, lockedUntil: new Date(t0.getTime() + minutes(15)) };
    const afterLock = registerFailure(locked, new Date(t0.getTime() + minutes(16)), policy);
    expect(afterLock).toEqual({ failedLoginCount: 1, lockedUntil: null, justLocked: false });
  });

  it("honours a configured threshold and duration", () => {
    const t0 = new Date("2026-01-10T08:00:00Z");
    const next = registerFailure({ failedLoginCount: 2, lockedUntil: null }, t0, { maxFailures: 3, lockMinutes: 60 });
    expect(next.justLocked).toBe(true);
    expect(next.lockedUntil).toEqual(new Date(t0.getTime() + minutes(60)));
  });
});

describe("session expiry", () => {
  const session = { idleMinutes: 30, maxHours: 8 };
  const start = new Date("2026-01-10T08:00:00Z");

  it("is valid while active within both limits", () => {
    const lastSeenAt = new Date(start.getTime() + minutes(7 * 60));
    expect(sessionExpiry({ createdAt: start, lastSeenAt }, new Date(lastSeenAt.getTime() + minutes(29)), session)).toBeNull();
  });

  it("ends after 30 minutes idle", () => {
    expect(sessionExpiry({ createdAt: start, lastSeenAt: start }, new Date(start.getTime() + minutes(30)), session)).toBe("idle");
  });

  it("ends after 8 hours even when active", () => {
    const lastSeenAt = new Date(start.getTime() + minutes(8 * 60 - 1));
    expect(sessionExpiry({ createdAt: start, lastSeenAt }, new Date(start.getTime() + minutes(8 * 60)), session)).toBe("absolute");
  });
});
