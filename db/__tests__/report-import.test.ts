import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseReportJson, serializeReportDocument } from "@/lib/interchange";
import { openDatabase, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import { ImportError, importReportJson } from "../report-import";
import { readReportDocument } from "../report-store";
import { units } from "../schema";
import { ARCHIVE_UNITS, DEMO_UNITS } from "../seed/units";

const REPORTS_DIR = path.join(process.cwd(), "db/seed/reports");
const seedFiles = fs.readdirSync(REPORTS_DIR).filter((f) => f.endsWith(".json"));
const read = (file: string) => fs.readFileSync(path.join(REPORTS_DIR, file), "utf8");

function freshDb(): Db {
  const db = openDatabase(":memory:");
  migrateDatabase(db);
  for (const unit of [...DEMO_UNITS, ...ARCHIVE_UNITS]) {
    db.insert(units).values({ name: unit.name, shortName: unit.shortName, kind: unit.kind, orgCode: unit.orgCode }).run();
  }
  return db;
}

describe("report import and export", () => {
  let db: Db;
  beforeEach(() => {
    db = freshDb();
  });

  it.each(seedFiles)("%s: import → export gives back the same document, and re-importing it is lossless", (file) => {
    const original = parseReportJson(read(file));
    if (!original.ok) throw new Error(original.error.message);
    const orgCode = original.document.unit.orgCode!;
    const first = importReportJson(db, read(file), orgCode);
    const exported = readReportDocument(db, first.reportId)!;
    expect(exported).toEqual(original.document);

    const other = freshDb();
    const second = importReportJson(other, serializeReportDocument(exported), orgCode);
    expect(readReportDocument(other, second.reportId)).toEqual(exported);
  });

  it("stores a historical report as published with its errors kept, not fixed", () => {
    const doc = JSON.parse(read("qingshi-2022.json"));
    doc.tables.table3.total.results.totalProcessed += 1;
    doc.tables.table3.naturalPerson.results.granted = null;
    const result = importReportJson(db, JSON.stringify(doc), doc.unit.orgCode);
    expect(result.status).toBe("published");
    expect(result.errors.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["V0", "R3-3"]));
    const stored = readReportDocument(db, result.reportId)!;
    expect(stored.format === "legacy-freeform" ? null : stored.tables.table3!.total).toEqual(doc.tables.table3.total);
    expect(stored.format === "legacy-freeform" ? undefined : (stored.tables.table3!.naturalPerson as { results: { granted: unknown } }).results.granted).toBeNull();
  });

  it("stores a document without 发布日期 as a draft", () => {
    const result = importReportJson(db, read("qingshi-2024-draft.json"), "11339999MB0A12318P");
    expect(result.status).toBe("draft");
  });

  it("refuses an invalid document naming the JSON path, an unknown unit, another unit's document and a duplicate year", () => {
    const bad = JSON.parse(read("qingshi-2023.json"));
    bad.tables.table3.total.results.denied = 3;
    expect(() => importReportJson(db, JSON.stringify(bad), "11339999MB0A12318P")).toThrow(
      new ImportError("tables.table3.total.results.denied: expected object", 2),
    );
    expect(() => importReportJson(db, read("qingshi-2023.json"), "11339999MB0A12399X")).toThrow(/no unit with org code/);
    expect(() => importReportJson(db, read("qingshi-2023.json"), "11339999MB0A12326J")).toThrow(/belongs to/);
    importReportJson(db, read("qingshi-2023.json"), "11339999MB0A12318P");
    expect(() => importReportJson(db, read("qingshi-2023.json"), "11339999MB0A12318P")).toThrow(/already has a report for 2023/);
  });
});
