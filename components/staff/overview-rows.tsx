"use client";

import { overviewRowsHtml, type OverviewRowCells } from "./overview-rows-html";

/**
 * The overview table's body, written as one HTML string from the rows' cells: on the server for
 * the page's HTML, and in the browser from the page's payload, so each row crosses the network
 * once as HTML and once as a short tuple (see overview-rows-html.ts).
 */
export function OverviewRows({ rows, showParents, emptyText }: { rows: readonly OverviewRowCells[]; showParents: boolean; emptyText?: string }) {
  return <tbody dangerouslySetInnerHTML={{ __html: overviewRowsHtml(rows, showParents, emptyText) }} />;
}
