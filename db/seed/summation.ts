/**
 * The demo county's 2023 report, built by 汇总 (issue 14) the way its clerk would: the county
 * government's own figures, plus the three demo townships' published 2023 reports; the county's
 * 司法局 has no 2023 report and is marked 「暂缺」 with a note, which the published report states.
 * Runs through the commands (audited as the seed), after the townships' reports are imported.
 */
import { and, eq } from "drizzle-orm";
import { getFormat, listCells, type FormatId } from "@/lib/formats";
import { emptyTables, REPORT_SCHEMA_ID, setTableValue, type ReportDocument, type ReportTables } from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";
import { systemActor } from "../actor";
import type { Db } from "../client";
import { applySummation, saveOwnFigures, setUnitAbsent, startSummation } from "../commands/summation";
import { publishReport } from "../commands/publication";
import { insertReportDocument } from "../report-store";
import { reportSections, units } from "../schema";
import { transaction } from "../transaction";

const FORMAT: FormatId = "gov-2021";
const YEAR = 2023;
const COUNTY_ORG_CODE = "11339999MB0A1230XP";
const JUSTICE_ORG_CODE = "11339999MB0A123428";

/** 示例县人民政府's own 2023 figures (本级数据): consistent, small, a county government's own work. */
function ownFigures(): ReportTables {
  const values: Record<string, number> = {
    "table2.normativeDocuments.made": 4,
    "table2.normativeDocuments.repealed": 1,
    "table2.normativeDocuments.valid": 26,
    "table3.naturalPerson.newReceived": 9,
    "table3.naturalPerson.results.granted": 5,
    "table3.naturalPerson.results.partialGrant": 1,
    "table3.naturalPerson.results.unableToProvide.noInfo": 2,
    "table3.naturalPerson.carriedForward": 1,
    "table3.commercial.newReceived": 2,
    "table3.commercial.results.granted": 2,
    "table4.review.maintain": 2,
    "table4.review.correct": 1,
    "table4.litigationDirect.maintain": 1,
  };
  let tables = emptyTables(FORMAT);
  // Every input cell 0 (nothing happened), then the county's figures.
  for (const cell of listCells(FORMAT)) if (!cell.computed) tables = setTableValue(tables, cell.id, values[cell.id] ?? 0);
  return fillComputedCells(FORMAT, tables);
}

const p = (...paragraphs: string[]) => paragraphs.map((text) => `<p>${text}</p>`).join("");

const NARRATIVE: Record<string, string> = {
  preamble: p(
    "本报告由示例县人民政府办公室根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室有关要求编制，汇总了县政府本级和全县各乡镇的政府信息公开工作情况。",
    "报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。本报告电子版可在示例县人民政府门户网站“政府信息公开”专栏查阅或下载。如对本报告有疑问，请与示例县人民政府办公室联系。",
  ),
  overview: p(
    "2023年，示例县坚持以公开为常态、不公开为例外，围绕县委、县政府中心工作，统筹推进全县政务公开工作，各乡镇和县政府部门按照年度政务公开工作要点逐项落实。",
    "（一）主动公开。县政府本级和各乡镇通过政府门户网站、政务新媒体和公开栏主动公开财政预决算、重大建设项目、民生实事和规范性文件等信息。全县（县政府本级和各乡镇，下同）全年制发行政规范性文件9件，废止4件，现行有效56件。",
    "（二）依申请公开。全县各级行政机关严格按照法定时限答复政府信息公开申请，全年新收政府信息公开申请60件，上年结转4件，结转下年度继续办理3件。",
    "（三）政府信息管理。完善政府信息公开审查机制，坚持“先审查、后公开”和“一事一审”，全年未发生泄密和不当公开事件。",
    "（四）平台建设。推进政府网站集约化，优化政府信息公开专栏栏目设置，提升检索和下载功能。",
    "（五）监督保障。将政务公开纳入县政府年度绩效考核，组织业务培训2次，开展乡镇政务公开专项检查1次。",
  ),
  problems: p(
    "2023年度全县政务公开工作仍存在一些不足：一是个别乡镇基层政务公开标准目录更新不及时；二是部分政策解读形式较为单一。针对上年度报告中提出的依申请公开办理流程不够规范的问题，县政府办公室已修订办理规程，统一了登记、审核和答复文书。",
    "下一步，示例县将加强对乡镇的业务指导，定期检查标准目录更新情况，丰富图表、音视频等政策解读形式。",
  ),
  other: p(
    "（一）信息处理费收取情况。2023年度县政府本级未收取信息处理费。",
    "（二）落实上级年度政务公开工作要点情况。按照上级政务公开工作要点要求，逐项分解任务、明确责任单位和完成时限，各项任务均已完成。",
  ),
};

/** The demo county's 2023 汇总 report, published on time. Call once, after the demo townships' 2023 reports. */
export async function seedDemoSummation(db: Db): Promise<void> {
  const seed = systemActor("seed");
  const [county] = await db.select().from(units).where(eq(units.orgCode, COUNTY_ORG_CODE));
  if (!county) throw new Error("demo county missing");
  const [justice] = await db.select({ id: units.id }).from(units).where(and(eq(units.orgCode, JUSTICE_ORG_CODE), eq(units.parentId, county.id)));
  const format = getFormat(FORMAT);
  const doc: ReportDocument = {
    schema: REPORT_SCHEMA_ID,
    format: "gov-2021",
    year: YEAR,
    unit: { name: county.name, orgCode: county.orgCode, kind: county.kind },
    title: `${county.name}${YEAR}年政府信息公开工作年度报告`,
    metadata: { disclosureMode: "主动公开", scope: "面向全社会", retention: "长期公开", publisher: county.name, source: "示例县人民政府办公室", writtenOn: "2024-01-22", validity: "有效", category: "政府信息公开年报" },
    sections: [...(format.preamble ? [format.preamble] : []), ...format.sections]
      .filter((s) => s.kind === "narrative")
      .map((s) => ({ key: s.key, heading: s.heading, html: NARRATIVE[s.key] ?? "" })),
    tables: emptyTables(FORMAT),
    attachments: [],
    signature: null,
  };
  const reportId = await transaction(db, async (tx) => {
    const id = await insertReportDocument(tx, doc, { unitId: county.id, status: "draft", origin: "editor" });
    await tx.update(reportSections).set({ completed: true }).where(eq(reportSections.reportId, id));
    return id;
  });
  await startSummation(db, seed, { reportId });
  await saveOwnFigures(db, seed, { reportId, ownTables: ownFigures() });
  if (justice) await setUnitAbsent(db, seed, { reportId, unitId: justice.id, note: "县司法局2023年度报告未按期报送，已督促其尽快公开" });
  await applySummation(db, seed, { reportId });
  const published = await publishReport(db, seed, reportId, { at: new Date("2024-01-25T09:30:00+08:00"), from: ["draft"] });
  if (!published.published) throw new Error("demo county report was not published");
}
