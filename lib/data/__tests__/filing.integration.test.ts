/**
 * Issue 14, 备案 through lib/data: the county clerk sets 发布前备案 on the reporting list; the
 * leader's approval then files the report with the county (待备案) instead of approving it for
 * publication; the county clerk sends it back with a reason or accepts it, after which the leader
 * publishes. Under 发布后备案 every published edition (the scheduler's too) is filed for the
 * county to acknowledge. Only the county's clerks decide; every refusal is audited.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runDuePublications } from "@/db/commands/publication";
import { reportFilings, units } from "@/db/schema";
import { acceptFiling, acknowledgeFiling, getFiling, listFilings, returnFiling } from "@/lib/data/filings";
import { getSupervisionOverview } from "@/lib/data/overview";
import { getReportHistory } from "@/lib/data/report-history";
import { getReportingList, saveReportingList } from "@/lib/data/reporting-list";
import { approveReport, FILING_BEFORE_PUBLICATION, getReviewData, publishApprovedReport } from "@/lib/data/workflow";
import { STALE_FILING } from "@/db/commands/filing";
import { chinaDateTime } from "@/lib/time";
import { actAs, addTownship, addUnit, addUser, audited, clock, database, notified, refusal, reportRow, seedFixture, written } from "@/lib/testing/integration-db";
import { APPROVAL, PUBLISH_NOW, approvedReport, publishedReport, submitExplained, submittedReport } from "@/lib/testing/report-flows";

const f = await seedFixture();
const countyClerk = await addUser(f.county, "clerk", "county.clerk", "孙主任");
const countyLeader = await addUser(f.county, "leader", "county.leader", "李县长");
const otherCounty = addUnit({ name: "测试邻县人民政府", shortName: "邻县", kind: "county", parentId: null });
const otherClerk = await addUser(otherCounty, "clerk", "other.clerk", "邻县文书");
const YEAR = 2024;

/** The 备案 column of the unit's row in the viewer's overview of YEAR. */
const overviewFilingOf = async (unitId: number) => (await getSupervisionOverview({ year: String(YEAR) })).rows.find((r) => r.unitId === unitId)?.filing;

const filingsOf = (reportId: number) => database().select().from(reportFilings).where(eq(reportFilings.reportId, reportId)).orderBy(reportFilings.id).all();

/** As the county clerk: 备案方式 for the whole list, and `override` for the 柳溪镇 in YEAR. */
async function setFiling(mode: "none" | "before_publication" | "after_publication", override: "inherit" | "after_publication" = "inherit") {
  await actAs(countyClerk);
  const list = await getReportingList({ year: String(YEAR) });
  await saveReportingList({
    year: YEAR,
    filingMode: mode,
    entries: list.units.map((u) => ({ unitId: u.unitId, included: true, reason: "", filingMode: u.unitId === f.liuxi.unit.id ? override : "inherit" })),
  });
}

describe("the county clerk sets 备案 on the reporting list", () => {
  it("saves the unit-wide mode and a unit's own mode in the one audited save, and reads them back", async () => {
    await actAs(countyClerk);
    const saved = await written(() => setFiling("before_publication", "after_publication"));
    expect(saved.audit).toEqual([
      audited(countyClerk, "reporting_list.save", {
        target: ["unit", f.county.id],
        details: { filingMode: "before_publication", ownFilingModes: [{ unitId: f.liuxi.unit.id, name: f.liuxi.unit.name, filingMode: "after_publication" }] },
      }),
    ]);
    expect(database().select({ mode: units.filingMode }).from(units).where(eq(units.id, f.county.id)).get()!.mode).toBe("before_publication");
    const list = await getReportingList({ year: String(YEAR) });
    expect(list.filingMode).toBe("before_publication");
    expect(list.units.find((u) => u.unitId === f.liuxi.unit.id)!.filingMode).toBe("after_publication");
    expect(list.units.find((u) => u.unitId === f.qingshi.unit.id)!.filingMode).toBeNull();
  });
});

describe("发布前备案", () => {
  let reportId = 0;
  const filing = () => filingsOf(reportId).at(-1)!;

  it("the leader's approval files the report with the county: 待备案, the document as approved, the county's clerks told", async () => {
    reportId = await submittedReport(f.qingshi);
    await actAs(f.qingshi.leader);
    const approved = await written(() => approveReport(reportId, APPROVAL));
    expect(reportRow(reportId).status).toBe("filing");
    expect(approved.transitions).toEqual([expect.objectContaining({ fromStatus: "submitted", toStatus: "filing", reason: APPROVAL.opinion })]);
    expect(approved.audit).toEqual([
      audited(f.qingshi.leader, "report.filing", { target: ["report", reportId] }),
      audited(f.qingshi.leader, "filing.file", { target: ["report", reportId], details: { mode: "before_publication", supervisorId: f.county.id } }),
    ]);
    expect(approved.notifications).toEqual(
      expect.arrayContaining([notified(countyClerk, "filing_received", reportId), notified(f.qingshi.clerk, "approved", reportId)]),
    );
    expect(approved.notifications.some((n) => n.userId === countyLeader.id)).toBe(false);
    expect(filing()).toMatchObject({ supervisorId: f.county.id, mode: "before_publication", edition: null, status: "pending" });
    expect(JSON.parse(filing().document)).toMatchObject({ title: reportRow(reportId).title, metadata: { writtenOn: APPROVAL.writtenOn } });
    // The opinion and 成文日期 are the approval's, as the 审签单 and the review screen read them.
    expect((await getReviewData(reportId)).approval).toMatchObject({ opinion: APPROVAL.opinion, writtenOn: APPROVAL.writtenOn });
  });

  it("the township cannot publish or schedule it meanwhile", async () => {
    await actAs(f.qingshi.leader);
    const { error } = await refusal(() => publishApprovedReport(reportId, PUBLISH_NOW));
    expect(error).toMatchObject({ code: "conflict", message: FILING_BEFORE_PUBLICATION });
    expect((await refusal(() => publishApprovedReport(reportId, { scheduleAt: "2099-01-01T09:00", changeNote: "" }))).error.message).toBe(FILING_BEFORE_PUBLICATION);
  });

  it("the county lists it as pending and shows the document filed, not the township's draft", async () => {
    await actAs(countyLeader);
    const list = await listFilings({ year: String(YEAR) });
    expect(list.canDecide).toBe(false);
    expect(list.pending).toEqual([expect.objectContaining({ id: filing().id, unitName: f.qingshi.unit.name, year: YEAR, mode: "before_publication" })]);
    const view = await getFiling(filing().id);
    expect(view).toMatchObject({ canDecide: false, status: "pending" });
    expect(view.document.metadata.writtenOn).toBe(APPROVAL.writtenOn);
    // The overview's 备案 column says the same.
    expect(await overviewFilingOf(f.qingshi.unit.id)).toBe("pending");
    expect(await overviewFilingOf(f.liuxi.unit.id)).toBeNull();
  });

  it("only the county's clerks decide: its leader, a township clerk, the other county's clerk and an admin are refused and audited", async () => {
    const id = filing().id;
    await actAs(countyLeader);
    const leader = await refusal(() => acceptFiling(id, { note: "" }));
    expect(leader.error.code).toBe("forbidden");
    expect(leader.audit).toEqual([audited(countyLeader, "filing.decide", { target: ["filing", id], result: "denied" })]);
    for (const persona of [f.qingshi.clerk, f.liuxi.clerk, otherClerk, f.admin]) {
      await actAs(persona);
      const refused = await refusal(() => returnFiling(id, { reason: "越权" }));
      expect(refused.error.code, persona.username).toBe("not_found");
      expect(refused.audit).toEqual([audited(persona, "filing.decide", { target: ["filing", id], result: "denied" })]);
      expect((await refusal(() => getFiling(id))).error.code).toBe("not_found");
    }
  });

  it("a send-back needs a reason (at the field); with one the report is returned to the clerks and leaders with it", async () => {
    await actAs(countyClerk);
    const { error } = await refusal(() => returnFiling(filing().id, { reason: "  " }));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { reason: "请填写退回原因，下级单位将据此修改。" } });

    const returned = await written(() => returnFiling(filing().id, { reason: "表三的办结数与正文不一致。" }));
    expect(reportRow(reportId).status).toBe("returned");
    expect(filing()).toMatchObject({ status: "returned", note: "表三的办结数与正文不一致。", decidedById: countyClerk.id });
    expect(returned.transitions).toEqual([expect.objectContaining({ fromStatus: "filing", toStatus: "returned", actorId: countyClerk.id })]);
    expect(returned.audit).toEqual([audited(countyClerk, "filing.return", { target: ["report", reportId] })]);
    expect(returned.notifications).toEqual([notified(f.qingshi.clerk, "filing_returned", reportId), notified(f.qingshi.leader, "filing_returned", reportId)]);
    expect(returned.notifications[0]!.message).toContain("原因：表三的办结数与正文不一致。");
    expect((await getReviewData(reportId).catch(() => null))).toBeNull(); // the county reads no draft
    await actAs(f.qingshi.clerk);
    expect((await getReviewData(reportId)).returnReason).toBe("表三的办结数与正文不一致。");
  });

  it("a decision on a filing already decided is a conflict and changes nothing", async () => {
    await actAs(countyClerk);
    const { error } = await refusal(() => acceptFiling(filing().id, { note: "" }));
    expect(error).toMatchObject({ code: "conflict", message: STALE_FILING });
  });

  it("resubmitted and approved, it is filed again; accepted, the leader publishes it; every step is in the timeline", async () => {
    await submitExplained(f.qingshi, reportId);
    await actAs(f.qingshi.leader);
    await approveReport(reportId, APPROVAL);
    expect(filingsOf(reportId).map((r) => r.status)).toEqual(["returned", "pending"]);

    await actAs(countyClerk);
    const accepted = await written(() => acceptFiling(filing().id, { note: "" }));
    expect(reportRow(reportId).status).toBe("approved");
    expect(accepted.audit).toEqual([audited(countyClerk, "filing.accept", { target: ["report", reportId] })]);
    expect(accepted.notifications).toEqual([notified(f.qingshi.clerk, "filing_accepted", reportId), notified(f.qingshi.leader, "filing_accepted", reportId)]);
    expect((await listFilings({ year: String(YEAR) })).decided.map((r) => r.status)).toEqual(["accepted", "returned"]);
    // The latest filing, not the one returned before it.
    expect(await overviewFilingOf(f.qingshi.unit.id)).toBe("accepted");

    await actAs(f.qingshi.leader);
    await publishApprovedReport(reportId, PUBLISH_NOW);
    expect(reportRow(reportId).status).toBe("published");
    // 发布前备案 files nothing more at publication.
    expect(filingsOf(reportId)).toHaveLength(2);
    const texts = (await getReportHistory(reportId)).entries.map((e) => e.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        `${f.county.name}备案通过`,
        `${f.county.name}退回：表三的办结数与正文不一致。`,
        `${f.qingshi.leader.displayName} 审核批准，报送${f.county.name}备案`,
      ]),
    );
  });
});

describe("发布后备案", () => {
  it("each published edition is filed in the publishing transaction; the county clerk acknowledges it with a note", async () => {
    const reportId = await approvedReport(f.liuxi);
    expect(reportRow(reportId).status).toBe("approved");
    await actAs(f.liuxi.leader);
    const published = await written(() => publishApprovedReport(reportId, PUBLISH_NOW));
    expect(published.audit.map((a) => a.action)).toEqual(["report.publish", "filing.file"]);
    expect(published.notifications).toEqual(expect.arrayContaining([notified(countyClerk, "filing_received", reportId)]));
    const [filed] = filingsOf(reportId);
    expect(filed).toMatchObject({ mode: "after_publication", edition: 1, status: "pending", supervisorId: f.county.id });
    expect(JSON.parse(filed!.document).metadata.indexNo).toBe(reportRow(reportId).indexNo);

    await actAs(countyClerk);
    // Not a filing to accept or send back: the report is already public.
    expect((await refusal(() => returnFiling(filed!.id, { reason: "晚了" }))).error.code).toBe("conflict");
    const acknowledged = await written(() => acknowledgeFiling(filed!.id, { note: "已阅。" }));
    expect(acknowledged.audit).toEqual([audited(countyClerk, "filing.acknowledge", { target: ["report", reportId], details: { edition: 1, note: "已阅。" } })]);
    expect(filingsOf(reportId)[0]).toMatchObject({ status: "accepted", note: "已阅。" });
    expect((await refusal(() => acknowledgeFiling(filed!.id, { note: "" }))).error.message).toBe(STALE_FILING);

    await actAs(f.liuxi.clerk);
    const texts = (await getReportHistory(reportId)).entries.map((e) => e.text);
    expect(texts[0]).toBe(`${f.county.name}确认备案（第 1 版）`);
    expect(texts).toContain(`发布后报送${f.county.name}备案（第 1 版）`);
  });

  it("the scheduler's publication is filed too", async () => {
    const town = await addTownship("白沙乡");
    await setFiling("after_publication");
    const reportId = await approvedReport(town);
    await actAs(town.leader);
    const at = new Date(clock.now().getTime() + 10 * 60_000);
    await publishApprovedReport(reportId, { scheduleAt: chinaDateTime(at).replace(" ", "T"), changeNote: "" });
    expect(filingsOf(reportId)).toEqual([]);
    expect(await runDuePublications(database(), new Date(at.getTime() + 60_000))).toBe(1);
    expect(filingsOf(reportId)).toEqual([expect.objectContaining({ mode: "after_publication", edition: 1, status: "pending", filedById: null })]);
  });

  it("不备案 files nothing", async () => {
    await setFiling("none");
    const town = await addTownship("石门乡");
    const reportId = await publishedReport(town);
    expect(filingsOf(reportId)).toEqual([]);
  });
});
