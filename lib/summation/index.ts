/**
 * 汇总 (issue 14): the pure core of a county's report that adds up, cell by cell, its own
 * figures and those of every unit on its reporting list. The data layer loads the reports,
 * the UI shows the result; nothing here reads the database.
 */
export { OWN_CONTRIBUTOR_ID, OWN_CONTRIBUTOR_LABEL, cellBreakdown, sumTables } from "./sum-tables";
export type {
  CellContribution,
  IncompatiblePart,
  PartCells,
  SummationBreakdown,
  SummationContributor,
  SummationPart,
  SummationResult,
} from "./sum-tables";
export { ABSENT_WITHOUT_NOTE_PROBLEM, NOT_REPORTED_PROBLEM, missingUnits } from "./missing-units";
export type { MissingUnit, MissingUnitsResult, ReportingListEntry } from "./missing-units";
export { sumChanges } from "./sum-changes";
export type { SumChange } from "./sum-changes";
