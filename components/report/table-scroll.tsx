import type { ReactNode } from "react";
import { scrollHintClass, tableScrollClass } from "./report-styles";
import "./table-scroll.css";

export interface TableScrollProps {
  /** The region's accessible name (the table's title). */
  readonly title: string;
  /**
   * Width the table keeps on a wide box: `wide` (48em: tables 3 and 4), `normal` (36em: table 2),
   * `narrow` (32em: 附表). Below it the table gives up its minimum width and, where it still
   * does not fit, scrolls with its row labels frozen (table-scroll.css).
   */
  readonly width: "wide" | "normal" | "narrow";
  /** What scrolls, for the accessible name (default 表格). */
  readonly what?: "表格" | "图表";
  readonly children: ReactNode;
}

/**
 * The horizontally scrolling box around a statistics table, 附表 or chart: focusable and named, so
 * keyboard and screen-reader users can scroll it too. When the table is wider than the box a
 * 「左右滑动查看更多」 hint and a shadow at the right edge say so (CSS only, no JavaScript).
 */
export function TableScroll({ title, width, what = "表格", children }: TableScrollProps) {
  return (
    <div role="region" aria-label={`${title}（${what}可左右滚动）`} tabIndex={0} className={tableScrollClass} data-table-scroll={width}>
      <div aria-hidden="true" className={scrollHintClass} data-scroll-hint>
        左右滑动查看更多<span className="ml-1">⇆</span>
      </div>
      {children}
    </div>
  );
}
