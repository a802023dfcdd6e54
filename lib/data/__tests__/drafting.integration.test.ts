/**
 * A clerk drafts a report (lib/data/reports.ts, lib/data/sections.ts): next year's report with
 * 上年结转 pre-filled, autosaves with versions, revisions and restores, sections marked complete.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createNextYearReport, getReportForEditing, listUnitReports, updateReportTitle } from "@/lib/data/reports";
import { listSectionRevisions, restoreSectionRevision, saveSection, setSectionCompleted } from "@/lib/data/sections";
import { getCell } from "@/lib/interchange";
import { consistent2023 } from "@/lib/rules/__tests__/fixtures";
import {
  actAs,
  addTownship,
  addUser,
  audited,
  clock,
  dataTables,
  refusal,
  reportRow,
  sectionRow,
  seedFixture,
  written,
  type Township,
} from "@/lib/testing/integration-db";
import { CONSISTENT_TABLES, draftReport, publishedReport } from "@/lib/testing/report-flows";

const f = await seedFixture();

const TABLE3_COLUMNS = ["naturalPerson", "commercial", "research", "social", "legal", "otherOrg", "total"] as const;

const versionOf = (reportId: number, key: string) => sectionRow(reportId, key).version;

describe("a clerk starts next year's report", () => {
  it("creates a draft for last year with every section of the current format, and the audit log says so", async () => {
    await actAs(f.qingshi.clerk);
    const { result, audit, notifications, transitions } = await written(() => createNextYearReport());

    expect(result.year).toBe(2024);
    const report = reportRow(result.id);
    expect(report).toMatchObject({
      unitId: f.qingshi.unit.id,
      year: 2024,
      format: "gov-2021",
      status: "draft",
      title: `${f.qingshi.unit.name}2024年政府信息公开工作年度报告`,
      createdById: f.qingshi.clerk.id,
      indexNo: null,
      liveEditionId: null,
    });
    const editing = await getReportForEditing(result.id);
    expect(editing.editable).toBe(true);
    expect(editing.sections.map((s) => [s.key, s.kind, s.state, s.version])).toEqual([
      ["preamble", "narrative", "not_started", 1],
      ["overview", "narrative", "not_started", 1],
      ["proactive", "table", "not_started", 1],
      ["applications", "table", "not_started", 1],
      ["reviewLitigation", "table", "not_started", 1],
      ["problems", "narrative", "not_started", 1],
      ["other", "narrative", "not_started", 1],
    ]);
    expect(editing.previous).toBeNull();
    expect(audit).toEqual([audited(f.qingshi.clerk, "report.create", { target: ["report", result.id], details: { year: 2024 } })]);
    expect(notifications).toEqual([]);
    expect(transitions).toEqual([]);
  });

  it("pre-fills 上年结转 of every column from last year's 结转下年度继续办理, and copies none of last year's other figures", async () => {
    const town = await addTownship("结转镇");
    await publishedReport(town);

    await actAs(town.clerk);
    const { id, year } = await createNextYearReport();
    expect(year).toBe(2025);

    const editing = await getReportForEditing(id);
    const applications = editing.sections.find((s) => s.key === "applications")!;
    if (applications.kind !== "table") throw new Error("section 三 is a table");
    expect(applications.tableId).toBe("table3");
    const table3 = applications.cells as Record<string, { carriedOver: unknown; newReceived: unknown }>;
    const previous = consistent2023();
    for (const column of TABLE3_COLUMNS) {
      expect(table3[column]!.carriedOver, column).toBe(getCell(previous, `table3.${column}.carriedForward`));
      expect(table3[column]!.newReceived, column).toBeNull();
    }
    expect(table3.naturalPerson!.carriedOver).toBe(1);
    // Last year's report is shown beside this year's, not copied into it.
    expect(editing.previous?.year).toBe(2024);
    expect(editing.previous?.sections.find((s) => s.key === "problems")?.html).not.toBe("");
    expect(editing.sections.find((s) => s.key === "problems")).toMatchObject({ kind: "narrative", html: "" });
    // Nothing of last year's publication is carried over.
    const created = reportRow(id);
    expect(created.metadata).not.toHaveProperty("indexNo");
    expect(created.metadata).not.toHaveProperty("writtenOn");
    expect(created.metadata).toMatchObject({ publisher: town.unit.name, disclosureMode: "主动公开" });
  });

  it("refuses a report for a year that has not begun; the workspace then offers none", async () => {
    const town = await addTownship("年度镇");
    await draftReport(town);
    await actAs(town.clerk);
    expect(await listUnitReports()).toMatchObject({ unitName: town.unit.name, canCreate: true, nextYear: 2025 });
    await draftReport(town);
    const { error, audit } = await refusal(() => createNextYearReport());
    expect(error.code).toBe("conflict");
    expect(audit).toEqual([]);

    const workspace = await listUnitReports();
    expect(workspace).toMatchObject({ canCreate: false, nextYear: null });
    expect(workspace.reports.map((r) => [r.year, r.status, r.sectionsCompleted, r.sectionsTotal])).toEqual([
      [2025, "draft", 0, 7],
      [2024, "draft", 0, 7],
    ]);
  });

  it("leaves drafting to clerks: leaders and admins cannot start a report, and admins have no workspace", async () => {
    for (const persona of [f.liuxi.leader, f.admin]) {
      await actAs(persona);
      const { error } = await refusal(() => createNextYearReport());
      expect(error.code).toBe("forbidden");
    }
    expect((await refusal(() => listUnitReports())).error.code).toBe("not_found");
  });
});

describe("a clerk writes the sections", () => {
  let town: Township;
  let reportId: number;

  beforeAll(async () => {
    town = await addTownship("写作镇");
    reportId = await draftReport(town);
  });

  const save = (sectionKey: string, baseVersion: number, content: { html?: string; cells?: Record<string, unknown> }) =>
    saveSection({ reportId, sectionKey, baseVersion, ...content });

  it("a save on the current version stores sanitised HTML under the next version, starts a revision and is audited", async () => {
    await actAs(town.clerk);
    const { result, audit } = await written(() => save("overview", 1, { html: '<p onclick="x()">概述<script>alert(1)</script></p>' }));

    expect(result).toMatchObject({ status: "saved", version: 2 });
    expect(sectionRow(reportId, "overview")).toMatchObject({ html: "<p>概述</p>", version: 2, updatedById: town.clerk.id });
    const revisions = await listSectionRevisions(reportId, "overview");
    expect(revisions).toEqual([expect.objectContaining({ version: 2, html: "<p>概述</p>", saveCount: 1, authorName: town.clerk.displayName, restoredFromId: null })]);
    expect(audit).toEqual([audited(town.clerk, "section.save", { target: ["report", reportId], details: { section: "overview" } })]);
  });

  it("autosaves by the same person within five minutes make one revision; after five minutes a new one begins", async () => {
    await actAs(town.clerk);
    clock.advanceMinutes(4);
    const quiet = await written(() => save("overview", 2, { html: "<p>概述二</p>" }));
    expect(quiet.audit).toEqual([]);
    expect(await listSectionRevisions(reportId, "overview")).toEqual([expect.objectContaining({ version: 3, html: "<p>概述二</p>", saveCount: 2 })]);

    clock.advanceMinutes(5);
    const next = await written(() => save("overview", 3, { html: "<p>概述三</p>" }));
    expect(next.audit).toEqual([audited(town.clerk, "section.save", { details: { section: "overview" } })]);
    expect((await listSectionRevisions(reportId, "overview")).map((r) => [r.version, r.saveCount])).toEqual([
      [4, 1],
      [3, 2],
    ]);
  });

  it("the same person's save on a version they no longer hold (a second tab) is refused within their burst too, and nothing is written", async () => {
    await actAs(town.clerk);
    const before = dataTables();
    const { result, audit } = await written(() => save("overview", 3, { html: "<p>另一个标签页里的旧稿</p>" }));
    expect(result).toEqual({ status: "conflict", theirs: expect.objectContaining({ html: "<p>概述三</p>", version: 4, updatedBy: town.clerk.displayName }) });
    expect(dataTables()).toEqual(before);
    expect(audit).toEqual([]);
  });

  it("another clerk's save starts a revision of their own", async () => {
    const colleague = await addUser(town.unit, "clerk", `t${town.unit.id}.clerk2`, "写作镇副文书");
    await actAs(colleague);
    await save("overview", 4, { html: "<p>同事的修改</p>" });
    const [latest, mine] = await listSectionRevisions(reportId, "overview");
    expect(latest).toMatchObject({ version: 5, authorName: colleague.displayName, saveCount: 1 });
    expect(mine).toMatchObject({ version: 4, authorName: town.clerk.displayName });
  });

  it("a save on top of someone else's newer version is refused with their version, and nothing is overwritten", async () => {
    await actAs(town.clerk);
    const before = dataTables();
    const { result, audit } = await written(() => save("overview", 4, { html: "<p>我基于旧版本的修改</p>" }));
    expect(result).toEqual({
      status: "conflict",
      theirs: expect.objectContaining({ html: "<p>同事的修改</p>", version: 5, updatedBy: "写作镇副文书" }),
    });
    expect(dataTables()).toEqual(before);
    expect(audit).toEqual([]);
  });

  it("restoring an old revision makes it the current text as a new revision; the next autosave does not merge into it", async () => {
    await actAs(town.clerk);
    const oldest = (await listSectionRevisions(reportId, "overview")).at(-1)!;
    const { result, audit } = await written(() => restoreSectionRevision(reportId, "overview", oldest.id));

    expect(result).toEqual({ version: 6 });
    expect(sectionRow(reportId, "overview")).toMatchObject({ html: oldest.html, version: 6, updatedById: town.clerk.id });
    const [restored] = await listSectionRevisions(reportId, "overview");
    expect(restored).toMatchObject({ version: 6, html: oldest.html, restoredFromId: oldest.id, authorName: town.clerk.displayName });
    expect(audit).toEqual([audited(town.clerk, "section.restore", { target: ["report", reportId], details: { section: "overview", revisionId: oldest.id } })]);

    await save("overview", 6, { html: "<p>恢复后继续写</p>" });
    const [afterwards, stillRestored] = await listSectionRevisions(reportId, "overview");
    expect(afterwards).toMatchObject({ version: 7, restoredFromId: null, saveCount: 1 });
    expect(stillRestored).toMatchObject({ version: 6, restoredFromId: oldest.id, html: oldest.html });
  });

  it("a revision of another section cannot be restored into this one", async () => {
    await actAs(town.clerk);
    const overviewRevision = (await listSectionRevisions(reportId, "overview"))[0]!;
    const { error } = await refusal(() => restoreSectionRevision(reportId, "problems", overviewRevision.id));
    expect(error.code).toBe("not_found");
  });

  it("a table save stores the cells with their totals computed", async () => {
    await actAs(town.clerk);
    const cells = structuredClone(CONSISTENT_TABLES.table3) as Record<string, Record<string, unknown>>;
    cells.total = {};
    await save("applications", 1, { cells });
    const stored = sectionRow(reportId, "applications").cells as typeof cells;
    expect(stored.total).toEqual(CONSISTENT_TABLES.table3!.total);
    expect(stored.naturalPerson).toEqual(CONSISTENT_TABLES.table3!.naturalPerson);

    // The next autosave joins the burst: section and revision hold the new cells, totals computed.
    const typed = structuredClone(CONSISTENT_TABLES.table3) as typeof cells;
    const changed = structuredClone(cells);
    changed.naturalPerson = { ...changed.naturalPerson, newReceived: Number(changed.naturalPerson!.newReceived) + 1 };
    expect(await save("applications", 2, { cells: changed })).toMatchObject({ status: "saved", version: 3 });
    const again = sectionRow(reportId, "applications").cells as typeof cells;
    expect(again.naturalPerson!.newReceived).toBe(Number(typed.naturalPerson!.newReceived) + 1);
    expect(again.total!.newReceived).toBe(Number(typed.total!.newReceived) + 1);
    const [revision] = await listSectionRevisions(reportId, "applications");
    expect(revision).toMatchObject({ version: 3, saveCount: 2, cells: again });
  });

  it("a malformed cell is refused at that cell and nothing is stored", async () => {
    await actAs(town.clerk);
    const cells = { naturalPerson: { newReceived: -3 } };
    const version = versionOf(reportId, "applications");
    const { error } = await refusal(() => save("applications", version, { cells }));
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["table3.naturalPerson.newReceived"]);
  });

  it("an empty narrative section cannot be marked complete, on the server too; nothing is written", async () => {
    await actAs(town.clerk);
    for (const html of ["", "<p></p>", "<p><br></p>", "<p>&nbsp; </p>"]) {
      await save("problems", versionOf(reportId, "problems"), { html });
      const before = dataTables();
      const { error, audit } = await refusal(() => setSectionCompleted(reportId, "problems", true));
      expect(error).toMatchObject({ code: "invalid", message: "本部分尚未填写，不能标记为已完成。" });
      expect(audit).toEqual([]);
      expect(dataTables()).toEqual(before);
      expect(sectionRow(reportId, "problems").completed).toBe(false);
    }
  });

  it("a table section with rule errors cannot be marked complete; once they are corrected it can", async () => {
    await actAs(town.clerk);
    // Blank cells are no mistake, but an empty table is not done.
    const { error } = await refusal(() => setSectionCompleted(reportId, "reviewLitigation", true));
    expect(error.code).toBe("invalid");
    expect(error.message).toMatch(/^本部分还有 \d+ 格未填写，填写后才能标记为已完成。$/);
    expect(sectionRow(reportId, "reviewLitigation").completed).toBe(false);

    // One wrong figure in table 三 (结转 that does not balance the 自然人 column, R3-1) refuses too.
    const wrong = structuredClone(CONSISTENT_TABLES.table3) as Record<string, Record<string, unknown>>;
    wrong.naturalPerson!.carriedForward = Number(wrong.naturalPerson!.carriedForward) + 1;
    await save("applications", versionOf(reportId, "applications"), { cells: wrong });
    const before = dataTables();
    const wrongOne = await refusal(() => setSectionCompleted(reportId, "applications", true));
    expect(wrongOne.error.message).toMatch(/^本部分还有 [1-9]\d* 个错误，改正后才能标记为已完成。$/);
    expect(dataTables()).toEqual(before);

    // Corrected, it can be marked complete, although table 四 elsewhere still has errors.
    await save("applications", versionOf(reportId, "applications"), { cells: CONSISTENT_TABLES.table3 as Record<string, unknown> });
    await setSectionCompleted(reportId, "applications", true);
    expect(sectionRow(reportId, "applications").completed).toBe(true);
    await setSectionCompleted(reportId, "applications", false);
  });

  it("marking a section complete and reopening it are audited", async () => {
    await actAs(town.clerk);
    await save("problems", versionOf(reportId, "problems"), { html: "<p>存在的问题：主动公开的及时性有待提高。</p>" });
    const done = await written(() => setSectionCompleted(reportId, "problems", true));
    expect(sectionRow(reportId, "problems").completed).toBe(true);
    expect((await getReportForEditing(reportId)).sections.find((s) => s.key === "problems")!.state).toBe("completed");
    const reopened = await written(() => setSectionCompleted(reportId, "problems", false));
    expect(sectionRow(reportId, "problems").completed).toBe(false);
    expect([...done.audit, ...reopened.audit]).toEqual([
      audited(town.clerk, "section.complete", { target: ["report", reportId], details: { section: "problems" } }),
      audited(town.clerk, "section.reopen", { target: ["report", reportId], details: { section: "problems" } }),
    ]);
  });

  it("the clerk retitles the draft, and the audit log says so", async () => {
    await actAs(town.clerk);
    const { audit } = await written(() => updateReportTitle(reportId, { title: "写作镇2024年政府信息公开工作年度报告（草稿）" }));
    expect(reportRow(reportId).title).toBe("写作镇2024年政府信息公开工作年度报告（草稿）");
    expect(audit).toEqual([audited(town.clerk, "report.title", { target: ["report", reportId] })]);
  });

  it("the unit's leader reads the draft but cannot change it; the admin and another township's clerk do not see it", async () => {
    await actAs(town.leader);
    expect((await getReportForEditing(reportId)).editable).toBe(false);
    expect((await refusal(() => save("other", 1, { html: "<p>领导改稿</p>" }))).error.code).toBe("forbidden");
    expect((await refusal(() => setSectionCompleted(reportId, "other", true))).error.code).toBe("forbidden");

    for (const outsider of [f.admin, f.liuxi.clerk]) {
      await actAs(outsider);
      expect((await refusal(() => getReportForEditing(reportId))).error.code).toBe("not_found");
      expect((await refusal(() => save("other", 1, { html: "<p>外单位改稿</p>" }))).error.code).toBe("not_found");
      expect((await refusal(() => listSectionRevisions(reportId, "overview"))).error.code).toBe("not_found");
    }

    await actAs(null);
    expect((await refusal(() => getReportForEditing(reportId))).error.code).toBe("unauthenticated");
  });
});
