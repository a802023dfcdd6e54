import { csvResponse, toCsv } from "@/lib/csv";
import { tablesCsvRowsOf } from "@/lib/public/open-data-layout";
import { loadReportFile } from "../load-report-file";

export const dynamic = "force-dynamic";

/**
 * Tables 2–4 of a public report as CSV (UTF-8 with BOM), one row per cell: 表, 行, 列, 数值,
 * 单元格编号. Withdrawn: 410 with the reason; unknown: 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const loaded = await loadReportFile(request, (await params).id);
  if ("response" in loaded) return loaded.response;
  const { file } = loaded;
  const suffix = file.isLive ? "" : `-第${file.edition}版`;
  return csvResponse(toCsv(tablesCsvRowsOf(file)), `${file.title}-统计表${suffix}.csv`, `report-${file.id}-tables${file.isLive ? "" : `-edition-${file.edition}`}.csv`, {
    headers: { ETag: `"${file.sha256}-csv"`, "Cache-Control": "public, max-age=0, must-revalidate" },
  });
}
