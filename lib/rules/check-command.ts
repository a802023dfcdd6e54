import { parseReportJson, type ReportDocument, type ReportParseError } from "@/lib/interchange";
import { checkReport, splitFindings } from "./check-report";
import { crossYearMismatch } from "./cross-year-rules";

/*
 * Core of `npm run report:check -- <file.json> [--previous <file.json>]`, free of Node
 * APIs so it can be tested directly; scripts/report-check.ts only reads the files and
 * writes the result.
 *
 * Exit codes: 0 no rule errors (warnings allowed), 1 rule errors, 2 the input is not a
 * valid nianbao-report/1 document (unreadable, not JSON, schema mismatch) or bad usage.
 */

export const CHECK_USAGE = "usage: npm run report:check -- <report.json> [--previous <last-year.json>]";

export interface CheckArgs {
  readonly file: string;
  readonly previous?: string;
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs | { readonly error: string } {
  let file: string | undefined;
  let previous: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--previous") {
      previous = argv[i + 1];
      if (!previous) return { error: `--previous needs a file\n${CHECK_USAGE}` };
      i++;
    } else if (arg?.startsWith("--previous=")) {
      previous = arg.slice("--previous=".length);
    } else if (arg?.startsWith("-")) {
      return { error: `unknown option ${arg}\n${CHECK_USAGE}` };
    } else if (file === undefined) {
      file = arg;
    } else {
      return { error: `unexpected argument ${arg}\n${CHECK_USAGE}` };
    }
  }
  if (!file) return { error: CHECK_USAGE };
  return previous ? { file, previous } : { file };
}

/** A file as read by the caller: its text, or why it could not be read. */
export type InputFile = { readonly name: string; readonly text: string } | { readonly name: string; readonly readError: string };

export interface CheckCommandResult {
  readonly exitCode: 0 | 1 | 2;
  readonly stdout: string;
  readonly stderr: string;
}

function describeProblem(file: string, problem: ReportParseError): string {
  return problem.path ? `${problem.path}: ${problem.message}` : `${file}: ${problem.message}`;
}

function load(input: InputFile): { doc: ReportDocument } | { problem: string } {
  if ("readError" in input) return { problem: `cannot read ${input.name}: ${input.readError}` };
  const parsed = parseReportJson(input.text);
  return parsed.ok ? { doc: parsed.document } : { problem: describeProblem(input.name, parsed.error) };
}

export function runCheckCommand(current: InputFile, previous?: InputFile): CheckCommandResult {
  const loaded = load(current);
  if ("problem" in loaded) return { exitCode: 2, stdout: "", stderr: `${loaded.problem}\n` };
  let previousDoc: ReportDocument | undefined;
  let note = "";
  if (previous) {
    const before = load(previous);
    if ("problem" in before) return { exitCode: 2, stdout: "", stderr: `--previous ${before.problem}\n` };
    previousDoc = before.doc;
    const mismatch = crossYearMismatch(loaded.doc, previousDoc);
    if (mismatch) note = `note: ${mismatch}\n`;
  }
  const findings = checkReport(loaded.doc.format, loaded.doc, previousDoc);
  const { errors, warnings } = splitFindings(findings);
  return {
    exitCode: errors.length > 0 ? 1 : 0,
    stdout: `${JSON.stringify({ errors, warnings }, null, 2)}\n`,
    stderr: note,
  };
}
