/**
 * npm run seed:province -- [--units 5000] [--years 8] [--db data/province.db]
 *
 * Builds a fictional province (scripts/lib/province.ts) into an empty database: about `units`
 * units (1 province, 12 cities, 100 counties with their departments and townships at 5,000) and
 * `years` years of published reports up to last year, with consistent cross-year figures and
 * governments' reports adding up their units'. For benches and for trying a platform's scale;
 * not demo data. Creates the account `admin` with a random password (printed; to be changed at
 * first sign-in). Refuses a database that already has units.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { systemActor } from "@/db/actor";
import { openDatabase } from "@/db/client";
import { importReport } from "@/db/commands/reports";
import { createUnit } from "@/db/commands/units";
import { createUser } from "@/db/commands/users";
import { migrateDatabase } from "@/db/migrate";
import { units } from "@/db/schema";
import { now } from "@/lib/clock";
import { hashPassword } from "@/lib/password-hash";
import { chinaYear } from "@/lib/time";
import { provinceReport, provinceUnits, provinceYears } from "./lib/province";

const USAGE = "usage: npm run seed:province -- [--units 5000] [--years 8] [--db data/province.db]";

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a positive integer`);
  return Number(value);
}

async function main(): Promise<number> {
  let options: { units: number; years: number; db: string };
  try {
    const { values } = parseArgs({ options: { units: { type: "string" }, years: { type: "string" }, db: { type: "string" } } });
    options = {
      units: positiveInt(values.units, 5000, "units"),
      years: positiveInt(values.years, 8, "years"),
      db: values.db ?? process.env.DATABASE_PATH ?? "data/province.db",
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n${USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  const db = openDatabase(options.db);
  migrateDatabase(db);
  if ((db.select({ n: sql<number>`count(*)` }).from(units).get()?.n ?? 0) > 0) {
    process.stderr.write(`${options.db} already has units; seed:province fills an empty database only.\n`);
    return 1;
  }
  const actor = systemActor("cli");

  const plan = provinceUnits(options.units);
  const idOf: number[] = [];
  for (const unit of plan) {
    idOf[unit.index] = await createUnit(db, actor, {
      name: unit.name,
      shortName: unit.shortName,
      kind: unit.kind,
      orgCode: unit.orgCode,
      parentId: unit.parentIndex === null ? null : idOf[unit.parentIndex]!,
    });
  }
  const password = randomBytes(12).toString("base64url");
  await createUser(db, actor, {
    username: "admin",
    displayName: "系统管理员",
    role: "admin",
    unitId: idOf[0]!,
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
  });
  process.stdout.write(`${plan.length} units in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const lastYear = chinaYear(now()) - 1;
  const years = Array.from({ length: options.years }, (_, i) => lastYear - options.years + 1 + i);
  let reports = 0;
  for (const { year, format, reports: published } of provinceYears(plan, years)) {
    const yearStarted = Date.now();
    for (const { unit, tables } of published) await importReport(db, actor, provinceReport(unit, year, tables, years), unit.orgCode);
    reports += published.length;
    process.stdout.write(`${year} (${format}): ${published.length} reports in ${((Date.now() - yearStarted) / 1000).toFixed(1)} s\n`);
  }
  db.$client.pragma("optimize");
  db.$client.close();
  process.stdout.write(
    `${plan.length} units, ${reports} published reports in ${options.db} (${((Date.now() - started) / 1000).toFixed(0)} s).\n` +
      `Sign in as admin with the password ${password} (you will be asked to change it).\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  },
);
