import fs from "node:fs";
import { eq } from "drizzle-orm";
import { openDatabase, type Db } from "../../db/client";
import { insertReportDocument } from "../../db/report-store";
import { transaction } from "../../db/transaction";
import { units, type Unit } from "../../db/schema";
import { reportDocumentSchema } from "../../lib/interchange";
import { orgCodeCheckChar } from "../../lib/validations/org-code";
import { E2E_DATABASE_PATH } from "../../playwright.config";

/**
 * A new township with a complete, consistent 2024 draft (every section marked complete),
 * ready to be submitted: built from a demo report so its figures are believable. By default
 * one 规章 is reported, which raises the R2-2 warning the clerk must explain.
 */
export async function createTownshipWithCompleteDraft(
  name: string,
  serial: number,
  options: { raisesWarning?: boolean } = {},
): Promise<{ unitId: number; reportId: number; orgCode: string }> {
  const db = openDatabase(E2E_DATABASE_PATH);
  try {
    const body = `WFTEST${String(serial).padStart(2, "0")}`;
    const orgCode = body + orgCodeCheckChar(body);
    const county = db.$client.prepare("select id from units where kind = 'county' limit 1").get() as { id: number };
    const unit = db
      .insert(units)
      .values({ name: `示例县${name}人民政府`, shortName: name, kind: "township", orgCode, parentId: county.id })
      .returning()
      .get();
    const reportId = await insertCompleteReport(db, unit, 2024, "draft", options.raisesWarning !== false);
    return { unitId: unit.id, reportId, orgCode };
  } finally {
    db.$client.close();
  }
}

/** Another complete report (sections marked complete, no warnings) of an existing unit, in the given state. */
export async function addCompleteReport(unitId: number, year: number, status: "draft" | "approved"): Promise<number> {
  const db = openDatabase(E2E_DATABASE_PATH);
  try {
    const unit = db.select().from(units).where(eq(units.id, unitId)).get()!;
    return await insertCompleteReport(db, unit, year, status, false);
  } finally {
    db.$client.close();
  }
}

async function insertCompleteReport(db: Db, unit: Unit, year: number, status: "draft" | "approved", raisesWarning: boolean): Promise<number> {
  const source = JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8"));
  source.year = year;
  source.unit = { name: unit.name, orgCode: unit.orgCode, kind: "township" };
  source.title = `${unit.name}${year}年政府信息公开工作年度报告`;
  source.metadata = { disclosureMode: "主动公开", scope: "面向全社会", publisher: unit.name, category: "政府信息公开年报" };
  source.signature = null;
  // The text is the township's own: no 青石 left in it for a search to find (the demo's 青石镇 has its own reports).
  const place = unit.shortName;
  for (const section of source.sections) {
    section.html = section.html
      .replaceAll("2023", String(year))
      .replaceAll("2022", String(year - 1))
      .replaceAll("青石镇", place)
      .replaceAll("青石", place.slice(0, 2));
  }
  const regulations = raisesWarning ? 1 : 0;
  source.tables.table2.regulations = { made: regulations, repealed: 0, valid: regulations };
  const doc = reportDocumentSchema.parse(source);
  const reportId = await transaction(db, (tx) => insertReportDocument(tx, doc, { unitId: unit.id, status, origin: "editor" }));
  db.$client.prepare("update report_sections set completed = 1 where report_id = ?").run(reportId);
  return reportId;
}
