/**
 * Setup of the vitest projects `integration` and `integration-pg` (vitest.config.mts), run
 * before each test file in that file's own process: a fresh database — a temporary SQLite file,
 * or on PostgreSQL a database copied from the run's migrated template
 * (lib/testing/integration-pg-global.ts) —, a session secret, and `next/headers` answering with
 * the test's current persona (lib/testing/staff-request.ts). DATABASE_URL is set here, before the
 * test file imports anything from db/, so db/engine.ts picks the engine of the project.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, vi } from "vitest";
import type { Db } from "@/db/client";
import { installSyncPostgres } from "./sync-postgres";

vi.mock("next/headers", async () => (await import("./staff-request")).nextHeadersDouble());

const cached = globalThis as unknown as { nianbaoDb?: Db };

async function closeDatabase(): Promise<void> {
  const db = cached.nianbaoDb;
  delete cached.nianbaoDb;
  if (!db) return;
  const client = db.$client as unknown;
  if (client instanceof pg.Pool) await client.end().catch(() => undefined); // a test may have ended it
  else db.$client.close();
}

/** A database of its own for this test file, copied from the migrated template. */
async function copyTemplateDatabase(templateUrl: string): Promise<string> {
  const name = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const template = new URL(templateUrl);
  const adminUrl = new URL(templateUrl);
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    // Two files copying the template at the same instant: PostgreSQL refuses the second; retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template.pathname.slice(1)}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

await closeDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-integration-"));
process.env.DATABASE_PATH = path.join(dir, "nianbao.db");
process.env.AUTH_SECRET = "integration-tests-only-secret-not-for-any-server";
// The template's URL reaches every test process of the run (the globalSetup sets it before they
// start); only the project integration-pg (NIANBAO_TEST_ENGINE, vitest.config.mts) uses it.
const onPostgres = process.env.NIANBAO_TEST_ENGINE === "postgres";
const templateUrl = onPostgres ? process.env.NIANBAO_TEST_PG_TEMPLATE_URL : undefined;
if (onPostgres && !templateUrl) throw new Error("integration-pg: no template database (lib/testing/integration-pg-global.ts did not run)");
let closeSync: (() => Promise<unknown>) | null = null;
if (templateUrl) {
  process.env.DATABASE_URL = await copyTemplateDatabase(templateUrl);
  closeSync = installSyncPostgres(process.env.DATABASE_URL);
} else {
  delete process.env.DATABASE_URL;
}

afterAll(async () => {
  await closeDatabase();
  await closeSync?.();
  fs.rmSync(dir, { recursive: true, force: true });
});
