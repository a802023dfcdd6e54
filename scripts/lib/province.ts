/**
 * A province-sized, fictional data set for benches and tests (issue 17): one province, its
 * cities, counties (县/区), townships (镇/乡/街道) and the departments of every government, and
 * each unit's published annual reports over several years, with consistent figures: a unit's
 * applications carried forward are next year's carried over, its 行政规范性文件 in force continue
 * from year to year, and the report of a county, city or the province adds up (汇总) its own
 * figures and those of the units directly below it — as their reports do in practice — so every
 * township is counted once in its county, every county once in its city.
 *
 * Formats follow the years: free-form (before 2019), the 2019 trial format (2019–2020), the 2021
 * format (from 2021). Narratives reuse the demo township wording (scripts/lib/demo-narrative.ts)
 * for every unit: this is bench data, read by machines; the demo data is what people read.
 *
 * Deterministic: the same arguments give the same units, figures and text.
 */
import { getFormat, listCells, type FormatId } from "@/lib/formats";
import { emptyTables, getTableValue, REPORT_SCHEMA_ID, reportDocumentSchema, setTableValue, type ReportDocument, type ReportTables } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";
import { sumTables } from "@/lib/summation";
import { indexNoYear, parseChinaDateOrIso } from "@/lib/time";
import { orgCodeCheckChar } from "@/lib/validations/org-code";
import type { UnitKind } from "@/lib/vocabulary";
import { otherHtml, overviewHtml, preambleHtml, problemsHtml, type TownshipStory } from "./demo-narrative";
import { NO_CARRY_OVER, generateTables, type CarryOver, type TownshipScale } from "./demo-tables";
import { createRng, type Rng } from "./prng";

export interface ProvinceUnit {
  /** Position in the list (parents come before their children). */
  readonly index: number;
  readonly name: string;
  readonly shortName: string;
  readonly kind: UnitKind;
  readonly parentIndex: number | null;
  readonly orgCode: string;
  /** Governments (province, city, county) add up the units directly below them. */
  readonly sums: boolean;
  readonly scale: TownshipScale;
}

const FIRST = "青白石清平安永长兴宁丰和东西南新金玉云龙凤华桃柳松梅竹汇江湖源泉溪阳泽林嘉瑞福康泰临望远";
const SECOND = "山河川源泉溪阳泽林岭桥塘湾峰浦口州田坪原丘城屯渡港岗湖洲";

const DEPARTMENTS = [
  "发展和改革局",
  "教育局",
  "科学技术局",
  "工业和信息化局",
  "公安局",
  "民政局",
  "司法局",
  "财政局",
  "人力资源和社会保障局",
  "自然资源局",
  "生态环境局",
  "住房和城乡建设局",
  "交通运输局",
  "水利局",
  "农业农村局",
  "商务局",
  "文化广电旅游局",
  "卫生健康局",
  "退役军人事务局",
  "应急管理局",
  "审计局",
  "市场监督管理局",
  "统计局",
  "医疗保障局",
  "林业局",
  "体育局",
  "信访局",
  "数据资源管理局",
  "人民防空办公室",
  "民族宗教事务局",
  "机关事务管理局",
  "城市管理局",
  "粮食和物资储备局",
  "乡村振兴局",
  "能源局",
  "国有资产监督管理局",
  "行政审批局",
  "投资促进局",
  "地方金融监督管理局",
  "档案局",
] as const;

const PROVINCE_NAME = "云岭省";

/** How many units of each kind a province of about `target` units has (5,000: 12 cities, 100 counties). */
function plan(target: number) {
  const share = target / 5000;
  const cities = Math.max(1, Math.round(12 * share));
  const counties = Math.max(cities, Math.round(100 * share));
  const provinceDepartments = Math.min(DEPARTMENTS.length, Math.max(1, Math.round(40 * share)));
  const cityDepartments = Math.min(DEPARTMENTS.length, Math.max(1, Math.round(25 * share)));
  const rest = Math.max(counties * 2, target - 1 - provinceDepartments - cities * (1 + cityDepartments) - counties);
  const perCounty = Math.max(2, Math.round(rest / counties));
  const townships = Math.max(1, Math.round(perCounty / 3));
  return { cities, counties, provinceDepartments, cityDepartments, townships, countyDepartments: Math.min(DEPARTMENTS.length, perCounty - townships) };
}

function scaleFor(rng: Rng, kind: UnitKind, sums: boolean): TownshipScale {
  if (sums) return { applications: [2, 12], licensing: [5, 40], punishment: [5, 40], normativeValid: [10, 40], feesWanYuan: 0 };
  const big = kind === "department" && rng.chance(0.25);
  const applications: [number, number] = big ? [20, 120] : kind === "department" ? [1, 20] : [3, 25];
  return {
    applications,
    licensing: big ? [50, 400] : [0, 30],
    punishment: big ? [100, 600] : [0, 60],
    normativeValid: [1, 12],
    feesWanYuan: rng.chance(0.05) ? Math.round(rng.next() * 5000) / 10000 : 0,
  };
}

/**
 * The province's units, parents first: the province government and its departments, each city
 * with its departments, each county (every third a 区 with 街道) with its departments and townships.
 */
export function provinceUnits(target: number): ProvinceUnit[] {
  const rng = createRng(`province-units-${target}`);
  const counts = plan(target);
  const units: ProvinceUnit[] = [];
  const usedPlaceNames = new Set<string>();
  const placeName = (suffix: string): string => {
    for (;;) {
      const name = FIRST[rng.int(0, FIRST.length - 1)]! + SECOND[rng.int(0, SECOND.length - 1)]!;
      if (name[0] !== name[1] && !usedPlaceNames.has(name)) {
        usedPlaceNames.add(name);
        return name + suffix;
      }
    }
  };
  const add = (unit: Omit<ProvinceUnit, "index" | "orgCode" | "scale">): number => {
    const index = units.length;
    const body = `Y${String(index).padStart(7, "0")}`;
    units.push({ ...unit, index, orgCode: body + orgCodeCheckChar(body), scale: scaleFor(rng, unit.kind, unit.sums) });
    return index;
  };
  const addDepartments = (parent: number, prefix: string, count: number, level: "province" | "other") => {
    for (const department of DEPARTMENTS.slice(0, count)) {
      const name = `${prefix}${level === "province" ? department.replace(/局$/, "厅") : department}`;
      add({ name, shortName: name, kind: "department", parentIndex: parent, sums: false });
    }
  };

  const province = add({ name: `${PROVINCE_NAME}人民政府`, shortName: PROVINCE_NAME, kind: "province", parentIndex: null, sums: true });
  addDepartments(province, PROVINCE_NAME, counts.provinceDepartments, "province");
  const countiesPerCity = Array.from({ length: counts.cities }, (_, i) => Math.floor(counts.counties / counts.cities) + (i < counts.counties % counts.cities ? 1 : 0));
  for (const countyCount of countiesPerCity) {
    const cityShort = placeName("市");
    const city = add({ name: `${PROVINCE_NAME}${cityShort}人民政府`, shortName: cityShort, kind: "city", parentIndex: province, sums: true });
    addDepartments(city, cityShort, counts.cityDepartments, "other");
    for (let c = 0; c < countyCount; c++) {
      const district = c % 3 === 2;
      const countyShort = placeName(district ? "区" : "县");
      const county = add({ name: `${cityShort}${countyShort}人民政府`, shortName: countyShort, kind: "county", parentIndex: city, sums: true });
      addDepartments(county, countyShort, counts.countyDepartments, "other");
      const townNames = new Set<string>();
      for (let t = 0; t < counts.townships; t++) {
        const kind: UnitKind = district && t % 2 === 0 ? "subdistrict" : "township";
        let short: string;
        do short = FIRST[rng.int(0, FIRST.length - 1)]! + SECOND[rng.int(0, SECOND.length - 1)]! + (kind === "subdistrict" ? "街道" : rng.chance(0.7) ? "镇" : "乡");
        while (townNames.has(short) || short[0] === short[1]);
        townNames.add(short);
        const name = kind === "subdistrict" ? `${countyShort}${short}办事处` : `${countyShort}${short}人民政府`;
        add({ name, shortName: short, kind, parentIndex: county, sums: false });
      }
    }
  }
  return units;
}

/** The format a report of the year is written in. */
export function formatOfYear(year: number): FormatId {
  return year >= 2021 ? "gov-2021" : year >= 2019 ? "gov-2019-trial" : "legacy-freeform";
}

/** What a unit's report hands to its next year (and, for a government's 汇总, its own part). */
export interface UnitYearState {
  readonly carriedForward: CarryOver;
  readonly normativeValid: number;
}

/**
 * A report's tables in `format`: the unit's own figures drawn as a township's (demo-tables.ts,
 * consistent with last year), converted to the 2019 trial format when needed.
 */
export function ownTables(unit: ProvinceUnit, year: number, previous: UnitYearState | null): { tables: ReportTables; state: UnitYearState } {
  const rng = createRng(`province-${unit.orgCode}-${year}-tables`);
  const generated = generateTables(rng, unit.scale, previous?.carriedForward ?? NO_CARRY_OVER, previous?.normativeValid ?? null);
  const state = { carriedForward: generated.carriedForward, normativeValid: generated.normativeValid };
  if (formatOfYear(year) === "gov-2021") return { tables: generated.tables, state };
  return { tables: toTrialFormat(generated.tables, rng), state };
}

/**
 * The 2019 trial format's tables from 2021-format ones: table 三 and 四 are the same but for
 * （六）其他处理 (one row), table 二 has other blocks, drawn here.
 */
function toTrialFormat(tables2021: ReportTables, rng: Rng): ReportTables {
  let tables = emptyTables("gov-2019-trial");
  for (const cell of listCells("gov-2019-trial")) {
    if (cell.computed) continue;
    if (cell.tableId === "table2") {
      const value = cell.type === "decimal" ? Math.round(rng.next() * 5000) / 100 : cell.type === "signedInt" ? rng.int(-3, 5) : rng.int(0, 30);
      tables = setTableValue(tables, cell.id, value);
      continue;
    }
    const match = /^table3\.(\w+)\.results\.other\.total$/.exec(cell.id);
    const value = match
      ? ["overdueCorrection", "overdueFee", "otherReasons"].reduce((sum, row) => sum + (getTableValue(tables2021, `table3.${match[1]}.results.other.${row}`) ?? 0), 0)
      : getTableValue(tables2021, cell.id);
    tables = setTableValue(tables, cell.id, value ?? 0);
  }
  return fillComputedCells("gov-2019-trial", tables);
}

/** The 汇总 of a government: its own figures plus those of the units directly below it (same format). */
export function summedTables(format: FormatId, own: ReportTables, below: readonly { id: string; label: string; tables: ReportTables }[]): ReportTables {
  return sumTables(
    format,
    below.map((part) => ({ ...part, format })),
    own,
  ).tables;
}

export interface ProvinceYear {
  readonly year: number;
  readonly format: FormatId;
  /**
   * The reports published that year, units below before the government above them: their
   * tables, and the unit's own figures (for a government, what it adds to its units').
   */
  readonly reports: readonly { unit: ProvinceUnit; tables: ReportTables; own: ReportTables }[];
}

/**
 * Year by year, every published report's tables: each unit's own figures continue from its
 * last year; about 2 % of the units below a government did not publish in a year; a
 * government's report adds its own figures and its units' published ones (from 2019, when
 * reports have tables).
 */
export function* provinceYears(plan: readonly ProvinceUnit[], years: readonly number[]): Generator<ProvinceYear> {
  const childrenOf = new Map<number, number[]>();
  for (const unit of plan) if (unit.parentIndex !== null) childrenOf.set(unit.parentIndex, [...(childrenOf.get(unit.parentIndex) ?? []), unit.index]);
  let state = new Map<number, UnitYearState>();
  for (const year of years) {
    const format = formatOfYear(year);
    const tablesOf = new Map<number, ReportTables>();
    const nextState = new Map<number, UnitYearState>();
    const reports: { unit: ProvinceUnit; tables: ReportTables; own: ReportTables }[] = [];
    // The list has parents first: walked backwards, a government comes after its units.
    for (const unit of [...plan].reverse()) {
      const own = ownTables(unit, year, state.get(unit.index) ?? null);
      nextState.set(unit.index, own.state);
      if (!unit.sums && createRng(`province-${unit.orgCode}-${year}-missing`).chance(0.02)) continue;
      const below = (childrenOf.get(unit.index) ?? []).filter((c) => tablesOf.has(c));
      const tables =
        unit.sums && format !== "legacy-freeform"
          ? summedTables(
              format,
              own.tables,
              below.map((c) => ({ id: String(c), label: plan[c]!.name, tables: tablesOf.get(c)! })),
            )
          : own.tables;
      tablesOf.set(unit.index, tables);
      reports.push({ unit, tables, own: own.tables });
    }
    state = nextState;
    yield { year, format, reports };
  }
}

function storyOf(unit: ProvinceUnit, years: readonly number[]): TownshipStory {
  const rng = createRng(`province-${unit.orgCode}-story`);
  const works = ["老旧小区改造", "农村公路提升", "义务教育学校扩容", "养老服务中心建设", "河道综合治理", "农贸市场改造", "便民服务中心升级", "高标准农田建设", "城乡供水一体化", "垃圾分类示范"];
  const innovations = [
    "推行“公开+服务”模式，把政策解读和办事指南一并推送，群众少跑腿。",
    "开展“政府开放日”活动，邀请群众代表走进机关，面对面听取意见。",
    "建立政策文件“一文一解读”机制，重要文件同步发布图解。",
    "在办事大厅设立政务公开专区，配备专人帮助群众查询。",
  ];
  return {
    name: unit.name,
    shortName: unit.shortName,
    villages: rng.int(3, 20),
    focus: [rng.pick(["乡村振兴", "营商环境", "生态保护", "民生保障"]), rng.pick(["产业转型", "城乡融合", "基层治理", "公共服务"])],
    wechat: `${unit.shortName}发布`,
    address: `${PROVINCE_NAME}${unit.shortName}人民路${rng.int(1, 200)}号`,
    phone: `0000-${String(rng.int(1000000, 9999999))}`,
    postcode: String(rng.int(100000, 999999)),
    proposals: Object.fromEntries(years.map((y) => [y, rng.int(0, 4)])),
    work: Object.fromEntries(years.map((y) => [y, [rng.pick(works), rng.pick(works), rng.pick(works)] as const])),
    innovation: Object.fromEntries(years.map((y) => [y, rng.pick(innovations)])),
    readingPoint: `${unit.shortName}便民服务中心的政务公开查阅点`,
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** A published report of the unit for the year with the given tables (ignored for free-form years). */
export function provinceReport(unit: ProvinceUnit, year: number, tables: ReportTables, years: readonly number[]): ReportDocument {
  const rng = createRng(`province-${unit.orgCode}-${year}-publication`);
  const format = formatOfYear(year);
  // Most publish in January (the deadline is 31 January); some late.
  const month = rng.chance(0.9) ? 1 : rng.int(2, 3);
  const day = rng.int(5, 28);
  const publishedAt = `${year + 1}-${pad(month, 2)}-${pad(day, 2)}T09:30:00+08:00`;
  const story = storyOf(unit, years);
  const ctx = { rng, story, year, tables: format === "legacy-freeform" ? emptyTables("gov-2021") : tables, ordinal: unit.index };
  const html: Record<string, string> = { preamble: preambleHtml(ctx), overview: overviewHtml(ctx), problems: problemsHtml(ctx), other: otherHtml(ctx) };
  const metadata = {
    indexNo: `${unit.orgCode}/${indexNoYear(parseChinaDateOrIso(publishedAt)!)}-00001`,
    disclosureMode: "主动公开",
    scope: "面向全社会",
    retention: "长期公开",
    publisher: unit.name,
    source: unit.shortName,
    writtenOn: `${year + 1}-${pad(month, 2)}-${pad(Math.max(1, day - 2), 2)}`,
    publishedAt,
    docNo: null,
    validity: "有效",
    category: "政府信息公开年报",
  };
  const common = {
    schema: REPORT_SCHEMA_ID,
    year,
    unit: { name: unit.name, orgCode: unit.orgCode, kind: unit.kind },
    title: `${unit.name}${year}年政府信息公开工作年度报告`,
    metadata,
    attachments: [],
    signature: { issuer: unit.name, date: `${year + 1}年${month}月${Math.max(1, day - 2)}日` },
  };
  // Parsed like every document that enters the database (and typed by the parse).
  if (format === "legacy-freeform") {
    return reportDocumentSchema.parse({
      ...common,
      format,
      sections: [
        { key: "intro", heading: "", html: html.preamble! },
        { key: "achievements", heading: `一、${year}年政府信息公开工作情况`, html: html.overview! },
        { key: "problems", heading: "二、存在的问题和改进措施", html: html.problems! },
        { key: "other", heading: "三、其他需要报告的事项", html: html.other! },
      ],
    });
  }
  const defs = [getFormat(format).preamble, ...getFormat(format).sections].filter((s) => s !== undefined && s.kind === "narrative");
  return reportDocumentSchema.parse({ ...common, format, sections: defs.map((s) => ({ key: s.key, heading: s.heading, html: html[s.key] ?? "" })), tables });
}
