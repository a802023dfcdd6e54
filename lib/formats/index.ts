export type {
  BalanceRuleDecl,
  BlockTableDef,
  CarryOverDecl,
  CellId,
  CellType,
  ContinuityDecl,
  FormatDefinition,
  FormatId,
  FormatRulesDecl,
  GridTableDef,
  HeaderNode,
  NarrativeSectionDef,
  RuleId,
  SectionDef,
  SumRuleDecl,
  TableBlock,
  TableDef,
  TableId,
  TableSectionDef,
  TextChecksDecl,
  ThinSectionDecl,
  JumpFigureDecl,
} from "./types";
export { FORMAT_IDS, getFormat, getSection, getTable, isFormatId, listFormats, resolveFormat } from "./registry";
export { cellName, getCellInfo, isCellId, listCells, listTableCells, splitCellId } from "./cells";
export type { CellInfo } from "./cells";
export { buildHeaderGrid, buildRowLabelGrid, buildTableLayout } from "./layout";
export type { HeaderCell, LayoutCell, RowLabelCell, RowLabelRow, TableLayout } from "./layout";
export { joinNameParts, treeDepth, treeLeaves } from "./tree";
export type { TreeLeaf } from "./tree";
export { TABLE3_COLUMN_IDS } from "./tables/table3";
export type { Table3ColumnId } from "./tables/table3";
export { TABLE4_GROUP_IDS, TABLE4_RESULT_IDS } from "./tables/table4";
export type { Table4GroupId, Table4ResultId } from "./tables/table4";
export { GOV_2021 } from "./gov-2021";
export { GOV_2019_TRIAL } from "./gov-2019-trial";
export { LEGACY_FREEFORM } from "./legacy-freeform";
