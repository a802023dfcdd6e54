/**
 * npm run report:export -- <reportId> [--out <file.json>]
 *
 * Writes the stored report as a nianbao-report/1 document (stdout, or the --out file).
 * Exit 0 written; 1 no such report; 2 bad usage.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeDb, openEngineDatabase } from "@/db/client";
import { migrateEngineDatabase } from "@/db/migrate";
import { readReportDocument } from "@/db/report-store";
import { serializeReportDocument } from "@/lib/interchange";

const USAGE = "usage: npm run report:export -- <reportId> [--out <file.json>]";

async function main(): Promise<number> {
  let id: string | undefined;
  let out: string | undefined;
  try {
    const { values, positionals } = parseArgs({ options: { out: { type: "string" } }, allowPositionals: true });
    [id] = positionals;
    out = values.out;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n${USAGE}\n`);
    return 2;
  }
  if (!id || !/^\d+$/.test(id)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const db = openEngineDatabase();
  try {
    await migrateEngineDatabase(db);
    const doc = await readReportDocument(db, Number(id));
    if (!doc) {
      process.stderr.write(`no report with id ${id}\n`);
      return 1;
    }
    const json = serializeReportDocument(doc);
    if (out) writeFileSync(out, json);
    else process.stdout.write(json);
    return 0;
  } finally {
    await closeDb(db);
  }
}

void main().then((code) => {
  process.exitCode = code;
});
