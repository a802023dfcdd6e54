import { TABLE3_GUIDANCE } from "../guidance";
import { joinNameParts, treeLeaves } from "../tree";
import type {
  BalanceRuleDecl,
  CarryOverDecl,
  GridTableDef,
  HeaderNode,
  SumRuleDecl,
  TableSectionDef,
} from "../types";

/** Data columns of table 3, in order (spec §3.1). */
export const TABLE3_COLUMN_IDS = [
  "naturalPerson",
  "commercial",
  "research",
  "social",
  "legal",
  "otherOrg",
  "total",
] as const;
export type Table3ColumnId = (typeof TABLE3_COLUMN_IDS)[number];

export const TABLE3_TITLE = "三、收到和处理政府信息公开申请情况";

export const TABLE3_CORNER_LABEL =
  "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

const TABLE3_COLUMNS: readonly HeaderNode[] = [
  {
    label: "申请人情况",
    name: "",
    children: [
      { key: "naturalPerson", label: "自然人" },
      {
        label: "法人或其他组织",
        name: "",
        children: [
          { key: "commercial", label: "商业企业" },
          { key: "research", label: "科研机构" },
          { key: "social", label: "社会公益组织" },
          { key: "legal", label: "法律服务机构" },
          { key: "otherOrg", label: "其他", name: "法人或其他组织（其他）" },
        ],
      },
      { key: "total", label: "总计", computed: true },
    ],
  },
];

const DENIED_ROWS: readonly HeaderNode[] = [
  { key: "stateSecret", label: "1.属于国家秘密" },
  { key: "lawForbidden", label: "2.其他法律行政法规禁止公开" },
  { key: "safetyStability", label: "3.危及“三安全一稳定”" },
  { key: "thirdPartyRights", label: "4.保护第三方合法权益" },
  { key: "internalAffairs", label: "5.属于三类内部事务信息" },
  { key: "processInfo", label: "6.属于四类过程性信息" },
  { key: "enforcementCase", label: "7.属于行政执法案卷" },
  { key: "adminQuery", label: "8.属于行政查询事项" },
];

const UNABLE_ROWS: readonly HeaderNode[] = [
  { key: "noInfo", label: "1.本机关不掌握相关政府信息" },
  { key: "needCreation", label: "2.没有现成信息需要另行制作" },
  { key: "unclear", label: "3.补正后申请内容仍不明确" },
];

const NOT_PROCESSED_ROWS: readonly HeaderNode[] = [
  { key: "complaint", label: "1.信访举报投诉类申请" },
  { key: "repeat", label: "2.重复申请" },
  { key: "publication", label: "3.要求提供公开出版物" },
  { key: "massiveRequests", label: "4.无正当理由大量反复申请" },
  { key: "confirmInfo", label: "5.要求行政机关确认或重新出具已获取信息" },
];

const OTHER_ROWS_2021: readonly HeaderNode[] = [
  {
    key: "overdueCorrection",
    label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    name: "1.申请人无正当理由逾期不补正",
  },
  {
    key: "overdueFee",
    label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    name: "2.申请人逾期未缴纳费用",
  },
  { key: "otherReasons", label: "3.其他" },
];

/**
 * （六）其他处理: three sub-rows in 2021; a single data row stored as
 * `results.other.total` in the 2019 trial format.
 */
const OTHER_GROUP_2021: HeaderNode = {
  key: "other",
  label: "（六）其他处理",
  children: OTHER_ROWS_2021,
};
const OTHER_ROW_2019: HeaderNode = { key: "other.total", label: "（六）其他处理" };

function table3Rows(variant: "gov-2021" | "gov-2019-trial"): readonly HeaderNode[] {
  return [
    { key: "newReceived", label: "一、本年新收政府信息公开申请数量" },
    { key: "carriedOver", label: "二、上年结转政府信息公开申请数量" },
    {
      key: "results",
      label: "三、本年度办理结果",
      name: "三、",
      children: [
        { key: "granted", label: "（一）予以公开" },
        {
          key: "partialGrant",
          label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
          name: "（二）部分公开",
        },
        { key: "denied", label: "（三）不予公开", children: DENIED_ROWS },
        { key: "unableToProvide", label: "（四）无法提供", children: UNABLE_ROWS },
        { key: "notProcessed", label: "（五）不予处理", children: NOT_PROCESSED_ROWS },
        variant === "gov-2021" ? OTHER_GROUP_2021 : OTHER_ROW_2019,
        { key: "totalProcessed", label: "（七）总计", computed: true },
      ],
    },
    { key: "carriedForward", label: "四、结转下年度继续办理" },
  ];
}

export function buildTable3(variant: "gov-2021" | "gov-2019-trial"): GridTableDef {
  return {
    id: "table3",
    layout: "grid",
    title: TABLE3_TITLE,
    cornerLabel: TABLE3_CORNER_LABEL,
    defaultType: "int",
    columns: TABLE3_COLUMNS,
    rows: table3Rows(variant),
    ruleIds: ["V0", "V1", "R3-1", "R3-2", "R3-3", "R3-5"],
  };
}

export const TABLE3_SECTION: TableSectionDef = {
  key: "applications",
  heading: TABLE3_TITLE,
  kind: "table",
  tableId: "table3",
  guidance: TABLE3_GUIDANCE,
};

const cellId = (column: string, row: string): string => `table3.${column}.${row}`;

/** R3-1, R3-2, R3-3 and the R3-5 links, derived from the table's trees. */
export function table3Rules(table: GridTableDef): {
  balances: BalanceRuleDecl[];
  sums: SumRuleDecl[];
  carryOver: CarryOverDecl[];
} {
  const columns = treeLeaves(table.columns);
  const rows = treeLeaves(table.rows ?? []);
  const totalRow = rows.find((r) => r.computed);
  const totalColumn = columns.find((c) => c.computed);
  if (!totalRow || !totalColumn) throw new Error("table 3 needs a total row and a total column");
  const resultRows = rows.filter((r) => !r.computed && r.path.startsWith("results."));
  const partColumns = columns.filter((c) => !c.computed);

  const balances: BalanceRuleDecl[] = columns.map((c) => ({
    ruleId: "R3-1",
    left: [cellId(c.path, "newReceived"), cellId(c.path, "carriedOver")],
    right: [cellId(c.path, totalRow.path), cellId(c.path, "carriedForward")],
    scope: joinNameParts(c.nameParts),
    leftExplain: "第一项（本年新收）加第二项（上年结转）之和",
    rightExplain: "第三项（办理结果总计）加第四项（结转下年度继续办理）之和",
  }));

  const byColumn: SumRuleDecl[] = columns.map((c) => ({
    ruleId: "R3-2",
    target: cellId(c.path, totalRow.path),
    addends: resultRows.map((r) => cellId(c.path, r.path)),
    explain: "各办理结果之和",
  }));

  const byRow: SumRuleDecl[] = rows.map((r) => ({
    ruleId: "R3-3",
    target: cellId(totalColumn.path, r.path),
    addends: partColumns.map((c) => cellId(c.path, r.path)),
    explain: "自然人与各类法人或其他组织之和",
  }));

  const carryOver: CarryOverDecl[] = columns.map((c) => ({
    cell: cellId(c.path, "carriedOver"),
    previousCell: cellId(c.path, "carriedForward"),
  }));

  return { balances, sums: [...byColumn, ...byRow], carryOver };
}
