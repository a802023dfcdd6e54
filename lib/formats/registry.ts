import { GOV_2019_TRIAL } from "./gov-2019-trial";
import { GOV_2021 } from "./gov-2021";
import { LEGACY_FREEFORM } from "./legacy-freeform";
import type { FormatDefinition, FormatId, SectionDef, TableDef, TableId } from "./types";

export const FORMAT_IDS = ["gov-2021", "gov-2019-trial", "legacy-freeform"] as const satisfies readonly FormatId[];

const FORMATS: Readonly<Record<FormatId, FormatDefinition>> = {
  "gov-2021": GOV_2021,
  "gov-2019-trial": GOV_2019_TRIAL,
  "legacy-freeform": LEGACY_FREEFORM,
};

export function isFormatId(value: unknown): value is FormatId {
  return typeof value === "string" && (FORMAT_IDS as readonly string[]).includes(value);
}

/** The definition of a format. Throws on an unknown id (use isFormatId for input). */
export function getFormat(id: FormatId): FormatDefinition {
  const format = FORMATS[id];
  if (!format) throw new Error(`unknown report format: ${String(id)}`);
  return format;
}

/** All formats, newest first. */
export function listFormats(): readonly FormatDefinition[] {
  return FORMAT_IDS.map((id) => FORMATS[id]);
}

/** Accept either a definition or its id. */
export function resolveFormat(format: FormatId | FormatDefinition): FormatDefinition {
  return typeof format === "string" ? getFormat(format) : format;
}

export function getTable(format: FormatId | FormatDefinition, tableId: TableId): TableDef | undefined {
  return resolveFormat(format).tables.find((t) => t.id === tableId);
}

export function getSection(format: FormatId | FormatDefinition, key: string): SectionDef | undefined {
  const def = resolveFormat(format);
  if (def.preamble && def.preamble.key === key) return def.preamble;
  return def.sections.find((s) => s.key === key);
}
