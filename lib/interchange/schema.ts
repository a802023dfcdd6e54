import { z } from "zod";
import { FORMAT_IDS, listCells, type FormatId } from "@/lib/formats";
import { UNIT_KINDS } from "@/lib/vocabulary";

/**
 * The `nianbao-report/1` interchange document.
 *
 * Table shapes are derived from the format definitions in lib/formats (never written
 * out by hand here). Every cell must be present; its value is a finite JSON number or
 * `null` (blank). The schema deliberately accepts any finite number — negative,
 * fractional or with many decimals — so that such values reach the rule engine,
 * which reports them as V1 findings a clerk can act on. Unknown keys are dropped.
 *
 * Error messages are short English phrases ("expected object") because they are
 * paired with a JSON path for developers and importers; the UI shows rule findings.
 */

export const REPORT_SCHEMA_ID = "nianbao-report/1";

export { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from "@/lib/vocabulary";

export type CellValue = number | null;

/** Nested storage of one table, e.g. `table3.total.results.denied.stateSecret`. */
export interface CellTree {
  [key: string]: CellTree | CellValue;
}

export type ReportTables = { [tableId: string]: CellTree };

// Small constructors that attach the message reported by parseReportDocument.
const str = () => z.string({ error: "expected string" });
const optionalText = () => z.string({ error: "expected string or null" }).nullable().optional();
const obj = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: "expected object" });
const arr = <T extends z.ZodType>(item: T) => z.array(item, { error: "expected array" });

export const cellValueSchema = z.number({ error: "expected number or null" }).nullable();

export const unitSchema = obj({
  name: str().min(1, { error: "expected non-empty string" }),
  orgCode: optionalText(),
  kind: z.enum(UNIT_KINDS, { error: `expected one of ${UNIT_KINDS.map((k) => `"${k}"`).join(", ")}` }),
  /** The org code of the unit above (a township's county, a county's city), when known. */
  parentOrgCode: optionalText(),
});

export const metadataSchema = obj({
  indexNo: optionalText(),
  disclosureMode: optionalText(),
  scope: optionalText(),
  retention: optionalText(),
  publisher: optionalText(),
  source: optionalText(),
  writtenOn: optionalText(),
  publishedAt: optionalText(),
  docNo: optionalText(),
  validity: optionalText(),
  category: optionalText(),
  /**
   * 汇总 reports (issue 14): which listed units' figures the tables do not contain, e.g.
   * 「本汇总数据不含：示例县司法局（暂缺：…）。」; the report page shows it under the tables.
   */
  summationNote: optionalText(),
});

export const sectionSchema = obj({
  key: str().min(1, { error: "expected non-empty string" }),
  heading: str(),
  html: str(),
});

export const attachmentSchema = obj({
  title: str(),
  columns: arr(str()),
  rows: arr(arr(str())),
});

/** Closing signature (落款): issuing authority and the date as printed. */
export const signatureSchema = obj({ issuer: str(), date: str() });

type Shape = { [key: string]: Shape | null };

/** Build the nested zod schema of a format's tables from its cell paths. */
function tablesSchemaFor(format: FormatId): z.ZodType<ReportTables> {
  const root: Shape = {};
  for (const cell of listCells(format)) {
    let node: Shape = root;
    const segments = [cell.tableId, ...cell.path];
    segments.forEach((segment, i) => {
      if (i === segments.length - 1) {
        node[segment] = null;
      } else {
        const next = node[segment] ?? {};
        node[segment] = next;
        node = next;
      }
    });
  }
  const build = (shape: Shape): z.ZodType => {
    const fields: Record<string, z.ZodType> = {};
    for (const [key, child] of Object.entries(shape)) fields[key] = child === null ? cellValueSchema : build(child);
    return obj(fields);
  };
  return build(root) as unknown as z.ZodType<ReportTables>;
}

const year = z
  .number({ error: "expected integer year" })
  .int({ error: "expected integer year" })
  .min(1990, { error: "expected a year between 1990 and 2100" })
  .max(2100, { error: "expected a year between 1990 and 2100" });

function envelope<F extends FormatId, T extends z.ZodType>(format: F, tables: T) {
  return obj({
    schema: z.literal(REPORT_SCHEMA_ID, { error: `expected "${REPORT_SCHEMA_ID}"` }),
    format: z.literal(format),
    year,
    unit: unitSchema,
    title: str(),
    metadata: metadataSchema.default({}),
    sections: arr(sectionSchema),
    tables,
    attachments: arr(attachmentSchema).default([]),
    signature: signatureSchema.nullable().optional(),
  });
}

const FORMAT_ERROR = `expected one of ${FORMAT_IDS.map((f) => `"${f}"`).join(", ")}`;

export const reportDocumentSchema = z
  .discriminatedUnion(
    "format",
    [
      envelope("gov-2021", tablesSchemaFor("gov-2021")),
      envelope("gov-2019-trial", tablesSchemaFor("gov-2019-trial")),
      // Legacy documents have no national tables; an empty object is tolerated.
      envelope("legacy-freeform", (obj({}) as unknown as z.ZodType<ReportTables>).optional()),
    ],
    { error: (issue) => ((issue.code as string) === "invalid_type" ? "expected object" : FORMAT_ERROR) },
  )
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.sections.forEach((section, i) => {
      if (seen.has(section.key)) {
        ctx.addIssue({ code: "custom", path: ["sections", i, "key"], message: `duplicate section key "${section.key}"` });
      }
      seen.add(section.key);
    });
    doc.attachments.forEach((attachment, i) => {
      if (attachment.columns.length === 0) return;
      attachment.rows.forEach((row, j) => {
        if (row.length !== attachment.columns.length) {
          ctx.addIssue({
            code: "custom",
            path: ["attachments", i, "rows", j],
            message: `expected ${attachment.columns.length} cells`,
          });
        }
      });
    });
  });

export type ReportDocument = z.infer<typeof reportDocumentSchema>;
export type ReportDocumentInput = z.input<typeof reportDocumentSchema>;
export type ReportUnit = z.infer<typeof unitSchema>;
export type ReportMetadata = z.infer<typeof metadataSchema>;
export type ReportSection = z.infer<typeof sectionSchema>;
export type ReportAttachment = z.infer<typeof attachmentSchema>;
export type ReportSignature = z.infer<typeof signatureSchema>;
