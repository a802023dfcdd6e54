/**
 * The application's tables, for the engine this process runs on (db/engine.ts): the SQLite
 * definitions (db/sqlite/schema.ts) or their PostgreSQL twins (db/pg/schema.ts). Both are typed
 * here as the SQLite ones, so the commands and data functions are written once. The cast is
 * sound because db/pg/schema-parity.ts proves at compile time that every PostgreSQL table reads
 * and writes the same row types as its SQLite twin; the query builders of both dialects offer
 * the same awaited API (select/insert/update/delete, returning, onConflict…). What differs in
 * SQL text goes through db/dialect.ts.
 *
 * Types, enums and constants come from the SQLite module (they are the same for both).
 */
import { engine } from "./engine";
import * as postgres from "./pg/schema";
import * as sqlite from "./sqlite/schema";

export * from "./sqlite/schema";

const chosen = (engine() === "postgres" ? postgres : sqlite) as unknown as typeof sqlite;

export const units = chosen.units;
export const users = chosen.users;
export const authSessions = chosen.authSessions;
export const auditLog = chosen.auditLog;
export const appMeta = chosen.appMeta;
export const reports = chosen.reports;
export const reportSections = chosen.reportSections;
export const reportAttachments = chosen.reportAttachments;
export const sectionRevisions = chosen.sectionRevisions;
export const reportEditions = chosen.reportEditions;
export const editionFiles = chosen.editionFiles;
export const reportTransitions = chosen.reportTransitions;
export const reviewComments = chosen.reviewComments;
export const indexCounters = chosen.indexCounters;
export const notifications = chosen.notifications;
export const reportingListEntries = chosen.reportingListEntries;
export const reportFilings = chosen.reportFilings;
export const reportSummations = chosen.reportSummations;
