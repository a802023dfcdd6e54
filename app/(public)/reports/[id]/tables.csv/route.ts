import { csvResponse, toCsv } from "@/lib/csv";
import { firstParam, parseId } from "@/components/public/url-params";
import { getPublicReportFile, tablesCsvRowsOf } from "@/lib/data/public-reports";
import { goneResponse, notFoundResponse } from "@/lib/data/public-responses";

export const dynamic = "force-dynamic";

/**
 * Tables 2–4 of a public report as CSV (UTF-8 with BOM), one row per cell: 表, 行, 列, 数值,
 * 单元格编号. Withdrawn: 410 with the reason; unknown: 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  const rawEdition = firstParam(new URL(request.url).searchParams.get("edition") ?? undefined);
  const edition = rawEdition ? parseId(rawEdition) : null;
  if (id === null || (rawEdition && edition === null)) return notFoundResponse();
  const result = await getPublicReportFile(id, edition);
  if (!result) return notFoundResponse();
  if (result.kind === "withdrawn") return goneResponse(result.notice);

  const { file } = result;
  const suffix = file.isLive ? "" : `-第${file.edition}版`;
  return csvResponse(toCsv(tablesCsvRowsOf(file)), `${file.title}-统计表${suffix}.csv`, `report-${file.id}-tables${file.isLive ? "" : `-edition-${file.edition}`}.csv`, {
    headers: { ETag: `"${file.sha256}-csv"`, "Cache-Control": "public, max-age=0, must-revalidate" },
  });
}
