import "server-only";
import { runDuePublications } from "@/db/commands/publication";
import { now } from "@/lib/clock";
import { db } from "./db";

const CHECK_INTERVAL_MS = 15_000;
let lastCheck = 0;

/**
 * Publishes scheduled reports whose time has come. The server also runs this every 15 s
 * (scripts/serve.ts); calling it on staff requests as well means a due publication happens
 * on the next request even if that timer was delayed. Publication itself is idempotent.
 */
export async function publishDueReports(): Promise<void> {
  const at = now();
  if (at.getTime() - lastCheck < CHECK_INTERVAL_MS) return;
  lastCheck = at.getTime();
  await runDuePublications(db(), at);
}
