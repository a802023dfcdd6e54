import type { CellId, RuleId } from "@/lib/formats";
import type { ReportSection, ReportTables, UnitKind } from "@/lib/interchange";
import type { UnitLevel } from "@/lib/vocabulary";
import type { CopiedTextMatch } from "./copied-text";

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
  /** For text findings (X-1, X-4 … X-9): dotted JSON path of the text, e.g. `title` or `sections.1.html`. */
  readonly path?: string;
  /** For text findings: the offending text (X-1: the whole sentence, as the editor highlights it). */
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
  /** how much of the section is found elsewhere, and where (the highest match). */
  readonly copied?: CopiedFrom;
}

/** The source a section's text most overlaps with. */
export interface CopiedFrom {
  /** Share of the section's countable text also found in the source, 0–100, rounded down. */
  readonly percent: number;
  /** Identifies the source for the caller (e.g. `report:12` or a file name). */
  readonly sourceId: string;
  /** Chinese name of the source, e.g. 「示例县柳溪镇人民政府2023年度报告」 or 「本单位2022年度报告」. */
  readonly sourceLabel: string;
  /** Key of the source's section holding most of the shared text. */
  readonly sourceSectionKey?: string;
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
  /** Level of the reporting unit (R2-2: a department's is its parent's); defaults to the kind's own. */
  readonly unitLevel?: UnitLevel;
  /**
   * X-5 (雷同): the sections' highest matches, measured by the caller, who holds the other
   * reports (measureCopiedText). Without them X-5 does not run.
   */
  readonly copied?: readonly CopiedTextMatch[];
  /** X-5 threshold as a share (0–1); defaults to the format's. */
  readonly copiedThreshold?: number;
}
