import { z } from "zod";
import { FOLLOW_SUPERVISOR } from "@/lib/filing";
import { FILING_MODES } from "@/lib/vocabulary";

export const REASON_MAX_LENGTH = 100;

export const MISSING_REASON_MESSAGE = "请填写不列入报送名单的原因，或选择下方的常用原因。";

/**
 * The reporting-unit list as the form sends it: one entry per unit directly below the supervising
 * unit. A unit left out needs a reason (at that unit's reason field: `entries.<i>.reason`).
 */
export const reportingListSchema = z.object({
  year: z.number({ error: "请选择报告年度。" }).int("请选择报告年度。").min(2008, "请选择报告年度。").max(9999, "请选择报告年度。"),
  /** 备案方式 for every unit on the list (units.filing_mode, not per year); left alone when absent. */
  filingMode: z.enum(FILING_MODES, { error: "请选择备案方式。" }).optional(),
  entries: z
    .array(
      z
        .object({
          unitId: z.number().int().positive(),
          included: z.boolean(),
          reason: z.string().trim().max(REASON_MAX_LENGTH, `原因不能超过 ${REASON_MAX_LENGTH} 个字。`),
          /** 备案 for this unit and year: 「按本单位设置」 (inherit) or a mode of its own; left alone when absent. */
          filingMode: z.enum([FOLLOW_SUPERVISOR, ...FILING_MODES], { error: "请选择备案方式。" }).optional(),
        })
        .superRefine((entry, ctx) => {
          if (!entry.included && entry.reason === "") ctx.addIssue({ code: "custom", path: ["reason"], message: MISSING_REASON_MESSAGE });
        }),
    )
    .max(1000, "单位过多，请分批保存。"),
});

export type ReportingListInput = z.input<typeof reportingListSchema>;
export type ReportingListValues = z.output<typeof reportingListSchema>;
