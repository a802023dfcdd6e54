import fs from "node:fs";
import path from "node:path";
import { inArray, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "../../lib/password-hash";
import { dueReportYear } from "../../lib/time";
import type { Db } from "../client";
import { systemActor } from "../actor";
import { saveReportingList } from "../commands/reporting-list";
import { createUnit, updateUnit } from "../commands/units";
import { createUser } from "../commands/users";
import { appMeta, users } from "../schema";
import { transaction } from "../transaction";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { importReportJson } from "../report-import";
import { ARCHIVE_UNITS, CITY_UNITS, DEMO_UNITS, type DemoUnit } from "./units";
import { DEMO_META_KEY } from "../demo-marker";
import { seedDemoSummation } from "./summation";

export { DEMO_META_KEY, isDemoDataPresent } from "../demo-marker";

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Seeds the fictional city and county, their units and the demo accounts. Call only on an empty database. */
export async function seedDemoData(db: Db): Promise<void> {
  const seed = systemActor("seed");
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const idByShortName = new Map<string, number>();
  const values = (unit: DemoUnit, parentId: number | null) => ({ name: unit.name, shortName: unit.shortName, kind: unit.kind, orgCode: unit.orgCode, parentId });
  // A parent listed later (the city above 示例县) is attached once it exists, so the county keeps its id.
  const attachLater: DemoUnit[] = [];
  for (const unit of [...DEMO_UNITS, ...ARCHIVE_UNITS, ...CITY_UNITS]) {
    const parentId = unit.parent ? idByShortName.get(unit.parent) : undefined;
    if (unit.parent && parentId === undefined) attachLater.push(unit);
    const id = await createUnit(db, seed, values(unit, parentId ?? null));
    idByShortName.set(unit.shortName, id);
  }
  for (const unit of attachLater) {
    const parentId = idByShortName.get(unit.parent!);
    if (parentId === undefined) throw new Error(`unknown parent ${unit.parent}`);
    await updateUnit(db, seed, idByShortName.get(unit.shortName)!, values(unit, parentId));
  }
  for (const account of DEMO_ACCOUNTS) {
    const unitId = idByShortName.get(account.unit);
    if (unitId === undefined) throw new Error(`unknown demo unit ${account.unit}`);
    await createUser(db, seed, { username: account.username, displayName: account.displayName, role: account.role, unitId, passwordHash, mustChangePassword: false });
  }
  await seedDemoFiling(db, idByShortName);
  await transaction(db, async (tx) => {
    await tx.insert(appMeta).values({ key: DEMO_META_KEY, value: new Date().toISOString() });
  });
  await seedDemoReports(db);
  await seedDemoSummation(db);
}

/** The demo township that files its report with 示例县 before publication (发布前备案). */
export const DEMO_FILING_TOWNSHIP = "白沙乡";

/**
 * 备案 in the demo (issue 14): 示例县 keeps 不备案 for its units but asks 白沙乡 for 发布前备案,
 * for its next report (2024) and the year due now, saved through the 报送单位名单 as its clerk would.
 */
async function seedDemoFiling(db: Db, idByShortName: Map<string, number>): Promise<void> {
  const county = idByShortName.get("示例县")!;
  const township = idByShortName.get(DEMO_FILING_TOWNSHIP)!;
  for (const year of new Set([2024, dueReportYear(new Date())])) {
    await saveReportingList(db, systemActor("seed"), {
      supervisorId: county,
      year,
      entries: [{ unitId: township, included: true, reason: "", filingMode: "before_publication" }],
    });
  }
}

export const DEMO_REPORTS_DIR = path.join(process.cwd(), "db", "seed", "reports");

/**
 * Loads the demo reports (db/seed/reports/*.json) through the importer, oldest year first so
 * that cross-year checks find last year's report. Each file names its unit by org code.
 */
export async function seedDemoReports(db: Db): Promise<void> {
  const documents = fs
    .readdirSync(DEMO_REPORTS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => {
      const text = fs.readFileSync(path.join(DEMO_REPORTS_DIR, f), "utf8");
      const { year, unit } = JSON.parse(text) as { year: number; unit: { orgCode: string } };
      return { file: f, text, year, orgCode: unit.orgCode };
    })
    .sort((a, b) => a.year - b.year || a.file.localeCompare(b.file));
  for (const doc of documents) {
    try {
      await importReportJson(db, systemActor("seed"), doc.text, doc.orgCode);
    } catch (error) {
      throw new Error(`demo report ${doc.file}: ${error instanceof Error ? error.message : error}`);
    }
  }
}

/** Usernames of accounts that still accept the public demo password. */
export async function accountsWithDemoPassword(db: Db): Promise<string[]> {
  const candidates = await db
    .select({ username: users.username, passwordHash: users.passwordHash })
    .from(users)
    .where(inArray(users.username, DEMO_ACCOUNTS.map((a) => a.username)));
  const found: string[] = [];
  for (const c of candidates) if (await verifyPassword(c.passwordHash, DEMO_PASSWORD)) found.push(c.username);
  return found;
}
