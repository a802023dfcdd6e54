import { z } from "zod";
import { parentProblem } from "@/lib/unit-levels";
import { UNIT_KINDS } from "@/lib/vocabulary";
import { orgCodeProblem } from "./org-code";

export const unitKindValues = UNIT_KINDS;

export const unitSchema = z
  .object({
    name: z.string().trim().min(1, "请输入单位全称。").max(60, "单位全称不能超过 60 个字。"),
    shortName: z.string().trim().min(1, "请输入简称。").max(20, "简称不能超过 20 个字。"),
    kind: z.enum(unitKindValues, { error: "请选择单位类型。" }),
    /** "" means no parent (the top of a tree: a province, a city or a county government). */
    parentId: z.string().regex(/^\d*$/, "请选择上级单位。"),
    orgCode: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .superRefine((code, ctx) => {
        const problem = orgCodeProblem(code);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    /** Month-day of the following year by which a year's report must be published. */
    reportDeadline: z
      .string()
      .trim()
      .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "请按“月-日”填写，如 01-31。"),
  })
  .superRefine((value, ctx) => {
    // Whether the chosen parent fits is checked where the parent is known (db/commands/units.ts).
    const missing = value.parentId === "" ? parentProblem(value.kind, null) : null;
    if (missing) ctx.addIssue({ code: "custom", path: ["parentId"], message: missing });
  });

export type UnitInput = z.input<typeof unitSchema>;
export type UnitValues = z.output<typeof unitSchema>;
