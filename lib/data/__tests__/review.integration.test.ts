/**
 * Submission and review (lib/data/workflow.ts): the clerk submits, the leader returns or
 * approves, comments go back and forth. Every step writes its transition, audit row and
 * notifications; every refusal leaves the data as it was.
 */
import { describe, expect, it } from "vitest";
import { reviewComments } from "@/db/schema";
import { updateReportTitle } from "@/lib/data/reports";
import { saveSection, setSectionCompleted } from "@/lib/data/sections";
import { updateUser } from "@/lib/data/users";
import {
  addReviewComment,
  approveReport,
  getReviewData,
  listReportReviewers,
  listReportsAwaitingMyReview,
  resolveReviewComment,
  returnReport,
  submitReport,
} from "@/lib/data/workflow";
import {
  actAs,
  addTownship,
  addUser,
  audited,
  database,
  notified,
  refusal,
  reportRow,
  sectionRow,
  seedFixture,
  signedInCookie,
  setSessionCookie,
  written,
  type Persona,
  type Township,
} from "@/lib/testing/integration-db";
import { APPROVAL, draftReport, narrativeHtml, submittedReport, writeReport } from "@/lib/testing/report-flows";

const f = await seedFixture();

const RETURN = { reason: "表三申请情况与台账不符，请核对后修改。" };

/** The admin moves a person to the leader role (ending their sessions). */
async function promoteToLeader(person: Persona): Promise<Persona> {
  await actAs(f.admin);
  await updateUser(person.id, { displayName: person.displayName, role: "leader", unitId: String(person.unitId) });
  return { ...person, role: "leader" };
}

/** A new township whose clerk has submitted a report; the test continues as its leader. */
async function inReview(shortName: string): Promise<{ town: Township; id: number }> {
  const town = await addTownship(shortName);
  const id = await submittedReport(town);
  await actAs(town.leader);
  return { town, id };
}

/** The overview rewritten: `opening` put before the rest of the section's text. */
async function saveOverview(reportId: number, opening: string): Promise<void> {
  const html = opening + narrativeHtml("overview");
  await saveSection({ reportId, sectionKey: "overview", baseVersion: sectionRow(reportId, "overview").version, html });
}

describe("the clerk submits the report for review", () => {
  it("is refused while a section is not marked complete", async () => {
    const town = await addTownship("未完镇");
    const id = await draftReport(town);
    await writeReport(town, id, { complete: false });
    const { error, audit } = await refusal(() => submitReport(id, {}));
    expect(error).toMatchObject({ code: "invalid", message: expect.stringContaining("还有 7 节未标记为已完成") });
    expect(audit).toEqual([]);
  });

  it("is refused while the tables have errors (blank cells), also when they were emptied after being marked complete", async () => {
    const town = await addTownship("空表镇");
    const id = await draftReport(town);
    await writeReport(town, id);
    for (const key of ["proactive", "applications", "reviewLitigation"]) {
      await saveSection({ reportId: id, sectionKey: key, baseVersion: sectionRow(id, key).version, cells: {} });
    }
    expect(sectionRow(id, "applications").completed).toBe(true);
    const { error } = await refusal(() => submitReport(id, {}));
    expect(error).toMatchObject({ code: "invalid", message: expect.stringMatching(/^报告还有 \d+ 个错误/) });
  });

  it("is refused until every warning is explained at its finding; then the leaders are notified and the audit log says so", async () => {
    const town = await addTownship("提醒镇");
    const id = await draftReport(town);
    // A paragraph opening with last year's year: the usual trace of copied text (X-4, a warning).
    await writeReport(town, id, { html: "<p>2023年，我镇继续推进政务公开工作。</p>" });

    const { error } = await refusal(() => submitReport(id, {}));
    expect(error.code).toBe("invalid");
    const keys = Object.keys(error.fieldErrors ?? {});
    expect(keys).toHaveLength(2);
    expect(keys.every((key) => key.startsWith("X-4|"))).toBe(true);

    const partly = await refusal(() => submitReport(id, { [keys[0]!]: "引用的是上年工作。" }));
    expect(Object.keys(partly.error.fieldErrors ?? {})).toEqual([keys[1]]);

    const explanations = Object.fromEntries(keys.map((key) => [key, "此处回顾上年工作，年度无误。"]));
    const { audit, transitions, notifications } = await written(() => submitReport(id, explanations));

    expect(reportRow(id).status).toBe("submitted");
    expect(transitions).toEqual([
      expect.objectContaining({
        reportId: id,
        fromStatus: "draft",
        toStatus: "submitted",
        actorId: town.clerk.id,
        details: { explanations: keys.map(() => ({ finding: expect.objectContaining({ ruleId: "X-4" }), explanation: "此处回顾上年工作，年度无误。" })) },
        document: expect.stringContaining('"nianbao-report/1"'),
      }),
    ]);
    expect(audit).toEqual([audited(town.clerk, "report.submitted", { target: ["report", id], details: { from: "draft", to: "submitted" } })]);
    expect(notifications).toEqual([notified(town.leader, "submitted", id)]);

    await actAs(town.leader);
    const review = await getReviewData(id);
    expect(review.explanations.map((e) => e.explanation)).toEqual(keys.map(() => "此处回顾上年工作，年度无误。"));
    expect(review.can).toEqual({ review: true, approve: true, comment: true, raise: true, resolve: false, submit: false });
  });

  it("the clerk sees who will review: the unit's active leaders by name; another township's clerk does not", async () => {
    const town = await addTownship("审核人镇");
    const id = await draftReport(town);
    const second = await addUser(town.unit, "leader", "shenheren.leader2", "钱副镇长");
    await actAs(town.clerk);
    expect(await listReportReviewers(id)).toEqual([town.leader.displayName, second.displayName]);
    await actAs(f.liuxi.clerk);
    expect((await refusal(() => listReportReviewers(id))).error.code).toBe("not_found");
  });

  it("once submitted, the clerk can no longer save, complete or retitle the report", async () => {
    const town = await addTownship("已交镇");
    const id = await submittedReport(town);
    await actAs(town.clerk);
    for (const change of [
      () => saveOverview(id, "<p>提交后再改</p>"),
      () => setSectionCompleted(id, "overview", false),
      () => updateReportTitle(id, { title: "已交镇2024年政府信息公开工作年度报告（改）" }),
    ]) {
      expect((await refusal(change)).error.code).toBe("forbidden");
    }
  });

  it("a second submit of the same report changes nothing", async () => {
    const town = await addTownship("重交镇");
    const id = await submittedReport(town);
    const { error, audit } = await refusal(() => submitReport(id, {}));
    expect(error.message).toContain("报告状态已经变化");
    expect(audit).toEqual([]);
  });

  it("a double click on 提交审核 submits once: one transition, one notification per leader", async () => {
    const town = await addTownship("双击镇");
    const id = await draftReport(town);
    await writeReport(town, id);
    await actAs(town.clerk);
    // Under the current code the two requests happen to run one after the other; with a command
    // that awaits between reading and writing they race, and the conditional update decides.
    const { result, transitions, notifications } = await written(() => Promise.allSettled([submitReport(id, {}), submitReport(id, {})]));
    expect(result.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((result.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.message).toContain("报告状态已经变化");
    expect(transitions.map((t) => [t.fromStatus, t.toStatus])).toEqual([["draft", "submitted"]]);
    expect(notifications).toEqual([notified(town.leader, "submitted", id)]);
  });

  // Like every other stale workflow step (return, approve, publish, cancel, withdraw, correction).
  it("a second submit of the same report is a conflict, like every other stale step", async () => {
    const town = await addTownship("重交二镇");
    const id = await submittedReport(town);
    const { error } = await refusal(() => submitReport(id, {}));
    expect(error.code).toBe("conflict");
  });
});

describe("the leader returns the report", () => {
  it("with a reason: the clerk is notified, the audit log says so, and the clerk can edit again", async () => {
    const { town, id } = await inReview("退回镇");
    const { audit, transitions, notifications } = await written(() => returnReport(id, RETURN));

    expect(reportRow(id).status).toBe("returned");
    expect(transitions).toEqual([expect.objectContaining({ reportId: id, fromStatus: "submitted", toStatus: "returned", actorId: town.leader.id, reason: RETURN.reason })]);
    expect(audit).toEqual([audited(town.leader, "report.returned", { target: ["report", id], details: { from: "submitted", to: "returned", reason: RETURN.reason } })]);
    expect(notifications).toEqual([notified(town.clerk, "returned", id)]);
    expect(notifications[0]!.message).toContain(RETURN.reason);

    await actAs(town.clerk);
    await saveOverview(id, "<p>按审核意见修改。</p>");
    expect(sectionRow(id, "overview").html).toBe("<p>按审核意见修改。</p>" + narrativeHtml("overview"));
  });

  it("a return needs a reason", async () => {
    const { id } = await inReview("无由镇");
    const { error } = await refusal(() => returnReport(id, { reason: "  " }));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { reason: expect.any(String) } });
  });

  it("only the unit's leader reviews: the clerk is refused and the attempt audited; other units and the admin do not see the report", async () => {
    const town = await addTownship("越权镇");
    const id = await submittedReport(town);

    await actAs(town.clerk);
    const byClerk = await refusal(() => returnReport(id, RETURN));
    expect(byClerk.error.code).toBe("forbidden");
    expect(byClerk.audit).toEqual([audited(town.clerk, "report.review", { target: ["report", id], result: "denied" })]);

    for (const outsider of [f.liuxi.leader, f.admin]) {
      await actAs(outsider);
      const { error, audit } = await refusal(() => returnReport(id, RETURN));
      expect(error.code).toBe("not_found");
      expect(audit).toEqual([]);
    }
  });

  it("the clerk resubmits; the review shows the return reason and the text submitted last time", async () => {
    const town = await addTownship("重审镇");
    const id = await submittedReport(town);
    const firstText = sectionRow(id, "overview").html;
    await actAs(town.leader);
    await returnReport(id, RETURN);

    await actAs(town.clerk);
    await saveOverview(id, "<p>修改后的总体情况。</p>");
    const { transitions, notifications } = await written(() => submitReport(id, {}));
    expect(transitions).toEqual([expect.objectContaining({ fromStatus: "returned", toStatus: "submitted", actorId: town.clerk.id })]);
    expect(notifications).toEqual([notified(town.leader, "submitted", id)]);

    await actAs(town.leader);
    const review = await getReviewData(id);
    expect(review.returnReason).toBe(RETURN.reason);
    expect(review.document.sections.find((s) => s.key === "overview")!.html).toBe("<p>修改后的总体情况。</p>" + narrativeHtml("overview"));
    expect(review.previousReview?.sections.find((s) => s.key === "overview")!.html).toBe(firstText);
  });
});

describe("the leader approves the report", () => {
  it("with an opinion and 成文日期: the clerk is notified and the audit log says so", async () => {
    const { town, id } = await inReview("批准镇");
    const { audit, transitions, notifications } = await written(() => approveReport(id, APPROVAL));

    expect(reportRow(id)).toMatchObject({ status: "approved", metadata: expect.objectContaining({ writtenOn: APPROVAL.writtenOn }) });
    expect(transitions).toEqual([
      expect.objectContaining({ fromStatus: "submitted", toStatus: "approved", actorId: town.leader.id, reason: APPROVAL.opinion, details: { writtenOn: APPROVAL.writtenOn } }),
    ]);
    expect(audit).toEqual([audited(town.leader, "report.approved", { target: ["report", id], details: { from: "submitted", to: "approved" } })]);
    expect(notifications).toEqual([notified(town.clerk, "approved", id)]);
    expect((await getReviewData(id)).approval).toMatchObject({ opinion: APPROVAL.opinion, writtenOn: APPROVAL.writtenOn, by: town.leader.displayName });
  });

  it("needs an opinion and a date", async () => {
    const { id } = await inReview("缺意见镇");
    const { error } = await refusal(() => approveReport(id, { opinion: "", writtenOn: "三月九日" }));
    expect(error).toMatchObject({ code: "invalid", fieldErrors: { opinion: expect.any(String), writtenOn: expect.any(String) } });
  });

  it("two leaders approving at once: one succeeds, the other is a conflict; one transition, one audit row, one notification", async () => {
    const town = await addTownship("并发镇");
    const deputy = await addUser(town.unit, "leader", `t${town.unit.id}.deputy`, "并发镇副镇长");
    const id = await submittedReport(town);
    const cookies = [await signedInCookie(town.leader), await signedInCookie(deputy)];
    // As with the double click above, the conditional update decides once the two requests race.

    const { result, audit, transitions, notifications } = await written(() =>
      Promise.allSettled(
        cookies.map((cookie) => {
          setSessionCookie(cookie);
          return approveReport(id, APPROVAL);
        }),
      ),
    );

    expect(result.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failure = result.find((r) => r.status === "rejected")!;
    expect(failure.reason).toMatchObject({ code: "conflict" });
    expect(transitions).toHaveLength(1);
    expect(audit.map((a) => a.action)).toEqual(["report.approved"]);
    expect(notifications).toEqual([notified(town.clerk, "approved", id)]);

    const again = await refusal(() => approveReport(id, APPROVAL));
    expect(again.error.code).toBe("conflict");
  });

  it("a leader who submitted the report in this round cannot approve it; the refusal is audited, another leader approves", async () => {
    const town = await addTownship("自审镇");
    const id = await submittedReport(town);
    const promoted = await promoteToLeader(town.clerk);

    await actAs(promoted);
    expect((await getReviewData(id)).can.approve).toBe(false);
    const { error, audit } = await refusal(() => approveReport(id, APPROVAL));
    expect(error.code).toBe("forbidden");
    expect(audit).toEqual([audited(promoted, "report.approved", { target: ["report", id], result: "denied", details: { reason: "separation_of_duties" } })]);

    await actAs(town.leader);
    expect((await getReviewData(id)).can.approve).toBe(true);
    await approveReport(id, APPROVAL);
    expect(reportRow(id).status).toBe("approved");
  });

  it("a leader who edited a section in this round cannot approve it; edits before the last return do not count", async () => {
    const town = await addTownship("分责镇");
    const colleague = await addUser(town.unit, "clerk", `t${town.unit.id}.clerk2`, "分责镇副文书");
    const id = await draftReport(town);
    await writeReport(town, id);
    await actAs(colleague);
    await saveOverview(id, "<p>副文书补充的总体情况。</p>");
    await actAs(town.clerk);
    await submitReport(id, {});
    const promoted = await promoteToLeader(colleague);

    await actAs(promoted);
    expect((await refusal(() => approveReport(id, APPROVAL))).error.code).toBe("forbidden");

    // A new round: returned, edited and submitted again by the clerk alone.
    await actAs(town.leader);
    await returnReport(id, RETURN);
    await actAs(town.clerk);
    await saveOverview(id, "<p>文书修改后的总体情况。</p>");
    await submitReport(id, {});

    await actAs(promoted);
    await approveReport(id, APPROVAL);
    expect(reportRow(id).status).toBe("approved");
  });

  it("an admin never approves content, not even of their own unit", async () => {
    const countyOffice: Township = { unit: f.county, clerk: await addUser(f.county, "clerk", "county.clerk", "县政务公开办"), leader: f.admin };
    for (const town of [countyOffice, f.qingshi]) {
      const id = await submittedReport(town);
      await actAs(f.admin);
      const { error } = await refusal(() => approveReport(id, APPROVAL));
      expect(error.code).toBe("not_found");
      expect((await refusal(() => getReviewData(id))).error.code).toBe("not_found");
    }
  });
});

describe("待我审核 on a leader's landing page", () => {
  it("lists the unit's submitted reports with who submitted them, for its leaders only, until they are decided", async () => {
    const town = await addTownship("待审镇");
    const id = await submittedReport(town);
    const other = await addTownship("他审镇");
    await submittedReport(other);

    await actAs(town.leader);
    expect(await listReportsAwaitingMyReview()).toEqual([
      { id, year: reportRow(id).year, title: reportRow(id).title, submittedBy: town.clerk.displayName, submittedAt: expect.any(Date), canApprove: true },
    ]);
    for (const nobody of [town.clerk, f.admin]) {
      await actAs(nobody);
      expect(await listReportsAwaitingMyReview()).toEqual([]);
    }

    await actAs(town.leader);
    await returnReport(id, RETURN);
    expect(await listReportsAwaitingMyReview()).toEqual([]);
  });

  it("a leader who submitted the report in this round sees it, marked as one another leader must approve", async () => {
    const town = await addTownship("自荐镇");
    const id = await submittedReport(town);
    const promoted = await promoteToLeader(town.clerk);
    await actAs(promoted);
    expect(await listReportsAwaitingMyReview()).toEqual([expect.objectContaining({ id, canApprove: false })]);
  });
});

describe("review comments", () => {
  const comments = (reportId: number) =>
    database().select().from(reviewComments).orderBy(reviewComments.id).all().filter((c) => c.reportId === reportId);

  it("a leader comments on a section and a cell; the clerk is notified and the audit log says so", async () => {
    const { town, id } = await inReview("意见镇");
    const { audit, notifications } = await written(() =>
      addReviewComment(id, { sectionKey: "applications", cellId: "table3.naturalPerson.newReceived", body: "新收申请数与台账不一致。" }),
    );
    expect(comments(id)).toEqual([
      expect.objectContaining({ sectionKey: "applications", cellId: "table3.naturalPerson.newReceived", parentId: null, authorId: town.leader.id, resolvedAt: null }),
    ]);
    expect(audit).toEqual([audited(town.leader, "comment.add", { target: ["report", id], details: { section: "applications" } })]);
    expect(notifications).toEqual([notified(town.clerk, "comment", id)]);
  });

  it("the clerk replies in the thread (nobody is notified) and marks the comment resolved", async () => {
    const { town, id } = await inReview("答复镇");
    await addReviewComment(id, { sectionKey: "overview", body: "请补充政策解读情况。" });
    const [comment] = comments(id);

    await actAs(town.clerk);
    const reply = await written(() => addReviewComment(id, { sectionKey: "overview", parentId: comment!.id, body: "已补充。" }));
    expect(reply.notifications).toEqual([]);
    expect(reply.audit).toEqual([audited(town.clerk, "comment.add", { target: ["report", id], details: { section: "overview" } })]);

    const resolved = await written(() => resolveReviewComment(id, comment!.id));
    expect(comments(id)).toEqual([
      expect.objectContaining({ id: comment!.id, resolvedById: town.clerk.id, resolvedAt: expect.any(Date) }),
      expect.objectContaining({ parentId: comment!.id, authorId: town.clerk.id, body: "已补充。" }),
    ]);
    expect(resolved.audit).toEqual([audited(town.clerk, "comment.resolve", { target: ["report", id], details: { commentId: comment!.id } })]);

    await actAs(town.leader);
    const shown = (await getReviewData(id)).comments;
    expect(shown.map((c) => [c.author, c.parentId === null, c.resolvedAt !== null])).toEqual([
      [town.leader.displayName, true, true],
      [town.clerk.displayName, false, false],
    ]);
  });

  it("a comment is resolved once and only by a clerk; replies and sections must belong to the report; a comment needs text", async () => {
    const town = await addTownship("规则镇");
    const id = await submittedReport(town);
    const elsewhere = await submittedReport(f.liuxi);
    await actAs(f.liuxi.leader);
    await addReviewComment(elsewhere, { sectionKey: "overview", body: "柳溪镇的意见。" });
    const foreign = comments(elsewhere)[0]!;

    await actAs(town.leader);
    await addReviewComment(id, { sectionKey: "overview", body: "请核对。" });
    const own = comments(id)[0]!;
    expect((await refusal(() => resolveReviewComment(id, own.id))).error.code).toBe("forbidden");
    expect((await refusal(() => addReviewComment(id, { sectionKey: "overview", parentId: foreign.id, body: "串线回复" }))).error.code).toBe("invalid");
    expect((await refusal(() => addReviewComment(id, { sectionKey: "no-such-section", body: "意见" }))).error.code).toBe("invalid");
    expect((await refusal(() => addReviewComment(id, { sectionKey: "overview", body: " " }))).error.code).toBe("invalid");

    await actAs(town.clerk);
    expect((await refusal(() => resolveReviewComment(id, foreign.id))).error.code).toBe("conflict");
    await resolveReviewComment(id, own.id);
    expect((await refusal(() => resolveReviewComment(id, own.id))).error.code).toBe("conflict");
  });
});
