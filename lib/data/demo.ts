import "server-only";
import { isDemoDataPresent } from "@/db/demo-marker";
import { db } from "./db";

let present: boolean | undefined;

/**
 * Whether this site runs on the demo data (every page then shows the 「演示数据」 notice). The
 * server seeds before it serves and nothing removes the seed, so the answer is read once per
 * process.
 */
export async function isDemoSite(): Promise<boolean> {
  present ??= await isDemoDataPresent(db());
  return present;
}
