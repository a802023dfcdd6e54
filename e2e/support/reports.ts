import fs from "node:fs";
// First: it points db/schema at PostgreSQL when the e2e lane runs there (E2E_DATABASE_URL).
import { E2E_DATABASE_PATH, E2E_DATABASE_URL } from "../../playwright.config";
import { and, eq } from "drizzle-orm";
import { closeDb, openDatabase, openPostgres, type Db } from "../../db/client";
import { systemActor } from "../../db/actor";
import { publishReport } from "../../db/commands/publication";
import { insertReportDocument } from "../../db/report-store";
import { transaction } from "../../db/transaction";
import { reports, reportSections, units, type Unit } from "../../db/schema";
import type { CellId, FormatId, TableId } from "../../lib/formats";
import { reportDocumentSchema, setTableValue, type ReportTables } from "../../lib/interchange";
import { fillComputedCells } from "../../lib/rules";
import { orgCodeCheckChar } from "../../lib/validations/org-code";

/** The e2e database, whichever engine the server runs on. */
const openE2eDatabase = (): Db => (E2E_DATABASE_URL ? openPostgres(E2E_DATABASE_URL) : openDatabase(E2E_DATABASE_PATH));

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
  const db = openE2eDatabase();
  try {
    const body = `WFTEST${String(serial).padStart(2, "0")}`;
    const orgCode = body + orgCodeCheckChar(body);
    const [county] = await db.select({ id: units.id }).from(units).where(eq(units.kind, "county")).orderBy(units.id).limit(1);
    const [unit] = await db
      .insert(units)
      .values({ name: `示例县${name}人民政府`, shortName: name, kind: "township", orgCode, parentId: county!.id })
      .returning();
    if (!unit) throw new Error("no unit inserted");
    const reportId = await insertCompleteReport(db, unit, 2024, "draft", options.raisesWarning !== false);
    return { unitId: unit.id, reportId, orgCode };
  } finally {
    await closeDb(db);
  }
}

/** Another complete report (sections marked complete, no warnings) of an existing unit, in the given state. */
export async function addCompleteReport(unitId: number, year: number, status: "draft" | "approved"): Promise<number> {
  const db = openE2eDatabase();
  try {
    const [unit] = await db.select().from(units).where(eq(units.id, unitId));
    if (!unit) throw new Error(`no unit ${unitId}`);
    return await insertCompleteReport(db, unit, year, status, false);
  } finally {
    await closeDb(db);
  }
}

/**
 * Every test township's text is the same demo report's, so their sections copy each other by
 * design (雷同, X-5). The e2e server warns only at 100 % (COPIED_TEXT_THRESHOLD in
 * playwright.config.ts), and sections that do not name the township get a closing sentence
 * that does, so no test township's section is a whole copy of another's; a test that wants
 * X-5 pastes a whole section.
 */
const OWN_CLOSING: Readonly<Record<string, (place: string, year: number) => string>> = {
  problems: (place, year) => `<p>${place}将把上述改进措施纳入${year + 1}年政务公开工作要点，逐项抓好落实。</p>`,
  other: (place) => `<p>${place}本年度无其他需要报告的事项。</p>`,
};

/**
 * A published report of an existing unit whose text is another demo township's (so it does not
 * copy the unit's drafts, which are made from 青石镇's), published by the system on time.
 */
export async function addPublishedReport(unitId: number, year: number, textFrom: "liuxi-2023" | "baisha-2023" = "liuxi-2023"): Promise<number> {
  const db = openE2eDatabase();
  try {
    const [unit] = await db.select().from(units).where(eq(units.id, unitId));
    if (!unit) throw new Error(`no unit ${unitId}`);
    const reportId = await insertCompleteReport(db, unit, year, "approved", false, textFrom);
    // Published on time (in January of the next year), as the county overview expects of the demo county.
    const result = await publishReport(db, systemActor("cli"), reportId, { at: new Date(`${year + 1}-01-20T09:30:00+08:00`), from: ["approved"] });
    if (!result.published) throw new Error(`report ${reportId} was not published`);
    return reportId;
  } finally {
    await closeDb(db);
  }
}

async function insertCompleteReport(
  db: Db,
  unit: Unit,
  year: number,
  status: "draft" | "approved",
  raisesWarning: boolean,
  textFrom = "qingshi-2023",
): Promise<number> {
  const source = JSON.parse(fs.readFileSync("db/seed/reports/qingshi-2023.json", "utf8"));
  source.sections = JSON.parse(fs.readFileSync(`db/seed/reports/${textFrom}.json`, "utf8")).sections;
  source.year = year;
  source.unit = { name: unit.name, orgCode: unit.orgCode, kind: "township" };
  source.title = `${unit.name}${year}年政府信息公开工作年度报告`;
  source.metadata = { disclosureMode: "主动公开", scope: "面向全社会", publisher: unit.name, category: "政府信息公开年报" };
  source.signature = null;
  // The text is the township's own: no 青石 left in it for a search to find (the demo's 青石镇 has its own reports).
  const place = unit.shortName;
  for (const section of source.sections) {
    section.html =
      section.html
        .replaceAll("2023", String(year))
        .replaceAll("2022", String(year - 1))
        .replaceAll(/青石镇|柳溪镇|白沙乡/g, place)
        .replaceAll(/青石|柳溪|白沙/g, place.slice(0, 2)) + (OWN_CLOSING[section.key]?.(place, year) ?? "");
  }
  const regulations = raisesWarning ? 1 : 0;
  source.tables.table2.regulations = { made: regulations, repealed: 0, valid: regulations };
  const doc = reportDocumentSchema.parse(source);
  const reportId = await transaction(db, (tx) => insertReportDocument(tx, doc, { unitId: unit.id, status, origin: "editor" }));
  await db.update(reportSections).set({ completed: true }).where(eq(reportSections.reportId, reportId));
  return reportId;
}

/**
 * A published report's correction, published at once (edition 2, 3 …) by the system: one cell
 * of its tables changed (totals follow), as if the unit had corrected and republished it.
 */
export async function publishCorrectedCell(reportId: number, cellId: string, value: number, changeNote = "更正统计数据。"): Promise<void> {
  const db = openE2eDatabase();
  try {
    const tableId = cellId.split(".")[0] as TableId;
    const [row] = await db
      .select({ id: reportSections.id, cells: reportSections.cells })
      .from(reportSections)
      .where(and(eq(reportSections.reportId, reportId), eq(reportSections.tableId, tableId)));
    const [report] = await db.select({ format: reports.format }).from(reports).where(eq(reports.id, reportId));
    const tables = fillComputedCells(report!.format as FormatId, setTableValue({ [tableId]: row!.cells } as ReportTables, cellId as CellId, value));
    await db.update(reportSections).set({ cells: tables[tableId] ?? null }).where(eq(reportSections.id, row!.id));
    const result = await publishReport(db, systemActor("cli"), reportId, { at: new Date(), from: ["published"], changeNote });
    if (!result.published) throw new Error(`report ${reportId} was not republished`);
  } finally {
    await closeDb(db);
  }
}
