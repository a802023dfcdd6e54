/**
 * npm run report:import -- <file.json> --unit <orgCode>
 * npm run report:import -- <file.docx> --unit <orgCode> --year <year> [--format gov-2021|gov-2019-trial]
 *
 * Stores a nianbao-report/1 document for a unit (moving a unit's archive in). Reports are
 * stored as published when the document has a 发布日期, errors included. Prints
 * {"reportId", "status", "errors", "warnings"} as JSON. Exit 0 stored; 1 refused (unknown
 * unit, a report for that year exists); 2 not a valid document (stderr names the JSON path).
 *
 * A Word file (.docx) is read by lib/word-import into the format's sections and tables (the
 * format whose tables it matches best, unless --format is given) and stored as a draft; what
 * could not be placed is printed on stderr, one line each.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { systemActor } from "@/db/actor";
import { closeDb, openEngineDatabase, type Db } from "@/db/client";
import { migrateEngineDatabase } from "@/db/migrate";
import { ImportError, importReportDocument, importReportJson, type ImportResult } from "@/db/report-import";
import { units } from "@/db/schema";
import { isFormatId, type FormatId } from "@/lib/formats";
import { createEmptyReport } from "@/lib/interchange";
import { MAX_REPORT_FILE_BYTES, readReportFile } from "@/lib/interchange/read-file";
import { importWordFile, reportFromWordImport, WordImportError, type WordImport } from "@/lib/word-import";

const USAGE = "usage: npm run report:import -- <file.json> --unit <orgCode>\n       npm run report:import -- <file.docx> --unit <orgCode> --year <year> [--format gov-2021|gov-2019-trial]";

interface Args {
  file: string;
  unit: string;
  year?: number;
  format?: FormatId;
}

function parseCli(): Args | string {
  try {
    const { values, positionals } = parseArgs({ options: { unit: { type: "string" }, year: { type: "string" }, format: { type: "string" } }, allowPositionals: true });
    const [file] = positionals;
    if (!file || !values.unit) return USAGE;
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) return `--year: expected a year between 1990 and 2100\n${USAGE}`;
    if (values.format !== undefined && (!isFormatId(values.format) || values.format === "legacy-freeform")) return `--format: expected gov-2021 or gov-2019-trial\n${USAGE}`;
    return { file, unit: values.unit, year, format: values.format as FormatId | undefined };
  } catch (error) {
    return `${error instanceof Error ? error.message : error}\n${USAGE}`;
  }
}

/** Reads a Word file (refusing anything that is not a regular file of at most 10 MB) into the best-matching format. */
async function readWord(file: string, format: FormatId | undefined): Promise<WordImport> {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new WordImportError("不是普通文件 (not a regular file)");
  if (stat.size > MAX_REPORT_FILE_BYTES) throw new WordImportError(`文件过大：不能超过 10 MB (file too large: ${stat.size} bytes)`);
  const bytes = new Uint8Array(fs.readFileSync(file));
  const formats: FormatId[] = format ? [format] : ["gov-2021", "gov-2019-trial"];
  let best: WordImport | null = null;
  for (const f of formats) {
    const result = await importWordFile(bytes, f, { maxBytes: MAX_REPORT_FILE_BYTES });
    if (!best || result.placedCells.length > best.placedCells.length) best = result;
  }
  return best!;
}

async function importWord(db: Db, args: Args): Promise<ImportResult> {
  if (args.year === undefined) throw new ImportError(`--year is required for a Word file\n${USAGE}`, 2);
  const [unit] = await db.select().from(units).where(eq(units.orgCode, args.unit.toUpperCase()));
  if (!unit) throw new ImportError(`no unit with org code ${args.unit}`, 1);
  let imported: WordImport;
  try {
    imported = await readWord(args.file, args.format);
  } catch (error) {
    if (error instanceof WordImportError) throw new ImportError(`cannot read ${args.file}: ${error.message}`, 2);
    throw error;
  }
  for (const line of imported.unplaced) process.stderr.write(`未能导入：${line}\n`);
  const base = createEmptyReport({ format: imported.document.format, year: args.year, unit: { name: unit.name, orgCode: unit.orgCode, kind: unit.kind } });
  return importReportDocument(db, systemActor("import"), reportFromWordImport(base, imported.document), unit.orgCode);
}

async function main(): Promise<number> {
  const args = parseCli();
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  const word = /\.docx$/i.test(args.file);
  let text = "";
  if (!word) {
    // Refuses oversized files (over 10 MB) before reading them into memory.
    const read = readReportFile(args.file);
    if (!read.ok) {
      process.stderr.write(`cannot read ${args.file}: ${read.message}\n`);
      return 2;
    }
    text = read.text;
  } else if (!fs.existsSync(args.file)) {
    process.stderr.write(`cannot read ${args.file}: no such file\n`);
    return 2;
  }
  const db = openEngineDatabase();
  try {
    await migrateEngineDatabase(db);
    const result = word ? await importWord(db, args) : await importReportJson(db, systemActor("import"), text, args.unit);
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
    await closeDb(db);
  }
}

void main().then((code) => {
  process.exitCode = code;
});
