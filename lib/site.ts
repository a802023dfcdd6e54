import { env } from "./env";

export function siteName(): string {
  return env().SITE_NAME;
}

/** Set by scripts/serve.ts at start-up when the database holds the seeded demo data. */
export function isDemoSite(): boolean {
  return process.env.NIANBAO_DEMO_PRESENT === "1";
}

/** Formats an instant for Chinese readers in China time, e.g. 2026-11-27 14:05. */
export function formatChinaTime(date: Date, withSeconds = false): string {
  const shifted = new Date(date.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, withSeconds ? 19 : 16)}`;
}

/** Today's date in China (YYYY-MM-DD). */
export function chinaToday(at: Date = new Date()): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
