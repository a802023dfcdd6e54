export { checkReport, splitFindings } from "./check-report";
export type { PreviousReport } from "./check-report";
export { computeTotals, fillComputedCells } from "./compute-totals";
export { crossYearMismatch } from "./cross-year-rules";
export { RULES, getRuleInfo, ruleRank, ruleSeverity } from "./catalog";
export type { RuleInfo } from "./catalog";
export { valueProblem } from "./value-rules";
export { consequencesOf, countFindings, findingId, isBlank, isListed, isMistake, likelyMistypedCell } from "./finding-groups";
export type { FindingCounts } from "./finding-groups";
export { checkYearMentions } from "./year-mentions";
export { htmlToParagraphs, normalizeDigits } from "./html-text";
export { decimalPlaces } from "./numbers";
export type { CheckContext, CheckableReport, Finding, Severity } from "./types";
export { CHECK_USAGE, parseCheckArgs, runCheckCommand } from "./check-command";
export type { CheckArgs, CheckCommandResult, InputFile } from "./check-command";
export {
  CopiedTextIndex,
  MIN_COUNTABLE_CHARS,
  SHINGLE_LENGTH,
  checkCopiedText,
  copiedTextFindings,
  copiedTextThresholdPercent,
  measureCopiedText,
  sideBySide,
} from "./copied-text";
export type { CopiedTextMatch, CopiedTextOptions, CopiedTextSources, Segment, SourceDoc } from "./copied-text";
export type { CopiedFrom } from "./types";
export { parseCount, toChineseNumeral } from "./chinese-numerals";
