/**
 * Write the deterministic demo reports to db/seed/reports/*.json.
 *
 *   npx tsx scripts/generate-demo-reports.ts [--out <dir>]
 *
 * Every document is validated with parseReportDocument before it is written.
 * db/seed/reports/heqiao-2017.json is hand-written and left untouched.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isReportParseError, parseReportDocument, serializeReportDocument } from "@/lib/interchange";
import { generateDemoReports } from "./lib/demo-reports";

function outDir(argv: readonly string[]): string {
  const i = argv.indexOf("--out");
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : join(process.cwd(), "db", "seed", "reports");
}

function main(): void {
  const dir = outDir(process.argv.slice(2));
  mkdirSync(dir, { recursive: true });
  for (const { fileName, document } of generateDemoReports()) {
    const checked = parseReportDocument(JSON.parse(JSON.stringify(document)));
    if (isReportParseError(checked)) {
      throw new Error(`${fileName}: ${checked.path}: ${checked.message}`);
    }
    writeFileSync(join(dir, fileName), serializeReportDocument(checked));
    console.log(`wrote ${join(dir, fileName)}`);
  }
}

main();
