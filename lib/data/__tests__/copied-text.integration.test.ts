/**
 * X-5 (雷同) against the other units' public reports (issue 13), through lib/data as the clerk
 * asks for it while typing: a neighbour's published text is found and named; once withdrawn it
 * is not; a new publication is found. The year's index is kept up to date in place, not rebuilt.
 */
import { describe, expect, it } from "vitest";
import { checkCopiedTextOfDraft, yearIndex } from "@/lib/data/report-checks";
import { getReportForEditing } from "@/lib/data/reports";
import { withdrawReport } from "@/lib/data/workflow";
import { actAs, addTownship, seedFixture } from "@/lib/testing/integration-db";
import { draftReport, narrativeHtml, publishedReport } from "@/lib/testing/report-flows";

await seedFixture();

const OWN_OVERVIEW =
  "<p>本镇今年把政务公开与基层治理结合起来，在每个行政村设立信息公开联络员，按月收集群众关心的问题，由党政办统一答复并在公开栏张贴，全年未发生因信息不公开引发的投诉。</p>" +
  "<p>便民服务中心增设自助查询终端两台，方便老年人查阅惠民政策，工作人员现场指导使用，群众满意度明显提高，相关做法在全县会议上作了交流。</p>";

describe("X-5 against the other units' public reports", () => {
  it("finds a neighbour's published text, forgets it when withdrawn, and finds a new publication", async () => {
    const first = await addTownship("雷同甲镇");
    const firstReport = await publishedReport(first);
    const mine = await addTownship("雷同乙镇");
    const draft = await draftReport(mine);
    const year = (await getReportForEditing(draft)).year;
    const index = await yearIndex(year);

    const ask = async () => {
      await actAs(mine.clerk);
      return checkCopiedTextOfDraft(draft, { sectionKey: "overview", html: narrativeHtml("overview") });
    };

    const copied = await ask();
    expect(copied.match).toMatchObject({ percent: 100, source: "other", sourceLabel: `${first.unit.name}${year}年度报告`, sourceSectionKey: "overview" });
    expect(copied.finding).toMatchObject({ ruleId: "X-5", severity: "warning", message: `本节 100% 的文字与${first.unit.name}${year}年度报告相同，请结合本单位实际情况撰写` });
    expect(copied.match!.mine.some((s) => s.shared)).toBe(true);
    expect(copied.match!.theirs.map((s) => s.text).join("")).toContain("本镇坚持以公开为常态");

    // The clerk's own text shares nothing with it.
    await actAs(mine.clerk);
    expect((await checkCopiedTextOfDraft(draft, { sectionKey: "overview", html: OWN_OVERVIEW })).finding).toBeNull();

    await actAs(first.leader);
    await withdrawReport(firstReport, { reason: "数据有误，撤回更正。" });
    expect(await ask()).toEqual({ finding: null, match: null });

    const next = await addTownship("雷同丙镇");
    await publishedReport(next);
    expect((await ask()).match).toMatchObject({ percent: 100, sourceLabel: `${next.unit.name}${year}年度报告` });
    // Kept up to date in place: the same index, one report in it.
    expect(await yearIndex(year)).toBe(index);
    expect(index.size).toBe(1);
  });

  it("answers only those who may read the report", async () => {
    const other = await addTownship("雷同丁镇");
    const mine = await addTownship("雷同戊镇");
    const draft = await draftReport(mine);
    await actAs(other.clerk);
    await expect(checkCopiedTextOfDraft(draft, { sectionKey: "overview", html: "<p>x</p>" })).rejects.toMatchObject({ code: "not_found" });
    await actAs(mine.clerk);
    await expect(checkCopiedTextOfDraft(draft, { sectionKey: "nonexistent", html: "<p>x</p>" })).rejects.toMatchObject({ code: "not_found" });
  });
});
