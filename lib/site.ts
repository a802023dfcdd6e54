import { env } from "./env";

export function siteName(): string {
  return env().SITE_NAME;
}

/** Set by scripts/serve.ts at start-up when the database holds the seeded demo data. */
export function isDemoSite(): boolean {
  return process.env.NIANBAO_DEMO_PRESENT === "1";
}
