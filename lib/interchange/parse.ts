import type { z } from "zod";
import { reportDocumentSchema, type ReportDocument } from "./schema";

/** The first problem found in an input that is not a valid `nianbao-report/1` document. */
export interface ReportParseError {
  /** Dotted JSON path, e.g. `tables.table3.total.results.denied` ("" for the document itself). */
  readonly path: string;
  readonly message: string;
}

export type ReportParseResult =
  | { readonly ok: true; readonly document: ReportDocument }
  | { readonly ok: false; readonly error: ReportParseError };

/** Dotted form of a zod issue path (array indices as plain segments: `sections.2.key`). */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join(".");
}

function firstProblem(error: z.ZodError): ReportParseError {
  const issue = error.issues[0];
  if (!issue) return { path: "", message: "invalid document" };
  return { path: formatIssuePath(issue.path), message: issue.message };
}

/** Validate an already JSON-parsed value; result object form. */
export function safeParseReportDocument(json: unknown): ReportParseResult {
  const result = reportDocumentSchema.safeParse(json);
  return result.success ? { ok: true, document: result.data } : { ok: false, error: firstProblem(result.error) };
}

/**
 * Validate an already JSON-parsed value. Returns the document, or `{ path, message }`
 * for the first problem (use `isReportParseError` to tell them apart).
 */
export function parseReportDocument(json: unknown): ReportDocument | ReportParseError {
  const result = safeParseReportDocument(json);
  return result.ok ? result.document : result.error;
}

export function isReportParseError(value: ReportDocument | ReportParseError): value is ReportParseError {
  return !("schema" in value);
}

/** Parse JSON text and validate it; a syntax error is reported at path "". */
export function parseReportJson(text: string): ReportParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { path: "", message: `not valid JSON: ${detail}` } };
  }
  return safeParseReportDocument(json);
}

/** Serialize a document as stable, human-readable JSON (2-space indent, trailing newline). */
export function serializeReportDocument(doc: ReportDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
