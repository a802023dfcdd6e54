/**
 * Issue 14, the 汇总 report through lib/data: the county clerk starts the 汇总 on the county's
 * report, enters its own figures (本级数据), marks a unit without a report 「暂缺」 with a note
 * (refused without one), and sums; the tables are the cell-by-cell sum, the published report
 * states who is missing; a township's correction shows up as a change before the re-sum, and the
 * own figures survive it. Up a city, every unit is counted exactly once.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readReportDocument } from "@/db/report-store";
import { reportEditions, reportFilings, reportSummations, sectionRevisions, type Unit } from "@/db/schema";
import { createNextYearReport, getReportForEditing } from "@/lib/data/reports";
import { saveSection, setSectionCompleted } from "@/lib/data/sections";
import { applyWordImport, previewWordImport } from "@/lib/data/word";
import { clearUnitAbsent, getSummationExport, getSummationView, markUnitAbsent, saveOwnFigures, startSummation, sumReport } from "@/lib/data/summation";
import { approveReport, publishApprovedReport, startCorrection } from "@/lib/data/workflow";
import { listCells } from "@/lib/formats";
import { getTableValue, parseReportJson, setTableValue, type ReportTables } from "@/lib/interchange";
import { consistentTablesArb } from "@/lib/rules/__tests__/arbitraries";
import { sumTables } from "@/lib/summation";
import { MISSING_ABSENT_NOTE_MESSAGE } from "@/lib/validations/summation";
import { APPROVAL, CONSISTENT_TABLES, PUBLISH_NOW, narrativeHtml, publishedReport, submitExplained, writeReport } from "@/lib/testing/report-flows";
import { actAs, addTownship, addUnit, addUser, audited, database, refusal, reportRow, sectionRow, seedFixture, written, type Persona, type Township } from "@/lib/testing/integration-db";

const f = await seedFixture();
const WORD_FIXTURE = path.join(process.cwd(), "lib", "word-import", "__tests__", "fixtures", "township-report.docx");
const countyClerk = await addUser(f.county, "clerk", "county.clerk", "孙主任");
const countyLeader = await addUser(f.county, "leader", "county.leader", "李县长");

/** The cell the county's own figures and 青石镇's correction change (行政复议·结果维持). */
const OWN_CELL = "table4.review.maintain";

let countyReport = 0;
let qingshiReport = 0;

/** The report's table sections as they are stored. */
function storedTables(reportId: number): ReportTables {
  return {
    table2: sectionRow(reportId, "proactive").cells ?? {},
    table3: sectionRow(reportId, "applications").cells ?? {},
    table4: sectionRow(reportId, "reviewLitigation").cells ?? {},
  } as ReportTables;
}

/** The input cells of two tables agree cell by cell. */
function expectSameCells(actual: ReportTables, expected: ReportTables) {
  for (const cell of listCells("gov-2021")) expect(getTableValue(actual, cell.id), cell.id).toBe(getTableValue(expected, cell.id) ?? null);
}

describe("who may 汇总", () => {
  it("the county clerk starts the 汇总 on the county's report; its typed tables become the own figures", async () => {
    qingshiReport = await publishedReport(f.qingshi);
    await actAs(countyClerk);
    countyReport = (await createNextYearReport()).id;
    expect((await getReportForEditing(countyReport)).summation).toEqual({ started: false });
    const { audit } = await written(() => startSummation(countyReport));
    expect(audit).toEqual([audited(countyClerk, "summation.start", { target: ["report", countyReport] })]);
    const view = await getSummationView(countyReport);
    expect(view).toMatchObject({ started: true, canEdit: true, readOnlyReason: null });
    expect(view.ownTables).toEqual(storedTables(countyReport));
    expect((await getReportForEditing(countyReport)).summation).toEqual({ started: true });
  });

  it("a township clerk cannot 汇总 (their unit supervises nobody), a county leader reads but cannot, another county's clerk cannot reach it", async () => {
    await actAs(f.qingshi.clerk);
    expect((await refusal(() => startSummation(qingshiReport))).error.code).toBe("not_found");
    expect((await refusal(() => sumReport(countyReport))).error.code).toBe("not_found");
    await actAs(countyLeader);
    expect((await getSummationView(countyReport)).canEdit).toBe(false);
    const { error, audit } = await refusal(() => sumReport(countyReport));
    expect(error.code).toBe("forbidden");
    expect(audit).toEqual([audited(countyLeader, "summation.sum", { target: ["report", countyReport], result: "denied" })]);
    const other = addUnit({ name: "测试邻县人民政府", shortName: "邻县", kind: "county", parentId: null });
    await actAs(await addUser(other, "clerk", "neighbour.clerk"));
    expect((await refusal(() => sumReport(countyReport))).error.code).toBe("not_found");
    expect((await refusal(() => getSummationView(countyReport))).error.code).toBe("not_found");
  });
});

describe("汇总 of the county", () => {
  it("is refused while 柳溪镇 has no report and is not marked 暂缺, naming it", async () => {
    await actAs(countyClerk);
    const view = await getSummationView(countyReport);
    expect(view.units.map((u) => [u.name, u.source])).toEqual([
      [f.qingshi.unit.name, "published"],
      [f.liuxi.unit.name, "missing"],
    ]);
    expect(view.canComplete).toBe(false);
    const { error } = await refusal(() => sumReport(countyReport, { sourcesKey: view.sourcesKey }));
    expect(error.message).toContain(f.liuxi.unit.name);
  });

  it("暂缺 needs a note, refused at the field in Chinese", async () => {
    await actAs(countyClerk);
    const { error } = await refusal(() => markUnitAbsent(countyReport, { unitId: f.liuxi.unit.id, note: "   " }));
    expect(error.fieldErrors).toEqual({ note: MISSING_ABSENT_NOTE_MESSAGE });
    const { error: notListed } = await refusal(() => markUnitAbsent(countyReport, { unitId: f.county.id, note: "不在名单" }));
    expect(notListed.code).toBe("invalid");
  });

  it("sums the own figures and 青石镇's published figures; the report states that 柳溪镇 is missing", async () => {
    await actAs(countyClerk);
    const own = setTableValue(storedTables(countyReport), OWN_CELL, 2);
    // Blank own cells stay blank in the sum: the clerk enters 0 where the county had nothing.
    let filled = own;
    for (const cell of listCells("gov-2021")) if (!cell.computed && getTableValue(filled, cell.id) == null) filled = setTableValue(filled, cell.id, 0);
    await saveOwnFigures(countyReport, { tables: filled as Record<string, Record<string, unknown>> });
    const { audit } = await written(() => markUnitAbsent(countyReport, { unitId: f.liuxi.unit.id, note: "该镇年报尚在编制中。" }));
    expect(audit).toEqual([audited(countyClerk, "summation.absent", { details: { unit: f.liuxi.unit.name, note: "该镇年报尚在编制中。" } })]);

    const view = await getSummationView(countyReport);
    expect(view.canComplete).toBe(true);
    expect(view.statement).toBe(`本汇总数据不含：${f.liuxi.unit.name}（暂缺：该镇年报尚在编制中）。`);
    expect(view.findings.filter((x) => x.severity === "error")).toEqual([]);
    expect(view.changes.length).toBeGreaterThan(0);

    const versionsBefore = sectionRow(countyReport, "reviewLitigation").version;
    const { audit: sumAudit } = await written(() => sumReport(countyReport, { sourcesKey: view.sourcesKey }));
    expect(sumAudit).toEqual([audited(countyClerk, "summation.sum", { details: { units: [f.qingshi.unit.name], absent: [f.liuxi.unit.name] } })]);
    const expected = sumTables("gov-2021", [{ id: "q", label: "q", format: "gov-2021", tables: storedTablesOfEdition(qingshiReport) }], filled).tables;
    expectSameCells(storedTables(countyReport), expected);
    expect(getTableValue(storedTables(countyReport), OWN_CELL)).toBe((getTableValue(storedTablesOfEdition(qingshiReport), OWN_CELL) as number) + 2);
    expect(sectionRow(countyReport, "reviewLitigation").version).toBe(versionsBefore + 1);
    const section = sectionRow(countyReport, "reviewLitigation");
    expect(database().select().from(sectionRevisions).where(and(eq(sectionRevisions.sectionId, section.id), eq(sectionRevisions.version, section.version))).all()).toHaveLength(1);
    expect(reportRow(countyReport).metadata.summationNote).toBe(view.statement);
    expect(database().select().from(reportSummations).where(eq(reportSummations.reportId, countyReport)).get()!.sources).toEqual([
      { unitId: f.qingshi.unit.id, unitName: f.qingshi.unit.name, reportId: qingshiReport, edition: 1, filingId: null },
    ]);
    // Up to date: nothing left to change.
    expect((await getSummationView(countyReport)).changes).toEqual([]);
    // The export seam: the same tables and every unit's row.
    const exported = await getSummationExport(countyReport);
    expect(exported.breakdown.contributors.map((c) => c.label)).toEqual(["本级", f.qingshi.unit.name]);
    expectSameCells(exported.tables, expected);
  });

  it("the summed tables cannot be typed over in the editor: the server refuses table saves", async () => {
    await actAs(countyClerk);
    const table = sectionRow(countyReport, "proactive");
    const { error } = await refusal(() => saveSection({ reportId: countyReport, sectionKey: "proactive", baseVersion: table.version, cells: table.cells as Record<string, unknown> }));
    expect(error.message).toContain("汇总");
  });

  it("nor through 「从 Word 导入」: a summed report offers only its text, never its tables", async () => {
    await actAs(countyClerk);
    const preview = await previewWordImport(countyReport, new File([new Uint8Array(fs.readFileSync(WORD_FIXTURE))], "县报告.docx"));
    expect(preview.parts.length).toBeGreaterThan(0);
    expect(preview.parts.filter((p) => p.kind === "table")).toEqual([]);
    const tables = storedTables(countyReport);
    await refusal(() => applyWordImport(countyReport, new File([new Uint8Array(fs.readFileSync(WORD_FIXTURE))], "县报告.docx"), ["applications"]));
    expect(storedTables(countyReport)).toEqual(tables);
  });

  it("a township's correction shows up as a change old → new; the re-sum applies it and keeps the own figures", async () => {
    // 青石镇 corrects its published report: one more case of 行政复议 维持.
    await actAs(f.qingshi.leader);
    await startCorrection(qingshiReport);
    await actAs(f.qingshi.clerk);
    const table4 = sectionRow(qingshiReport, "reviewLitigation");
    const before = getTableValue(storedTablesOfEdition(qingshiReport), OWN_CELL) as number;
    const corrected = setTableValue({ table4: table4.cells ?? {} }, OWN_CELL, before + 5).table4!;
    await saveSection({ reportId: qingshiReport, sectionKey: "reviewLitigation", baseVersion: table4.version, cells: corrected as Record<string, unknown> });
    await submitExplained(f.qingshi, qingshiReport);
    await actAs(f.qingshi.leader);
    await approveReport(qingshiReport, APPROVAL);
    await publishApprovedReport(qingshiReport, { scheduleAt: "", changeNote: "更正行政复议数据。" });

    await actAs(countyClerk);
    const view = await getSummationView(countyReport);
    const change = view.changes.find((c) => c.id === OWN_CELL);
    expect(change).toMatchObject({ before: before + 2, after: before + 7, computed: false });
    expect(view.changes.every((c) => c.id === OWN_CELL || c.computed)).toBe(true);
    // A stale page (the sources it showed) is refused.
    expect((await refusal(() => sumReport(countyReport, { sourcesKey: "stale" }))).error.code).toBe("conflict");
    await sumReport(countyReport, { sourcesKey: view.sourcesKey });
    expect(getTableValue(storedTables(countyReport), OWN_CELL)).toBe(before + 7);
    expect(getTableValue((await getSummationView(countyReport)).ownTables, OWN_CELL)).toBe(2);
  });

  it("a unit whose report is filed (accepted) but not yet published is summed from the filed document", async () => {
    await actAs(f.liuxi.clerk);
    const liuxiReport = (await createNextYearReport()).id;
    await writeReport(f.liuxi, liuxiReport);
    const filed = (await readReportDocument(database(), liuxiReport))!;
    database()
      .insert(reportFilings)
      .values({ reportId: liuxiReport, supervisorId: f.county.id, mode: "before_publication", document: JSON.stringify(filed), status: "accepted", filedAt: new Date(), decidedAt: new Date() })
      .run();
    await actAs(countyClerk);
    const view = await getSummationView(countyReport);
    expect(view.units.find((u) => u.unitId === f.liuxi.unit.id)).toMatchObject({ source: "filed", absentNote: "该镇年报尚在编制中。", problem: null });
    // Summed, so no longer stated as missing.
    expect(view.statement).toBeNull();
    expect(view.breakdown.contributors.map((c) => c.label)).toEqual(["本级", f.qingshi.unit.name, f.liuxi.unit.name]);
    const liuxiValue = getTableValue(CONSISTENT_TABLES, OWN_CELL) as number;
    expect(getTableValue(view.sum, OWN_CELL)).toBe((getTableValue(storedTables(countyReport), OWN_CELL) as number) + liuxiValue);
    await sumReport(countyReport, { sourcesKey: view.sourcesKey });
    expect(reportRow(countyReport).metadata.summationNote).toBeUndefined();
    await clearUnitAbsent(countyReport, f.liuxi.unit.id);
  });

  it("clearing 暂缺 of a unit without a report blocks the 汇总 again", async () => {
    const town = await addTownship("丁村镇");
    await actAs(countyClerk);
    expect((await getSummationView(countyReport)).units.find((u) => u.unitId === town.unit.id)?.source).toBe("missing");
    await markUnitAbsent(countyReport, { unitId: town.unit.id, note: "新设镇，尚无年报" });
    expect((await getSummationView(countyReport)).canComplete).toBe(true);
    await clearUnitAbsent(countyReport, town.unit.id);
    expect((await getSummationView(countyReport)).canComplete).toBe(false);
  });
});

/** The tables of a report's live edition. */
function storedTablesOfEdition(reportId: number): ReportTables {
  const live = reportRow(reportId).liveEditionId!;
  const parsed = parseReportJson(database().select().from(reportEditions).where(eq(reportEditions.id, live)).get()!.snapshot);
  if (!parsed.ok || !("tables" in parsed.document)) throw new Error("no edition");
  return parsed.document.tables ?? {};
}

describe("up a city, every unit is counted exactly once", () => {
  it("the city's 汇总 equals city own + counties' own + every township, each counted once", async () => {
    const generated = fc.sample(consistentTablesArb("gov-2021"), { numRuns: 9, seed: 14 });
    const next = () => generated.pop()!;
    const province = addUnit({ name: "测试省人民政府", shortName: "测试省", kind: "province", parentId: null });
    const city = addUnit({ name: "测试省甲市人民政府", shortName: "甲市", kind: "city", parentId: province.id });
    const everyOwn: ReportTables[] = [];

    async function township(county: Unit, name: string): Promise<void> {
      const unit = addUnit({ name: `${county.shortName}${name}人民政府`, shortName: name, kind: "township", parentId: county.id });
      const town: Township = { unit, clerk: await addUser(unit, "clerk", `${unit.id}.c`), leader: await addUser(unit, "leader", `${unit.id}.l`) };
      const tables = next();
      everyOwn.push(tables);
      await actAs(town.clerk);
      const id = (await createNextYearReport()).id;
      await writeReport(town, id, { tables });
      await submitExplained(town, id);
      await actAs(town.leader);
      await approveReport(id, APPROVAL);
      await publishApprovedReport(id, PUBLISH_NOW);
    }

    /** A supervising unit's 汇总 report, summed from its own figures and its list, and published when asked. */
    async function summed(unit: Unit, clerk: Persona, leader: Persona, publish: boolean): Promise<number> {
      const own = next();
      everyOwn.push(own);
      await actAs(clerk);
      const id = (await createNextYearReport()).id;
      await startSummation(id);
      await saveOwnFigures(id, { tables: own as Record<string, Record<string, unknown>> });
      await sumReport(id);
      if (!publish) return id;
      for (const section of (await getReportForEditing(id)).sections) {
        if (section.kind === "narrative") await saveSection({ reportId: id, sectionKey: section.key, baseVersion: section.version, html: narrativeHtml(section.key) });
        await setSectionCompleted(id, section.key, true);
      }
      await submitExplained({ unit, clerk, leader }, id);
      await actAs(leader);
      await approveReport(id, APPROVAL);
      await publishApprovedReport(id, PUBLISH_NOW);
      return id;
    }

    for (const name of ["东县", "西县"]) {
      const county = addUnit({ name: `甲市${name}人民政府`, shortName: name, kind: "county", parentId: city.id });
      await township(county, "一镇");
      await township(county, "二镇");
      await township(county, "三乡");
      await summed(county, await addUser(county, "clerk", `${county.id}.c`), await addUser(county, "leader", `${county.id}.l`), true);
    }
    const cityClerk = await addUser(city, "clerk", "city.clerk");
    const cityReport = await summed(city, cityClerk, await addUser(city, "leader", "city.leader"), false);

    await actAs(cityClerk);
    const view = await getSummationView(cityReport);
    // The city adds its two counties (their published 汇总), never the townships below them.
    expect(view.breakdown.contributors.map((c) => c.label)).toEqual(["本级", "甲市东县人民政府", "甲市西县人民政府"]);
    expect(everyOwn).toHaveLength(9);
    const expected = sumTables("gov-2021", everyOwn.map((tables, i) => ({ id: String(i), label: String(i), format: "gov-2021", tables }))).tables;
    expectSameCells(storedTables(cityReport), expected);
    expect(view.findings.filter((x) => x.severity === "error")).toEqual([]);
  });
});
