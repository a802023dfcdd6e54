import { z } from "zod";

const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}。`).max(max, `${label}不能超过 ${max} 个字。`);

export const returnSchema = z.object({ reason: text("退回原因", 1000) });
export const approveSchema = z.object({
  opinion: text("审核意见", 1000),
  writtenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "请选择成文日期。"),
});
export const withdrawSchema = z.object({ reason: text("撤回原因", 1000) });
export const publishSchema = z.object({
  /** Empty: publish now; otherwise a local (China) date-time "YYYY-MM-DDTHH:mm". */
  scheduleAt: z.string().regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/, "请选择发布时间。"),
  changeNote: z.string().trim().max(1000, "修订说明不能超过 1000 个字。"),
});
export const commentSchema = z.object({
  sectionKey: z.string().min(1).max(64),
  cellId: z.string().max(120).optional(),
  parentId: z.number().int().positive().optional(),
  body: text("意见", 2000),
});
export const explanationsSchema = z.record(z.string().max(400), z.string().trim().max(500, "说明不能超过 500 个字。"));

/**
 * A stable key for a finding, so the clerk's explanation stays attached to it. Text findings
 * of one section are told apart by the start of their excerpt (two X-4 sentences, two
 * repeated paragraphs).
 */
export function findingKey(finding: { ruleId: string; cells: readonly string[]; path?: string; excerpt?: string }): string {
  return `${finding.ruleId}|${finding.cells.join(",")}|${finding.path ?? ""}|${finding.excerpt?.slice(0, 40) ?? ""}`;
}

export type ReturnInput = z.input<typeof returnSchema>;
export type ApproveInput = z.input<typeof approveSchema>;
export type WithdrawInput = z.input<typeof withdrawSchema>;
export type PublishInput = z.input<typeof publishSchema>;
export type CommentInput = z.input<typeof commentSchema>;
