import { listCells, type CellId } from "@/lib/formats";
import {
  createEmptyReport,
  setCell,
  type CellValue,
  type ReportDocument,
  type UnitKind,
} from "@/lib/interchange";
import { fillComputedCells } from "@/lib/rules";

type GovFormat = "gov-2021" | "gov-2019-trial";

/** A report of the format with every cell 0 (consistent). */
export function zeroReport(format: GovFormat = "gov-2021", year = 2023, kind: UnitKind = "township"): ReportDocument {
  let doc = createEmptyReport({ format, year, unit: { name: "示例县青石镇人民政府", orgCode: "11339999MB0A12318P", kind } });
  for (const cell of listCells(format)) doc = setCell(doc, cell.id, 0);
  return { ...doc, title: `示例县青石镇人民政府${year}年政府信息公开工作年度报告` };
}

/** Set cells; with `totals` the computed cells are recomputed afterwards. */
export function withCells(doc: ReportDocument, values: Readonly<Record<CellId, CellValue>>, totals = false): ReportDocument {
  let out = doc;
  for (const [id, value] of Object.entries(values)) out = setCell(out, id, value);
  return totals ? { ...out, tables: fillComputedCells(out.format, out.tables) } : out;
}

/** Leaf values of the consistent 2023 fixture (totals are computed). */
export const LEAVES_2023: Readonly<Record<CellId, number>> = {
  "table2.normativeDocuments.made": 2,
  "table2.normativeDocuments.repealed": 1,
  "table2.normativeDocuments.valid": 10,
  "table2.licensing.decisions": 15,
  "table2.punishment.decisions": 30,
  "table2.coercion.decisions": 2,
  "table2.fees.amountWanYuan": 0.5,
  "table3.naturalPerson.newReceived": 11,
  "table3.naturalPerson.carriedOver": 2,
  "table3.naturalPerson.results.granted": 6,
  "table3.naturalPerson.results.partialGrant": 1,
  "table3.naturalPerson.results.denied.processInfo": 1,
  "table3.naturalPerson.results.unableToProvide.noInfo": 3,
  "table3.naturalPerson.results.notProcessed.repeat": 1,
  "table3.naturalPerson.carriedForward": 1,
  "table3.commercial.newReceived": 2,
  "table3.commercial.results.granted": 1,
  "table3.commercial.results.unableToProvide.noInfo": 1,
  "table3.legal.newReceived": 1,
  "table3.legal.results.granted": 1,
  "table4.review.maintain": 1,
  "table4.review.correct": 1,
  "table4.litigationDirect.maintain": 1,
};

/** A consistent gov-2021 report for 2023 (no findings at all). */
export function consistent2023(): ReportDocument {
  return withCells(zeroReport("gov-2021", 2023), LEAVES_2023, true);
}

/** The matching 2022 report: its carry-forward and 现行有效件数 continue into 2023. */
export function consistent2022(): ReportDocument {
  return withCells(
    zeroReport("gov-2021", 2022),
    {
      "table2.normativeDocuments.made": 1,
      "table2.normativeDocuments.valid": 9,
      "table3.naturalPerson.newReceived": 7,
      "table3.naturalPerson.results.granted": 5,
      "table3.naturalPerson.carriedForward": 2,
    },
    true,
  );
}

/**
 * Each narrative section's own text, written to pass the text checks (年报体检): long enough,
 * saying what its section must say, no paragraph twice, no figure that contradicts the tables.
 */
const SECTION_TEXT: Readonly<Record<string, string>> = {
  preamble: "<p>本报告根据《中华人民共和国政府信息公开条例》要求编制。如对本报告有疑问，请与本镇党政综合办公室联系。</p>",
  overview:
    "<p>本镇坚持以公开为常态、不公开为例外，围绕乡村振兴和基层治理等中心工作，扎实推进政务公开标准化规范化建设。</p>" +
    "<h3>（一）主动公开</h3><p>通过县政府门户网站镇级专栏及时公开财政预决算、惠民补贴发放、农村危房改造和防汛防台等信息，村务公开栏同步更新，方便群众就近查阅。</p>" +
    "<h3>（二）依申请公开</h3><p>规范受理、登记、审查、答复和归档各环节，需要征求第三方意见的严格履行书面程序，所有申请均在法定期限内答复。</p>" +
    "<h3>（三）政府信息管理</h3><p>落实公文公开属性源头认定和保密审查制度，拟公开信息经经办人初审、科室负责人复审和分管领导终审后发布。</p>" +
    "<h3>（四）政府信息公开平台建设</h3><p>用好政务微信公众号，在便民服务中心设置政务公开专区并配备查阅终端。</p>" +
    "<h3>（五）监督保障</h3><p>将政务公开纳入对各村和站所的年度考核，组织业务培训，通过群众座谈和意见箱开展社会评议。</p>",
  problems:
    "<p>针对上年度报告指出的政策解读形式单一问题，本年度采用图解和问答方式解读政策，已整改到位。" +
    "存在的主要问题是村级公开内容更新不够及时、工作人员业务能力有待提高。下一步将建立村级公开定期检查机制，加强业务培训，提升政务公开质效。</p>",
  other: "<p>本年度未发出信息处理费收费通知，未收取信息处理费。人大代表建议和政协提案办理结果均已按规定公开。</p>",
};

/** A narrative section's text as writeReport saves it. */
export function narrativeHtml(sectionKey: string): string {
  return SECTION_TEXT[sectionKey] ?? "<p>本镇依法办理政府信息公开事项，相关情况如实报告。</p>";
}
