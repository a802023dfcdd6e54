/**
 * The integration tests' world: the temporary database of this test file (created by
 * lib/testing/integration-setup.ts), a small county seeded with plain inserts, a clock the test
 * controls, and personas a test acts as.
 *
 * Acting as someone is signing in as far as lib/data can tell: `actAs(persona)` inserts a
 * session row for the person and makes `next/headers` carry next-auth's real encrypted session
 * cookie for it, so `getViewer`/`requireViewer` resolve the viewer exactly as in production.
 *
 * The assertions read rows (audit log, notifications, transitions, whole tables), never lib/data's
 * internal helpers, so they hold while lib/data is rebuilt on commands.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { and, eq, gt, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { expect } from "vitest";
import { getDb, isPostgres, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import {
  auditLog,
  authSessions,
  notifications,
  reports,
  reportSections,
  reportTransitions,
  units,
  users,
  type AuditEntry,
  type Notification,
  type ReportTransition,
  type Role,
  type Unit,
  type UnitKind,
} from "@/db/schema";
import { setClock } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/password-hash";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import { SESSION_COOKIE, TEST_CLIENT_IP, setSessionCookie } from "./staff-request";
import { syncQuery } from "./sync-postgres";

export { TEST_CLIENT_IP } from "./staff-request";

// ---------------------------------------------------------------------------------------------
// Database and clock

// Never the developer's database: only the integration project's setup points DATABASE_PATH
// at a temporary file.
if (!process.env.DATABASE_PATH?.startsWith(os.tmpdir())) {
  throw new Error("lib/testing/integration-db.ts runs in the vitest project 'integration' only (*.integration.test.ts)");
}

// The connection lib/data uses too (db/client.ts caches it), on this file's temporary database
// (on PostgreSQL a copy of the migrated template; lib/testing/sync-postgres.ts gives its query
// builders the synchronous get/all/run this harness and the tests use).
const testDb = getDb();
if (!isPostgres(testDb)) migrateDatabase(testDb);

/** This test file's database, migrated. */
export const database = (): Db => testDb;

/** 2025-03-10 10:00 in China: a clerk's first report is for 2024, the next one for 2025. */
export const START = new Date("2025-03-10T02:00:00.000Z");
let current = START.getTime();

/**
 * lib/clock's `now()` for the whole file. Each reading moves the clock on by a millisecond,
 * so that steps taken one after another never share a timestamp (as in real life).
 */
setClock(() => new Date(current++));

export const clock = {
  now: (): Date => new Date(current),
  advanceMinutes(minutes: number): void {
    current += minutes * 60_000;
  },
};

// ---------------------------------------------------------------------------------------------
// People and units

/** The password of every fixture account. */
export const PASSWORD = "Fixture#2026pass";

export interface Persona {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly unitId: number;
}

export interface Township {
  readonly unit: Unit;
  readonly clerk: Persona;
  readonly leader: Persona;
}

export interface Fixture {
  /** 测试县人民政府, with the admin. */
  readonly county: Unit;
  readonly admin: Persona;
  /** Two townships with a clerk and a leader each. */
  readonly qingshi: Township;
  readonly liuxi: Township;
}

let passwordHash: Promise<string> | undefined;
let serial = 0;

/** A unit with a valid, unique 9-character organisation code. */
export function addUnit(values: { name: string; shortName: string; kind: UnitKind; parentId: number | null }): Unit {
  const body = `NB${String(++serial).padStart(6, "0")}`;
  return database()
    .insert(units)
    .values({ ...values, orgCode: body + orgCodeCheckChar(body) })
    .returning()
    .get();
}

/** An active account that has already changed its initial password (PASSWORD). */
export async function addUser(unit: Unit, role: Role, username: string, displayName = username): Promise<Persona> {
  passwordHash ??= hashPassword(PASSWORD);
  const row = database()
    .insert(users)
    .values({ username, displayName, role, unitId: unit.id, passwordHash: await passwordHash, mustChangePassword: false })
    .returning()
    .get();
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, unitId: row.unitId };
}

let county: Unit | undefined;

/** A township under the county with its clerk and its leader (a fresh one per call). */
export async function addTownship(shortName: string): Promise<Township> {
  if (!county) throw new Error("seedFixture() first");
  const unit = addUnit({ name: `测试县${shortName}人民政府`, shortName, kind: "township", parentId: county.id });
  const slug = `t${unit.id}`;
  return {
    unit,
    clerk: await addUser(unit, "clerk", `${slug}.clerk`, `${shortName}文书`),
    leader: await addUser(unit, "leader", `${slug}.leader`, `${shortName}镇长`),
  };
}

/** The county, its admin and two townships; call once per test file. */
export async function seedFixture(): Promise<Fixture> {
  county = addUnit({ name: "测试县人民政府", shortName: "测试县", kind: "county", parentId: null });
  return {
    county,
    admin: await addUser(county, "admin", "admin", "赵管理"),
    qingshi: await addTownship("青石镇"),
    liuxi: await addTownship("柳溪镇"),
  };
}

// ---------------------------------------------------------------------------------------------
// Acting as someone

/** next-auth's session cookie for a server-side session id (what the browser would send). */
export function cookieForSession(sessionId: string): Promise<string> {
  return encode({ token: { sid: sessionId }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
}

/** Starts a session for the person as of now (their current sessionVersion) and returns its cookie. */
export async function signedInCookie(persona: Persona): Promise<string> {
  const db = database();
  const { sessionVersion } = userRow(persona);
  const id = randomUUID();
  const at = clock.now();
  db.insert(authSessions).values({ id, userId: persona.id, sessionVersion, createdAt: at, lastSeenAt: at, ip: TEST_CLIENT_IP }).run();
  return cookieForSession(id);
}

/** The following calls into lib/data are this person's requests, in a new session (null: signed out). */
export async function actAs(persona: Persona | null): Promise<void> {
  setSessionCookie(persona ? await signedInCookie(persona) : null);
}

export { setSessionCookie };

// ---------------------------------------------------------------------------------------------
// Reading what happened

export interface Mark {
  audit: number;
  notifications: number;
  transitions: number;
}

const maxId = (table: typeof auditLog | typeof notifications | typeof reportTransitions) =>
  database().select({ id: sql<number>`coalesce(max(${table.id}), 0)` }).from(table).get()!.id;

/** Where the audit log, the inboxes and the transitions stand now. */
export function mark(): Mark {
  return { audit: maxId(auditLog), notifications: maxId(notifications), transitions: maxId(reportTransitions) };
}

/** The rows written since the mark, oldest first (notifications by recipient, then oldest first). */
export function since(m: Mark): { audit: AuditEntry[]; notifications: Notification[]; transitions: ReportTransition[] } {
  const db = database();
  return {
    audit: db.select().from(auditLog).where(gt(auditLog.id, m.audit)).orderBy(auditLog.id).all(),
    notifications: db.select().from(notifications).where(gt(notifications.id, m.notifications)).orderBy(notifications.userId, notifications.id).all(),
    transitions: db.select().from(reportTransitions).where(gt(reportTransitions.id, m.transitions)).orderBy(reportTransitions.id).all(),
  };
}

/** Runs an action and returns the rows it wrote. */
export async function written<T>(action: () => Promise<T>) {
  const m = mark();
  const result = await action();
  return { result, ...since(m) };
}

export const reportRow = (reportId: number) => database().select().from(reports).where(eq(reports.id, reportId)).get()!;

export const sectionRow = (reportId: number, key: string) =>
  database()
    .select()
    .from(reportSections)
    .where(and(eq(reportSections.reportId, reportId), eq(reportSections.key, key)))
    .get()!;

export const userRow = (persona: { id: number }) => database().select().from(users).where(eq(users.id, persona.id)).get()!;

/** An audit row by this person from the test's IP (null: the system or nobody), as a matcher. */
export function audited(
  persona: Persona | null,
  action: string,
  more: { target?: readonly [type: string, id: number | string]; result?: AuditEntry["result"]; details?: Record<string, unknown> } = {},
) {
  return expect.objectContaining({
    actorId: persona?.id ?? null,
    actorName: persona?.username ?? null,
    actorRole: persona?.role ?? null,
    ip: TEST_CLIENT_IP,
    action,
    result: more.result ?? "success",
    ...(more.target ? { targetType: more.target[0], targetId: String(more.target[1]) } : {}),
    ...(more.details ? { details: expect.objectContaining(more.details) } : {}),
  });
}

/** An inbox row for this person about the report, as a matcher. */
export function notified(persona: Persona, kind: string, reportId: number) {
  return expect.objectContaining({ userId: persona.id, kind, reportId, readAt: null });
}

/** Every row of every table except the audit log and the sessions, for "nothing changed". */
export function dataTables(): Record<string, unknown[]> {
  if (isPostgres(database())) {
    const tables = syncQuery<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_log', 'auth_sessions') order by table_name`,
    );
    return Object.fromEntries(tables.map(({ name }) => [name, syncQuery(`select * from "${name}" t order by t::text`)]));
  }
  const db = database().$client;
  const tables = db
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like '\\_\\_%' escape '\\'
         and name not in ('audit_log', 'auth_sessions') and name not glob 'search_*_*' order by name`,
    )
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`select * from "${name}" order by rowid`).all()]));
}

/**
 * Runs an action that must be refused: it throws an AppError and leaves every table but the
 * audit log and the sessions exactly as it was. Returns the error and the audit rows written.
 */
export async function refusal(action: () => Promise<unknown>): Promise<{ error: AppError; audit: AuditEntry[] }> {
  const before = dataTables();
  const m = mark();
  const error = await action().then(
    () => new Error("expected the action to be refused, but it succeeded"),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw error;
  expect(dataTables(), `refused with "${error.message}" but changed data`).toEqual(before);
  return { error, audit: since(m).audit };
}
