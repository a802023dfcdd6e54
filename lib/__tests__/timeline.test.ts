import { describe, expect, it } from "vitest";
import {
  buildTimeline,
  countTimeline,
  excerpt,
  filterTimeline,
  findSignOffRound,
  parseTimelineFilter,
  type CommentRow,
  type EditionRow,
  type RevisionRow,
  type TimelineRows,
  type TransitionRow,
} from "../timeline";

/** China local "YYYY-MM-DD HH:mm" → instant. */
const cn = (local: string) => new Date(`${local.replace(" ", "T")}:00+08:00`);

const revision = (r: Partial<RevisionRow> & Pick<RevisionRow, "id" | "updatedAt">): RevisionRow => ({
  sectionKey: "overview",
  sectionHeading: "一、总体情况",
  authorName: "周文书",
  createdAt: r.updatedAt,
  saveCount: 1,
  restoredFromId: null,
  ...r,
});

const transition = (t: Partial<TransitionRow> & Pick<TransitionRow, "id" | "fromStatus" | "toStatus" | "at">): TransitionRow => ({
  actorName: "周文书",
  reason: null,
  details: null,
  ...t,
});

const comment = (c: Partial<CommentRow> & Pick<CommentRow, "id" | "createdAt" | "body">): CommentRow => ({
  sectionKey: "overview",
  sectionHeading: "一、总体情况",
  cellName: null,
  parentId: null,
  authorName: "吴镇长",
  resolvedAt: null,
  resolvedByName: null,
  ...c,
});

const edition = (e: Partial<EditionRow> & Pick<EditionRow, "id" | "edition" | "publishedAt">): EditionRow => ({
  changeNote: null,
  sha256: "ab".repeat(32),
  ...e,
});

const rows = (r: Partial<TimelineRows>): TimelineRows => ({ revisions: [], transitions: [], comments: [], editions: [], ...r });

/** A full round: two save bursts, a comment, a return, a fix, approval and publication. */
function fullRound(): TimelineRows {
  return rows({
    revisions: [
      revision({ id: 1, createdAt: cn("2025-01-10 09:00"), updatedAt: cn("2025-01-10 09:04"), saveCount: 3 }),
      revision({ id: 2, sectionKey: "preamble", sectionHeading: "", updatedAt: cn("2025-01-10 09:30") }),
      revision({ id: 3, createdAt: cn("2025-01-12 14:00"), updatedAt: cn("2025-01-12 14:00"), saveCount: 1 }),
    ],
    transitions: [
      transition({ id: 1, fromStatus: "draft", toStatus: "submitted", at: cn("2025-01-10 10:00"), details: { explanations: [{}, {}] } }),
      transition({ id: 2, fromStatus: "submitted", toStatus: "returned", at: cn("2025-01-11 08:00"), actorName: "吴镇长", reason: "第一部分缺少办理时限说明。" }),
      transition({ id: 3, fromStatus: "returned", toStatus: "submitted", at: cn("2025-01-12 15:00") }),
      transition({
        id: 4,
        fromStatus: "submitted",
        toStatus: "approved",
        at: cn("2025-01-13 09:00"),
        actorName: "吴镇长",
        reason: "同意发布。",
        details: { writtenOn: "2025-01-13" },
      }),
      transition({
        id: 5,
        fromStatus: "approved",
        toStatus: "published",
        at: cn("2025-01-13 10:00"),
        actorName: "吴镇长",
        details: { editionId: 7, indexNo: "11339999MB0A12318P/2025-00001", sha256: "cd".repeat(32), imported: false },
      }),
    ],
    comments: [
      comment({
        id: 1,
        createdAt: cn("2025-01-11 07:55"),
        body: "请补充依申请公开的平均办理时限。",
        resolvedAt: cn("2025-01-12 14:05"),
        resolvedByName: "周文书",
      }),
      comment({ id: 2, parentId: 1, authorName: "周文书", createdAt: cn("2025-01-11 09:00"), body: "好的，\n  已补充。" }),
    ],
    editions: [edition({ id: 7, edition: 1, publishedAt: cn("2025-01-13 10:00") })],
  });
}

describe("buildTimeline", () => {
  it("lists every save, step, comment and publication newest first", () => {
    const timeline = buildTimeline(fullRound());
    expect(timeline.map((e) => e.id)).toEqual([
      "transition-5",
      "transition-4",
      "transition-3",
      "revision-3",
      "comment-2",
      "transition-2",
      "comment-1",
      "transition-1",
      "revision-2",
      "revision-1",
    ]);
    for (let i = 1; i < timeline.length; i++) expect(timeline[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(timeline[i]!.at.getTime());
  });

  it("describes a save burst with its section and number of autosaves", () => {
    const [burst] = buildTimeline(rows({ revisions: [revision({ id: 1, createdAt: cn("2025-01-10 09:00"), updatedAt: cn("2025-01-10 09:04"), saveCount: 3 })] }));
    expect(burst).toMatchObject({ kind: "save", event: "saved", actor: "周文书", sectionKey: "overview", text: "周文书 保存了「一、总体情况」（3 次自动保存）" });
    expect(burst!.facts).toEqual([{ label: "编辑时段", value: "2025-01-10 09:00 至 09:04" }]);
  });

  it("names the preamble and leaves out the count for a single save", () => {
    const [save] = buildTimeline(rows({ revisions: [revision({ id: 2, sectionKey: "preamble", sectionHeading: "", updatedAt: cn("2025-01-10 09:30") })] }));
    expect(save!.text).toBe("周文书 保存了「导语（开头部分）」");
    expect(save!.facts).toEqual([]);
  });

  it("says which saved version a restore brought back", () => {
    const timeline = buildTimeline(
      rows({
        revisions: [
          revision({ id: 1, updatedAt: cn("2025-01-10 09:04") }),
          revision({ id: 2, updatedAt: cn("2025-01-10 11:00") }),
          revision({ id: 3, updatedAt: cn("2025-01-10 11:30"), restoredFromId: 1 }),
        ],
      }),
    );
    expect(timeline[0]).toMatchObject({ event: "restored", text: "周文书 将「一、总体情况」恢复为 2025-01-10 09:04 保存的旧版本" });
  });

  it("words each workflow step with its reason, opinion and 成文日期", () => {
    const byId = new Map(buildTimeline(fullRound()).map((e) => [e.id, e]));
    expect(byId.get("transition-1")).toMatchObject({ event: "submitted", text: "周文书 提交审核", facts: [{ label: "提醒说明", value: "2 条" }] });
    expect(byId.get("transition-2")).toMatchObject({ event: "returned", text: "吴镇长 退回修改", detail: "原因：第一部分缺少办理时限说明。" });
    expect(byId.get("transition-3")).toMatchObject({ event: "submitted", text: "周文书 修改后重新提交审核" });
    expect(byId.get("transition-4")).toMatchObject({
      event: "approved",
      text: "吴镇长 审核批准",
      detail: "审核意见：同意发布。",
      facts: [{ label: "成文日期", value: "2025-01-13" }],
    });
  });

  it("shows a publication once, with its edition and 索引号, not again as an edition", () => {
    const timeline = buildTimeline(fullRound());
    const published = timeline.filter((e) => e.event === "published");
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ text: "吴镇长 发布第 1 版，索引号 11339999MB0A12318P/2025-00001", facts: [{ label: "SHA-256", value: "cd".repeat(32) }] });
  });

  it("tells imported and scheduled publications from a person's", () => {
    const timeline = buildTimeline(
      rows({
        transitions: [
          transition({ id: 1, fromStatus: "approved", toStatus: "published", actorName: null, at: cn("2024-01-16 09:30"), details: { editionId: 1, indexNo: "X/2024-00201", sha256: "s", imported: true } }),
          transition({ id: 2, fromStatus: "published", toStatus: "draft", actorName: "吴镇长", at: cn("2025-02-01 09:00"), reason: "开始修订", details: { fromEdition: 1 } }),
          transition({ id: 3, fromStatus: "approved", toStatus: "scheduled", actorName: "吴镇长", at: cn("2025-02-02 09:00"), reason: "更正表三数字。", details: { scheduledAt: "2025-02-03T02:00:00.000Z" } }),
          transition({ id: 4, fromStatus: "scheduled", toStatus: "published", actorName: null, at: cn("2025-02-03 10:00"), reason: "更正表三数字。", details: { editionId: 2, indexNo: "X/2024-00201", sha256: "t", imported: false } }),
        ],
        editions: [edition({ id: 1, edition: 1, publishedAt: cn("2024-01-16 09:30") }), edition({ id: 2, edition: 2, publishedAt: cn("2025-02-03 10:00") })],
      }),
    );
    expect(timeline.map((e) => e.text)).toEqual([
      "定时发布：发布第 2 版，索引号 X/2024-00201",
      "吴镇长 设定定时发布：2025-02-03 10:00",
      "吴镇长 开始修订（以第 1 版为底稿）",
      "从档案导入：发布第 1 版，索引号 X/2024-00201",
    ]);
    expect(timeline[0]!.detail).toBe("修订说明：更正表三数字。");
    expect(timeline[1]!.detail).toBe("修订说明：更正表三数字。");
  });

  it("words withdrawal, cancelling a schedule and unexpected steps", () => {
    const timeline = buildTimeline(
      rows({
        transitions: [
          transition({ id: 1, fromStatus: "scheduled", toStatus: "approved", actorName: "吴镇长", at: cn("2025-01-01 09:00") }),
          transition({ id: 2, fromStatus: "published", toStatus: "withdrawn", actorName: "吴镇长", at: cn("2025-01-02 09:00"), reason: "数据口径需重新核实。" }),
          transition({ id: 3, fromStatus: "submitted", toStatus: "draft", actorName: null, at: cn("2025-01-03 09:00") }),
        ],
      }),
    );
    expect(timeline.map((e) => [e.event, e.text, e.detail])).toEqual([
      ["status", "系统 将状态由「待审核」改为「草稿」", null],
      ["withdrawn", "吴镇长 撤回已发布的报告", "原因：数据口径需重新核实。"],
      ["unscheduled", "吴镇长 取消定时发布", null],
    ]);
  });

  it("shows comments with section, cell, an excerpt and when they were resolved", () => {
    const long = "这一段".repeat(40);
    const timeline = buildTimeline(
      rows({
        comments: [
          comment({ id: 1, createdAt: cn("2025-01-11 07:55"), body: "请核对。", cellName: "三、（一）本年新收政府信息公开申请数量·自然人", resolvedAt: cn("2025-01-12 14:05"), resolvedByName: "周文书" }),
          comment({ id: 2, createdAt: cn("2025-01-11 08:00"), body: long }),
          comment({ id: 3, parentId: 2, authorName: "周文书", createdAt: cn("2025-01-11 09:00"), body: "已改。", sectionKey: "gone", sectionHeading: null }),
        ],
      }),
    );
    expect(timeline.map((e) => [e.event, e.text])).toEqual([
      ["reply", "周文书 回复了「gone」的意见"],
      ["comment", "吴镇长 对「一、总体情况」提出意见"],
      ["comment", "吴镇长 对「一、总体情况」三、（一）本年新收政府信息公开申请数量·自然人 提出意见"],
    ]);
    expect(timeline[1]!.detail).toBe(`${"这一段".repeat(40).slice(0, 80)}…`);
    expect(timeline[1]!.facts).toEqual([{ label: "状态", value: "未处理" }]);
    expect(timeline[2]!.facts).toEqual([{ label: "已处理", value: "2025-01-12 14:05（周文书）" }]);
    expect(timeline[0]!.facts).toEqual([]);
  });

  it("keeps an edition whose publication step is missing", () => {
    const timeline = buildTimeline(rows({ editions: [edition({ id: 3, edition: 1, publishedAt: cn("2023-01-13 09:30"), changeNote: null })] }));
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ kind: "workflow", event: "published", text: "发布第 1 版", actor: null });
  });

  it("puts a step after the save at the same instant, and later rows first", () => {
    const at = cn("2025-01-10 10:00");
    const timeline = buildTimeline(
      rows({
        revisions: [revision({ id: 8, updatedAt: at }), revision({ id: 9, updatedAt: at })],
        transitions: [transition({ id: 1, fromStatus: "draft", toStatus: "submitted", at })],
        comments: [comment({ id: 1, createdAt: at, body: "x" })],
      }),
    );
    expect(timeline.map((e) => e.id)).toEqual(["transition-1", "comment-1", "revision-9", "revision-8"]);
  });
});

describe("filters", () => {
  it("accepts only the known kinds and defaults to all", () => {
    expect(parseTimelineFilter("save")).toBe("save");
    expect(parseTimelineFilter(["comment", "save"])).toBe("comment");
    expect(parseTimelineFilter("drop table")).toBe("all");
    expect(parseTimelineFilter(undefined)).toBe("all");
  });

  it("keeps the entries of one kind, in order, and counts each kind", () => {
    const timeline = buildTimeline(fullRound());
    expect(filterTimeline(timeline, "all")).toBe(timeline);
    expect(filterTimeline(timeline, "workflow").map((e) => e.id)).toEqual(["transition-5", "transition-4", "transition-3", "transition-2", "transition-1"]);
    expect(countTimeline(timeline)).toEqual({ all: 10, save: 3, workflow: 5, comment: 2 });
  });

  it("collapses whitespace in excerpts and cuts at whole characters", () => {
    expect(excerpt("好的，\n  已补充。")).toBe("好的， 已补充。");
    expect(excerpt("𠀀𠀁𠀂", 2)).toBe("𠀀𠀁…");
  });
});

describe("findSignOffRound", () => {
  it("takes the last approval, the submission before it and the publication after it", () => {
    const round = findSignOffRound(fullRound().transitions);
    expect(round?.approval.id).toBe(4);
    expect(round?.submission?.id).toBe(3);
    expect(round?.publication?.id).toBe(5);
  });

  it("does not count cancelling a schedule as an approval", () => {
    const t = [
      transition({ id: 1, fromStatus: "draft", toStatus: "submitted", at: cn("2025-01-10 10:00") }),
      transition({ id: 2, fromStatus: "submitted", toStatus: "approved", at: cn("2025-01-11 10:00"), actorName: "吴镇长", reason: "同意。" }),
      transition({ id: 3, fromStatus: "approved", toStatus: "scheduled", at: cn("2025-01-11 11:00") }),
      transition({ id: 4, fromStatus: "scheduled", toStatus: "approved", at: cn("2025-01-11 12:00"), actorName: "王某" }),
    ];
    const round = findSignOffRound([...t].reverse());
    expect(round).toMatchObject({ approval: { id: 2, reason: "同意。" }, submission: { id: 1 }, publication: null });
  });

  it("follows a correction: the new approval and its own publication", () => {
    const t = [
      ...fullRound().transitions,
      transition({ id: 6, fromStatus: "published", toStatus: "draft", at: cn("2025-02-01 09:00") }),
      transition({ id: 7, fromStatus: "draft", toStatus: "submitted", at: cn("2025-02-02 09:00"), actorName: "李文书" }),
      transition({ id: 8, fromStatus: "submitted", toStatus: "approved", at: cn("2025-02-03 09:00") }),
    ];
    expect(findSignOffRound(t)).toMatchObject({ approval: { id: 8 }, submission: { id: 7, actorName: "李文书" }, publication: null });
  });

  it("finds nothing for an imported report that was published without approval", () => {
    expect(findSignOffRound([transition({ id: 1, fromStatus: "approved", toStatus: "published", actorName: null, at: cn("2024-01-16 09:30") })])).toBeNull();
    expect(findSignOffRound([])).toBeNull();
  });
});
