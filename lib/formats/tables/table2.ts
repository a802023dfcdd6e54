import type { BlockTableDef, ContinuityDecl, TableSectionDef } from "../types";

export const TABLE2_TITLE = "二、主动公开政府信息情况";

const ROW_HEADER = "信息内容";

/** Table 2 of the 2021 format (spec §2). Cell ids `table2.<rowKey>.<columnKey>`. */
export const TABLE2_2021: BlockTableDef = {
  id: "table2",
  layout: "blocks",
  title: TABLE2_TITLE,
  defaultType: "int",
  blocks: [
    {
      label: "第二十条第（一）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [
        { key: "made", label: "本年制发件数" },
        { key: "repealed", label: "本年废止件数" },
        { key: "valid", label: "现行有效件数" },
      ],
      rows: [
        { key: "regulations", label: "规章" },
        { key: "normativeDocuments", label: "行政规范性文件" },
      ],
    },
    {
      label: "第二十条第（五）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [{ key: "decisions", label: "本年处理决定数量" }],
      rows: [{ key: "licensing", label: "行政许可" }],
    },
    {
      label: "第二十条第（六）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [{ key: "decisions", label: "本年处理决定数量" }],
      rows: [
        { key: "punishment", label: "行政处罚" },
        { key: "coercion", label: "行政强制" },
      ],
    },
    {
      label: "第二十条第（八）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [
        {
          key: "amountWanYuan",
          label: "本年收费金额（单位：万元）",
          name: "本年收费金额（万元）",
          type: "decimal",
        },
      ],
      rows: [{ key: "fees", label: "行政事业性收费" }],
    },
  ],
  ruleIds: ["V0", "V1", "R2-1", "R2-2"],
};

export const TABLE2_2021_CONTINUITY: readonly ContinuityDecl[] = [
  {
    rowName: "规章",
    made: "table2.regulations.made",
    repealed: "table2.regulations.repealed",
    valid: "table2.regulations.valid",
  },
  {
    rowName: "行政规范性文件",
    made: "table2.normativeDocuments.made",
    repealed: "table2.normativeDocuments.repealed",
    valid: "table2.normativeDocuments.valid",
  },
];

export const TABLE2_2021_RULEMAKING_CELLS = [
  "table2.regulations.made",
  "table2.regulations.repealed",
  "table2.regulations.valid",
] as const;

/** Columns shared by the （五） and （六） blocks of the 2019 trial format. */
const MANAGEMENT_COLUMNS_2019 = [
  { key: "previousYear", label: "上一年项目数量" },
  { key: "change", label: "本年增/减", type: "signedInt" },
  { key: "decisions", label: "处理决定数量" },
] as const;

/**
 * Table 2 of the 2019 trial format (国办公开办函〔2019〕60号, spec §7.2).
 * Ids chosen by this project:
 * - `regulations` / `normativeDocuments` × `newlyMade` 本年新制作数量, `newlyPublished` 本年新公开数量,
 *   `totalPublished` 对外公开总数量;
 * - `licensing` / `otherServices` (其他对外管理服务事项) / `punishment` / `coercion`
 *   × `previousYear` 上一年项目数量, `change` 本年增/减 (signed), `decisions` 处理决定数量;
 * - `fees` × `previousYear`, `change`;
 * - `procurement` × `projects` 采购项目数量, `amountWanYuan` 采购总金额 (万元, decimal).
 */
export const TABLE2_2019: BlockTableDef = {
  id: "table2",
  layout: "blocks",
  title: TABLE2_TITLE,
  defaultType: "int",
  blocks: [
    {
      label: "第二十条第（一）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [
        { key: "newlyMade", label: "本年新制作数量" },
        { key: "newlyPublished", label: "本年新公开数量" },
        { key: "totalPublished", label: "对外公开总数量" },
      ],
      rows: [
        { key: "regulations", label: "规章" },
        { key: "normativeDocuments", label: "规范性文件" },
      ],
    },
    {
      label: "第二十条第（五）项",
      rowHeaderLabel: ROW_HEADER,
      columns: MANAGEMENT_COLUMNS_2019,
      rows: [
        { key: "licensing", label: "行政许可" },
        { key: "otherServices", label: "其他对外管理服务事项" },
      ],
    },
    {
      label: "第二十条第（六）项",
      rowHeaderLabel: ROW_HEADER,
      columns: MANAGEMENT_COLUMNS_2019,
      rows: [
        { key: "punishment", label: "行政处罚" },
        { key: "coercion", label: "行政强制" },
      ],
    },
    {
      label: "第二十条第（八）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [
        { key: "previousYear", label: "上一年项目数量" },
        { key: "change", label: "本年增/减", type: "signedInt" },
      ],
      rows: [{ key: "fees", label: "行政事业性收费" }],
    },
    {
      label: "第二十条第（九）项",
      rowHeaderLabel: ROW_HEADER,
      columns: [
        { key: "projects", label: "采购项目数量" },
        { key: "amountWanYuan", label: "采购总金额", name: "采购总金额（万元）", type: "decimal" },
      ],
      rows: [{ key: "procurement", label: "政府集中采购" }],
    },
  ],
  ruleIds: ["V0", "V1", "R2-2"],
};

export const TABLE2_2019_RULEMAKING_CELLS = [
  "table2.regulations.newlyMade",
  "table2.regulations.newlyPublished",
  "table2.regulations.totalPublished",
] as const;

export function table2Section(guidance: string): TableSectionDef {
  return { key: "proactive", heading: TABLE2_TITLE, kind: "table", tableId: "table2", guidance };
}

