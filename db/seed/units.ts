import type { UnitKind } from "@/lib/vocabulary";

/**
 * The fictional demo county (plain data; db/seed/index.ts inserts it). Org codes are
 * fictional but pass the GB 32100 check, so 索引号 built from them look real.
 */
export interface DemoUnit {
  name: string;
  shortName: string;
  kind: UnitKind;
  orgCode: string;
  /** shortName of the parent unit (one listed later is attached once it exists) */
  parent?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { name: "示例县人民政府", shortName: "示例县", kind: "county", orgCode: "11339999MB0A1230XP", parent: "示例市" },
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

/**
 * The demo city above 示例县, with a second county and its townships, so that the hierarchy shows
 * (a city clerk sees both counties). Inserted after the units above, whose ids the e2e specs know.
 * Division codes: 339900 for the city, 339902 for 东山县.
 */
export const CITY_UNITS: DemoUnit[] = [
  { name: "示例市人民政府", shortName: "示例市", kind: "city", orgCode: "11339900MB0A12406Q" },
  { name: "示例市东山县人民政府", shortName: "东山县", kind: "county", orgCode: "11339902MB0A12414G", parent: "示例市" },
  { name: "示例市东山县桃源镇人民政府", shortName: "桃源镇", kind: "township", orgCode: "11339902MB0A12422B", parent: "东山县" },
  { name: "示例市东山县龙潭乡人民政府", shortName: "龙潭乡", kind: "township", orgCode: "11339902MB0A124306", parent: "东山县" },
];
