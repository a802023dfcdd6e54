import fs from "node:fs";
import { openDatabase } from "../../db/client";
import { insertReportDocument } from "../../db/report-store";
import { units } from "../../db/schema";
import { reportDocumentSchema } from "../../lib/interchange";
import { orgCodeCheckChar } from "../../lib/validations/org-code";
import { E2E_DATABASE_PATH } from "../../playwright.config";

/**
 * A new township with a complete, consistent 2024 draft (every section marked complete),
 * ready to be submitted: built from a demo report so its figures are believable. By default
 * one 规章 is reported, which raises the R2-2 warning the clerk must explain.
 */
export function createTownshipWithCompleteDraft(
  name: string,
  serial: number,
  options: { raisesWarning?: boolean } = {},
): { unitId: number; reportId: number; orgCode: string } {
  const source = JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8"));
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
    source.year = 2024;
    source.unit = { name: unit.name, orgCode, kind: "township" };
    source.title = `${unit.name}2024年政府信息公开工作年度报告`;
    source.metadata = { disclosureMode: "主动公开", scope: "面向全社会", publisher: unit.name, category: "政府信息公开年报" };
    source.signature = null;
    for (const section of source.sections) section.html = section.html.replaceAll("2023", "2024").replaceAll("2022", "2023");
    const regulations = options.raisesWarning === false ? 0 : 1;
    source.tables.table2.regulations = { made: regulations, repealed: 0, valid: regulations };
    const doc = reportDocumentSchema.parse(source);
    const reportId = insertReportDocument(db, doc, { unitId: unit.id, status: "draft", origin: "editor" });
    db.$client.prepare("update report_sections set completed = 1 where report_id = ?").run(reportId);
    return { unitId: unit.id, reportId, orgCode };
  } finally {
    db.$client.close();
  }
}
