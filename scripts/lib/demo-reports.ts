import { DEMO_UNITS, type DemoUnit } from "@/db/seed/units";
import { getFormat } from "@/lib/formats";
import { REPORT_SCHEMA_ID, type ReportDocument, type ReportTables } from "@/lib/interchange";
import { indexNoYear, parseChinaDateOrIso } from "@/lib/time";
import { otherHtml, overviewHtml, preambleHtml, problemsHtml, type TownshipStory } from "./demo-narrative";
import { NO_CARRY_OVER, generateTables, partialTables, type CarryOver, type TownshipScale } from "./demo-tables";
import { createRng } from "./prng";

/** Fictional township profiles (keyed by the unit's short name). */
interface Township {
  readonly slug: string;
  readonly shortName: string;
  readonly scale: TownshipScale;
  readonly story: Omit<TownshipStory, "name" | "shortName">;
  /** Applications still open at the end of 2021 (carried over into 2022). */
  readonly carriedInto2022: CarryOver;
  /** Whether a 2024 draft exists. */
  readonly draft2024: boolean;
}

const TOWNSHIPS: readonly Township[] = [
  {
    slug: "qingshi",
    shortName: "青石镇",
    scale: { applications: [18, 28], licensing: [12, 30], punishment: [40, 90], normativeValid: [8, 14], feesWanYuan: 0.3625 },
    story: {
      villages: 14,
      focus: ["乡村振兴", "石材产业转型"],
      wechat: "青石发布",
      address: "示例县青石镇青石路1号",
      phone: "0000-6000001",
      postcode: "999001",
      proposals: { 2022: 2, 2023: 3 },
      work: {
        2022: ["石材加工企业入园集聚整治", "废弃矿山生态修复", "农村生活污水处理设施提标改造"],
        2023: ["石材产业园二期建设", "未来乡村试点村创建", "老年食堂运营补助"],
        2024: ["石材边角料综合利用项目", "村级集体经济增收", "青石老街保护性修缮"],
      },
      innovation: {
        2022: "在14个行政村推行“村务公开二维码”，群众扫码即可查看村级财务和惠民资金发放情况，全年扫码查询超过一万人次。",
        2023: "针对石材产业转型中群众关心的粉尘和噪声问题，每月公布园区企业环保检测结果，并按“红黄绿”三色标注整改状态，接受群众监督。",
      },
      readingPoint: "镇便民服务中心一楼的政务公开专区",
    },
    carriedInto2022: { ...NO_CARRY_OVER, naturalPerson: 2 },
    draft2024: true,
  },
  {
    slug: "liuxi",
    shortName: "柳溪镇",
    scale: { applications: [8, 16], licensing: [5, 18], punishment: [15, 50], normativeValid: [5, 10], feesWanYuan: 0 },
    story: {
      villages: 9,
      focus: ["美丽城镇建设", "溪流生态治理"],
      wechat: "柳溪镇政务",
      address: "示例县柳溪镇溪滨路8号",
      phone: "0000-6000002",
      postcode: "999002",
      proposals: { 2022: 1, 2023: 2 },
      work: {
        2022: ["柳溪河河道清淤和堤岸加固", "美丽城镇样板区创建", "镇区公共停车位规划"],
        2023: ["溪滨公园提升改造", "污水零直排区建设", "农贸市场改造提升"],
        2024: ["柳溪老街立面整治", "农村供水管网改造", "农村公路安全防护工程"],
      },
      innovation: {
        2022: "在柳溪河沿线设立河长公示牌并附扫码入口，群众扫码即可查看水质监测数据、保洁责任人和整治进度，发现问题还可随手拍上报。",
        2023: "开展“政府开放日”活动2次，邀请群众代表走进便民服务中心和溪流治理工地，面对面听取工作人员介绍项目公开情况。",
      },
      readingPoint: "溪滨路便民服务中心的政务公开查阅点",
    },
    carriedInto2022: { ...NO_CARRY_OVER, naturalPerson: 1 },
    draft2024: true,
  },
  {
    slug: "baisha",
    shortName: "白沙乡",
    scale: { applications: [3, 7], licensing: [0, 6], punishment: [3, 15], normativeValid: [3, 6], feesWanYuan: 0 },
    story: {
      villages: 6,
      focus: ["山区共同富裕", "森林防火"],
      wechat: "白沙乡发布",
      address: "示例县白沙乡白沙街2号",
      phone: "0000-6000003",
      postcode: "999003",
      proposals: {},
      work: {
        2022: ["高山蔬菜种植补助", "下山移民搬迁安置", "林区防火隔离带建设"],
        2023: ["来料加工点增收帮扶", "生态公益林补偿资金发放", "山塘水库安全度汛"],
        2024: ["民宿集聚区规划", "护林员队伍建设", "山区道路塌方修复"],
      },
      innovation: {
        2022: "为全乡护林员配发巡护终端，巡山轨迹、火情隐患和处置结果每月汇总后在乡政府公告栏和各村公开栏张贴。",
        2023: "在偏远自然村设立“流动公开点”，驻村干部每月带着政策明白纸上门，把补助标准和申领办法讲给留守老人听。",
      },
      readingPoint: "乡政府一楼服务大厅的政务公开角",
    },
    carriedInto2022: NO_CARRY_OVER,
    draft2024: false,
  },
];

export interface DemoReportFile {
  readonly fileName: string;
  readonly document: ReportDocument;
}

function unitOf(shortName: string): DemoUnit {
  const unit = DEMO_UNITS.find((u) => u.shortName === shortName);
  if (!unit) throw new Error(`unknown seed unit ${shortName}`);
  return unit;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

interface YearReport {
  readonly document: ReportDocument;
  readonly carriedForward: CarryOver;
  readonly normativeValid: number;
  readonly tables: ReportTables;
}

function sectionsFor(
  township: Township,
  unit: DemoUnit,
  year: number,
  tables: ReportTables,
): { key: string; heading: string; html: string }[] {
  const format = getFormat("gov-2021");
  const story: TownshipStory = { ...township.story, name: unit.name, shortName: unit.shortName };
  const rng = createRng(`${township.slug}-${year}-narrative`);
  const ctx = { rng, story, year, tables, ordinal: TOWNSHIPS.indexOf(township) };
  const html: Record<string, string> = {
    preamble: preambleHtml(ctx),
    overview: overviewHtml(ctx),
    problems: problemsHtml(ctx),
    other: otherHtml(ctx),
  };
  const defs = [format.preamble, ...format.sections].filter((s) => s !== undefined && s.kind === "narrative");
  return defs.map((s) => ({ key: s.key, heading: s.heading, html: html[s.key] ?? "" }));
}

function publishedReport(
  township: Township,
  year: number,
  carriedOver: CarryOver,
  previousValid: number | null,
  serial: number,
): YearReport {
  const unit = unitOf(township.shortName);
  const rng = createRng(`${township.slug}-${year}-tables`);
  const generated = generateTables(rng, township.scale, carriedOver, previousValid);
  const day = 10 + rng.int(0, 12);
  const publishedAt = `${year + 1}-01-${pad(day + 2, 2)}T09:30:00+08:00`;
  const document: ReportDocument = {
    schema: REPORT_SCHEMA_ID,
    format: "gov-2021",
    year,
    unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" },
    title: `${unit.name}${year}年政府信息公开工作年度报告`,
    metadata: {
      indexNo: `${unit.orgCode}/${indexNoYear(parseChinaDateOrIso(publishedAt)!)}-${pad(serial, 5)}`,
      disclosureMode: "主动公开",
      scope: "面向全社会",
      retention: "长期公开",
      publisher: unit.name,
      source: unit.shortName,
      writtenOn: `${year + 1}-01-${pad(day, 2)}`,
      publishedAt,
      docNo: null,
      validity: "有效",
      category: "政府信息公开年报",
    },
    sections: sectionsFor(township, unit, year, generated.tables),
    tables: generated.tables,
    attachments: [],
    signature: { issuer: unit.name, date: `${year + 1}年1月${day}日` },
  };
  return { document, carriedForward: generated.carriedForward, normativeValid: generated.normativeValid, tables: generated.tables };
}

/** Cells a clerk has typically entered early: carry-over, new applications, table 2 counts. */
function draftKeeps(cellId: string): boolean {
  return (
    cellId.endsWith(".carriedOver") ||
    (cellId.endsWith(".newReceived") && !cellId.startsWith("table3.total.")) ||
    (cellId.startsWith("table3.naturalPerson.results.") && !cellId.endsWith("totalProcessed")) ||
    (cellId.startsWith("table2.") && !cellId.startsWith("table2.fees."))
  );
}

function draftReport(township: Township, year: number, previous: YearReport): ReportDocument {
  const unit = unitOf(township.shortName);
  const rng = createRng(`${township.slug}-${year}-tables`);
  const complete = generateTables(rng, township.scale, previous.carriedForward, previous.normativeValid);
  const tables = partialTables(complete.tables, draftKeeps);
  const sections = sectionsFor(township, unit, year, complete.tables).map((s) => {
    if (s.key === "preamble") return s;
    if (s.key === "overview") {
      // Only the opening and 「（一）主动公开」 written so far.
      const cut = s.html.indexOf("<h3>（二）");
      return { ...s, html: cut > 0 ? s.html.slice(0, cut) : s.html };
    }
    return { ...s, html: "" };
  });
  return {
    schema: REPORT_SCHEMA_ID,
    format: "gov-2021",
    year,
    unit: { name: unit.name, orgCode: unit.orgCode, kind: "township" },
    title: `${unit.name}${year}年政府信息公开工作年度报告`,
    metadata: {
      indexNo: null,
      disclosureMode: "主动公开",
      scope: "面向全社会",
      retention: "长期公开",
      publisher: unit.name,
      source: unit.shortName,
      writtenOn: null,
      publishedAt: null,
      docNo: null,
      validity: null,
      category: "政府信息公开年报",
    },
    sections,
    tables,
    attachments: [],
    signature: null,
  };
}

/**
 * All generated demo reports (deterministic): complete 2022 and 2023 reports of the three
 * townships and 2024 drafts of 青石镇 and 柳溪镇. Drafts have `metadata.publishedAt: null`
 * and the file name suffix `-draft`.
 */
export function generateDemoReports(): DemoReportFile[] {
  const files: DemoReportFile[] = [];
  TOWNSHIPS.forEach((township, i) => {
    const y2022 = publishedReport(township, 2022, township.carriedInto2022, null, 101 + i);
    const y2023 = publishedReport(township, 2023, y2022.carriedForward, y2022.normativeValid, 201 + i);
    files.push({ fileName: `${township.slug}-2022.json`, document: y2022.document });
    files.push({ fileName: `${township.slug}-2023.json`, document: y2023.document });
    if (township.draft2024) {
      files.push({ fileName: `${township.slug}-2024-draft.json`, document: draftReport(township, 2024, y2023) });
    }
  });
  return files;
}
