import { csvResponse, toCsv } from "@/lib/csv";
import { checkupCsvRows, getCountyCheckup } from "@/lib/data/checkup";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** 「导出 CSV」 of the 年报体检 view (its year and order); only for county-level staff. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  try {
    const checkup = await getCountyCheckup({ year: params.get("year") ?? undefined, sort: params.get("sort") ?? undefined, order: params.get("order") ?? undefined });
    const name = `${checkup.unitName}${checkup.year === "all" ? "" : `${checkup.year}年度`}年报体检.csv`;
    return csvResponse(toCsv(checkupCsvRows(checkup)), name, "checkup.csv", { headers: { "Cache-Control": "private, no-store" } });
  } catch (error) {
    if (error instanceof AppError) return new Response(error.status === 404 ? "未找到" : error.message, { status: error.status, headers: { "Cache-Control": "private, no-store" } });
    throw error;
  }
}
