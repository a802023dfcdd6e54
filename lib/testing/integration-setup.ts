/**
 * Setup of the vitest project `integration` (vitest.config.mts), run before each test file in
 * that file's own process: a fresh temporary database, a session secret, and `next/headers`
 * answering with the test's current persona (lib/testing/staff-request.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, vi } from "vitest";
import type { Db } from "@/db/client";

vi.mock("next/headers", async () => (await import("./staff-request")).nextHeadersDouble());

const cached = globalThis as unknown as { nianbaoDb?: Db };

function closeDatabase(): void {
  cached.nianbaoDb?.$client.close();
  delete cached.nianbaoDb;
}

// db/client.ts opens DATABASE_PATH on first use and caches the connection on globalThis.
closeDatabase();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-integration-"));
process.env.DATABASE_PATH = path.join(dir, "nianbao.db");
process.env.AUTH_SECRET = "integration-tests-only-secret-not-for-any-server";

afterAll(() => {
  closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});
