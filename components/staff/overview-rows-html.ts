import { escapeHtml } from "@/lib/document/html-tree";
import { chinaDate, chinaDateTime } from "@/lib/time";
import { FILING_STATUS_LABELS, REPORT_STATUS_LABELS, type FilingStatus, type ReportStatus } from "@/lib/vocabulary";

/*
 * The overview table's rows (issue 17). A city's overview lists several hundred units (a
 * province's thousands). As React elements each row cost about 0.2 ms of server time to render
 * and serialise twice (HTML and the page's payload); as one HTML string in a server component the
 * string was still sent twice, the second time escaped again inside the payload (384 KB for a
 * city's 440 rows). So the page sends each row once as a short tuple of its cell values
 * (OverviewRowCells), and components/staff/overview-rows.tsx writes them as one HTML string, on
 * the server for the HTML and in the browser from the payload; every value is escaped. A row
 * carries no classes: the table styles its cells (the 单位 header cell, the muted 是否逾期, 备案
 * and 上级 columns) once, in app/(staff)/staff/overview/page.tsx.
 */

type OverviewStatus = "not_started" | ReportStatus;

export const OVERVIEW_STATUS_LABELS: Record<OverviewStatus, string> = { not_started: "未开始", ...REPORT_STATUS_LABELS };

/** The summary's two lateness items. */
export const LATENESS_LABELS = { overdue: "逾期未发布", published_late: "逾期发布" } as const;

/** What a summary item (a status or a lateness) is called. */
export function overviewItemLabel(item: OverviewStatus | keyof typeof LATENESS_LABELS): string {
  return item === "overdue" || item === "published_late" ? LATENESS_LABELS[item] : OVERVIEW_STATUS_LABELS[item];
}

/** What a row shows of a subordinate unit (the overview's OverviewRow). */
export interface OverviewRowView {
  readonly unitName: string;
  readonly parentName: string | null;
  readonly unitActive: boolean;
  readonly reportId: number | null;
  readonly status: OverviewStatus;
  readonly publishedAt: Date | null;
  readonly isPublic: boolean;
  readonly inCorrection: boolean;
  readonly scheduledAt: Date | null;
  readonly withdrawnAt: Date | null;
  readonly filing: FilingStatus | null;
  readonly deadline: string;
  readonly late: "overdue" | "published_late" | null;
  readonly daysLate: number;
}

/** A row as the page sends it to the browser: its cells' values, dates already in China time. */
export type OverviewRowCells = readonly [
  unitName: string,
  /** The public report the unit's name links to, or 0. */
  publicReportId: number,
  unitActive: boolean,
  status: OverviewStatus,
  /** Muted words after the status (修订中, the scheduled time, the withdrawal date), or "". */
  statusNote: string,
  /** 发布日期, or "" when never published. */
  publishedOn: string,
  deadline: string,
  late: "overdue" | "published_late" | "",
  daysLate: number,
  /** Whether the report is public now (按时发布 rather than 未逾期 when not late). */
  isPublic: boolean,
  /** The unit directly above, or "" (shown when the table has the 上级 column). */
  parentName: string,
  /** Its latest 备案 with the unit above, or "" when never filed. */
  filing: FilingStatus | "",
];

function statusNote(row: OverviewRowView): string {
  if (row.inCorrection) return "（修订中，已发布的版本仍公开）";
  if (row.status === "scheduled" && row.scheduledAt) return `（${chinaDateTime(row.scheduledAt)}）`;
  if (row.status === "withdrawn" && row.withdrawnAt) return `（${chinaDate(row.withdrawnAt)} 撤回）`;
  return "";
}

/** The row's cells, on the server. */
export function overviewRowCells(row: OverviewRowView): OverviewRowCells {
  return [
    row.unitName,
    row.isPublic && row.reportId !== null ? row.reportId : 0,
    row.unitActive,
    row.status,
    statusNote(row),
    row.publishedAt ? chinaDate(row.publishedAt) : "",
    row.deadline,
    row.late ?? "",
    row.daysLate,
    row.isPublic,
    row.parentName ?? "",
    row.filing ?? "",
  ];
}

function unitHtml(name: string, publicReportId: number, active: boolean): string {
  const text = escapeHtml(name);
  const linked = Number.isSafeInteger(publicReportId) && publicReportId > 0 ? `<a href="/reports/${publicReportId}">${text}</a>` : text;
  return active ? linked : `${linked}<span class="ml-1 text-muted">（已停用）</span>`;
}

/** 是否逾期: muted by the table, a lateness in strong colour. */
function lateHtml(late: OverviewRowCells[7], daysLate: number, isPublic: boolean): string {
  if (late === "overdue") return `<strong class="font-semibold text-red-800">逾期未发布（已逾期 ${daysLate} 天）</strong>`;
  if (late === "published_late") return `<strong class="font-semibold text-amber-900">逾期发布（晚 ${daysLate} 天）</strong>`;
  return isPublic ? "按时发布" : "未逾期";
}

/** The <tbody> content: one row per unit (an overdue one tinted), or a single row saying there are none (`emptyText`). */
export function overviewRowsHtml(rows: readonly OverviewRowCells[], showParents: boolean, emptyText = "本单位没有下级单位。"): string {
  if (rows.length === 0) return `<tr><td colspan="${showParents ? 7 : 6}" class="py-6! text-center text-muted">${escapeHtml(emptyText)}</td></tr>`;
  let html = "";
  for (const [unitName, publicReportId, unitActive, status, note, publishedOn, deadline, late, daysLate, isPublic, parentName, filing] of rows) {
    html +=
      `<tr${late === "overdue" ? ' class="bg-red-50"' : ""}>` +
      `<th scope="row">${unitHtml(unitName, publicReportId, unitActive)}</th>` +
      `<td>${escapeHtml(OVERVIEW_STATUS_LABELS[status] ?? "")}${note ? `<span class="text-muted">${escapeHtml(note)}</span>` : ""}</td>` +
      `<td>${publishedOn ? escapeHtml(publishedOn) : "—"}</td>` +
      `<td>${escapeHtml(deadline)}</td>` +
      `<td>${lateHtml(late, daysLate, isPublic)}</td>` +
      `<td>${filing ? escapeHtml(FILING_STATUS_LABELS[filing] ?? "") : "—"}</td>` +
      (showParents ? `<td>${parentName ? escapeHtml(parentName) : "—"}</td>` : "") +
      `</tr>`;
  }
  return html;
}
