import { countFindings, type Finding } from "@/lib/rules";

/**
 * Counts shown in the preview marker: errors (mistakes, one per cause) and blank cells block
 * submission, warnings (提醒) do not. Blank cells are counted apart (「未填 N 格」): a cell not
 * filled in yet is not a mistake.
 */
export interface FindingsSummary {
  readonly errors: number;
  readonly warnings: number;
  /** Narrative sections without text (counted by the preview; an empty section is not 「未发现问题」). */
  readonly emptySections?: number;
  readonly blanks?: number;
}

export function summarizeFindings(findings: readonly Pick<Finding, "severity" | "kind" | "consequenceOf">[]): FindingsSummary {
  return countFindings(findings);
}

/** 「发现 2 个错误、1 个提醒，未填 175 格」, 「3 个部分尚未填写；发现 1 个错误」, 「未填 3 格」 or 「未发现问题」. */
export function formatFindingsSummary(summary: FindingsSummary): string {
  const parts: string[] = [];
  if (summary.errors > 0) parts.push(`${summary.errors} 个错误`);
  if (summary.warnings > 0) parts.push(`${summary.warnings} 个提醒`);
  const blanks = summary.blanks ? `未填 ${summary.blanks} 格` : "";
  const found = parts.length > 0 ? `发现 ${parts.join("、")}${blanks ? `，${blanks}` : ""}` : blanks || null;
  const empty = summary.emptySections ? `${summary.emptySections} 个部分尚未填写` : null;
  if (empty) return found ? `${empty}；${found}` : empty;
  return found ?? "未发现问题";
}
