/**
 * Issue 12: every path by which a person saves text refuses control characters, U+FFFD and lone
 * surrogates with the same Chinese message at the field, and stores nothing (refusal() compares
 * every table before and after). Tab and line breaks stay allowed in multi-line text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { updateReportTitle } from "@/lib/data/reports";
import { saveSection } from "@/lib/data/sections";
import { createUnit, updateUnit } from "@/lib/data/units";
import { createUser, updateUser } from "@/lib/data/users";
import { addReviewComment, approveReport, getReviewData, publishApprovedReport, returnReport, submitReport, withdrawReport } from "@/lib/data/workflow";
import { actAs, addTownship, refusal, sectionRow, seedFixture, type Persona } from "@/lib/testing/integration-db";
import { APPROVAL, approvedReport, draftReport, publishedReport, submittedReport, writeReport } from "@/lib/testing/report-flows";
import { GARBLED_TEXT_MESSAGE } from "@/lib/validations/parse";
import { findingKey } from "@/lib/validations/workflow";

const f = await seedFixture();

/** What the probe sent (as JSON escapes) and what a pasted text may carry. */
const GARBLED = [
  ["NUL", "\u0000"],
  ["SOH", "\u0001"],
  ["ESC", "\u001b"],
  ["DEL", "\u007f"],
  ["U+FFFD", "\ufffd"],
  ["lone surrogate", "\ud800"],
] as const;

const garble = (text: string, bad: string) => `${text.slice(0, 1)}${bad}${text.slice(1)}`;

const towns = {
  draft: f.qingshi,
  written: f.liuxi,
  submitted: await addTownship("白石镇"),
  approved: await addTownship("红岩镇"),
  published: await addTownship("金沙镇"),
};

let draft: number;
let written: number;
let submitted: number;
let approved: number;
let published: number;
let commentId: number;

beforeAll(async () => {
  draft = await draftReport(towns.draft);
  written = await draftReport(towns.written);
  await writeReport(towns.written, written);
  submitted = await submittedReport(towns.submitted);
  approved = await approvedReport(towns.approved);
  published = await publishedReport(towns.published);
  await actAs(towns.submitted.leader);
  await addReviewComment(submitted, { sectionKey: "overview", body: "请补充办理情况。" });
  commentId = (await getReviewData(submitted)).comments[0]!.id;
});

interface SavePath {
  /** The route or action a person uses, as the test reports it. */
  path: string;
  /** The field whose message the person sees. */
  field: string;
  as: () => Persona;
  save: (text: string) => Promise<unknown>;
}

const unitInput = (name: string) => ({ name, shortName: "新单位", kind: "township", parentId: String(f.county.id), orgCode: "", reportDeadline: "01-31" }) as const;

const SAVE_PATHS: SavePath[] = [
  {
    path: "PUT /api/reports/[id]/sections/[key] (narrative html)",
    field: "html",
    as: () => towns.draft.clerk,
    save: async (text) => saveSection({ reportId: draft, sectionKey: "overview", baseVersion: sectionRow(draft, "overview").version, html: `<p>${text}</p>` }),
  },
  {
    path: "PUT /api/reports/[id]/sections/[key] (table cells)",
    field: "cells",
    as: () => towns.draft.clerk,
    save: async (text) =>
      saveSection({ reportId: draft, sectionKey: "applications", baseVersion: sectionRow(draft, "applications").version, cells: { naturalPerson: { newReceived: text } } }),
  },
  { path: "updateReportTitleAction", field: "title", as: () => towns.draft.clerk, save: (text) => updateReportTitle(draft, { title: `青石镇${text}年度报告` }) },
  {
    path: "submitReportAction (explanations)",
    field: "__explanation",
    as: () => towns.written.clerk,
    save: async (text) => {
      const warnings = (await getReviewData(written)).findings.filter((finding) => finding.severity === "warning");
      const key = warnings[0] ? findingKey(warnings[0]) : "rule|cell|";
      return submitReport(written, { [key]: `已核实${text}` });
    },
  },
  { path: "addCommentAction (comment)", field: "body", as: () => towns.submitted.leader, save: (text) => addReviewComment(submitted, { sectionKey: "overview", body: `请补充${text}` }) },
  {
    path: "addCommentAction (reply)",
    field: "body",
    as: () => towns.submitted.clerk,
    save: (text) => addReviewComment(submitted, { sectionKey: "overview", parentId: commentId, body: `已补充${text}` }),
  },
  { path: "returnReportAction", field: "reason", as: () => towns.submitted.leader, save: (text) => returnReport(submitted, { reason: `数据有误${text}` }) },
  { path: "approveReportAction", field: "opinion", as: () => towns.submitted.leader, save: (text) => approveReport(submitted, { ...APPROVAL, opinion: `同意${text}` }) },
  { path: "publishReportAction (修订说明)", field: "changeNote", as: () => towns.approved.leader, save: (text) => publishApprovedReport(approved, { scheduleAt: "", changeNote: `说明${text}` }) },
  { path: "withdrawReportAction", field: "reason", as: () => towns.published.leader, save: (text) => withdrawReport(published, { reason: `撤回${text}` }) },
  { path: "createUnitAction", field: "name", as: () => f.admin, save: (text) => createUnit(unitInput(`测试县新${text}镇人民政府`)) },
  { path: "updateUnitAction", field: "name", as: () => f.admin, save: (text) => updateUnit(f.qingshi.unit.id, { ...unitInput(`青石${text}镇人民政府`), shortName: "青石镇" }) },
  {
    path: "createUserAction",
    field: "displayName",
    as: () => f.admin,
    save: (text) => createUser({ username: "garbled.user", displayName: `张${text}三`, role: "clerk", unitId: String(f.qingshi.unit.id) }),
  },
  {
    path: "updateUserAction",
    field: "displayName",
    as: () => f.admin,
    save: (text) => updateUser(f.qingshi.clerk.id, { displayName: `王${text}五`, role: "clerk", unitId: String(f.qingshi.unit.id) }),
  },
];

describe("garbled text is refused on every save path with the same message (issue 12)", () => {
  const cases = SAVE_PATHS.flatMap((savePath) => GARBLED.map(([name, bad]) => [savePath.path, name, savePath, bad] as const));

  it.each(cases)("%s refuses %s", async (_path, _name, savePath, bad) => {
    await actAs(savePath.as());
    const { error } = await refusal(() => savePath.save(garble("正常文字", bad)));
    expect(error.code).toBe("invalid");
    expect(error.message).toBe(GARBLED_TEXT_MESSAGE);
    if (savePath.field !== "__explanation") expect(error.fieldErrors).toEqual({ [savePath.field]: GARBLED_TEXT_MESSAGE });
  });

  it.each(["&#0;", "&#1;", "&#x1B;", "&#127;", "&#xFFFD;", "&#xD800;"])("the autosave refuses %s written as a character reference", async (reference) => {
    await actAs(towns.draft.clerk);
    const { error } = await refusal(() =>
      saveSection({ reportId: draft, sectionKey: "overview", baseVersion: sectionRow(draft, "overview").version, html: `<p>正${reference}常</p>` }),
    );
    expect(error.fieldErrors).toEqual({ html: GARBLED_TEXT_MESSAGE });
  });

  it("keeps tab and line breaks where text runs over several lines", async () => {
    await actAs(towns.submitted.leader);
    await addReviewComment(submitted, { sectionKey: "overview", body: "第一行\r\n第二行\t第三列" });
    const comments = (await getReviewData(submitted)).comments;
    expect(comments.map((c) => c.body)).toContain("第一行\r\n第二行\t第三列");
    await actAs(towns.draft.clerk);
    const saved = await saveSection({ reportId: draft, sectionKey: "overview", baseVersion: sectionRow(draft, "overview").version, html: "<p>第一行\n第二行\t</p>" });
    expect(saved.status).toBe("saved");
    expect(sectionRow(draft, "overview").html).toBe("<p>第一行\n第二行\t</p>");
  });
});
