import { isFormatId, resolveFormat, type FormatDefinition, type FormatId } from "@/lib/formats";
import { ruleRank } from "./catalog";
import { compileFormat, readValues } from "./compile";
import { checkCarryOver, checkContinuity, crossYearMismatch } from "./cross-year-rules";
import { checkRulemaking } from "./plausibility-rules";
import { checkBalances, checkSums } from "./sum-rules";
import { checkValues } from "./value-rules";
import { markConsequences } from "./finding-groups";
import { checkYearMentions } from "./year-mentions";
import { checkFigureJumps } from "./figure-jumps";
import { checkTemplateLeftovers } from "./template-leftovers";
import { textSections } from "./text-sections";
import { checkThinSections } from "./thin-sections";
import { copiedTextFindings, copiedTextThresholdPercent } from "./copied-text";
import { checkTextFigures } from "./text-figures";
import type { CheckableReport, CheckContext, Finding } from "./types";

/** Previous-year report: its own format is needed to name its cells. */
export type PreviousReport = CheckableReport & { readonly format?: FormatId | string };

/**
 * Check a report against its format's rules (spec §5). Pure and deterministic.
 *
 * Order: by rule (errors V0, V1, R3-1, R3-2, R3-3, R4-1..R4-3, then warnings R3-5,
 * R2-1, R2-2, X-1, X-4, X-5, X-6, X-8, X-9: see catalog.ts), then by the reading order of
 * each finding's first cell; text findings in document order.
 *
 * Blank cells (V0) carry `kind: "blank"`; a finding that only follows from another (the 总计
 * column's balance) carries `consequenceOf` (see finding-groups.ts). Both stay in the list:
 * every finding with severity "error" blocks submission.
 *
 * Cross-year rules (R3-5, R2-1, X-8) run only when `previousYearReport` is for year N−1
 * (and the same unit when both have an orgCode); see crossYearMismatch.
 */
export function checkReport(
  format: FormatId | FormatDefinition,
  report: CheckableReport,
  previousYearReport?: PreviousReport | null,
  context?: CheckContext,
): Finding[] {
  const def = resolveFormat(format);
  const compiled = compileFormat(def);
  const values = readValues(compiled, report.tables);
  const groups: Finding[][] = [];

  if (def.rules.valueChecks) {
    const { blank, invalid } = checkValues(compiled, values);
    groups.push(blank, invalid);
  }
  groups.push(checkBalances(compiled, values), checkSums(compiled, values));

  const comparable = previousYearReport && crossYearMismatch(report, previousYearReport) === null ? previousYearReport : null;
  if (comparable) {
    const previousFormat = isFormatId(comparable.format) ? resolveFormat(comparable.format) : def;
    groups.push(checkCarryOver(compiled, values, comparable, previousFormat));
    groups.push(checkContinuity(compiled, values, comparable));
  }
  groups.push(checkRulemaking(compiled, values, context?.unitKind ?? report.unit?.kind, context?.unitLevel));
  if (def.rules.yearMentions) groups.push(checkYearMentions(report));

  const text = def.rules.textChecks;
  if (text) {
    const sections = textSections(report);
    groups.push(checkTextFigures(report, report.tables));
    if (context?.copied) groups.push(copiedTextFindings(context.copied, copiedTextThresholdPercent({ format: def, threshold: context.copiedThreshold })));
    groups.push(checkThinSections(sections, text));
    if (comparable) groups.push(checkFigureJumps(report.tables, comparable.tables, text));
    groups.push(checkTemplateLeftovers(sections, def));
  }

  return markConsequences(compiled, sortFindings(groups.flat(), compiled.indexOf));
}

/** Stable sort by rule order, then by the reading order of the first cell. */
function sortFindings(findings: Finding[], indexOf: ReadonlyMap<string, number>): Finding[] {
  const keyed = findings.map((f, i) => ({
    f,
    rank: ruleRank(f.ruleId),
    cell: f.cells[0] === undefined ? -1 : (indexOf.get(f.cells[0]) ?? -1),
    i,
  }));
  keyed.sort((a, b) => a.rank - b.rank || a.cell - b.cell || a.i - b.i);
  return keyed.map((k) => k.f);
}

/** Findings split by severity, as printed by `npm run report:check`. */
export function splitFindings(findings: readonly Finding[]): { errors: Finding[]; warnings: Finding[] } {
  return {
    errors: findings.filter((f) => f.severity === "error"),
    warnings: findings.filter((f) => f.severity === "warning"),
  };
}
