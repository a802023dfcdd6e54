import { OVERVIEW_SUBHEADINGS } from "./guidance";
import type { TextChecksDecl } from "./types";

/*
 * Data of the text checks (年报体检, spec §5) for the 2019 trial and 2021
 * formats: thresholds and prescribed wording live here, the rule engine only interprets them.
 */

/** Sub-headings the format prescribes or that nearly every report uses (not counted as copied). */
const PRESCRIBED_HEADINGS = [
  ...OVERVIEW_SUBHEADINGS,
  "（一）上年度问题整改情况",
  "存在的主要问题",
  "改进措施",
  "（一）信息处理费收取情况",
  "落实上级年度政务公开工作要点情况",
  "人大代表建议和政协提案办理结果公开情况",
  "政务公开工作创新情况",
];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export const GOV_TEXT_CHECKS: TextChecksDecl = {
  copiedTextThreshold: 0.6,
  boilerplate: [
    // The standard preamble (国办公开办函〔2021〕30号 and local notices word it this way).
    "本报告(?:是)?根据《中华人民共和国政府信息公开条例》[^。]{0,80}?(?:要求|规定)?(?:编制|撰写|制作)[^。]*。",
    "(?:全文|本报告)?由[^。]{0,20}总体情况[^。]{0,120}?(?:组成|构成)[^。]*。",
    "本报告(?:中)?所列(?:数据)?的?统计期限[^。]*。",
    "本报告(?:的)?电子版[^。]*。",
    "如对本报告有(?:任何)?疑问[^。]*。",
    ...PRESCRIBED_HEADINGS.map(escape),
  ],
  thinSections: [
    { sectionKey: "overview", minChars: 300 },
    {
      sectionKey: "problems",
      minChars: 100,
      mustMention: { anyOf: ["上年", "上一年", "上年度", "去年", "整改"], what: "上一年度报告所列问题的整改情况" },
    },
    { sectionKey: "other", mustMention: { anyOf: ["信息处理费", "收费"], what: "信息处理费的收取情况（没有收取也应写明）" } },
  ],
  jump: {
    ratio: 5,
    floor: 10,
    figures: [
      { cell: "table3.total.newReceived", name: "本年新收政府信息公开申请数" },
      { cell: "table3.total.results.granted", name: "予以公开的申请数" },
      { cell: "table4.review.total", name: "行政复议案件总数" },
      { cell: "table4.litigationDirect.total", name: "未经复议直接起诉的行政诉讼案件总数" },
      { cell: "table4.litigationPostReview.total", name: "复议后起诉的行政诉讼案件总数" },
      { cell: "table2.normativeDocuments.made", name: "本年制发的行政规范性文件数" },
    ],
  },
};
