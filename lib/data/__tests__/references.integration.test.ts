/**
 * Last year's report as a reference (issue 12): the 「上年」 figures beside each cell, section 五's
 * reference panel, the 上年结转 pre-fill and the cross-year checks all come from last year's
 * live published edition — never from its draft or a correction in progress.
 */
import { describe, expect, it } from "vitest";
import { createNextYearReport, getReportForEditing, listUnitReports } from "@/lib/data/reports";
import { saveSection } from "@/lib/data/sections";
import { startCorrection } from "@/lib/data/workflow";
import { getCell, setTableValue, type CellTree } from "@/lib/interchange";
import { actAs, addTownship, sectionRow, seedFixture } from "@/lib/testing/integration-db";
import { CONSISTENT_TABLES, draftReport, narrativeHtml, publishedReport } from "@/lib/testing/report-flows";

await seedFixture();

const published = (id: string) => getCell({ format: "gov-2021", tables: CONSISTENT_TABLES } as never, id) as number;

const table3Of = async (reportId: number) => {
  const section = (await getReportForEditing(reportId)).sections.find((s) => s.key === "applications")!;
  if (section.kind !== "table") throw new Error("section 三 is a table");
  return section.cells as Record<string, Record<string, unknown>>;
};

describe("last year's report as a reference", () => {
  it("is the published edition while a correction of it is in progress: figures, 上年结转 and section 五", async () => {
    const town = await addTownship("参照镇");
    const lastYear = await publishedReport(town);
    await actAs(town.leader);
    await startCorrection(lastYear);

    // The clerk changes last year's working copy: 本年新收 +2, 结转下年度 +5, section 五 rewritten.
    await actAs(town.clerk);
    let changed = setTableValue(CONSISTENT_TABLES, "table3.naturalPerson.newReceived", published("table3.naturalPerson.newReceived") + 2);
    changed = setTableValue(changed, "table3.naturalPerson.carriedForward", published("table3.naturalPerson.carriedForward") + 5);
    await saveSection({ reportId: lastYear, sectionKey: "applications", baseVersion: sectionRow(lastYear, "applications").version, cells: changed.table3 as CellTree });
    await saveSection({ reportId: lastYear, sectionKey: "problems", baseVersion: sectionRow(lastYear, "problems").version, html: "<p>更正中的草稿文字。</p>" });

    expect((await listUnitReports()).lastYearState).toBe("published");
    const { id } = await createNextYearReport();
    const editing = await getReportForEditing(id);
    expect(getCell(editing.previous!, "table3.naturalPerson.newReceived")).toBe(published("table3.naturalPerson.newReceived"));
    expect(editing.previous!.sections.find((s) => s.key === "problems")!.html).toBe(narrativeHtml("problems"));
    expect((await table3Of(id)).naturalPerson!.carriedOver).toBe(published("table3.naturalPerson.carriedForward"));
  });

  it("is missing when last year's report is only a draft: the workspace says so before creating, nothing is pre-filled", async () => {
    const town = await addTownship("草稿镇");
    await draftReport(town);
    await actAs(town.clerk);
    expect(await listUnitReports()).toMatchObject({ nextYear: 2025, lastYearState: "unpublished" });

    const { id } = await createNextYearReport();
    const editing = await getReportForEditing(id);
    expect(editing.previous).toBeNull();
    expect((await table3Of(id)).naturalPerson!.carriedOver).toBeNull();
  });

  it("is missing for a unit without any report, which is no reason to warn", async () => {
    const town = await addTownship("新设镇");
    await actAs(town.clerk);
    expect(await listUnitReports()).toMatchObject({ nextYear: 2024, lastYearState: "none" });
  });
});
