import { GENERAL_GUIDANCE, TABLE2_2019_GUIDANCE } from "./guidance";
import { OTHER_SECTION, OVERVIEW_SECTION, PREAMBLE_SECTION, PROBLEMS_SECTION } from "./sections";
import { TABLE2_2019, TABLE2_2019_RULEMAKING_CELLS, table2Section } from "./tables/table2";
import { TABLE3_SECTION, buildTable3, table3Rules } from "./tables/table3";
import { TABLE4, TABLE4_SECTION, table4Rules } from "./tables/table4";
import { GOV_TEXT_CHECKS } from "./text-checks";
import type { FormatDefinition } from "./types";

const table3 = buildTable3("gov-2019-trial");
const table3Decl = table3Rules(table3);

/**
 * 《中华人民共和国政府信息公开工作年度报告格式（试行）》 (国办公开办函〔2019〕60号),
 * used for 2019–2020 reports and by some units later (spec §7.2).
 * Differences from 2021: table 2 (see TABLE2_2019) and table 3 row （六）其他处理,
 * which is a single row `results.other.total`. No R2-1 continuity rule: the 2019
 * table 2 has no 「现行有效件数」.
 */
export const GOV_2019_TRIAL: FormatDefinition = {
  id: "gov-2019-trial",
  label: "2019年试行格式（国办公开办函〔2019〕60号）",
  basis: "国办公开办函〔2019〕60号",
  guidance: GENERAL_GUIDANCE,
  preamble: PREAMBLE_SECTION,
  sections: [
    OVERVIEW_SECTION,
    table2Section(TABLE2_2019_GUIDANCE),
    TABLE3_SECTION,
    TABLE4_SECTION,
    PROBLEMS_SECTION,
    OTHER_SECTION,
  ],
  freeSections: false,
  attachments: false,
  tables: [TABLE2_2019, table3, TABLE4],
  rules: {
    valueChecks: true,
    balances: table3Decl.balances,
    sums: [...table3Decl.sums, ...table4Rules(TABLE4)],
    carryOver: table3Decl.carryOver,
    continuity: [],
    rulemakingCells: TABLE2_2019_RULEMAKING_CELLS,
    yearMentions: true,
    textChecks: GOV_TEXT_CHECKS,
  },
};
