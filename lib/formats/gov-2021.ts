import { GENERAL_GUIDANCE, TABLE2_GUIDANCE } from "./guidance";
import { OTHER_SECTION, OVERVIEW_SECTION, PREAMBLE_SECTION, PROBLEMS_SECTION } from "./sections";
import {
  TABLE2_2021,
  TABLE2_2021_CONTINUITY,
  TABLE2_2021_RULEMAKING_CELLS,
  table2Section,
} from "./tables/table2";
import { TABLE3_SECTION, buildTable3, table3Rules } from "./tables/table3";
import { TABLE4, TABLE4_SECTION, table4Rules } from "./tables/table4";
import { GOV_TEXT_CHECKS } from "./text-checks";
import type { FormatDefinition } from "./types";

const table3 = buildTable3("gov-2021");
const table3Decl = table3Rules(table3);

/** 《中华人民共和国政府信息公开工作年度报告格式》 (国办公开办函〔2021〕30号). */
export const GOV_2021: FormatDefinition = {
  id: "gov-2021",
  label: "2021年版格式（国办公开办函〔2021〕30号）",
  basis: "国办公开办函〔2021〕30号",
  guidance: GENERAL_GUIDANCE,
  preamble: PREAMBLE_SECTION,
  sections: [
    OVERVIEW_SECTION,
    table2Section(TABLE2_GUIDANCE),
    TABLE3_SECTION,
    TABLE4_SECTION,
    PROBLEMS_SECTION,
    OTHER_SECTION,
  ],
  freeSections: false,
  attachments: false,
  tables: [TABLE2_2021, table3, TABLE4],
  rules: {
    valueChecks: true,
    balances: table3Decl.balances,
    sums: [...table3Decl.sums, ...table4Rules(TABLE4)],
    carryOver: table3Decl.carryOver,
    continuity: TABLE2_2021_CONTINUITY,
    rulemakingCells: TABLE2_2021_RULEMAKING_CELLS,
    yearMentions: true,
    textChecks: GOV_TEXT_CHECKS,
  },
};
