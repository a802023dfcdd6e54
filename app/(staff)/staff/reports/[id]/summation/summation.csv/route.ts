import { summationDownloadRoute } from "../download";

/** The 汇总 as CSV (one row per unit, 本级 first, and 合计). */
export const GET = summationDownloadRoute("csv");
