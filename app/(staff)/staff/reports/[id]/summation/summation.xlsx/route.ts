import { summationDownloadRoute } from "../download";

/** The 汇总 as an .xlsx workbook (one sheet per table, one with every unit's row). */
export const GET = summationDownloadRoute("xlsx");
