/**
 * npm run report:import -- <file.json> --unit <orgCode>
 *
 * Stores a nianbao-report/1 document for a unit (moving a unit's archive in). Reports are
 * stored as published when the document has a 发布日期, errors included. Prints
 * {"reportId", "status", "errors", "warnings"} as JSON. Exit 0 stored; 1 refused (unknown
 * unit, a report for that year exists); 2 not a valid document (stderr names the JSON path).
 */
import { parseArgs } from "node:util";
import { systemActor } from "@/db/actor";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { ImportError, importReportJson } from "@/db/report-import";
import { readReportFile } from "@/lib/interchange/read-file";

const USAGE = "usage: npm run report:import -- <file.json> --unit <orgCode>";

async function main(): Promise<number> {
  let file: string | undefined;
  let unit: string | undefined;
  try {
    const { values, positionals } = parseArgs({ options: { unit: { type: "string" } }, allowPositionals: true });
    [file] = positionals;
    unit = values.unit;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n${USAGE}\n`);
    return 2;
  }
  if (!file || !unit) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // Refuses oversized files (over 10 MB) before reading them into memory.
  const read = readReportFile(file);
  if (!read.ok) {
    process.stderr.write(`cannot read ${file}: ${read.message}\n`);
    return 2;
  }
  const text = read.text;
  const db = openDatabase();
  try {
    migrateDatabase(db);
    const result = await importReportJson(db, systemActor("import"), text, unit);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`import failed: ${error instanceof Error ? error.message : error}\n`);
    return 1;
  } finally {
    db.$client.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
