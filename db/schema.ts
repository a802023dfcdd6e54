import { sql } from "drizzle-orm";
import {
  index,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";

/** Millisecond UTC timestamps stored as integers; drizzle maps them to Date. */
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const UNIT_KINDS = ["county", "township", "subdistrict", "department"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ["clerk", "leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    orgCode: text("org_code").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [uniqueIndex("units_org_code_unique").on(t.orgCode), uniqueIndex("units_name_unique").on(t.name)],
);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(true),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until"),
    sessionVersion: integer("session_version").notNull().default(1),
    passwordChangedAt: timestamp("password_changed_at"),
    lastLoginAt: timestamp("last_login_at"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [uniqueIndex("users_username_unique").on(t.username), index("users_unit_idx").on(t.unitId)],
);

/**
 * Server-side record of every signed-in session. The next-auth JWT only carries the
 * session id; this row decides whether it is still valid (idle and absolute timeouts,
 * sign-out, sessionVersion bumps).
 */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    sessionVersion: integer("session_version").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    endedAt: timestamp("ended_at"),
    endReason: text("end_reason"),
    ip: text("ip"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** Append-only: triggers in the migrations abort any UPDATE or DELETE. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorId: integer("actor_id"),
    actorName: text("actor_name"),
    actorRole: text("actor_role"),
    ip: text("ip"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    result: text("result", { enum: ["success", "failure", "denied"] }).notNull(),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId, t.at),
    index("audit_log_action_idx").on(t.action, t.at),
  ],
);

/** Small key/value facts about this installation (e.g. whether demo data was seeded). */
export const appMeta = sqliteTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export type Unit = typeof units.$inferSelect;
export type NewUnit = typeof units.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuthSession = typeof authSessions.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
