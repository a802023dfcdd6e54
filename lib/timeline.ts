/**
 * A report's history as one timeline: save bursts, workflow steps, review comments and
 * publications, newest first, each described in a Chinese sentence. Pure: the data layer
 * loads the rows (lib/data/report-history.ts), this module orders and words them.
 */
import type { ReportStatus } from "@/lib/permissions";
import { REPORT_STATUS_LABELS } from "@/lib/vocabulary";
import { chinaDateTime } from "@/lib/time";

export const TIMELINE_FILTERS = ["all", "save", "workflow", "comment"] as const;
export type TimelineFilter = (typeof TIMELINE_FILTERS)[number];
export type TimelineKind = Exclude<TimelineFilter, "all">;

export const TIMELINE_FILTER_LABELS: Record<TimelineFilter, string> = {
  all: "全部",
  save: "保存",
  workflow: "流程",
  comment: "意见",
};

/** One save burst of a section (section_revisions row). */
export interface RevisionRow {
  id: number;
  sectionKey: string;
  sectionHeading: string;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  saveCount: number;
  restoredFromId: number | null;
}

/** One workflow step (report_transitions row, without the submitted document). */
export interface TransitionRow {
  id: number;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  actorName: string | null;
  at: Date;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** One review comment or reply. */
export interface CommentRow {
  id: number;
  sectionKey: string;
  /** Null when the section no longer exists. */
  sectionHeading: string | null;
  /** Human name of the commented cell, if the comment is about one. */
  cellName: string | null;
  parentId: number | null;
  authorName: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolvedByName: string | null;
}

/** One published edition (report_editions row, without the snapshot). */
export interface EditionRow {
  id: number;
  edition: number;
  publishedAt: Date;
  changeNote: string | null;
  sha256: string;
}

export type TimelineEvent =
  | "saved"
  | "restored"
  | "submitted"
  | "returned"
  | "approved"
  | "unscheduled"
  | "scheduled"
  | "published"
  | "withdrawn"
  | "correction"
  | "filed"
  | "filing_accepted"
  | "filing_returned"
  | "filing_acknowledged"
  | "status"
  | "comment"
  | "reply";

export interface TimelineFact {
  label: string;
  value: string;
}

export interface TimelineEntry {
  /** Unique within the timeline, e.g. "transition-12". */
  id: string;
  kind: TimelineKind;
  event: TimelineEvent;
  at: Date;
  actor: string | null;
  /** One sentence, e.g. 「周文书 保存了「一、总体情况」（3 次自动保存）」. */
  text: string;
  /** Longer text shown under it: a reason, an opinion, a comment's excerpt. */
  detail: string | null;
  facts: TimelineFact[];
  /** Section of a save or comment (for a link to the section's own history). */
  sectionKey: string | null;
}

/**
 * One filing after publication (发布后备案; those before publication are workflow steps of
 * their own). The supervisor's name as its staff are known to the unit, e.g. 示例县人民政府.
 */
export interface FilingRow {
  id: number;
  edition: number | null;
  supervisorName: string;
  filedAt: Date;
  /** Null while it waits for the supervisor. */
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  note: string | null;
}

export interface TimelineRows {
  revisions: RevisionRow[];
  transitions: TransitionRow[];
  comments: CommentRow[];
  editions: EditionRow[];
  filings?: FilingRow[];
}

/** Longest comment excerpt shown in the timeline (characters). */
export const EXCERPT_LENGTH = 80;

const SYSTEM = "系统";

export const sectionName = (heading: string | null | undefined, key?: string): string =>
  heading === null || heading === undefined ? (key ?? "") : heading || "导语（开头部分）";

/** The first `max` characters of a comment, whitespace collapsed, with an ellipsis when cut. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max).join("")}…`;
}

const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

function revisionEntry(row: RevisionRow, byId: Map<number, RevisionRow>): TimelineEntry {
  const author = row.authorName ?? SYSTEM;
  const section = `「${sectionName(row.sectionHeading)}」`;
  const base = { id: `revision-${row.id}`, kind: "save" as const, at: row.updatedAt, actor: row.authorName, detail: null, sectionKey: row.sectionKey };
  if (row.restoredFromId !== null) {
    const source = byId.get(row.restoredFromId);
    const when = source ? ` ${chinaDateTime(source.updatedAt)} 保存的` : "";
    return { ...base, event: "restored", text: `${author} 将${section}恢复为${when}旧版本`, facts: [] };
  }
  const count = row.saveCount > 1 ? `（${row.saveCount} 次自动保存）` : "";
  const facts =
    row.saveCount > 1 && chinaDateTime(row.createdAt) !== chinaDateTime(row.updatedAt)
      ? [{ label: "编辑时段", value: `${chinaDateTime(row.createdAt)} 至 ${chinaDateTime(row.updatedAt).slice(11)}` }]
      : [];
  return { ...base, event: "saved", text: `${author} 保存了${section}${count}`, facts };
}

function publicationText(actor: string | null, edition: number | null, indexNo: string | null, imported: boolean): string {
  const what = `发布${edition === null ? "" : `第 ${edition} 版`}，${indexNo ? `索引号 ${indexNo}` : "无索引号"}`;
  if (imported) return `从档案导入：${what}`;
  if (actor === null) return `定时发布：${what}`;
  return `${actor} ${what}`;
}

function transitionEntry(row: TransitionRow, editions: Map<number, EditionRow>): TimelineEntry {
  const actor = row.actorName ?? SYSTEM;
  const details = row.details ?? {};
  const base = { id: `transition-${row.id}`, kind: "workflow" as const, at: row.at, actor: row.actorName, sectionKey: null };
  const facts: TimelineFact[] = [];
  const supervisor = str(details.supervisor) ?? "上级单位";
  switch (row.toStatus) {
    case "submitted": {
      const explanations = Array.isArray(details.explanations) ? details.explanations.length : 0;
      if (explanations > 0) facts.push({ label: "提醒说明", value: `${explanations} 条` });
      const again = row.fromStatus === "returned" ? "修改后重新" : "";
      return { ...base, event: "submitted", text: `${actor} ${again}提交审核`, detail: null, facts };
    }
    case "returned":
      if (row.fromStatus === "filing") {
        if (row.actorName) facts.push({ label: "经办人", value: row.actorName });
        return { ...base, event: "filing_returned", text: `${supervisor}退回：${row.reason ?? ""}`, detail: null, facts };
      }
      return { ...base, event: "returned", text: `${actor} 退回修改`, detail: row.reason ? `原因：${row.reason}` : null, facts };
    case "filing": {
      const writtenOn = str(details.writtenOn);
      if (writtenOn) facts.push({ label: "成文日期", value: writtenOn });
      return { ...base, event: "filed", text: `${actor} 审核批准，报送${supervisor}备案`, detail: row.reason ? `审核意见：${row.reason}` : null, facts };
    }
    case "approved": {
      if (row.fromStatus === "scheduled") return { ...base, event: "unscheduled", text: `${actor} 取消定时发布`, detail: null, facts };
      if (row.fromStatus === "filing") {
        if (row.actorName) facts.push({ label: "经办人", value: row.actorName });
        return { ...base, event: "filing_accepted", text: `${supervisor}备案通过`, detail: row.reason ? `备注：${row.reason}` : null, facts };
      }
      const writtenOn = str(details.writtenOn);
      if (writtenOn) facts.push({ label: "成文日期", value: writtenOn });
      return { ...base, event: "approved", text: `${actor} 审核批准`, detail: row.reason ? `审核意见：${row.reason}` : null, facts };
    }
    case "scheduled": {
      const scheduledAt = str(details.scheduledAt);
      const when = scheduledAt && !Number.isNaN(Date.parse(scheduledAt)) ? `：${chinaDateTime(new Date(scheduledAt))}` : "";
      return { ...base, event: "scheduled", text: `${actor} 设定定时发布${when}`, detail: row.reason ? `修订说明：${row.reason}` : null, facts };
    }
    case "published": {
      const editionId = num(details.editionId);
      const edition = editionId === null ? undefined : editions.get(editionId);
      const sha256 = str(details.sha256) ?? edition?.sha256 ?? null;
      if (sha256) facts.push({ label: "SHA-256", value: sha256 });
      const note = row.reason ?? edition?.changeNote ?? null;
      return {
        ...base,
        event: "published",
        text: publicationText(row.actorName, edition?.edition ?? null, str(details.indexNo), details.imported === true),
        detail: note ? `修订说明：${note}` : null,
        facts,
      };
    }
    case "withdrawn":
      return { ...base, event: "withdrawn", text: `${actor} 撤回已发布的报告`, detail: row.reason ? `原因：${row.reason}` : null, facts };
    case "draft": {
      if (row.fromStatus === "published" || row.fromStatus === "withdrawn") {
        const from = num(details.fromEdition);
        return { ...base, event: "correction", text: `${actor} 开始修订${from === null ? "" : `（以第 ${from} 版为底稿）`}`, detail: null, facts };
      }
      break;
    }
  }
  return {
    ...base,
    event: "status",
    text: `${actor} 将状态由「${REPORT_STATUS_LABELS[row.fromStatus]}」改为「${REPORT_STATUS_LABELS[row.toStatus]}」`,
    detail: row.reason,
    facts,
  };
}

function commentEntry(row: CommentRow): TimelineEntry {
  const section = `「${sectionName(row.sectionHeading, row.sectionKey)}」`;
  const cell = row.cellName ? `${row.cellName} ` : "";
  const text = row.parentId === null ? `${row.authorName} 对${section}${cell}提出意见` : `${row.authorName} 回复了${section}${cell}的意见`;
  const facts: TimelineFact[] = [];
  if (row.resolvedAt) {
    facts.push({ label: "已处理", value: `${chinaDateTime(row.resolvedAt)}${row.resolvedByName ? `（${row.resolvedByName}）` : ""}` });
  } else if (row.parentId === null) {
    facts.push({ label: "状态", value: "未处理" });
  }
  return {
    id: `comment-${row.id}`,
    kind: "comment",
    event: row.parentId === null ? "comment" : "reply",
    at: row.createdAt,
    actor: row.authorName,
    text,
    detail: excerpt(row.body),
    facts,
    sectionKey: row.sectionKey,
  };
}

/** An edition whose publication step is missing from the transitions (older data). */
function editionEntry(row: EditionRow): TimelineEntry {
  return {
    id: `edition-${row.id}`,
    kind: "workflow",
    event: "published",
    at: row.publishedAt,
    actor: null,
    text: `发布第 ${row.edition} 版`,
    detail: row.changeNote ? `修订说明：${row.changeNote}` : null,
    facts: [{ label: "SHA-256", value: row.sha256 }],
    sectionKey: null,
  };
}

/** 发布后备案: the edition handed to the supervisor and, once done, the supervisor's acknowledgement. */
function filingEntries(row: FilingRow): TimelineEntry[] {
  const base = { kind: "workflow" as const, sectionKey: null };
  const edition = row.edition === null ? "" : `第 ${row.edition} 版`;
  const entries: TimelineEntry[] = [
    { ...base, id: `filing-${row.id}`, event: "filed", at: row.filedAt, actor: null, text: `发布后报送${row.supervisorName}备案${edition ? `（${edition}）` : ""}`, detail: null, facts: [] },
  ];
  if (row.acknowledgedAt) {
    entries.push({
      ...base,
      id: `filing-ack-${row.id}`,
      event: "filing_acknowledged",
      at: row.acknowledgedAt,
      actor: row.acknowledgedByName,
      text: `${row.supervisorName}确认备案${edition ? `（${edition}）` : ""}`,
      detail: row.note ? `备注：${row.note}` : null,
      facts: row.acknowledgedByName ? [{ label: "经办人", value: row.acknowledgedByName }] : [],
    });
  }
  return entries;
}

/** At the same instant a workflow step comes after the saves and comments that led to it. */
const RANK: Record<TimelineKind, number> = { workflow: 3, comment: 2, save: 1 };
const rowId = (entry: TimelineEntry) => Number(entry.id.slice(entry.id.lastIndexOf("-") + 1));

/** Every event of a report, newest first. */
export function buildTimeline(rows: TimelineRows): TimelineEntry[] {
  const editions = new Map(rows.editions.map((e) => [e.id, e]));
  const revisions = new Map(rows.revisions.map((r) => [r.id, r]));
  const announced = new Set(
    rows.transitions.filter((t) => t.toStatus === "published").map((t) => num(t.details?.editionId)),
  );
  const entries = [
    ...rows.revisions.map((r) => revisionEntry(r, revisions)),
    ...rows.transitions.map((t) => transitionEntry(t, editions)),
    ...rows.comments.map(commentEntry),
    ...rows.editions.filter((e) => !announced.has(e.id)).map(editionEntry),
    ...(rows.filings ?? []).flatMap(filingEntries),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || RANK[b.kind] - RANK[a.kind] || rowId(b) - rowId(a));
}

export function parseTimelineFilter(value: string | string[] | undefined): TimelineFilter {
  const first = Array.isArray(value) ? value[0] : value;
  return (TIMELINE_FILTERS as readonly string[]).includes(first ?? "") ? (first as TimelineFilter) : "all";
}

export function filterTimeline(entries: TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  return filter === "all" ? entries : entries.filter((e) => e.kind === filter);
}

export function countTimeline(entries: TimelineEntry[]): Record<TimelineFilter, number> {
  const counts: Record<TimelineFilter, number> = { all: entries.length, save: 0, workflow: 0, comment: 0 };
  for (const entry of entries) counts[entry.kind]++;
  return counts;
}

/**
 * The round a 审签单 is about: the last approval (a step from 待审核 to 已批准, or to 待备案 under
 * 发布前备案 — cancelling a scheduled publication or accepting a filing also leads to 已批准 but
 * approves nothing), the submission it
 * approved (the last one before it) and the publication that followed it, if any.
 * Transitions in any order; they are taken in id order, the order they were recorded.
 */
export function findSignOffRound<T extends { id: number; fromStatus: ReportStatus; toStatus: ReportStatus }>(
  transitions: readonly T[],
): { approval: T; submission: T | null; publication: T | null } | null {
  const ordered = [...transitions].sort((a, b) => a.id - b.id);
  let at = -1;
  ordered.forEach((t, i) => {
    if ((t.toStatus === "approved" || t.toStatus === "filing") && t.fromStatus === "submitted") at = i;
  });
  const approval = ordered[at];
  if (!approval) return null;
  const submission = ordered.slice(0, at).findLast((t) => t.toStatus === "submitted") ?? null;
  const publication = ordered.slice(at + 1).find((t) => t.toStatus === "published") ?? null;
  return { approval, submission, publication };
}
