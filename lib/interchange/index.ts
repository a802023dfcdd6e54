export {
  REPORT_SCHEMA_ID,
  UNIT_KINDS,
  UNIT_KIND_LABELS,
  attachmentSchema,
  cellValueSchema,
  metadataSchema,
  reportDocumentSchema,
  sectionSchema,
  signatureSchema,
  unitSchema,
} from "./schema";
export type {
  CellTree,
  CellValue,
  ReportAttachment,
  ReportDocument,
  ReportDocumentInput,
  ReportMetadata,
  ReportSection,
  ReportSignature,
  ReportTables,
  ReportUnit,
  UnitKind,
} from "./schema";
export {
  formatIssuePath,
  isReportParseError,
  parseReportDocument,
  parseReportJson,
  safeParseReportDocument,
  serializeReportDocument,
} from "./parse";
export type { ReportParseError, ReportParseResult } from "./parse";
export { blankCells, emptyTables, getCell, getTableValue, setCell, setTableValue, setTableValues } from "./cells";
export { createEmptyReport } from "./create";
export type { NewReportInit } from "./create";
