import { describe, expect, it } from "vitest";
import { auditDetailSentence, auditEventLabel } from "@/lib/audit-vocabulary";
import { canDecideFiling, canReadFiling, canReadFilings, decisionLabel, filingArrangement, FOLLOW_SUPERVISOR, type FilingListEntry } from "@/lib/filing";
import { buildTimeline, findSignOffRound, type TransitionRow } from "@/lib/timeline";
import { reportingListSchema } from "@/lib/validations/reporting-list";
import { returnFilingSchema } from "@/lib/validations/filing";

const county = { id: 1, name: "示例县人民政府", filingMode: "none" as const };
const town = { id: 7, kind: "township" as const, parentId: 1 };
const entry = (values: Partial<FilingListEntry>): FilingListEntry => ({ supervisorId: 1, unitId: 7, included: true, reason: null, filingMode: null, ...values });

describe("which supervisor and mode apply to a report (备案)", () => {
  it("follows the parent's setting when the list has no entry of its own, and files nothing under 不备案", () => {
    expect(filingArrangement(town, county, [])).toBeNull();
    expect(filingArrangement(town, { ...county, filingMode: "before_publication" }, [])).toEqual({
      supervisorId: 1,
      supervisorName: "示例县人民政府",
      mode: "before_publication",
    });
    expect(filingArrangement(town, { ...county, filingMode: "after_publication" }, [entry({})])).toMatchObject({ mode: "after_publication" });
  });

  it("takes the entry's own mode over the parent's, either way", () => {
    expect(filingArrangement(town, county, [entry({ filingMode: "before_publication" })])).toMatchObject({ mode: "before_publication" });
    expect(filingArrangement(town, { ...county, filingMode: "before_publication" }, [entry({ filingMode: "none" })])).toBeNull();
    expect(filingArrangement(town, { ...county, filingMode: "before_publication" }, [entry({ filingMode: "after_publication" })])).toMatchObject({
      mode: "after_publication",
    });
  });

  it("files nothing for a unit left off the list, without a parent, or with an entry saved by another supervisor", () => {
    const strict = { ...county, filingMode: "before_publication" as const };
    expect(filingArrangement(town, strict, [entry({ included: false, reason: "垂直管理" })])).toBeNull();
    expect(filingArrangement({ ...town, parentId: null }, strict, [])).toBeNull();
    expect(filingArrangement(town, null, [])).toBeNull();
    expect(filingArrangement({ ...town, parentId: 2 }, strict, [])).toBeNull();
    // An override saved by the unit's former supervisor does not count: the parent's setting applies.
    expect(filingArrangement(town, county, [entry({ supervisorId: 2, filingMode: "before_publication" })])).toBeNull();
  });
});

describe("who decides a filing", () => {
  const countyUnit = { id: 1, kind: "county" as const };
  const filing = { supervisorId: 1 };
  it("lets only the clerks of the unit it was filed with decide, and its leaders read", () => {
    expect(canDecideFiling({ userId: 1, role: "clerk", unitId: 1 }, countyUnit, filing)).toBe(true);
    expect(canDecideFiling({ userId: 2, role: "leader", unitId: 1 }, countyUnit, filing)).toBe(false);
    expect(canReadFiling({ userId: 2, role: "leader", unitId: 1 }, countyUnit, filing)).toBe(true);
    expect(canReadFilings({ userId: 2, role: "leader", unitId: 1 }, countyUnit)).toBe(true);
  });

  it("refuses township staff, admins, another county's clerk and nobody signed in", () => {
    expect(canDecideFiling({ userId: 3, role: "clerk", unitId: 7 }, { id: 7, kind: "township" }, filing)).toBe(false);
    expect(canReadFiling({ userId: 3, role: "clerk", unitId: 7 }, { id: 7, kind: "township" }, filing)).toBe(false);
    expect(canDecideFiling({ userId: 4, role: "admin", unitId: 1 }, countyUnit, filing)).toBe(false);
    expect(canDecideFiling({ userId: 5, role: "clerk", unitId: 2 }, { id: 2, kind: "county" }, filing)).toBe(false);
    expect(canReadFiling({ userId: 5, role: "clerk", unitId: 2 }, { id: 2, kind: "county" }, filing)).toBe(false);
    expect(canDecideFiling(null, countyUnit, filing)).toBe(false);
  });

  it("names the decision in Chinese", () => {
    expect(decisionLabel({ status: "pending", mode: "before_publication" })).toBe("待备案");
    expect(decisionLabel({ status: "accepted", mode: "before_publication" })).toBe("备案通过");
    expect(decisionLabel({ status: "returned", mode: "before_publication" })).toBe("已退回");
    expect(decisionLabel({ status: "accepted", mode: "after_publication" })).toBe("已确认备案");
  });
});

describe("the forms", () => {
  it("asks for a send-back reason at the field", () => {
    const parsed = returnFilingSchema.safeParse({ reason: "  " });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ["reason"], message: "请填写退回原因，下级单位将据此修改。" });
  });

  it("takes the unit-wide 备案方式 and a per-unit choice on the reporting list, and still accepts a list without them", () => {
    const list = { year: 2024, entries: [{ unitId: 7, included: true, reason: "", filingMode: FOLLOW_SUPERVISOR }] };
    expect(reportingListSchema.parse({ ...list, filingMode: "before_publication" })).toMatchObject({ filingMode: "before_publication" });
    expect(reportingListSchema.safeParse({ ...list, filingMode: "sometimes" }).success).toBe(false);
    expect(reportingListSchema.safeParse({ year: 2024, entries: [{ unitId: 7, included: true, reason: "", filingMode: "never" }] }).success).toBe(false);
    expect(reportingListSchema.parse({ year: 2024, entries: [{ unitId: 7, included: true, reason: "" }] }).filingMode).toBeUndefined();
  });
});

describe("the timeline and the audit log in the county's wording", () => {
  const at = (minute: number) => new Date(Date.UTC(2025, 0, 20, 2, minute));
  const step = (id: number, fromStatus: TransitionRow["fromStatus"], toStatus: TransitionRow["toStatus"], more: Partial<TransitionRow> = {}): TransitionRow => ({
    id,
    fromStatus,
    toStatus,
    actorName: "吴镇长",
    at: at(id),
    reason: null,
    details: null,
    ...more,
  });
  const supervisor = { supervisor: "示例县人民政府" };
  const transitions = [
    step(1, "draft", "submitted", { actorName: "周文书" }),
    step(2, "submitted", "filing", { reason: "同意。", details: { writtenOn: "2025-01-20", ...supervisor } }),
    step(3, "filing", "returned", { actorName: "孙主任", reason: "表三数据有误。", details: supervisor }),
    step(4, "returned", "submitted", { actorName: "周文书" }),
    step(5, "submitted", "filing", { reason: "同意。", details: { writtenOn: "2025-01-21", ...supervisor } }),
    step(6, "filing", "approved", { actorName: "孙主任", details: supervisor }),
  ];

  it("words every filing step", () => {
    const texts = buildTimeline({ revisions: [], transitions, comments: [], editions: [] }).map((e) => e.text);
    expect(texts).toEqual([
      "示例县人民政府备案通过",
      "吴镇长 审核批准，报送示例县人民政府备案",
      "周文书 修改后重新提交审核",
      "示例县人民政府退回：表三数据有误。",
      "吴镇长 审核批准，报送示例县人民政府备案",
      "周文书 提交审核",
    ]);
  });

  it("words the acknowledgement of a published edition", () => {
    const entries = buildTimeline({
      revisions: [],
      transitions: [],
      comments: [],
      editions: [],
      filings: [{ id: 1, edition: 1, supervisorName: "示例县人民政府", filedAt: at(1), acknowledgedAt: at(2), acknowledgedByName: "孙主任", note: "已阅。" }],
    });
    expect(entries.map((e) => [e.text, e.detail])).toEqual([
      ["示例县人民政府确认备案（第 1 版）", "备注：已阅。"],
      ["发布后报送示例县人民政府备案（第 1 版）", null],
    ]);
  });

  it("takes the leader's approval into 待备案 as the 审签单's approval, not the county's acceptance", () => {
    expect(findSignOffRound(transitions)?.approval.id).toBe(5);
  });

  it("names the new audit actions", () => {
    expect(auditEventLabel("filing.accept", "success")).toBe("备案通过");
    expect(auditEventLabel("filing.decide", "denied")).toBe("无权限：办理备案");
    expect(auditEventLabel("report.filing", "success")).toBe("审核通过并报送备案");
    expect(auditDetailSentence({ action: "filing.file", result: "success", details: { mode: "after_publication", edition: 2 } })).toBe("发布后备案，第 2 版。");
  });
});
