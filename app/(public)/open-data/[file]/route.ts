import { csvResponse, toCsv } from "@/lib/csv";
import { parseYear } from "@/lib/public/url-params";
import { openDataRows } from "@/lib/data/public/open-data";
import { notFoundResponse } from "@/lib/public/download-responses";

export const dynamic = "force-dynamic";

/**
 * `/open-data/2023.csv`: one row per public report of the year with every gov-2021 table cell
 * as a column (header: Chinese cell names), plus 单位, 索引号, 发布日期, 报告地址, 报告格式.
 * Unknown names and years without public reports: 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const match = /^(\d{4})\.csv$/.exec((await params).file);
  const year = match ? parseYear(match[1]) : null;
  if (year === null) return notFoundResponse();
  const table = await openDataRows(year);
  if (!table) return notFoundResponse();
  return csvResponse(toCsv([table.header, ...table.rows]), `${year}年度政府信息公开工作年度报告统计数据.csv`, `nianbao-${year}.csv`, {
    headers: { "Cache-Control": "public, max-age=0, must-revalidate" },
  });
}
