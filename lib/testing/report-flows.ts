/**
 * A report brought to a state the way people do it, through lib/data's public functions:
 * the clerk drafts and writes it, submits it; the leader approves and publishes it.
 * Each helper acts as the person whose job the step is; the caller acts as whoever it needs next.
 */
import { createNextYearReport, getReportForEditing } from "@/lib/data/reports";
import { saveSection, setSectionCompleted } from "@/lib/data/sections";
import { approveReport, getReviewData, publishApprovedReport, submitReport } from "@/lib/data/workflow";
import type { ReportTables } from "@/lib/interchange";
import { consistent2023, narrativeHtml } from "@/lib/rules/__tests__/fixtures";
import { findingKey } from "@/lib/validations/workflow";
import { actAs, type Township } from "./integration-db";

export { narrativeHtml };

/** Tables 二 to 四 without any finding for a report without a previous year. */
export const CONSISTENT_TABLES: ReportTables = consistent2023().tables!;

export const APPROVAL = { opinion: "内容属实，同意发布。", writtenOn: "2025-03-09" } as const;

export const PUBLISH_NOW = { scheduleAt: "", changeNote: "" } as const;

/** As the clerk: next year's report, a draft. */
export async function draftReport(town: Township): Promise<number> {
  await actAs(town.clerk);
  return (await createNextYearReport()).id;
}

/**
 * As the clerk: every section saved (each narrative section its own text, `html` put before
 * it; the given tables) and, unless told otherwise, marked complete.
 */
export async function writeReport(
  town: Township,
  reportId: number,
  options: { tables?: ReportTables; html?: string; complete?: boolean } = {},
): Promise<void> {
  const { tables = CONSISTENT_TABLES, html = "", complete = true } = options;
  await actAs(town.clerk);
  for (const section of (await getReportForEditing(reportId)).sections) {
    const content = section.kind === "table" ? { cells: tables[section.tableId as keyof ReportTables] as Record<string, unknown> } : { html: html + narrativeHtml(section.key) };
    await saveSection({ reportId, sectionKey: section.key, baseVersion: section.version, ...content });
    if (complete) await setSectionCompleted(reportId, section.key, true);
  }
}

export const EXPLANATION = "已逐项核实，情况属实。";

/** As the clerk: submits the report with the same explanation for every warning it has. */
export async function submitExplained(town: Township, reportId: number): Promise<void> {
  await actAs(town.clerk);
  const warnings = (await getReviewData(reportId)).findings.filter((finding) => finding.severity === "warning");
  await submitReport(reportId, Object.fromEntries(warnings.map((warning) => [findingKey(warning), EXPLANATION])));
}

/**
 * A report written completely and submitted by the clerk. The unit's second report has
 * warnings (its figures repeat last year's instead of continuing them); they are explained.
 */
export async function submittedReport(town: Township): Promise<number> {
  const id = await draftReport(town);
  await writeReport(town, id);
  await submitExplained(town, id);
  return id;
}

/** … and approved by the leader. */
export async function approvedReport(town: Township): Promise<number> {
  const id = await submittedReport(town);
  await actAs(town.leader);
  await approveReport(id, APPROVAL);
  return id;
}

/** … and published by the leader at once. */
export async function publishedReport(town: Township): Promise<number> {
  const id = await approvedReport(town);
  await publishApprovedReport(id, PUBLISH_NOW);
  return id;
}
