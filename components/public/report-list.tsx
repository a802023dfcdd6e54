import type { ReactNode } from "react";
import { chinaDate } from "@/lib/time";

export interface ReportListItem {
  readonly id: number;
  readonly year: number;
  readonly title: string;
  readonly indexNo: string | null;
  readonly unit: { readonly id: number; readonly name: string; readonly shortName: string };
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly edition: number;
}

export interface ReportListProps {
  readonly items: readonly ReportListItem[];
  /** Replaces the plain title (e.g. with the search match marked). */
  readonly renderTitle?: (item: ReportListItem) => ReactNode;
  /** Extra content under an item (e.g. a search excerpt). */
  readonly renderExtra?: (item: ReportListItem) => ReactNode;
  /** Heading level of the item titles (default 3). */
  readonly headingLevel?: 2 | 3;
  readonly emptyText?: string;
}

/** The column list of a disclosure site: title link, then 发布机构 · 年度 · 发布日期 · 索引号. */
export function ReportList({ items, renderTitle, renderExtra, headingLevel = 3, emptyText = "暂无已公开的年度报告。" }: ReportListProps) {
  if (items.length === 0) return emptyText ? <p className="py-6 text-muted">{emptyText}</p> : null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="divide-y divide-line border-y border-line bg-white">
      {items.map((item) => (
        <li key={item.id} className="px-3 py-3 sm:px-4" data-report-id={item.id}>
          <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
            <Heading className="text-[1.05em] font-medium leading-relaxed">
              <a href={`/reports/${item.id}`} className="text-ink underline-offset-4 hover:text-gov-red hover:underline">
                {renderTitle ? renderTitle(item) : item.title}
              </a>
            </Heading>
            <span className="shrink-0 text-[0.875em] tabular-nums text-muted">
              <span className="sr-only">发布日期：</span>
              <time dateTime={item.publishedAt.toISOString()}>{chinaDate(item.publishedAt)}</time>
            </span>
          </div>
          <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-[0.875em] text-muted">
            <span>发布机构：{item.unit.name}</span>
            <span>年度：{item.year}年</span>
            {item.indexNo && <span>索引号：{item.indexNo}</span>}
            {item.edition > 1 && <span>已于 {chinaDate(item.updatedAt)} 修订</span>}
          </p>
          {renderExtra?.(item)}
        </li>
      ))}
    </ul>
  );
}
