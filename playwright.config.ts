import path from "node:path";
import { defineConfig } from "@playwright/test";

/** e2e runs against the production build on a fresh database (scripts/test.sh removes .e2e first). */
export const E2E_DATABASE_PATH = path.resolve(process.env.E2E_DATABASE_PATH ?? ".e2e/nianbao.db");
/**
 * E2E_DATABASE_URL=postgres://…: the server runs on that (empty) PostgreSQL database instead
 * (issue 17's e2e lane, scripts/test.sh), and so do the specs' own reads and inserts
 * (e2e/support/db.ts, reports.ts: db/schema picks its tables from DATABASE_URL).
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || null;
if (E2E_DATABASE_URL) process.env.DATABASE_URL = E2E_DATABASE_URL;
/** The main server's port; a spec's extra servers take the next few (e2e/support/server.ts). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** Files a spec writes (server logs) go beside the database: each lane has its own folder. */
export const E2E_DIR = path.dirname(E2E_DATABASE_PATH);

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker: several tests prove that a refused request left whole tables byte-for-byte
  // unchanged, which a test running alongside (signing in, creating users) would disturb.
  workers: 1,
  retries: 0,
  // The lanes run side by side (scripts/test.sh): each keeps its own traces.
  outputDir: E2E_DATABASE_URL ? "test-results/postgres" : "test-results/sqlite",
  reporter: [["list"], ["json", { outputFile: E2E_DATABASE_URL ? ".test-reports/e2e-pg.json" : ".test-reports/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx scripts/serve.ts",
    url: `http://localhost:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      DATABASE_PATH: E2E_DATABASE_PATH,
      ...(E2E_DATABASE_URL ? { DATABASE_URL: E2E_DATABASE_URL } : {}),
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      NIANBAO_DEMO: "1",
      // What a government site's footer states (fictional values).
      SITE_SPONSOR: "示例县人民政府办公室",
      SITE_ORGANIZER: "示例县大数据发展中心",
      SITE_PHONE: "0000-00000000",
      SITE_ADDRESS: "示例县示例路1号",
      SITE_ID_CODE: "0000000000",
      SITE_ICP: "示ICP备00000000号",
      SITE_PSB: "示公网安备00000000000000号",
      SITE_ERROR_REPORT_URL: "https://zfwzzc.www.gov.cn/",
      // The test townships' reports are all made from one demo report (e2e/support/reports.ts), so
      // they copy each other by design: 雷同 warns only about a section copied whole.
      COPIED_TEXT_THRESHOLD: "100",
      NEXT_TELEMETRY_DISABLED: "1",
      // Playwright prints the server's stdout: keep it to warnings and errors (no request lines).
      LOG_LEVEL: "warn",
    },
  },
});
