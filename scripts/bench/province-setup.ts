/**
 * What the province bench (`npm run bench -- province`) prepares in its own copy of the province
 * database before the server starts, through the application's commands on either engine (the
 * handle is SQLite's or PostgreSQL's `Db`): the bench accounts, the editors' drafts and the
 * 汇总 reports. Everything is found again when it already exists, so a database prepared once
 * (`--database-url`) can be measured again.
 */
import { and, asc, eq } from "drizzle-orm";
import type { UserActor } from "@/db/actor";
import { systemActor } from "@/db/actor";
import type { Db } from "@/db/client";
import { createNextYearReport } from "@/db/commands/reports";
import { startCorrection } from "@/db/commands/report-workflow";
import { setUnitAbsent, startSummation } from "@/db/commands/summation";
import { createUser } from "@/db/commands/users";
import { reports, reportSections, units, users } from "@/db/schema";
import { computeSummation, loadSummationInputs } from "@/db/summation-store";
import type { Role } from "@/lib/vocabulary";

/** A bench account (signed in through the sign-in page by the bench, with the bench's password). */
export async function benchAccount(db: Db, account: { username: string; role: Role; unitId: number; passwordHash: string }): Promise<UserActor> {
  const [found] = await db.select({ id: users.id }).from(users).where(eq(users.username, account.username));
  const userId =
    found?.id ??
    (await createUser(db, systemActor("cli"), {
      username: account.username,
      displayName: account.username,
      role: account.role,
      unitId: account.unitId,
      passwordHash: account.passwordHash,
      mustChangePassword: false,
    }));
  return { kind: "user", userId, username: account.username, displayName: account.username, role: account.role, ip: null };
}

export interface ProvinceEditor {
  username: string;
  unitId: number;
  reportId: number;
  /** The version of the draft's table 三 section (what its first save sends as baseVersion). */
  version: number;
}

/**
 * `count` clerks, each of a different township spread over the province (every n-th active
 * township by id), each with the township's next year's report as a draft, created by
 * 「新建年度报告」's command (pre-filled from the published report of the year before): the year
 * after the last published one, so no published report of that year exists yet.
 */
export async function prepareEditors(db: Db, count: number, passwordHash: string): Promise<{ year: number; editors: ProvinceEditor[] }> {
  const townships = await db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.kind, "township"), eq(units.active, true)))
    .orderBy(asc(units.id));
  if (townships.length < count) throw new Error(`the database has ${townships.length} active townships, the bench needs ${count}`);
  const step = Math.floor(townships.length / count);
  const editors: ProvinceEditor[] = [];
  let year = 0;
  for (let i = 0; i < count; i++) {
    const unitId = townships[i * step]!.id;
    const username = `bench.clerk${i + 1}`;
    const clerk = await benchAccount(db, { username, role: "clerk", unitId, passwordHash });
    const [draft] = await db
      .select({ id: reports.id, year: reports.year })
      .from(reports)
      .where(and(eq(reports.unitId, unitId), eq(reports.status, "draft")));
    const created = draft ?? (await createNextYearReport(db, clerk, unitId));
    year = Math.max(year, created.year);
    const [section] = await db
      .select({ version: reportSections.version })
      .from(reportSections)
      .where(and(eq(reportSections.reportId, created.id), eq(reportSections.key, "applications")));
    if (!section) throw new Error(`report ${created.id} has no table 三 section`);
    editors.push({ username, unitId, reportId: created.id, version: section.version });
  }
  return { year, editors };
}

export interface PreparedSummation {
  reportId: number;
  unitName: string;
  year: number;
  /** Units on the reporting list (the units directly below), those whose published report is summed, and those marked 「暂缺」. */
  listedUnits: number;
  summedReports: number;
  absentUnits: number;
  /** What the 汇总 page sends with 「汇总」 (the sources it showed). */
  sourcesKey: string;
}

/**
 * A supervising unit's published report of `year` made ready for 「汇总」 as an office would: its
 * leader starts a correction (修订: the working copy becomes a draft, the published edition stays
 * public), its clerk starts the 汇总 and marks every unit on the list without a report 「暂缺」
 * with a note.
 */
export async function prepareSummation(db: Db, input: { unitId: number; year: number; clerk: UserActor; leader: UserActor }): Promise<PreparedSummation> {
  const [report] = await db
    .select({ id: reports.id, status: reports.status })
    .from(reports)
    .where(and(eq(reports.unitId, input.unitId), eq(reports.year, input.year)));
  if (!report) throw new Error(`unit ${input.unitId} has no report of ${input.year}`);
  if (report.status === "published") await startCorrection(db, input.leader, report.id);
  await startSummation(db, input.clerk, { reportId: report.id });
  let inputs = (await loadSummationInputs(db, report.id))!;
  for (const missing of computeSummation(inputs).missing.missing) {
    if (missing.problem !== null) await setUnitAbsent(db, input.clerk, { reportId: report.id, unitId: missing.unitId, note: "压测：该单位本年度未报送年报" });
  }
  inputs = (await loadSummationInputs(db, report.id))!;
  const computed = computeSummation(inputs);
  if (!computed.missing.canComplete) throw new Error(`the 汇总 of report ${report.id} still has units without a report or a note`);
  const [unit] = await db.select({ name: units.name }).from(units).where(eq(units.id, input.unitId));
  return {
    reportId: report.id,
    unitName: unit!.name,
    year: input.year,
    listedUnits: inputs.listed.length,
    summedReports: computed.sources.length,
    absentUnits: computed.missing.missing.length,
    sourcesKey: computed.sourcesKey,
  };
}
