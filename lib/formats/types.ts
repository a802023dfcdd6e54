/**
 * Types of the declarative format definitions.
 *
 * A format (gov-2021, gov-2019-trial, legacy-freeform) is plain data: its sections,
 * its tables (column and row trees with the verbatim Chinese labels) and the rules
 * that apply to it. Rendering, the editor, validation and import/export all read
 * these definitions instead of hard-coding table shapes.
 */

export type FormatId = "gov-2021" | "gov-2019-trial" | "legacy-freeform";

export type TableId = "table2" | "table3" | "table4";

/**
 * Cell value types.
 * - `int`: integer ≥ 0 (counts of documents, decisions, applications, cases).
 * - `signedInt`: integer, may be negative (only 2019 「本年增/减」).
 * - `decimal`: number ≥ 0 with at most 6 decimal places (万元 amounts).
 */
export type CellType = "int" | "signedInt" | "decimal";

/** Dotted cell id, e.g. `table3.total.results.totalProcessed`. */
export type CellId = string;

/** Ids of the rules in spec §5 implemented by lib/rules. */
export type RuleId =
  | "V0"
  | "V1"
  | "R3-1"
  | "R3-2"
  | "R3-3"
  | "R4-1"
  | "R4-2"
  | "R4-3"
  | "R3-5"
  | "R2-1"
  | "R2-2"
  | "X-1"
  | "X-4"
  | "X-5"
  | "X-6"
  | "X-8"
  | "X-9";

/**
 * A node of a column tree or a row tree.
 *
 * - `label`: verbatim text shown in the table header / row label cell.
 * - `key`: segment(s) this node contributes to the storage path of its cells
 *   (may be dotted, e.g. `other.total`). Presentational groups such as
 *   「申请人情况」 have no key.
 * - `name`: short form used in human cell names (messages). `""` omits the node
 *   from names; absent means "use the label".
 * - `computed`: cells in this column / row are totals computed from other cells.
 * - `type`: cell type for cells under this node (inherits the table default).
 */
export interface HeaderNode {
  readonly label: string;
  readonly key?: string;
  readonly name?: string;
  readonly computed?: boolean;
  readonly type?: CellType;
  readonly children?: readonly HeaderNode[];
}

interface TableBase {
  readonly id: TableId;
  /** Title shown above the table (same as the section heading). */
  readonly title: string;
  /** Rules that concern the cells of this table (for help texts). */
  readonly ruleIds: readonly RuleId[];
}

/**
 * A table with a column tree and (optionally) a row tree.
 * Storage is column-major: `<tableId>.<columnPath>.<rowPath>`; without a row tree
 * the table has one unlabeled data row and cells are `<tableId>.<columnPath>`.
 */
export interface GridTableDef extends TableBase {
  readonly layout: "grid";
  /** Text of the merged top-left cell spanning the row-label columns and header rows. */
  readonly cornerLabel?: string;
  readonly defaultType: CellType;
  readonly columns: readonly HeaderNode[];
  readonly rows?: readonly HeaderNode[];
}

/** One block of table 2: its header row, its column headers and its data rows. */
export interface TableBlock {
  /** Block header row, e.g. 「第二十条第（一）项」. */
  readonly label: string;
  /** Header of the row-label column, 「信息内容」. */
  readonly rowHeaderLabel: string;
  /** Leaf columns (each with key and label). */
  readonly columns: readonly HeaderNode[];
  /** Leaf rows (each with key and label). */
  readonly rows: readonly HeaderNode[];
}

/**
 * A table made of stacked blocks (table 2). Storage is row-major:
 * `<tableId>.<rowKey>.<columnKey>`.
 */
export interface BlockTableDef extends TableBase {
  readonly layout: "blocks";
  readonly defaultType: CellType;
  readonly blocks: readonly TableBlock[];
}

export type TableDef = GridTableDef | BlockTableDef;

export interface NarrativeSectionDef {
  readonly key: string;
  /** Verbatim heading, e.g. 「一、总体情况」 (empty for the preamble). */
  readonly heading: string;
  readonly kind: "narrative";
  /** What the clerk should cover (Chinese). */
  readonly guidance: string;
  /** Customary sub-headings, offered as an outline in the editor. */
  readonly subheadings?: readonly string[];
}

export interface TableSectionDef {
  readonly key: string;
  readonly heading: string;
  readonly kind: "table";
  readonly tableId: TableId;
  readonly guidance: string;
}

export type SectionDef = NarrativeSectionDef | TableSectionDef;

/** `target = Σ addends` (R3-2, R3-3, R4-1..R4-3). */
export interface SumRuleDecl {
  readonly ruleId: RuleId;
  readonly target: CellId;
  readonly addends: readonly CellId[];
  /** Chinese description of the addends, e.g. 「各办理结果之和」. */
  readonly explain: string;
}

/** `Σ left = Σ right` (R3-1). */
export interface BalanceRuleDecl {
  readonly ruleId: RuleId;
  readonly left: readonly CellId[];
  readonly right: readonly CellId[];
  /** Human name of the column the balance applies to, e.g. 「自然人」. */
  readonly scope: string;
  /** Chinese description of each side. */
  readonly leftExplain: string;
  readonly rightExplain: string;
}

/** R3-5: `cell` (this year) should equal `previousCell` of last year's report. */
export interface CarryOverDecl {
  readonly cell: CellId;
  readonly previousCell: CellId;
}

/** R2-1: `valid(N) ≈ valid(N−1) + made(N) − repealed(N)`. */
export interface ContinuityDecl {
  readonly rowName: string;
  readonly made: CellId;
  readonly repealed: CellId;
  readonly valid: CellId;
}

/** Which rules apply to a format, as data the rule engine interprets. */
export interface FormatRulesDecl {
  /** V0 (blank) and V1 (bad value) on every table cell. */
  readonly valueChecks: boolean;
  readonly balances: readonly BalanceRuleDecl[];
  readonly sums: readonly SumRuleDecl[];
  readonly carryOver: readonly CarryOverDecl[];
  readonly continuity: readonly ContinuityDecl[];
  /** R2-2: cells about 规章 that must be 0 for organs without rule-making power. */
  readonly rulemakingCells: readonly CellId[];
  /** report year in title / statistics period / narrative. */
  readonly yearMentions: boolean;
  /** X-9 (年报体检); absent for formats whose text is not checked. */
  readonly textChecks?: TextChecksDecl;
}

/** a narrative section too thin to say what the format asks of it. */
export interface ThinSectionDecl {
  readonly sectionKey: string;
  /** Fewer characters of text (spaces not counted) than this is thin. */
  readonly minChars?: number;
  /** The section must mention one of these words … */
  readonly mustMention?: {
    readonly anyOf: readonly string[];
    /** … which say this (Chinese, for the message), e.g. 「上年度问题的整改情况」. */
    readonly what: string;
  };
}

/** a key figure compared with last year's. */
export interface JumpFigureDecl {
  readonly cell: CellId;
  /** Chinese name for messages, e.g. 「本年新收政府信息公开申请」. */
  readonly name: string;
}

/** Data of the text checks (年报体检). */
export interface TextChecksDecl {
  /** share of a section's text found elsewhere at which to warn (0–1; a site may override it). */
  readonly copiedTextThreshold: number;
  /**
   * wording the format itself prescribes (regular-expression sources, matched on the
   * section's plain text); text they match is not counted as copied.
   */
  readonly boilerplate: readonly string[];
  readonly thinSections: readonly ThinSectionDecl[];
  /** ratio (≥ this or ≤ its inverse) and the smallest larger value it applies to. */
  readonly jump: { readonly ratio: number; readonly floor: number; readonly figures: readonly JumpFigureDecl[] };
}

export interface FormatDefinition {
  readonly id: FormatId;
  /** Chinese label for pickers, e.g. 「2021年版（国办公开办函〔2021〕30号）」. */
  readonly label: string;
  /** Normative basis of the format. */
  readonly basis: string;
  /** General writing instructions (Chinese). */
  readonly guidance: string;
  /** Optional untitled preamble before the numbered sections. */
  readonly preamble?: NarrativeSectionDef;
  /** Fixed sections in order (empty for legacy-freeform). */
  readonly sections: readonly SectionDef[];
  /** True when documents define their own narrative sections (legacy-freeform). */
  readonly freeSections: boolean;
  /** True when free attachment tables (附表) are part of the format. */
  readonly attachments: boolean;
  readonly tables: readonly TableDef[];
  readonly rules: FormatRulesDecl;
}
