import "server-only";
import { sql } from "drizzle-orm";
import packageJson from "@/package.json";
import { rawRow } from "@/db/dialect";
import { db } from "./db";

export async function getHealth(): Promise<{ ok: boolean; database: "ok" | "unreachable"; version: string }> {
  let database: "ok" | "unreachable" = "unreachable";
  try {
    await rawRow(db(), sql`select 1`);
    database = "ok";
  } catch {
    database = "unreachable";
  }
  return { ok: database === "ok", database, version: packageJson.version };
}
