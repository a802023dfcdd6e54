import { parseReportJson, type ReportDocument, type ReportParseError } from "@/lib/interchange";
import { checkReport, splitFindings } from "./check-report";
import { CopiedTextIndex, measureCopiedText, type SourceDoc } from "./copied-text";
import { crossYearMismatch } from "./cross-year-rules";
import type { Finding } from "./types";

/*
 * Core of `npm run report:check -- <file.json> [--previous <file.json>] [--compare <file.json> …]`,
 * free of Node APIs so it can be tested directly; scripts/report-check.ts only reads the
 * files and writes the result.
 *
 * `--compare` gives other units' reports for X-5 (copied text); it may be repeated
 * (`--compare a.json --compare b.json`) or followed by several files (`--compare a.json
 * b.json`: every file after it up to the next option). `--previous` feeds the cross-year
 * rules and X-5's comparison with last year's sections.
 *
 * Exit codes: 0 no rule errors (warnings allowed), 1 rule errors, 2 the input is not a
 * valid nianbao-report/1 document (unreadable, not JSON, schema mismatch) or bad usage.
 */

export const CHECK_USAGE =
  "usage: npm run report:check -- <report.json> [--previous <last-year.json>] [--compare <other-unit.json> …]";

export interface CheckArgs {
  readonly file: string;
  readonly previous?: string;
  /** Other units' reports for X-5 (copied text). */
  readonly compare?: readonly string[];
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs | { readonly error: string } {
  let file: string | undefined;
  let previous: string | undefined;
  const compare: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--previous") {
      previous = argv[i + 1];
      if (!previous) return { error: `--previous needs a file\n${CHECK_USAGE}` };
      i++;
    } else if (arg.startsWith("--previous=")) {
      previous = arg.slice("--previous=".length);
    } else if (arg === "--compare") {
      const before = compare.length;
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith("-")) compare.push(argv[++i]!);
      if (compare.length === before) return { error: `--compare needs a file\n${CHECK_USAGE}` };
    } else if (arg.startsWith("--compare=")) {
      compare.push(arg.slice("--compare=".length));
    } else if (arg.startsWith("-")) {
      return { error: `unknown option ${arg}\n${CHECK_USAGE}` };
    } else if (file === undefined) {
      file = arg;
    } else {
      return { error: `unexpected argument ${arg}\n${CHECK_USAGE}` };
    }
  }
  if (!file) return { error: CHECK_USAGE };
  return { file, ...(previous ? { previous } : {}), ...(compare.length > 0 ? { compare } : {}) };
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

/** A report read for comparison, with the name it is known by (a file name, `report:12` …). */
export interface NamedReport {
  readonly id: string;
  readonly doc: ReportDocument;
}

/**
 * All findings of a report: the rule engine's (checkReport), then X-5 against last year's
 * report and the other units' reports. Kept as one call so that X-5 can later move inside
 * checkReport without changing callers.
 */
export function checkWithText(report: ReportDocument, previous?: NamedReport | null, others: readonly NamedReport[] = []): Finding[] {
  const sameUnitLastYear = previous && crossYearMismatch(report, previous.doc) === null ? previous : null;
  const index = new CopiedTextIndex({ format: report.format });
  for (const other of others) index.add(otherUnitSource(other));
  const copied = measureCopiedText(
    report,
    { previous: sameUnitLastYear ? { id: sameUnitLastYear.id, label: `本单位${sameUnitLastYear.doc.year}年度报告`, sections: sameUnitLastYear.doc.sections } : null, index },
    { format: report.format },
  );
  return checkReport(report.format, report, previous?.doc, { copied });
}

function otherUnitSource({ id, doc }: NamedReport): SourceDoc {
  return { id, label: `${doc.unit.name}${doc.year}年度报告`, sections: doc.sections };
}

/** Whether two documents are the same report (same unit and year). */
function sameReport(a: ReportDocument, b: ReportDocument): boolean {
  return a.year === b.year && (a.unit.orgCode ? a.unit.orgCode === b.unit.orgCode : a.unit.name === b.unit.name);
}

export function runCheckCommand(current: InputFile, previous?: InputFile, compare: readonly InputFile[] = []): CheckCommandResult {
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
  const others: NamedReport[] = [];
  for (const input of compare) {
    const other = load(input);
    if ("problem" in other) return { exitCode: 2, stdout: "", stderr: `--compare ${other.problem}\n` };
    if (input.name === current.name || sameReport(loaded.doc, other.doc)) {
      note += `note: --compare ${input.name} is the checked report itself, not compared\n`;
      continue;
    }
    others.push({ id: input.name, doc: other.doc });
  }
  const findings = checkWithText(loaded.doc, previous && previousDoc ? { id: previous.name, doc: previousDoc } : null, others);
  const { errors, warnings } = splitFindings(findings);
  return {
    exitCode: errors.length > 0 ? 1 : 0,
    stdout: `${JSON.stringify({ errors, warnings }, null, 2)}\n`,
    stderr: note,
  };
}
