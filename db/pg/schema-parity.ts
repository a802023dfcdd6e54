/**
 * Compile-time half of the drift check (issue 17): every PostgreSQL table reads and writes the
 * same TypeScript row types as its SQLite twin, so the commands and data functions can later be
 * shared by both engines. `npx tsc --noEmit` fails on a table whose row types differ; the
 * database half is db/pg/__tests__/schema-drift.integration.test.ts. A new table is added here
 * in one line.
 */
import type * as pg from "./schema";
import type * as sqlite from "../sqlite/schema";

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/**
 * Integer primary keys that are not ids: SQLite makes them optional on insert (an INTEGER
 * PRIMARY KEY is the rowid, assigned when missing), PostgreSQL rightly requires them.
 */
type RowidAliases = { reportSummations: "reportId" };
type Alias<Name> = Name extends keyof RowidAliases ? RowidAliases[Name] : never;
type Twins<Name extends keyof typeof pg & keyof typeof sqlite> = [
  Same<(typeof pg)[Name]["$inferSelect"], (typeof sqlite)[Name]["$inferSelect"]>,
  Same<Omit<(typeof pg)[Name]["$inferInsert"], Alias<Name>>, Omit<(typeof sqlite)[Name]["$inferInsert"], Alias<Name>>>,
];

/** Each entry must be [true, true]: same select row, same insert row. */
export type SchemaParity = {
  [Name in
    | "units"
    | "users"
    | "authSessions"
    | "auditLog"
    | "appMeta"
    | "reports"
    | "reportSections"
    | "reportAttachments"
    | "sectionRevisions"
    | "reportEditions"
    | "editionFiles"
    | "reportTransitions"
    | "reviewComments"
    | "indexCounters"
    | "notifications"
    | "reportingListEntries"
    | "reportFilings"
    | "reportSummations"]: Twins<Name> extends [true, true] ? true : ["row types differ", Name, Twins<Name>];
};

const everyTableAgrees: { [Name in keyof SchemaParity]: true } = {} as SchemaParity;
void everyTableAgrees;
