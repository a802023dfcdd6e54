import { TABLE4_GUIDANCE } from "../guidance";
import { treeLeaves } from "../tree";
import type { GridTableDef, HeaderNode, RuleId, SumRuleDecl, TableSectionDef } from "../types";

export const TABLE4_GROUP_IDS = ["review", "litigationDirect", "litigationPostReview"] as const;
export type Table4GroupId = (typeof TABLE4_GROUP_IDS)[number];

export const TABLE4_RESULT_IDS = ["maintain", "correct", "other", "unfinished", "total"] as const;
export type Table4ResultId = (typeof TABLE4_RESULT_IDS)[number];

export const TABLE4_TITLE = "四、政府信息公开行政复议、行政诉讼情况";

const resultColumns = (): readonly HeaderNode[] => [
  { key: "maintain", label: "结果维持" },
  { key: "correct", label: "结果纠正" },
  { key: "other", label: "其他结果" },
  { key: "unfinished", label: "尚未审结" },
  { key: "total", label: "总计", computed: true },
];

export const TABLE4: GridTableDef = {
  id: "table4",
  layout: "grid",
  title: TABLE4_TITLE,
  defaultType: "int",
  columns: [
    { key: "review", label: "行政复议", children: resultColumns() },
    {
      label: "行政诉讼",
      children: [
        { key: "litigationDirect", label: "未经复议直接起诉", children: resultColumns() },
        { key: "litigationPostReview", label: "复议后起诉", children: resultColumns() },
      ],
    },
  ],
  ruleIds: ["V0", "V1", "R4-1", "R4-2", "R4-3"],
};

export const TABLE4_SECTION: TableSectionDef = {
  key: "reviewLitigation",
  heading: TABLE4_TITLE,
  kind: "table",
  tableId: "table4",
  guidance: TABLE4_GUIDANCE,
};

const GROUP_RULES: Readonly<Record<Table4GroupId, RuleId>> = {
  review: "R4-1",
  litigationDirect: "R4-2",
  litigationPostReview: "R4-3",
};

/** R4-1..R4-3: each group's 总计 equals the sum of its other four cells. */
export function table4Rules(table: GridTableDef): SumRuleDecl[] {
  const leaves = treeLeaves(table.columns);
  return TABLE4_GROUP_IDS.map((group) => {
    const inGroup = leaves.filter((l) => l.path.startsWith(`${group}.`));
    const target = inGroup.find((l) => l.computed);
    if (!target) throw new Error(`table 4 group ${group} has no total`);
    return {
      ruleId: GROUP_RULES[group],
      target: `table4.${target.path}`,
      addends: inGroup.filter((l) => !l.computed).map((l) => `table4.${l.path}`),
      explain: "结果维持、结果纠正、其他结果、尚未审结之和",
    };
  });
}
