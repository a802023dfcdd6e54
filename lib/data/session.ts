import "server-only";
import { cache } from "react";
import { findSession } from "@/db/session-lookup";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { now } from "@/lib/clock";
import { securityPolicy } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sessionInvalidity } from "@/lib/lockout";
import type { Viewer } from "@/lib/permissions";
import type { UserActor } from "@/db/actor";
import { endSession, touchSession } from "@/db/commands/sessions";
import { sessionCookieFrom } from "@/lib/session-cookie";
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
  const cacheKey = `${cookie.name}=${cookie.value}`;
  const known = decodedCookies.get(cacheKey);
  // Expired by the decoder's clock (real time) or by the app's (replaceable in tests): decoded again, and refused.
  if (known && known.expiresAt > Math.max(Date.now(), now().getTime())) return known.sid;
  const token = await decode({ token: cookie.value, secret, salt: cookie.name }).catch(() => null);
  const sid = typeof token?.sid === "string" ? token.sid : null;
  if (sid && typeof token?.exp === "number") rememberDecodedCookie(cacheKey, { sid, expiresAt: token.exp * 1000 });
  return sid;
}

/**
 * Session cookies already decoded, by their exact text: an autosave sends the same cookie about
 * once a second, and decoding it (key derivation and decryption) was a sizeable part of a save.
 * The same text always decodes to the same payload; an entry is used only until the cookie's
 * own expiry. What the session row says (ended, idle, user changed) is still read every time.
 */
const decodedCookies = new Map<string, { sid: string; expiresAt: number }>();
const MAX_DECODED_COOKIES = 2000;

function rememberDecodedCookie(key: string, decoded: { sid: string; expiresAt: number }): void {
  decodedCookies.set(key, decoded);
  if (decodedCookies.size > MAX_DECODED_COOKIES) decodedCookies.delete(decodedCookies.keys().next().value!);
}

/**
 * Resolves the signed-in viewer for this request, or null. Checked on every request, not only at
 * sign-in: the session must not have ended, must be within the idle and absolute limits, and the
 * user must still be active with the same sessionVersion (password, role or status unchanged).
 */
export const getViewer = cache(async (): Promise<SessionViewer | null> => {
  const sessionId = await sessionIdFromCookie();
  if (!sessionId) return null;

  const row = await findSession(db(), sessionId);
  if (!row) return null;

  const at = now();
  const reason = sessionInvalidity(row.session, row.user, at, securityPolicy().session);
  if (reason === "ended") return null;
  if (reason) {
    const { id: userId, username, displayName, role } = row.user;
    await endSession(db(), { kind: "user", userId, username, displayName, role, ip: await clientIp() }, { sessionId, reason });
    return null;
  }

  if (at.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await touchSession(db(), sessionId, at);

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

/** The signed-in person as the actor of a command, with the client's IP for the audit row. */
export async function actorOf(viewer: SessionViewer): Promise<UserActor> {
  return { kind: "user", userId: viewer.userId, username: viewer.username, displayName: viewer.displayName, role: viewer.role, ip: await clientIp() };
}

/** Ends the current session (sign-out). */
export async function endCurrentSession(): Promise<void> {
  const viewer = await getViewer();
  if (!viewer) return;
  await endSession(db(), await actorOf(viewer), { sessionId: viewer.sessionId, reason: "signout" });
}
