/**
 * Whether the database holds the seeded demo data: the seed (db/seed) leaves a row in app_meta.
 * Read by the server at start-up and by the pages for the 「演示数据」 notice (lib/data/demo.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { appMeta } from "./schema";

export const DEMO_META_KEY = "demo_data";

export async function isDemoDataPresent(db: Db): Promise<boolean> {
  const rows = await db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_META_KEY));
  return rows.length > 0;
}
