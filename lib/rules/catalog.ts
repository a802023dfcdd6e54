import type { RuleId } from "@/lib/formats";
import type { Severity } from "./types";

export interface RuleInfo {
  readonly id: RuleId;
  readonly severity: Severity;
  /** Short Chinese title for lists and help texts. */
  readonly title: string;
}

/**
 * All rules in the order findings are reported: errors first (spec §5 order),
 * then warnings. Within a rule, findings follow the reading order of their first cell.
 */
export const RULES: readonly RuleInfo[] = [
  { id: "V0", severity: "error", title: "表格数据不得留空（没有发生的填 0）" },
  { id: "V1", severity: "error", title: "数值须为不小于 0 的整数（金额最多 6 位小数）" },
  { id: "R3-1", severity: "error", title: "表三各列：第一项加第二项之和等于第三项加第四项之和" },
  { id: "R3-2", severity: "error", title: "表三“（七）总计”等于各办理结果之和" },
  { id: "R3-3", severity: "error", title: "表三“总计”列等于各类申请人之和" },
  { id: "R4-1", severity: "error", title: "表四行政复议“总计”等于各结果之和" },
  { id: "R4-2", severity: "error", title: "表四未经复议直接起诉“总计”等于各结果之和" },
  { id: "R4-3", severity: "error", title: "表四复议后起诉“总计”等于各结果之和" },
  { id: "R3-5", severity: "warning", title: "表三“上年结转”与上年度“结转下年度继续办理”一致" },
  { id: "R2-1", severity: "warning", title: "表二现行有效件数与上年衔接" },
  { id: "R2-2", severity: "warning", title: "无规章制定权的单位规章各栏为 0" },
  { id: "X-1", severity: "warning", title: "正文中引用的数字与表格一致" },
  { id: "X-4", severity: "warning", title: "标题、统计期限和正文中的年度与报告年度一致" },
  { id: "X-5", severity: "warning", title: "正文与上年报告或其他单位报告雷同" },
  { id: "X-6", severity: "warning", title: "正文内容过于单薄" },
  { id: "X-8", severity: "warning", title: "主要数据与上年相比变化异常" },
  { id: "X-9", severity: "warning", title: "正文残留模板文字或重复段落" },
];

const RANK = new Map<RuleId, number>(RULES.map((r, i) => [r.id, i]));

/** Position of a rule in the reporting order. */
export function ruleRank(id: RuleId): number {
  return RANK.get(id) ?? RULES.length;
}

export function getRuleInfo(id: RuleId): RuleInfo | undefined {
  return RULES.find((r) => r.id === id);
}

export function ruleSeverity(id: RuleId): Severity {
  return getRuleInfo(id)?.severity ?? "warning";
}
