import "server-only";
import { randomUUID } from "node:crypto";
import { cache } from "react";
import { and, eq, isNull } from "drizzle-orm";
import { authSessions } from "@/db/schema";
import { findSession } from "@/db/session-lookup";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { now } from "@/lib/clock";
import { securityPolicy } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sessionInvalidity } from "@/lib/lockout";
import type { Viewer } from "@/lib/permissions";
import { sessionCookieFrom } from "@/lib/session-cookie";
import { writeAudit } from "./audit";
import { db } from "./db";
import { clientIp } from "./request-context";

/** Who is signed in, with what the staff screens need to show about them. */
export interface SessionViewer extends Viewer {
  sessionId: string;
  username: string;
  displayName: string;
  unitName: string;
  unitShortName: string;
  mustChangePassword: boolean;
}

/** Writes to last_seen_at at most this often per session (keeps reads cheap). */
const TOUCH_INTERVAL_MS = 30_000;

/**
 * The session id in next-auth's encrypted session cookie. Decoding the cookie directly (the
 * same JWE next-auth writes, salted with the cookie name) costs a fraction of running
 * next-auth's whole session endpoint through `auth()` on every request; an expired or forged
 * cookie decodes to nothing.
 */
async function sessionIdFromCookie(): Promise<string | null> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const jar = await cookies();
  const cookie = sessionCookieFrom((name) => jar.get(name)?.value);
  if (!cookie) return null;
  const token = await decode({ token: cookie.value, secret, salt: cookie.name }).catch(() => null);
  return typeof token?.sid === "string" ? token.sid : null;
}

/** Creates the server-side record of a new sign-in and returns its id. */
export async function startSession(userId: number, sessionVersion: number): Promise<string> {
  const id = randomUUID();
  const at = now();
  db()
    .insert(authSessions)
    .values({ id, userId, sessionVersion, createdAt: at, lastSeenAt: at, ip: await clientIp() })
    .run();
  return id;
}

export function endSession(sessionId: string, reason: string): void {
  db()
    .update(authSessions)
    .set({ endedAt: now(), endReason: reason })
    .where(and(eq(authSessions.id, sessionId), isNull(authSessions.endedAt)))
    .run();
}

/**
 * Resolves the signed-in viewer for this request, or null. Checked on every request, not only at
 * sign-in: the session must not have ended, must be within the idle and absolute limits, and the
 * user must still be active with the same sessionVersion (password, role or status unchanged).
 */
export const getViewer = cache(async (): Promise<SessionViewer | null> => {
  const sessionId = await sessionIdFromCookie();
  if (!sessionId) return null;

  const row = findSession(db(), sessionId);
  if (!row) return null;

  const at = now();
  const reason = sessionInvalidity(row.session, row.user, at, securityPolicy().session);
  if (reason === "ended") return null;
  if (reason) {
    endSession(sessionId, reason);
    await writeAudit({
      actor: { userId: row.user.id, username: row.user.username, role: row.user.role },
      action: "session.end",
      target: { type: "session", id: sessionId },
      result: "success",
      details: { reason },
    });
    return null;
  }

  if (at.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    db().update(authSessions).set({ lastSeenAt: at }).where(eq(authSessions.id, sessionId)).run();
  }

  return {
    sessionId,
    userId: row.user.id,
    role: row.user.role,
    unitId: row.user.unitId,
    username: row.user.username,
    displayName: row.user.displayName,
    unitName: row.unit.name,
    unitShortName: row.unit.shortName,
    mustChangePassword: row.user.mustChangePassword,
  };
});

/**
 * The viewer, or an AppError. Staff actions refuse to run while a temporary password
 * still has to be changed, except the password change itself.
 */
export async function requireViewer(options: { allowPendingPasswordChange?: boolean } = {}): Promise<SessionViewer> {
  const viewer = await getViewer();
  if (!viewer) throw new AppError("unauthenticated");
  if (viewer.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("forbidden", "请先修改初始密码。");
  }
  return viewer;
}

/** Ends the current session (sign-out). */
export async function endCurrentSession(): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) return;
  endSession(viewer.sessionId, "signout");
  await writeAudit({
    actor: { userId: viewer.userId, username: viewer.username, role: viewer.role },
    action: "auth.signout",
    target: { type: "session", id: viewer.sessionId },
    result: "success",
  });
}
