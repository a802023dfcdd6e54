import type { FormatId } from "@/lib/formats";
import { getFormat } from "@/lib/formats";
import { emptyTables } from "./cells";
import { REPORT_SCHEMA_ID, type ReportDocument, type ReportUnit } from "./schema";

export interface NewReportInit {
  readonly format: FormatId;
  readonly year: number;
  readonly unit: ReportUnit;
  readonly title?: string;
}

/**
 * A new blank report: narrative sections of the format with empty HTML and all
 * table cells null. The default title follows the usual wording
 * 「<单位>YYYY年政府信息公开工作年度报告」.
 */
export function createEmptyReport(init: NewReportInit): ReportDocument {
  const format = getFormat(init.format);
  const sections = format.sections
    .filter((s) => s.kind === "narrative")
    .map((s) => ({ key: s.key, heading: s.heading, html: "" }));
  const base = {
    schema: REPORT_SCHEMA_ID,
    year: init.year,
    unit: init.unit,
    title: init.title ?? `${init.unit.name}${init.year}年政府信息公开工作年度报告`,
    metadata: {},
    sections,
    attachments: [],
    signature: null,
  } satisfies Omit<ReportDocument, "format" | "tables">;
  switch (init.format) {
    case "legacy-freeform":
      return { ...base, format: init.format };
    case "gov-2021":
    case "gov-2019-trial":
      return { ...base, format: init.format, tables: emptyTables(init.format) };
  }
}
