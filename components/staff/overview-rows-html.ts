import { escapeHtml } from "@/lib/document/html-tree";
import { chinaDate, chinaDateTime } from "@/lib/time";
import { REPORT_STATUS_LABELS, type ReportStatus } from "@/lib/vocabulary";

/*
 * The overview table's rows as one HTML string. A city's overview lists several hundred units
 * (a province's thousands); as React elements each row cost about 0.2 ms of server time to
 * render and serialise twice (HTML and the page's payload), which made the city overview the
 * slowest page on a province. The rows are plain text and links, so they are written here once,
 * every value escaped.
 */

export const OVERVIEW_STATUS_LABELS: Record<"not_started" | ReportStatus, string> = { not_started: "未开始", ...REPORT_STATUS_LABELS };

/** What a row shows of a subordinate unit (the overview's OverviewRowView). */
export interface OverviewRowView {
  readonly unitName: string;
  readonly parentName: string | null;
  readonly unitActive: boolean;
  readonly reportId: number | null;
  readonly status: keyof typeof OVERVIEW_STATUS_LABELS;
  readonly publishedAt: Date | null;
  readonly isPublic: boolean;
  readonly inCorrection: boolean;
  readonly scheduledAt: Date | null;
  readonly withdrawnAt: Date | null;
  readonly deadline: string;
  readonly late: "overdue" | "published_late" | null;
  readonly daysLate: number;
}

const muted = (text: string) => `<span class="text-muted">${escapeHtml(text)}</span>`;

function statusHtml(row: OverviewRowView): string {
  const label = escapeHtml(OVERVIEW_STATUS_LABELS[row.status]);
  if (row.inCorrection) return `${label}${muted("（修订中，已发布的版本仍公开）")}`;
  if (row.status === "scheduled" && row.scheduledAt) return `${label}${muted(`（${chinaDateTime(row.scheduledAt)}）`)}`;
  if (row.status === "withdrawn" && row.withdrawnAt) return `${label}${muted(`（${chinaDate(row.withdrawnAt)} 撤回）`)}`;
  return label;
}

function lateHtml(row: OverviewRowView): string {
  if (row.late === "overdue") return `<strong class="font-semibold text-red-800">逾期未发布（已逾期 ${row.daysLate} 天）</strong>`;
  if (row.late === "published_late") return `<strong class="font-semibold text-amber-900">逾期发布（晚 ${row.daysLate} 天）</strong>`;
  return muted(row.isPublic ? "按时发布" : "未逾期");
}

function unitHtml(row: OverviewRowView): string {
  const name =
    row.isPublic && row.reportId !== null
      ? `<a href="/reports/${row.reportId}" title="阅读已公开的年度报告">${escapeHtml(row.unitName)}</a>`
      : escapeHtml(row.unitName);
  return row.unitActive ? name : `${name}<span class="ml-1 text-muted">（已停用）</span>`;
}

/** The <tbody> content: one row per unit (an overdue one tinted), or a single row saying there are none. */
export function overviewRowsHtml(rows: readonly OverviewRowView[], showParents: boolean): string {
  if (rows.length === 0) return `<tr><td colspan="${showParents ? 6 : 5}" class="py-6! text-center text-muted">本单位没有下级单位。</td></tr>`;
  return rows
    .map(
      (row) =>
        `<tr${row.late === "overdue" ? ' class="bg-red-50"' : ""}>` +
        `<th scope="row" class="text-left font-normal">${unitHtml(row)}</th>` +
        `<td>${statusHtml(row)}</td>` +
        `<td>${row.publishedAt ? chinaDate(row.publishedAt) : "—"}</td>` +
        `<td>${escapeHtml(row.deadline)}</td>` +
        `<td>${lateHtml(row)}</td>` +
        (showParents ? `<td class="text-muted">${escapeHtml(row.parentName ?? "—")}</td>` : "") +
        `</tr>`,
    )
    .join("");
}
