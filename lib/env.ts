import { z } from "zod";

const intFromEnv = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default("data/nianbao.db"),
  /** "0" switches demo data off; anything else (or unset) seeds demo data on an empty database. */
  NIANBAO_DEMO: z.enum(["0", "1"]).default("1"),
  SITE_NAME: z.string().min(1).default("示例县人民政府 · 政府信息公开"),
  /**
   * What a government website's footer states (国办发〔2017〕47号 政府网站发展指引): 主办单位,
   * 承办单位, contact, 网站标识码 and the two filing numbers; each line is left out when unset.
   */
  SITE_SPONSOR: z.string().trim().optional(),
  SITE_ORGANIZER: z.string().trim().optional(),
  SITE_PHONE: z.string().trim().optional(),
  SITE_ADDRESS: z.string().trim().optional(),
  SITE_ID_CODE: z.string().trim().optional(),
  SITE_ICP: z.string().trim().optional(),
  SITE_PSB: z.string().trim().optional(),
  /** Where 「我为政府网站找错」 leads (the national error-report platform or the site's own form). */
  SITE_ERROR_REPORT_URL: z.preprocess((value) => (value === "" ? undefined : value), z.string().url().optional()),
  /** Public address of the site, for absolute links in feeds, sitemaps, open data and QR codes. */
  SITE_URL: z.string().url().optional(),
  /**
   * 年报体检 X-5 (雷同): the share of a section's text, in percent, also found in last year's
   * report or another unit's at which the clerk is warned. Unset: the format's (60).
   */
  COPIED_TEXT_THRESHOLD: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(10).max(100).optional()),
  /** Consecutive failed sign-ins that lock an account. */
  LOCKOUT_THRESHOLD: intFromEnv(5, 1, 100),
  LOCKOUT_MINUTES: intFromEnv(15, 1, 24 * 60),
  SESSION_IDLE_MINUTES: intFromEnv(30, 1, 24 * 60),
  SESSION_MAX_HOURS: intFromEnv(8, 1, 24 * 7),
  /** Trust X-Forwarded-For from a reverse proxy (nginx) for the client IP in the audit log. */
  TRUST_PROXY: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Configuration from environment variables, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Parses configuration from the given variables (exported for tests). */
export function parseEnv(variables: Record<string, string | undefined>): Env {
  return envSchema.parse(variables);
}

export function securityPolicy() {
  const e = env();
  return {
    lockout: { maxFailures: e.LOCKOUT_THRESHOLD, lockMinutes: e.LOCKOUT_MINUTES },
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
  };
}
