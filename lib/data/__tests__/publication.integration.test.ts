/**
 * Publication and what follows it (lib/data/workflow.ts, db/commands/publication.ts): publishing now
 * or at a set time, the scheduler, corrections as new editions, withdrawal. What citizens see
 * is read through the public data layer.
 */
import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runDuePublications } from "@/db/commands/publication";
import { reportEditions } from "@/db/schema";
import { getPublicReport } from "@/lib/data/public/report";
import { searchPublishedReports } from "@/lib/data/public/search";
import { engine } from "@/db/engine";
import { rawRows } from "@/db/dialect";
import { saveSection } from "@/lib/data/sections";
import {
  approveReport,
  cancelScheduledPublication,
  getReviewData,
  publishApprovedReport,
  returnReport,
  startCorrection,
  withdrawReport,
} from "@/lib/data/workflow";
import { parseReportJson } from "@/lib/interchange";
import { chinaDateTime } from "@/lib/time";
import {
  actAs,
  addTownship,
  addUser,
  audited,
  clock,
  database,
  mark,
  notified,
  refusal,
  reportRow,
  sectionRow,
  seedFixture,
  since,
  written,
  type Township,
} from "@/lib/testing/integration-db";
import { APPROVAL, PUBLISH_NOW, approvedReport, narrativeHtml, publishedReport, submitExplained, submittedReport } from "@/lib/testing/report-flows";

const f = await seedFixture();

const editionsOf = (reportId: number) => database().select().from(reportEditions).where(eq(reportEditions.reportId, reportId)).orderBy(reportEditions.edition).all();

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The 「定时发布」 field's value (China local time) for a moment some minutes from now. */
const scheduleInput = (minutesFromNow: number) => chinaDateTime(new Date(clock.now().getTime() + minutesFromNow * 60_000)).replace(" ", "T");

/** What the scheduler job (lib/serving/jobs.ts) does, at a given moment. */
const runSchedulerAt = (at: Date) => runDuePublications(database(), at);

/** An audit row written by the in-process scheduler (no person, no request). */
const auditedByScheduler = (action: string, reportId: number) =>
  expect.objectContaining({ actorId: null, actorName: "scheduler", actorRole: null, ip: null, action, targetType: "report", targetId: String(reportId), result: "success" });

describe("the leader publishes an approved report now", () => {
  it("freezes edition 1 with the SHA-256 of its snapshot and a 索引号; the transition, the audit row, and everyone else in the unit is notified", async () => {
    const town = await addTownship("发布镇");
    const deputy = await addUser(town.unit, "leader", `t${town.unit.id}.deputy`, "发布镇副镇长");
    const id = await approvedReport(town);

    const { result, audit, transitions, notifications } = await written(() => publishApprovedReport(id, PUBLISH_NOW));

    expect(result).toEqual({ scheduled: false });
    const [edition] = editionsOf(id);
    // The 2024 report published in 2025 (the clock): the 索引号 carries the year of publication.
    const indexNo = `${town.unit.orgCode}/2025-00001`;
    expect(edition).toMatchObject({ edition: 1, changeNote: null, approvedById: town.leader.id, opinion: APPROVAL.opinion, publishedById: town.leader.id });
    expect(edition!.sha256).toBe(sha256(edition!.snapshot));
    const snapshot = parseReportJson(edition!.snapshot);
    expect(snapshot.ok && snapshot.document.metadata).toMatchObject({ indexNo, writtenOn: APPROVAL.writtenOn, publishedAt: expect.any(String) });
    expect(reportRow(id)).toMatchObject({ status: "published", indexNo, liveEditionId: edition!.id, publishedAt: expect.any(Date), scheduledAt: null });

    expect(transitions).toEqual([
      expect.objectContaining({ fromStatus: "approved", toStatus: "published", actorId: town.leader.id, details: expect.objectContaining({ editionId: edition!.id, indexNo, sha256: edition!.sha256 }) }),
    ]);
    expect(audit).toEqual([
      audited(town.leader, "report.publish", { target: ["report", id], details: { from: "approved", editionId: edition!.id, indexNo, sha256: edition!.sha256 } }),
    ]);
    expect(notifications).toEqual([notified(town.clerk, "published", id), notified(deputy, "published", id)]);

    const page = await getPublicReport(id);
    expect(page?.kind === "live" && page.report.indexNo).toBe(indexNo);
  });

  it("the next report published in the same year gets the next 索引号 serial of that year, never a reused one", async () => {
    const town = await addTownship("序号镇");
    const first = await publishedReport(town);
    const second = await publishedReport(town);
    // The 2024 and the 2025 report, both published in 2025.
    expect(reportRow(first).indexNo).toBe(`${town.unit.orgCode}/2025-00001`);
    expect(reportRow(second).indexNo).toBe(`${town.unit.orgCode}/2025-00002`);
  });

  it("publishing twice, or a report that is not approved, is a conflict and changes nothing", async () => {
    const town = await addTownship("重发镇");
    const published = await publishedReport(town);
    const submitted = await submittedReport(f.qingshi);

    await actAs(town.leader);
    expect((await refusal(() => publishApprovedReport(published, PUBLISH_NOW))).error.code).toBe("conflict");
    await actAs(f.qingshi.leader);
    expect((await refusal(() => publishApprovedReport(submitted, PUBLISH_NOW))).error.code).toBe("conflict");
  });

  it("a clerk cannot publish; the attempt is audited", async () => {
    const town = await addTownship("越级镇");
    const id = await approvedReport(town);
    await actAs(town.clerk);
    const { error, audit } = await refusal(() => publishApprovedReport(id, PUBLISH_NOW));
    expect(error.code).toBe("forbidden");
    expect(audit).toEqual([audited(town.clerk, "report.review", { target: ["report", id], result: "denied" })]);
  });
});

describe("publication at a set time", () => {
  it("a leader schedules it, cancels it, schedules it again; the scheduler publishes it once when it is due, as 'scheduler'", async () => {
    const town = await addTownship("定时镇");
    const id = await approvedReport(town);

    const scheduled = await written(() => publishApprovedReport(id, { scheduleAt: scheduleInput(60), changeNote: "" }));
    expect(scheduled.result).toEqual({ scheduled: true });
    const dueAt = reportRow(id).scheduledAt!;
    expect(reportRow(id)).toMatchObject({ status: "scheduled", liveEditionId: null });
    expect(scheduled.transitions).toEqual([expect.objectContaining({ fromStatus: "approved", toStatus: "scheduled", actorId: town.leader.id, details: { scheduledAt: dueAt.toISOString() } })]);
    expect(scheduled.audit).toEqual([audited(town.leader, "report.scheduled", { target: ["report", id], details: { from: "approved", to: "scheduled" } })]);
    expect(scheduled.notifications).toEqual([]);
    expect(await getPublicReport(id)).toBeNull();

    const cancelled = await written(() => cancelScheduledPublication(id));
    expect(reportRow(id)).toMatchObject({ status: "approved", scheduledAt: null });
    expect(cancelled.transitions).toEqual([expect.objectContaining({ fromStatus: "scheduled", toStatus: "approved", actorId: town.leader.id })]);
    // Cancelling is recorded as the move back to 已批准 (the action is named after the target state).
    expect(cancelled.audit).toEqual([audited(town.leader, "report.approved", { target: ["report", id], details: { from: "scheduled", to: "approved" } })]);
    expect((await refusal(() => cancelScheduledPublication(id))).error.code).toBe("conflict");

    await publishApprovedReport(id, { scheduleAt: scheduleInput(30), changeNote: "" });
    const due = reportRow(id).scheduledAt!;
    expect(await runSchedulerAt(new Date(due.getTime() - 1000))).toBe(0);
    expect(reportRow(id).status).toBe("scheduled");

    const { result, audit, transitions, notifications } = await written(async () => runSchedulerAt(due));
    expect(result).toBe(1);
    expect(await runSchedulerAt(new Date(due.getTime() + 60_000))).toBe(0);

    const [edition] = editionsOf(id);
    expect(edition).toMatchObject({ edition: 1, publishedById: null, approvedById: town.leader.id, publishedAt: due });
    expect(reportRow(id)).toMatchObject({ status: "published", scheduledAt: null, liveEditionId: edition!.id });
    expect(transitions).toEqual([expect.objectContaining({ fromStatus: "scheduled", toStatus: "published", actorId: null })]);
    expect(audit).toEqual([auditedByScheduler("report.publish", id)]);
    expect(notifications).toEqual([notified(town.clerk, "published", id), notified(town.leader, "published", id)]);
  });

  it("the time must lie in the future", async () => {
    const town = await addTownship("过时镇");
    const id = await approvedReport(town);
    const { error } = await refusal(() => publishApprovedReport(id, { scheduleAt: scheduleInput(-5), changeNote: "" }));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { scheduleAt: expect.any(String) } });
  });

  it("only a scheduled publication can be cancelled", async () => {
    const town = await addTownship("未定镇");
    const id = await approvedReport(town);
    expect((await refusal(() => cancelScheduledPublication(id))).error.code).toBe("conflict");
  });
});

describe("a correction (修订)", () => {
  /** A published report whose correction the leader has started and the clerk has rewritten and resubmitted. */
  async function correctedAndApproved(town: Township): Promise<number> {
    const id = await publishedReport(town);
    await actAs(town.leader);
    await startCorrection(id);
    await actAs(town.clerk);
    await saveSection({ reportId: id, sectionKey: "overview", baseVersion: sectionRow(id, "overview").version, html: "<p>更正后的总体情况。</p>" + narrativeHtml("overview") });
    // The test townships all write the same text, so 雷同 is among the warnings to explain.
    await submitExplained(town, id);
    await actAs(town.leader);
    await approveReport(id, APPROVAL);
    return id;
  }

  it("the leader starts it: a draft again with the live edition's content, the clerks are notified, and the published edition stays public", async () => {
    const town = await addTownship("修订镇");
    const id = await publishedReport(town);
    const [live] = editionsOf(id);
    const versionBefore = sectionRow(id, "overview").version;

    const { audit, transitions, notifications } = await written(() => startCorrection(id));

    expect(reportRow(id)).toMatchObject({ status: "draft", liveEditionId: live!.id });
    expect(sectionRow(id, "overview").version).toBe(versionBefore + 1);
    expect(transitions).toEqual([expect.objectContaining({ fromStatus: "published", toStatus: "draft", actorId: town.leader.id, reason: "开始修订", details: { fromEdition: 1 } })]);
    expect(audit).toEqual([audited(town.leader, "report.draft", { target: ["report", id], details: { from: "published", to: "draft" } })]);
    expect(notifications).toEqual([notified(town.clerk, "correction", id)]);

    const page = await getPublicReport(id);
    expect(page?.kind === "live" && page.report.edition.edition).toBe(1);
    const review = await getReviewData(id);
    expect(review.isCorrection).toBe(true);
    expect(review.published?.metadata.indexNo).toBe(reportRow(id).indexNo);
    expect((await refusal(() => startCorrection(id))).error.code).toBe("conflict");
  });

  it("only a published report can be corrected", async () => {
    const town = await addTownship("未发镇");
    const id = await approvedReport(town);
    expect((await refusal(() => startCorrection(id))).error.code).toBe("conflict");
  });

  it("is published as edition 2 only with a public change note; the 索引号 stays, the public sees the new text", async () => {
    const town = await addTownship("二版镇");
    const id = await correctedAndApproved(town);
    const indexNo = reportRow(id).indexNo;

    const { error } = await refusal(() => publishApprovedReport(id, PUBLISH_NOW));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { changeNote: expect.any(String) } });

    const note = "更正总体情况中的表述。";
    const { audit, transitions } = await written(() => publishApprovedReport(id, { scheduleAt: "", changeNote: note }));
    const editions = editionsOf(id);
    expect(editions.map((e) => [e.edition, e.changeNote])).toEqual([
      [1, null],
      [2, note],
    ]);
    expect(editions[1]!.sha256).toBe(sha256(editions[1]!.snapshot));
    expect(reportRow(id)).toMatchObject({ status: "published", indexNo, liveEditionId: editions[1]!.id });
    expect(transitions).toEqual([expect.objectContaining({ fromStatus: "approved", toStatus: "published", reason: note })]);
    expect(audit).toEqual([audited(town.leader, "report.publish", { details: { editionId: editions[1]!.id, indexNo, changeNote: note } })]);

    const page = await getPublicReport(id);
    expect(page?.kind).toBe("live");
    if (page?.kind !== "live") return;
    expect(page.report.edition.edition).toBe(2);
    expect(page.report.editions).toHaveLength(2);
    expect(page.report.document.sections.find((s) => s.key === "overview")!.html).toBe("<p>更正后的总体情况。</p>" + narrativeHtml("overview"));
  });

  it("a scheduled correction is published by the scheduler with the change note given when it was scheduled", async () => {
    const town = await addTownship("定时修订镇");
    const id = await correctedAndApproved(town);
    const note = "定时发布的修订说明。";
    await publishApprovedReport(id, { scheduleAt: scheduleInput(10), changeNote: note });
    expect(await runSchedulerAt(reportRow(id).scheduledAt!)).toBe(1);
    expect(editionsOf(id).map((e) => [e.edition, e.changeNote, e.publishedById])).toEqual([
      [1, null, town.leader.id],
      [2, note, null],
    ]);
  });
});

describe("withdrawal (撤回)", () => {
  it("the leader withdraws a published report with a public reason: the public page shows the notice and search no longer finds it", async () => {
    const town = await addTownship("撤回镇");
    const id = await publishedReport(town);
    const reason = "报告数据有误，撤回核实。";
    const byTitle = () => searchPublishedReports({ q: "撤回镇" });
    expect((await byTitle()).items.map((item) => item.id)).toContain(id);

    const { audit, transitions, notifications } = await written(() => withdrawReport(id, { reason }));

    expect(reportRow(id)).toMatchObject({ status: "withdrawn", withdrawReason: reason, withdrawnAt: expect.any(Date) });
    expect(transitions).toEqual([expect.objectContaining({ fromStatus: "published", toStatus: "withdrawn", actorId: town.leader.id, reason })]);
    expect(audit).toEqual([audited(town.leader, "report.withdrawn", { target: ["report", id], details: { from: "published", to: "withdrawn", reason } })]);
    expect(notifications).toEqual([]);

    const page = await getPublicReport(id);
    expect(page).toMatchObject({ kind: "withdrawn", notice: { reason, indexNo: reportRow(id).indexNo } });
    expect((await byTitle()).items.map((item) => item.id)).not.toContain(id);
    // Nothing of it is left in the index (SQLite: its two FTS5 tables; PostgreSQL: db/pg/search-index.ts's table).
    const left = engine() === "sqlite" ? ["search_documents where rowid", "search_characters where rowid"] : ["search_documents where report_id"];
    for (const where of left) {
      expect(await rawRows(database(), sql`select 1 from ${sql.raw(where)} = ${id}`), where).toEqual([]);
    }

    expect((await refusal(() => withdrawReport(id, { reason }))).error.code).toBe("conflict");
  });

  it("needs a reason, and only a published report can be withdrawn", async () => {
    const town = await addTownship("未撤镇");
    const published = await publishedReport(town);
    expect((await refusal(() => withdrawReport(published, { reason: "" }))).error).toMatchObject({ code: "invalid", fieldErrors: { reason: expect.any(String) } });

    const approved = await approvedReport(f.liuxi);
    expect((await refusal(() => withdrawReport(approved, { reason: "尚未发布" }))).error.code).toBe("conflict");
  });
});

describe("the whole life of a report", () => {
  it("drafted, returned, resubmitted, approved, scheduled, published by the scheduler, corrected, republished and withdrawn: every step on record", async () => {
    const town = await addTownship("一生镇");
    const { clerk, leader } = town;
    const m = mark();
    const id = await submittedReport(town);

    await actAs(leader);
    await returnReport(id, { reason: "请补充政策解读情况。" });
    await actAs(clerk);
    await saveSection({ reportId: id, sectionKey: "overview", baseVersion: sectionRow(id, "overview").version, html: "<p>补充了政策解读情况。</p>" + narrativeHtml("overview") });
    await submitExplained(town, id);

    await actAs(leader);
    await approveReport(id, APPROVAL);
    // A second click on a step already taken is refused and changes nothing.
    expect((await refusal(() => returnReport(id, { reason: "迟到的退回" }))).error.code).toBe("conflict");
    expect((await refusal(() => approveReport(id, APPROVAL))).error.code).toBe("conflict");

    await publishApprovedReport(id, { scheduleAt: scheduleInput(60), changeNote: "" });
    await cancelScheduledPublication(id);
    await publishApprovedReport(id, { scheduleAt: scheduleInput(30), changeNote: "" });
    expect(await runSchedulerAt(reportRow(id).scheduledAt!)).toBe(1);

    await actAs(leader);
    await startCorrection(id);
    await actAs(clerk);
    await saveSection({ reportId: id, sectionKey: "overview", baseVersion: sectionRow(id, "overview").version, html: "<p>更正后的总体情况。</p>" + narrativeHtml("overview") });
    await submitExplained(town, id);
    await actAs(leader);
    await approveReport(id, APPROVAL);
    await publishApprovedReport(id, { scheduleAt: "", changeNote: "更正总体情况。" });
    await withdrawReport(id, { reason: "统计口径有误，撤回核实。" });

    const { audit, transitions, notifications } = since(m);
    const who = (userId: number | null) => (userId === clerk.id ? "clerk" : userId === leader.id ? "leader" : userId === null ? "scheduler" : `user ${userId}`);
    expect(transitions.map((t) => `${t.fromStatus} → ${t.toStatus} by ${who(t.actorId)}`)).toEqual([
      "draft → submitted by clerk",
      "submitted → returned by leader",
      "returned → submitted by clerk",
      "submitted → approved by leader",
      "approved → scheduled by leader",
      "scheduled → approved by leader",
      "approved → scheduled by leader",
      "scheduled → published by scheduler",
      "published → draft by leader",
      "draft → submitted by clerk",
      "submitted → approved by leader",
      "approved → published by leader",
      "published → withdrawn by leader",
    ]);
    expect(
      audit
        .filter((a) => a.action.startsWith("report.") && a.targetId === String(id))
        .map((a) => `${a.action} by ${a.actorName === "scheduler" ? "scheduler" : who(a.actorId)}`),
    ).toEqual([
      "report.create by clerk",
      "report.submitted by clerk",
      "report.returned by leader",
      "report.submitted by clerk",
      "report.approved by leader",
      "report.scheduled by leader",
      "report.approved by leader",
      "report.scheduled by leader",
      "report.publish by scheduler",
      "report.draft by leader",
      "report.submitted by clerk",
      "report.approved by leader",
      "report.publish by leader",
      "report.withdrawn by leader",
    ]);
    const inbox = (persona: { id: number }) => notifications.filter((n) => n.userId === persona.id).map((n) => n.kind);
    expect(inbox(clerk)).toEqual(["returned", "approved", "published", "correction", "approved", "published"]);
    expect(inbox(leader)).toEqual(["submitted", "submitted", "published", "submitted"]);
    expect(notifications.every((n) => n.reportId === id)).toBe(true);

    expect(editionsOf(id).map((e) => [e.edition, e.changeNote, who(e.publishedById)])).toEqual([
      [1, null, "scheduler"],
      [2, "更正总体情况。", "leader"],
    ]);
    expect(reportRow(id)).toMatchObject({ status: "withdrawn", indexNo: `${town.unit.orgCode}/2025-00001`, liveEditionId: editionsOf(id)[1]!.id });
  });
});
