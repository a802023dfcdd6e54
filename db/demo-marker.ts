/**
 * Whether the database holds the seeded demo data: the seed (db/seed) leaves a row in app_meta.
 * Read by the server at start-up and by the pages for the 「演示数据」 notice (lib/data/demo.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { appMeta } from "./schema";

export const DEMO_META_KEY = "demo_data";

export function isDemoDataPresent(db: Db): boolean {
  return db.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, DEMO_META_KEY)).get() !== undefined;
}
