import type { ReactNode } from "react";
import type { ReportDocument } from "@/lib/interchange";
import { formatChinaDateTime } from "./format-date";
import { bylineClass } from "./report-styles";

export interface ReportBylineProps {
  readonly document: Pick<ReportDocument, "metadata" | "unit">;
  readonly mode: "public" | "preview";
  readonly viewCount?: number;
}

/**
 * 发布时间 · 来源 · 浏览量 under the title. The view count sits in an element carrying
 * `data-view-count` so a caching layer can substitute the live number in cached HTML.
 */
export function ReportByline({ document, mode, viewCount }: ReportBylineProps) {
  const { metadata } = document;
  const published = formatChinaDateTime(metadata.publishedAt);
  const source = metadata.source?.trim() || metadata.publisher?.trim() || document.unit.name;
  const showViews = mode === "public" || viewCount !== undefined;
  const views = viewCount ?? 0;
  const items: { key: string; node: ReactNode }[] = [];
  if (published) {
    items.push({
      key: "published",
      node: (
        <>
          发布时间：<time dateTime={metadata.publishedAt ?? undefined}>{published}</time>
        </>
      ),
    });
  } else if (mode === "preview") {
    items.push({ key: "published", node: <>发布时间：尚未发布</> });
  }
  items.push({ key: "source", node: <>来源：{source}</> });
  if (showViews) {
    items.push({
      key: "views",
      node: (
        <>
          浏览量：<span suppressHydrationWarning data-view-count={views}>{views}</span>
        </>
      ),
    });
  }
  return (
    <p className={bylineClass}>
      {items.map((item, i) => (
        <span key={item.key} className="inline-flex items-center gap-x-2">
          {i > 0 && <span aria-hidden="true">·</span>}
          <span>{item.node}</span>
        </span>
      ))}
    </p>
  );
}
