/**
 * 浏览量: the only code that writes reports.view_count. The server counts views in memory
 * (lib/serving/view-counting.ts) and adds them here about once a second, in one transaction.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { reports } from "./schema";
import { transaction } from "./transaction";

export async function addReportViews(db: Db, increments: readonly (readonly [reportId: number, views: number])[]): Promise<void> {
  if (increments.length === 0) return;
  await transaction(db, async (tx) => {
    for (const [reportId, views] of increments) {
      await tx
        .update(reports)
        .set({ viewCount: sql`${reports.viewCount} + ${views}` })
        .where(eq(reports.id, reportId));
    }
  });
}
