/**
 * The one read of a session by its id: the auth_sessions row with its user and unit. Used by
 * lib/data/session.ts for every staff request and by the request log (lib/serving) to name
 * the user of a valid session; both judge it with `sessionInvalidity` (lib/lockout.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { authSessions, units, users } from "./schema";

export function findSession(db: Db, sessionId: string) {
  return db
    .select({
      session: authSessions,
      user: {
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        unitId: users.unitId,
        active: users.active,
        sessionVersion: users.sessionVersion,
        mustChangePassword: users.mustChangePassword,
      },
      unit: { name: units.name, shortName: units.shortName },
    })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(authSessions.id, sessionId))
    .get();
}

export type FoundSession = NonNullable<ReturnType<typeof findSession>>;
