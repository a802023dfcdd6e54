/** Pure account-lockout rules (等保 2.0: lock after repeated failed sign-ins). */

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface LoginState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * The state after one more failed attempt. A lock that has run out starts a fresh count;
 * reaching the threshold locks the account for the policy's duration.
 */
export function registerFailure(
  state: LoginState,
  now: Date,
  policy: LockoutPolicy,
): LoginState & { justLocked: boolean } {
  const lockExpired = state.lockedUntil !== null && !isLocked(state, now);
  const failures = (lockExpired ? 0 : state.failedLoginCount) + 1;
  if (failures >= policy.maxFailures) {
    return {
      failedLoginCount: failures,
      lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000),
      justLocked: true,
    };
  }
  return { failedLoginCount: failures, lockedUntil: null, justLocked: false };
}

/** A successful sign-in clears the counter. */
export const CLEARED_LOGIN_STATE: LoginState = { failedLoginCount: 0, lockedUntil: null };

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
}

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

/** Why a session is no longer valid at `now`, or null when it still is. */
export function sessionExpiry(times: SessionTimes, now: Date, policy: SessionPolicy): "idle" | "absolute" | null {
  if (now.getTime() - times.createdAt.getTime() >= policy.maxHours * 3_600_000) return "absolute";
  if (now.getTime() - times.lastSeenAt.getTime() >= policy.idleMinutes * 60_000) return "idle";
  return null;
}

/** A server-side session record as the validity rule needs it (auth_sessions). */
export interface StoredSession extends SessionTimes {
  endedAt: Date | null;
  sessionVersion: number;
}

/** The account a session belongs to, as the validity rule needs it. */
export interface SessionOwner {
  active: boolean;
  sessionVersion: number;
}

/** Why a session that had not been ended yet stops being valid (the end_reason it gets). */
export type SessionEndReason = "idle" | "absolute" | "deactivated" | "revoked";

/**
 * The one session rule, checked on every request: a session lets its user in while it has not
 * been ended, is within the idle and absolute limits, and its user is still active with the
 * sessionVersion the session started with (a password, role or status change bumps it).
 * Returns null while valid, "ended" for a session ended earlier, otherwise the reason to end it.
 */
export function sessionInvalidity(session: StoredSession, owner: SessionOwner, now: Date, policy: SessionPolicy): SessionEndReason | "ended" | null {
  if (session.endedAt !== null) return "ended";
  const expired = sessionExpiry(session, now, policy);
  if (expired) return expired;
  if (!owner.active) return "deactivated";
  return owner.sessionVersion !== session.sessionVersion ? "revoked" : null;
}
