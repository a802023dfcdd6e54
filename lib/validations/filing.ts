import { z } from "zod";

export const NOTE_MAX_LENGTH = 1000;

/** 退回 a filing: the reason the unit's clerks and leaders are told. */
export const returnFilingSchema = z.object({
  reason: z.string().trim().min(1, "请填写退回原因，下级单位将据此修改。").max(NOTE_MAX_LENGTH, `退回原因不能超过 ${NOTE_MAX_LENGTH} 个字。`),
});

/** 备案通过 or 确认备案, with an optional note. */
export const decideFilingSchema = z.object({
  note: z.string().trim().max(NOTE_MAX_LENGTH, `备注不能超过 ${NOTE_MAX_LENGTH} 个字。`).default(""),
});

export type ReturnFilingInput = z.input<typeof returnFilingSchema>;
export type DecideFilingInput = z.input<typeof decideFilingSchema>;
