import { sql } from "drizzle-orm";
import {
  index,
  blob,
  integer,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import type { TableId } from "../../lib/formats/types";
import type { CellTree } from "../../lib/interchange/schema";
import type { ReportTables } from "../../lib/interchange";
import { EDITION_FILE_KINDS } from "../../lib/document/file-kinds";
import { FILING_MODES, FILING_STATUSES, REPORT_STATUSES, ROLES, UNIT_KINDS } from "../../lib/vocabulary";

/** Millisecond UTC timestamps stored as integers; drizzle maps them to Date. */
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export { FILING_MODES, FILING_STATUSES, REPORT_STATUSES, ROLES, UNIT_KINDS, type FilingMode, type FilingStatus, type ReportStatus, type Role, type UnitKind } from "../../lib/vocabulary";

export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    shortName: text("short_name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => units.id),
    orgCode: text("org_code").notNull(),
    /** Publication deadline of a year's report, as month-day of the following year (default 01-31). */
    reportDeadline: text("report_deadline").notNull().default("01-31"),
    /** How 索引号 are built: {orgCode}, {year} and {serial} (5 digits) are replaced. */
    indexPattern: text("index_pattern").notNull().default("{orgCode}/{year}-{serial}"),
    /** 备案 (issue 14): how this unit, as a supervisor, receives the reports of the units on its list. */
    filingMode: text("filing_mode", { enum: FILING_MODES }).notNull().default("none"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    uniqueIndex("units_org_code_unique").on(t.orgCode),
    uniqueIndex("units_name_unique").on(t.name),
    // The public data's stamp (lib/data/public/catalog.ts), read on every public page, takes the
    // newest change of any unit from here instead of reading all of them (4,953 in a province).
    index("units_changed_at_idx").on(sql`coalesce(${t.updatedAt}, ${t.createdAt})`),
  ],
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

/**
 * Append-only: triggers in the migrations abort any UPDATE, and any DELETE of a row younger than
 * 180 days (retention pruning: db/audit-retention.ts).
 */
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

export const REPORT_FORMATS = ["gov-2021", "gov-2019-trial", "legacy-freeform"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Workflow states. The review issue adds the transitions; the checks that depend on them
 * (who may edit what) are written against these names from the start.
 */

/** One annual report of one unit (one per unit and year). */
/** What a citizen can read (published, not withdrawn), as the public list's partial indexes state it. */
const LIVE_REPORT = sql`live_edition_id is not null and withdrawn_at is null and status <> 'withdrawn'`;

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    format: text("format", { enum: REPORT_FORMATS }).notNull(),
    title: text("title").notNull(),
    /** 索引号, 公开方式, 成文日期 … as in the interchange document's `metadata`. */
    metadata: text("metadata", { mode: "json" }).$type<Record<string, string | null | undefined>>().notNull(),
    /** 落款: issuing authority and date as printed (legacy reports). */
    signature: text("signature", { mode: "json" }).$type<{ issuer: string; date: string } | null>(),
    /** Workflow state of the working copy (a correction in progress is a draft again). */
    status: text("status", { enum: REPORT_STATUSES }).notNull().default("draft"),
    /** 索引号, assigned at first publication and kept by every edition and after withdrawal. */
    indexNo: text("index_no"),
    /** The edition citizens see; null until first published. */
    liveEditionId: integer("live_edition_id"),
    /** When a scheduled publication fires (status "scheduled"). */
    scheduledAt: timestamp("scheduled_at"),
    withdrawnAt: timestamp("withdrawn_at"),
    withdrawReason: text("withdraw_reason"),
    /** 浏览量 of the public page (flushed from the server's in-memory counter about once a second). */
    viewCount: integer("view_count").notNull().default(0),
    /** "import": moved in from an archive and stored exactly as given, findings included. */
    origin: text("origin", { enum: ["editor", "import"] }).notNull().default("editor"),
    publishedAt: timestamp("published_at"),
    createdById: integer("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at"),
  },
  (t) => [
    uniqueIndex("reports_unit_year_unique").on(t.unitId, t.year),
    uniqueIndex("reports_index_no_unique").on(t.indexNo),
    index("reports_status_idx").on(t.status),
    // The public list (issue 17): newest first, all or of one year, and its counts, read from
    // the live reports alone — the condition is lib/data/public/live-reports.ts's isLiveReport.
    index("reports_live_published_idx").on(t.publishedAt, t.id).where(LIVE_REPORT),
    index("reports_live_year_idx").on(t.year, t.publishedAt, t.id).where(LIVE_REPORT),
    // The public catalog's staleness check counts withdrawn reports on every public page.
    index("reports_withdrawn_idx").on(t.id).where(sql`withdrawn_at is not null or status = 'withdrawn'`),
  ],
);

/**
 * One row per section, in the format's order. Narrative sections keep sanitised HTML; table
 * sections keep their table's cells (the interchange document's nested shape) and an optional
 * note in `html`. `version` is the optimistic-locking counter for concurrent editors.
 */
export const reportSections = sqliteTable(
  "report_sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    key: text("key").notNull(),
    heading: text("heading").notNull(),
    kind: text("kind", { enum: ["narrative", "table"] }).notNull(),
    tableId: text("table_id").$type<TableId>(),
    html: text("html").notNull().default(""),
    cells: text("cells", { mode: "json" }).$type<CellTree | null>(),
    completed: integer("completed", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at"),
    updatedById: integer("updated_by_id").references(() => users.id),
  },
  (t) => [uniqueIndex("report_sections_report_key_unique").on(t.reportId, t.key)],
);

/** 附表 of legacy reports: free tables of text cells, stored exactly as given. */
export const reportAttachments = sqliteTable(
  "report_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    columns: text("columns", { mode: "json" }).$type<string[]>().notNull(),
    rows: text("rows", { mode: "json" }).$type<string[][]>().notNull(),
  },
  (t) => [uniqueIndex("report_attachments_report_position_unique").on(t.reportId, t.position)],
);

export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportSectionRow = typeof reportSections.$inferSelect;
export type ReportAttachmentRow = typeof reportAttachments.$inferSelect;

/**
 * Saved states of a section. Autosaves by one person within a few minutes coalesce into one
 * revision (the row is updated in place); restoring one creates a new revision.
 */
export const sectionRevisions = sqliteTable(
  "section_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sectionId: integer("section_id")
      .notNull()
      .references(() => reportSections.id, { onDelete: "cascade" }),
    /** The section version this revision holds (the latest save of the burst). */
    version: integer("version").notNull(),
    html: text("html").notNull().default(""),
    cells: text("cells", { mode: "json" }).$type<CellTree | null>(),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at").notNull(),
    saveCount: integer("save_count").notNull().default(1),
    restoredFromId: integer("restored_from_id"),
  },
  (t) => [index("section_revisions_section_idx").on(t.sectionId, t.updatedAt)],
);

export type SectionRevision = typeof sectionRevisions.$inferSelect;

/**
 * A published edition: the approved report frozen as a nianbao-report/1 document with its
 * SHA-256. Never updated; a correction adds the next edition.
 */
export const reportEditions = sqliteTable(
  "report_editions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    edition: integer("edition").notNull(),
    /** The canonical JSON text that was hashed (served byte for byte as report.json). */
    snapshot: text("snapshot").notNull(),
    sha256: text("sha256").notNull(),
    /**
     * The snapshot's title and 索引号, copied from it when the edition is made: the public lists
     * read them for every row, and parsing a 14 KB snapshot per row is what PostgreSQL paid there.
     */
    title: text("title").notNull().default(""),
    indexNo: text("index_no"),
    publishedAt: timestamp("published_at").notNull(),
    /** 修订说明 (public), for editions after the first. */
    changeNote: text("change_note"),
    approvedById: integer("approved_by_id").references(() => users.id),
    approvedAt: timestamp("approved_at"),
    opinion: text("opinion"),
    publishedById: integer("published_by_id").references(() => users.id),
  },
  (t) => [uniqueIndex("report_editions_report_edition_unique").on(t.reportId, t.edition)],
);

/**
 * The 原文 files of a published edition (issue 15): its PDF and DOCX, generated once by a
 * background job (lib/serving/document-files.ts) after publication, never changed afterwards.
 * `sha256` is the file's, shown beside the snapshot's on the report page.
 */
export const editionFiles = sqliteTable(
  "edition_files",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => reportEditions.id),
    kind: text("kind", { enum: EDITION_FILE_KINDS }).notNull(),
    content: blob("content", { mode: "buffer" }).notNull(),
    sha256: text("sha256").notNull(),
    byteSize: integer("byte_size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("edition_files_edition_kind_unique").on(t.editionId, t.kind)],
);

export type EditionFile = typeof editionFiles.$inferSelect;

/** Every workflow step of a report: who moved it from what to what, when and why. */
export const reportTransitions = sqliteTable(
  "report_transitions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    fromStatus: text("from_status", { enum: REPORT_STATUSES }).notNull(),
    toStatus: text("to_status", { enum: REPORT_STATUSES }).notNull(),
    actorId: integer("actor_id").references(() => users.id),
    at: createdAt(),
    /** Return reason, approval opinion, withdrawal reason or change note. */
    reason: text("reason"),
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>(),
    /** At submission: the document as submitted, the baseline of the next review's diff. */
    document: text("document"),
  },
  (t) => [index("report_transitions_report_idx").on(t.reportId, t.id)],
);

/** Review comments, per section (optionally per cell), threaded, resolvable by the clerk. */
export const reviewComments = sqliteTable(
  "review_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    sectionKey: text("section_key").notNull(),
    cellId: text("cell_id"),
    parentId: integer("parent_id"),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp("resolved_at"),
    resolvedById: integer("resolved_by_id").references(() => users.id),
  },
  (t) => [index("review_comments_report_idx").on(t.reportId, t.sectionKey)],
);

/** 索引号 serials per unit and year, allocated inside the publishing transaction, never reused. */
export const indexCounters = sqliteTable(
  "index_counters",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    lastSerial: integer("last_serial").notNull().default(0),
  },
  (t) => [uniqueIndex("index_counters_unit_year_unique").on(t.unitId, t.year)],
);

/** The in-app inbox. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    reportId: integer("report_id").references(() => reports.id),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);

export type ReportEdition = typeof reportEditions.$inferSelect;
export type ReportTransition = typeof reportTransitions.$inferSelect;
export type ReviewComment = typeof reviewComments.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

/**
 * 年报报送单位名单 (issue 14): per supervising unit and year, whether each unit directly below it
 * must publish its own annual report, and why not when it is left out. A unit with no row for
 * the year is on the list (lib/reporting-list.ts#includedByDefault); a save writes a row for
 * every unit on the form.
 */
export const reportingListEntries = sqliteTable(
  "reporting_list_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    supervisorId: integer("supervisor_id")
      .notNull()
      .references(() => units.id),
    year: integer("year").notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    included: integer("included", { mode: "boolean" }).notNull(),
    /** Why the unit is left out (垂直管理, 不具备独立性, 已撤并 …); null when it is on the list. */
    reason: text("reason"),
    /** 备案 for this unit and year, when it differs from the supervisor's setting (units.filing_mode); null follows it. */
    filingMode: text("filing_mode", { enum: FILING_MODES }),
    updatedAt: timestamp("updated_at").notNull(),
    updatedById: integer("updated_by_id").references(() => users.id),
  },
  (t) => [uniqueIndex("reporting_list_entries_supervisor_year_unit_unique").on(t.supervisorId, t.year, t.unitId)],
);

export type ReportingListEntry = typeof reportingListEntries.$inferSelect;

/**
 * 备案 (issue 14): one report (one edition of it) handed to the supervising unit. Before
 * publication the filing is made when the leader approves (the report waits in status `filing`);
 * after publication, when an edition is published. The supervisor's clerk accepts it or (before
 * publication) sends it back with a reason. `document` is the nianbao-report/1 JSON filed, so a
 * 汇总 can add up a filed report that is not yet published.
 */
export const reportFilings = sqliteTable(
  "report_filings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    supervisorId: integer("supervisor_id")
      .notNull()
      .references(() => units.id),
    mode: text("mode", { enum: ["before_publication", "after_publication"] }).notNull(),
    /** The edition filed after publication; null before publication (no edition yet). */
    edition: integer("edition"),
    document: text("document").notNull(),
    status: text("status", { enum: FILING_STATUSES }).notNull().default("pending"),
    filedAt: timestamp("filed_at").notNull(),
    filedById: integer("filed_by_id").references(() => users.id),
    decidedAt: timestamp("decided_at"),
    decidedById: integer("decided_by_id").references(() => users.id),
    /** The send-back reason, or the supervisor's note on acceptance. */
    note: text("note"),
  },
  (t) => [index("report_filings_supervisor_status_idx").on(t.supervisorId, t.status), index("report_filings_report_idx").on(t.reportId, t.id)],
);

export type ReportFiling = typeof reportFilings.$inferSelect;

/**
 * 汇总 (issue 14): a supervising unit's report whose tables add up its own figures and those of
 * the units on its reporting list. The own figures (本级数据) are kept here, apart from the sum,
 * so a re-sum never overwrites them; the report's table sections hold the result. `sources`
 * records what the last 汇总 added (unit, report, edition or filing), `absent` the units marked
 * 「暂缺」 with the clerk's note.
 */
export const reportSummations = sqliteTable("report_summations", {
  reportId: integer("report_id")
    .primaryKey()
    .references(() => reports.id, { onDelete: "cascade" }),
  ownTables: text("own_tables", { mode: "json" }).$type<ReportTables>().notNull(),
  absent: text("absent", { mode: "json" }).$type<{ unitId: number; note: string }[]>().notNull(),
  sources: text("sources", { mode: "json" })
    .$type<{ unitId: number; unitName: string; reportId: number; edition: number | null; filingId: number | null }[]>()
    .notNull(),
  summedAt: timestamp("summed_at"),
  summedById: integer("summed_by_id").references(() => users.id),
  updatedAt: timestamp("updated_at").notNull(),
});

export type ReportSummation = typeof reportSummations.$inferSelect;
