import type { CellId, RuleId } from "@/lib/formats";
import type { ReportSection, ReportTables, UnitKind } from "@/lib/interchange";

export type Severity = "error" | "warning";

/** One problem found in a report. */
export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: Severity;
  /** Cells concerned, the main one first (e.g. the total, then its addends). Empty for text findings. */
  readonly cells: readonly CellId[];
  /** Value the rule expects (sum of parts, last year's value, the report year …). */
  readonly expected?: number;
  /** Value found in the report. */
  readonly actual?: number;
  /** Chinese message a clerk understands without the spec. */
  readonly message: string;
  /** For text findings: dotted JSON path of the text, e.g. `title` or `sections.1.html`. */
  readonly path?: string;
  /** For text findings: the offending text. */
  readonly excerpt?: string;
  /**
   * "blank": a V0 finding, a cell that is simply not filled in yet. Still an error (it blocks
   * submission, spec V0), but while drafting it is counted apart (「未填 N 格」), not as a mistake:
   * a gate on mistakes (e.g. marking a table section complete) reads `isMistake`.
   */
  readonly kind?: "blank";
  /**
   * Set on a finding that only follows from another one: the 总计 column's balance (R3-1) is
   * broken because a component column's is, its cells being computed from theirs. The value is
   * the cause's `findingId`; lists show it under the cause (「导致：…」), not on its own.
   */
  readonly consequenceOf?: string;
}

/** What the rule engine reads from a report (a parsed document or an editor draft). */
export interface CheckableReport {
  readonly year: number;
  readonly title?: string;
  readonly sections?: readonly Pick<ReportSection, "key" | "heading" | "html">[];
  readonly tables?: ReportTables;
  readonly unit?: { readonly kind?: UnitKind; readonly orgCode?: string | null };
}

export interface CheckContext {
  /** Kind of the reporting unit (R2-2); defaults to `report.unit.kind`. */
  readonly unitKind?: UnitKind;
}
