/**
 * The one read of a session by its id: the auth_sessions row with its user and unit. Used by
 * lib/data/session.ts for every staff request and by the request log (lib/serving) to name
 * the user of a valid session; both judge it with `sessionInvalidity` (lib/lockout.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { firstRow, type ValuesOrPlaceholders } from "./prepared";
import { authSessions, units, users } from "./schema";

const sessionQuery = (db: Db, { sessionId }: ValuesOrPlaceholders<{ sessionId: string }>) =>
  db
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
    .where(eq(authSessions.id, sessionId));

export type FoundSession = Awaited<ReturnType<typeof sessionQuery>>[number];

/**
 * Synchronous on SQLite (the request log reads it on every request), a promise on PostgreSQL.
 * Prepared once per connection on both engines (db/prepared.ts): it runs twice for every staff request.
 */
export function findSession(db: Db, sessionId: string): FoundSession | undefined | Promise<FoundSession | undefined> {
  return firstRow(db, sessionQuery, { sessionId });
}
