import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonLinkClass } from "@/components/ui/button";
import { getReportHistory } from "@/lib/data/report-history";
import { loadOrNotFound } from "@/lib/load";
import {
  countTimeline,
  filterTimeline,
  parseTimelineFilter,
  TIMELINE_FILTER_LABELS,
  TIMELINE_FILTERS,
  type TimelineKind,
} from "@/lib/timeline";
import { ReportHeader } from "../report-header";
import { chinaDateTime } from "@/lib/time";

export const metadata: Metadata = { title: "历史记录" };

const KIND_STYLES: Record<TimelineKind, string> = {
  save: "border-line bg-gray-50 text-muted",
  workflow: "border-gov-red/40 bg-red-50 text-gov-red-dark",
  comment: "border-amber-300 bg-amber-50 text-amber-900",
};

/** Every save, workflow step, comment and publication of one report, newest first. */
export default async function ReportHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ kind?: string | string[] }>;
}) {
  const { id } = await params;
  if (!/^\d+$/.test(id)) notFound();
  const filter = parseTimelineFilter((await searchParams).kind);
  const history = await loadOrNotFound(getReportHistory(Number(id)));
  const counts = countTimeline(history.entries);
  const entries = filterTimeline(history.entries, filter);
  const base = `/staff/reports/${history.reportId}`;
  return (
    <>
      <ReportHeader id={history.reportId} title={history.title} status={history.status} deadline={history.deadline} daysLeft={history.daysLeft} />
      <nav aria-label="报告操作" className="mb-6 flex flex-wrap gap-3">
        <Link href={`${base}/review`} className={buttonLinkClass("secondary")}>
          审核与意见
        </Link>
        <Link href={`${base}/preview`} className={buttonLinkClass("secondary")}>
          预览全文
        </Link>
        {history.hasSignOff && (
          <Link href={`${base}/sign-off`} className={buttonLinkClass("secondary")}>
            审签单
          </Link>
        )}
      </nav>
      <h2 className="mb-1 text-xl font-semibold">历史记录</h2>
      <p className="mb-4 text-sm text-muted">
        每次保存、提交、审核、发布和审核意见都记录在这里，最新的在最上面。同一人几分钟内的连续自动保存合并为一条。时间为北京时间。
      </p>
      <nav aria-label="按类型筛选" className="mb-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {TIMELINE_FILTERS.map((f) => (
            <li key={f}>
              <Link
                href={f === "all" ? `${base}/history` : `${base}/history?kind=${f}`}
                aria-current={f === filter ? "page" : undefined}
                className={`block rounded border px-3 py-1 no-underline ${f === filter ? "border-gov-red bg-gov-red text-white" : "border-line bg-white text-ink hover:bg-gray-50"}`}
              >
                {TIMELINE_FILTER_LABELS[f]}（{counts[f]}）
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {entries.length === 0 ? (
        <p className="rounded border border-line bg-white p-4">{filter === "all" ? "这份报告还没有任何记录。" : `没有“${TIMELINE_FILTER_LABELS[filter]}”类的记录。`}</p>
      ) : (
        <ol aria-label="历史记录" className="space-y-3" data-testid="timeline">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded border border-line bg-white p-4" data-testid="timeline-entry" data-kind={entry.kind} data-event={entry.event}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <time dateTime={entry.at.toISOString()} className="text-sm tabular-nums text-muted">
                  {chinaDateTime(entry.at)}
                </time>
                <span className={`rounded border px-2 text-xs ${KIND_STYLES[entry.kind]}`}>{TIMELINE_FILTER_LABELS[entry.kind]}</span>
                <p className="font-medium">{entry.text}</p>
              </div>
              {entry.detail && <p className="mt-2 whitespace-pre-wrap break-words text-sm">{entry.detail}</p>}
              {(entry.facts.length > 0 || (entry.kind === "save" && entry.sectionKey)) && (
                <div className="mt-2 flex flex-wrap items-baseline gap-x-6 gap-y-1 text-sm text-muted">
                  {entry.facts.length > 0 && (
                    <dl className="flex flex-wrap gap-x-6 gap-y-1">
                      {entry.facts.map((fact) => (
                        <div key={fact.label} className="flex gap-1">
                          <dt>{fact.label}：</dt>
                          <dd className={fact.label === "SHA-256" ? "break-all font-mono text-xs leading-6" : ""}>{fact.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                  {entry.kind === "save" && entry.sectionKey && <Link href={`${base}/sections/${entry.sectionKey}/history`}>本节历史版本</Link>}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
