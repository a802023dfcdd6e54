/**
 * npm run report:check -- <report.json> [--previous <last-year.json>] [--compare <other-unit.json> …]
 *
 * Prints {"errors": [...], "warnings": [...]} (rule findings) as JSON on stdout. --compare
 * (repeatable, or several files after one flag) gives other units' reports for X-5 (copied
 * text); --previous also feeds X-5's comparison with last year's sections.
 * Exit 0: no errors; 1: rule errors; 2: not a valid nianbao-report/1 document (the JSON
 * path of the first problem is printed on stderr) or bad usage. Never prints a stack trace.
 */
import { readReportFile } from "@/lib/interchange/read-file";
import { parseCheckArgs, runCheckCommand, type InputFile } from "@/lib/rules/check-command";

function read(name: string): InputFile {
  const read = readReportFile(name);
  return read.ok ? { name, text: read.text } : { name, readError: read.message };
}

function main(): number {
  const args = parseCheckArgs(process.argv.slice(2));
  if ("error" in args) {
    process.stderr.write(`${args.error}\n`);
    return 2;
  }
  const result = runCheckCommand(read(args.file), args.previous ? read(args.previous) : undefined, (args.compare ?? []).map(read));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.exitCode;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`report:check: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
}
