import type { Finding } from "@/lib/rules";

/** Counts shown in the preview marker: errors block submission, warnings (提醒) do not. */
export interface FindingsSummary {
  readonly errors: number;
  readonly warnings: number;
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

/** 「发现 2 个错误、1 个提醒」, 「发现 1 个提醒」, or 「未发现问题」. */
export function formatFindingsSummary(summary: FindingsSummary): string {
  const parts: string[] = [];
  if (summary.errors > 0) parts.push(`${summary.errors} 个错误`);
  if (summary.warnings > 0) parts.push(`${summary.warnings} 个提醒`);
  return parts.length > 0 ? `发现 ${parts.join("、")}` : "未发现问题";
}
