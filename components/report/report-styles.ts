/**
 * Class names of the report page, kept in one place so the clerk's preview and the public
 * page look exactly alike. Restrained colours (ink on white, gov-red accents only), CJK
 * fonts from the theme, full 1px table borders and shaded header cells as on Chinese
 * government disclosure pages. Table cells, which are many, use short component classes
 * (`rt-*` in app/globals.css). Narrative HTML is styled through arbitrary variants on its
 * wrapper, so no global stylesheet is needed.
 */

/** The whole report (article). */
export const articleClass =
  "mx-auto w-full max-w-4xl bg-white px-3 py-6 font-sans text-ink sm:px-8 sm:py-8 print:max-w-none print:p-0 print:text-black";

/** Centred report title. */
export const titleClass =
  "mt-6 text-center font-serif text-2xl font-bold leading-snug tracking-wide text-ink sm:text-[1.75rem]";

/** 发布时间 · 来源 · 浏览量 line under the title. */
export const bylineClass =
  "mt-3 flex flex-wrap items-center justify-center gap-x-2 gap-y-1 border-b border-line pb-3 text-sm text-muted";

/** Section heading (一、总体情况 …). */
export const sectionHeadingClass = "rt-h2";

/** Narrative HTML (already sanitised): `.rt-prose` in app/globals.css. */
export const narrativeClass = "rt-prose";

/** Note shown for an empty or missing section in preview mode. */
export const emptySectionClass = "text-[17px] leading-[1.9] text-muted";

/** Horizontally scrollable, keyboard-focusable container around a table (frozen labels: table-scroll.css). */
export const tableScrollClass =
  "my-3 overflow-x-auto focus-visible:outline-offset-2 print:overflow-visible";
/** 「左右滑动查看更多」 above a table wider than its box (shown by table-scroll.css). */
export const scrollHintClass = "mb-1 text-right text-[0.8125em] leading-normal text-muted print:hidden";

/** Statistics and attachment tables. */
export const tableClass = "rt w-full border-collapse border border-ink/60 text-sm leading-snug";
/**
 * Narrow screens scroll instead of squeezing the table; the article's text column
 * (about 52rem) still fits tables 3 and 4 (10 and 15 grid columns) without scrolling.
 */
export const wideTableMinWidthClass = "min-w-[48rem]";
export const tableMinWidthClass = "min-w-[36rem]";

export const captionClass = "mb-2 text-center text-base font-bold text-ink";

/** Header cells (column, block, corner). */
export const headerCellClass = "rt-th";
/** Row-label cells. */
export const rowHeaderCellClass = "rt-rh";
/** Numeric data cells: right-aligned tabular figures. */
export const numberCellClass = "rt-n";
/** Totals the format computes (总计, 合计): bold. */
export const computedCellClass = "rt-s";
/** Grid tables (3 and 4): their data columns keep room for header words such as 「自然人」. */
export const gridTableClass = "rt-grid";
/** Text cells of legacy attachments. */
export const textCellClass = "rt-tx";
/** Printed rows stay in one piece (`.rt tr` does it for the statistics tables). */
export const rowClass = "break-inside-avoid";

/**
 * 信息公开元数据 block: two label/value pairs per row; on a phone (below `sm`) one pair per
 * line, label left of value, so a 索引号 fits on one line.
 */
export const metadataTableClass =
  "w-full table-fixed border-collapse border border-line text-sm leading-normal max-sm:block max-sm:border-b-0";
export const metadataBodyClass = "max-sm:block";
export const metadataColGroupClass = "max-sm:hidden";
export const metadataLabelColClass = "w-[5.5em] sm:w-[7em]";
export const metadataRowClass = "md-row";
/** Label and value cells: `.md-th`, `.md-td` in app/globals.css (ten of each on every report page). */
export const metadataLabelClass = "md-th";
export const metadataValueClass = "md-td";

/** 落款: issuer and date, right-aligned. */
export const signatureClass = "mt-10 text-right text-[17px] leading-[1.9]";

/** 「草稿 · 预览」 marker. */
export const previewNoteClass =
  "mb-4 rounded border-2 border-dashed border-gov-red bg-red-50 px-4 py-3 text-sm text-ink print:bg-white";
