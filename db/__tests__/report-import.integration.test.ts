import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseReportJson, serializeReportDocument } from "@/lib/interchange";
import { closeDb, type Db } from "../client";
import { freshDatabase } from "@/lib/testing/fresh-database";
import { ImportError, importReportJson } from "../report-import";
import { readReportDocument } from "../report-store";
import { systemActor } from "../actor";

const importer = systemActor("import");
import { units } from "../schema";
import { ARCHIVE_UNITS, DEMO_UNITS } from "../seed/units";

const REPORTS_DIR = path.join(process.cwd(), "db/seed/reports");
const seedFiles = fs.readdirSync(REPORTS_DIR).filter((f) => f.endsWith(".json"));
const read = (file: string) => fs.readFileSync(path.join(REPORTS_DIR, file), "utf8");

function freshDb(): Db {
  const db = freshDatabase();
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
  afterEach(() => closeDb(db));

  it.each(seedFiles)("%s: import → export gives back the same document, and re-importing it is lossless", async (file) => {
    const original = parseReportJson(read(file));
    if (!original.ok) throw new Error(original.error.message);
    const orgCode = original.document.unit.orgCode!;
    const first = await importReportJson(db, importer, read(file), orgCode);
    const exported = (await readReportDocument(db, first.reportId))!;
    expect(exported).toEqual(original.document);

    const other = freshDb();
    const second = await importReportJson(other, importer, serializeReportDocument(exported), orgCode);
    expect(await readReportDocument(other, second.reportId)).toEqual(exported);
  });

  it("stores a historical report as published with its errors kept, not fixed", async () => {
    const doc = JSON.parse(read("qingshi-2022.json"));
    doc.tables.table3.total.results.totalProcessed += 1;
    doc.tables.table3.naturalPerson.results.granted = null;
    const result = await importReportJson(db, importer, JSON.stringify(doc), doc.unit.orgCode);
    expect(result.status).toBe("published");
    expect(result.errors.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["V0", "R3-3"]));
    const stored = (await readReportDocument(db, result.reportId))!;
    expect(stored.format === "legacy-freeform" ? null : stored.tables.table3!.total).toEqual(doc.tables.table3.total);
    expect(stored.format === "legacy-freeform" ? undefined : (stored.tables.table3!.naturalPerson as { results: { granted: unknown } }).results.granted).toBeNull();
  });

  it("stores a document without 发布日期 as a draft", async () => {
    const result = await importReportJson(db, importer, read("qingshi-2024-draft.json"), "11339999MB0A12318P");
    expect(result.status).toBe("draft");
  });

  it("refuses an invalid document naming the JSON path, an unknown unit, another unit's document and a duplicate year", async () => {
    const bad = JSON.parse(read("qingshi-2023.json"));
    bad.tables.table3.total.results.denied = 3;
    await expect(importReportJson(db, importer, JSON.stringify(bad), "11339999MB0A12318P")).rejects.toThrow(
      new ImportError("tables.table3.total.results.denied: expected object", 2),
    );
    await expect(importReportJson(db, importer, read("qingshi-2023.json"), "11339999MB0A12399X")).rejects.toThrow(/no unit with org code/);
    await expect(importReportJson(db, importer, read("qingshi-2023.json"), "11339999MB0A12326J")).rejects.toThrow(/belongs to/);
    await importReportJson(db, importer, read("qingshi-2023.json"), "11339999MB0A12318P");
    await expect(importReportJson(db, importer, read("qingshi-2023.json"), "11339999MB0A12318P")).rejects.toThrow(/already has a report for 2023/);
  });
});
