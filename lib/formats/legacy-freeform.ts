import { LEGACY_GUIDANCE } from "./guidance";
import { GOV_TEXT_CHECKS } from "./text-checks";
import type { FormatDefinition } from "./types";

/**
 * Free-form reports of 2008–2018 (old 条例, spec §7.1): any number of narrative
 * sections with their own headings and free attachment tables (附表) of text cells.
 * No arithmetic rules; the report-year check and the text checks without fixed sections
 * or tables (X-5 copied text, X-9 template leftovers) apply.
 */
export const LEGACY_FREEFORM: FormatDefinition = {
  id: "legacy-freeform",
  label: "自由格式（2008—2018年旧版年报）",
  basis: "《中华人民共和国政府信息公开条例》（国务院令第492号）",
  guidance: LEGACY_GUIDANCE,
  sections: [],
  freeSections: true,
  attachments: true,
  tables: [],
  rules: {
    valueChecks: false,
    balances: [],
    sums: [],
    carryOver: [],
    continuity: [],
    rulemakingCells: [],
    yearMentions: true,
    textChecks: { ...GOV_TEXT_CHECKS, thinSections: [], jump: { ...GOV_TEXT_CHECKS.jump, figures: [] } },
  },
};
