/**
 * The fictional demo county (plain data; db/seed/index.ts inserts it). Org codes are
 * fictional but pass the GB 32100 check, so 索引号 built from them look real.
 */
export interface DemoUnit {
  name: string;
  shortName: string;
  kind: "county" | "township" | "subdistrict" | "department";
  orgCode: string;
  /** shortName of the parent unit */
  parent?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { name: "示例县人民政府", shortName: "示例县", kind: "county", orgCode: "11339999MB0A1230XP" },
  { name: "示例县青石镇人民政府", shortName: "青石镇", kind: "township", orgCode: "11339999MB0A12318P", parent: "示例县" },
  { name: "示例县柳溪镇人民政府", shortName: "柳溪镇", kind: "township", orgCode: "11339999MB0A12326J", parent: "示例县" },
  { name: "示例县白沙乡人民政府", shortName: "白沙乡", kind: "township", orgCode: "11339999MB0A12334D", parent: "示例县" },
  { name: "示例县司法局", shortName: "县司法局", kind: "department", orgCode: "11339999MB0A123428", parent: "示例县" },
];

/**
 * Real units whose archived reports the demo shows (the seed page's township). Its 2017 report
 * is public; the officials named in it are replaced by fictional people in the seed file.
 */
export const ARCHIVE_UNITS: DemoUnit[] = [
  { name: "杭州市临安区河桥镇人民政府", shortName: "河桥镇", kind: "township", orgCode: "002509011" },
];
