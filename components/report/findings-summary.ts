import type { Finding } from "@/lib/rules";

/** Counts shown in the preview marker: errors block submission, warnings (提醒) do not. */
export interface FindingsSummary {
  readonly errors: number;
  readonly warnings: number;
  /** Narrative sections without text (counted by the preview; an empty section is not 「未发现问题」). */
  readonly emptySections?: number;
}

export function summarizeFindings(findings: readonly Pick<Finding, "severity">[]): FindingsSummary {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === "error") errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

/** 「发现 2 个错误、1 个提醒」, 「发现 1 个提醒」, 「3 个部分尚未填写；发现 1 个错误」, or 「未发现问题」. */
export function formatFindingsSummary(summary: FindingsSummary): string {
  const parts: string[] = [];
  if (summary.errors > 0) parts.push(`${summary.errors} 个错误`);
  if (summary.warnings > 0) parts.push(`${summary.warnings} 个提醒`);
  const found = parts.length > 0 ? `发现 ${parts.join("、")}` : null;
  const empty = summary.emptySections ? `${summary.emptySections} 个部分尚未填写` : null;
  if (empty) return found ? `${empty}；${found}` : empty;
  return found ?? "未发现问题";
}
