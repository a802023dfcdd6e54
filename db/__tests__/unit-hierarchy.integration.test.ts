/**
 * Issue 14, the unit hierarchy in the database: documents of every unit kind import (a city's,
 * a city department's), R2-2 reads the unit's level from the stored tree, and the database
 * keeps every existing unit and report while the kinds grow (no migration needed: `kind` is a
 * plain text column without a CHECK constraint).
 */
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { parseReportJson } from "@/lib/interchange";
import { UNIT_KINDS } from "@/lib/vocabulary";
import { systemActor } from "../actor";
import { openDatabase, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import { importReportJson } from "../report-import";
import { readReportDocument } from "../report-store";
import { reports, units } from "../schema";
import { unitLevelOf } from "../unit-tree";
import { CITY_UNITS, DEMO_UNITS } from "../seed/units";
import { engine } from "../engine";
import { freshDatabase } from "@/lib/testing/fresh-database";

const importer = systemActor("import");
const template = () => JSON.parse(fs.readFileSync(path.join(process.cwd(), "db/seed/reports/qingshi-2023.json"), "utf8"));

const CITY = CITY_UNITS.find((u) => u.kind === "city")!;
const CITY_JUSTICE = { name: "示例市司法局", shortName: "市司法局", kind: "department" as const, orgCode: "11339900MB0A124496" };
const COUNTY_JUSTICE = DEMO_UNITS.find((u) => u.kind === "department")!;

function insertUnit(db: Db, unit: { name: string; shortName: string; kind: (typeof UNIT_KINDS)[number]; orgCode: string }, parentId: number | null): number {
  return db.insert(units).values({ name: unit.name, shortName: unit.shortName, kind: unit.kind, orgCode: unit.orgCode, parentId }).returning({ id: units.id }).get().id;
}

/** A 2023 document of the given unit that reports 规章 (2 repealed). */
function documentOf(unit: { name: string; orgCode: string; kind: string }, parentOrgCode?: string): string {
  const doc = template();
  doc.unit = { name: unit.name, orgCode: unit.orgCode, kind: unit.kind, ...(parentOrgCode ? { parentOrgCode } : {}) };
  doc.tables.table2.regulations.repealed = 2;
  return JSON.stringify(doc);
}

describe("the unit hierarchy in the database", () => {
  let db: Db;
  let ids: Record<"city" | "county" | "cityJustice" | "countyJustice", number>;

  beforeEach(() => {
    db = freshDatabase();
    const city = insertUnit(db, CITY, null);
    const county = insertUnit(db, DEMO_UNITS[0]!, city);
    ids = { city, county, cityJustice: insertUnit(db, CITY_JUSTICE, city), countyJustice: insertUnit(db, COUNTY_JUSTICE, county) };
  });

  it("stores a unit's level as its kind's, a department's as its parent's", async () => {
    expect(await unitLevelOf(db, ids.city)).toBe("city");
    expect(await unitLevelOf(db, ids.county)).toBe("county");
    expect(await unitLevelOf(db, ids.cityJustice)).toBe("city");
    expect(await unitLevelOf(db, ids.countyJustice)).toBe("county");
  });

  it("imports a city's report (kind city, no parent) as published, without R2-2 for its 规章", async () => {
    const result = await importReportJson(db, importer, documentOf(CITY), CITY.orgCode);
    expect(result.status).toBe("published");
    expect(result.warnings.filter((f) => f.ruleId === "R2-2")).toEqual([]);
    const stored = (await readReportDocument(db, result.reportId))!;
    expect(stored.unit).toMatchObject({ name: CITY.name, kind: "city" });
    expect(stored.format === "legacy-freeform" ? null : stored.tables.table2!.regulations).toMatchObject({ repealed: 2 });
  });

  it("a city department's report with its parent's org code spares its 规章; a county department's does not", async () => {
    const city = await importReportJson(db, importer, documentOf(CITY_JUSTICE, CITY.orgCode), CITY_JUSTICE.orgCode);
    expect(city.warnings.filter((f) => f.ruleId === "R2-2")).toEqual([]);
    const county = await importReportJson(db, importer, documentOf(COUNTY_JUSTICE, DEMO_UNITS[0]!.orgCode), COUNTY_JUSTICE.orgCode);
    expect(county.warnings.filter((f) => f.ruleId === "R2-2").map((f) => f.message)).toEqual([
      "规章·本年废止件数 为 2；县级人民政府部门没有规章制定权，规章各栏通常应为 0，请核实",
    ]);
  });

  it("the interchange format accepts every kind and an optional parentOrgCode; documents without it stay valid", () => {
    for (const kind of UNIT_KINDS) {
      const parsed = parseReportJson(documentOf({ name: "某单位", orgCode: CITY.orgCode, kind }, kind === "province" ? undefined : CITY.orgCode));
      expect(parsed.ok, kind).toBe(true);
    }
    const old = parseReportJson(JSON.stringify(template()));
    // (A stored report's document names the unit above by its org code: see the export test below.)
    expect(old.ok && old.document.unit).toEqual({ name: "示例县青石镇人民政府", orgCode: "11339999MB0A12318P", kind: "township" });
    const wrong = parseReportJson(documentOf({ name: "某单位", orgCode: CITY.orgCode, kind: "ministry" }));
    expect(wrong.ok).toBe(false);
  });
});

describe("a stored report's document names the unit above", () => {
  it("by the parent's org code, and not at all for a unit without a parent", async () => {
    const db = freshDatabase();
    const city = insertUnit(db, CITY, null);
    const county = insertUnit(db, DEMO_UNITS[0]!, city);
    insertUnit(db, DEMO_UNITS[1]!, county);
    const township = await importReportJson(db, importer, JSON.stringify(template()), DEMO_UNITS[1]!.orgCode);
    expect((await readReportDocument(db, township.reportId))!.unit).toEqual({ ...template().unit, parentOrgCode: DEMO_UNITS[0]!.orgCode });
    const own = await importReportJson(db, importer, documentOf(CITY), CITY.orgCode);
    expect((await readReportDocument(db, own.reportId))!.unit).not.toHaveProperty("parentOrgCode");
  });
});

// SQLite's migrations and its table definition (sqlite_master); PostgreSQL's schema is checked by the drift test.
describe.skipIf(engine() === "postgres")("migrations keep every existing unit and report", () => {
  it("a database with units of the old kinds and their reports keeps them when migrated again, and takes the new kinds", async () => {
    const db = openDatabase(":memory:");
    migrateDatabase(db);
    const old = ["county", "township", "subdistrict", "department"] as const;
    const county = insertUnit(db, { ...DEMO_UNITS[0]!, kind: old[0] }, null);
    for (const unit of DEMO_UNITS.slice(1)) insertUnit(db, unit, county);
    insertUnit(db, { name: "示例县城关街道办事处", shortName: "城关街道", kind: old[2], orgCode: "11339999MB0A12457E" }, county);
    const imported = await importReportJson(db, importer, fs.readFileSync(path.join(process.cwd(), "db/seed/reports/qingshi-2023.json"), "utf8"), "11339999MB0A12318P");
    const before = { units: db.select().from(units).all(), reports: db.select().from(reports).all() };
    expect(new Set(before.units.map((u) => u.kind))).toEqual(new Set(old));

    migrateDatabase(db);
    expect(db.select().from(units).all()).toEqual(before.units);
    expect(db.select().from(reports).all()).toEqual(before.reports);
    expect((await readReportDocument(db, imported.reportId))!.unit.kind).toBe("township");

    // No CHECK constraint limits `kind`: a city and a development zone are stored as any other kind.
    const table = db.$client.prepare("select sql from sqlite_master where type = 'table' and name = 'units'").get() as { sql: string };
    expect(table.sql).not.toMatch(/check/i);
    const city = insertUnit(db, CITY, null);
    db.update(units).set({ parentId: city }).where(eq(units.id, county)).run();
    insertUnit(db, { name: "示例县经济开发区管委会", shortName: "经开区", kind: "development_zone", orgCode: "11339999MB0A124659" }, county);
    expect(db.select({ kind: units.kind }).from(units).where(eq(units.id, city)).get()).toEqual({ kind: "city" });
  });
});
