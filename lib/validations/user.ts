import { z } from "zod";

import { ROLES } from "@/lib/vocabulary";

export const roleValues = ROLES;

const unitIdField = z.string().regex(/^\d+$/, "请选择所属单位。");

export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(3, "用户名至少 3 个字符。")
    .max(32, "用户名不能超过 32 个字符。")
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "用户名只能包含小写字母、数字、点、下划线和连字符，并以字母或数字开头。"),
  displayName: z.string().trim().min(1, "请输入姓名。").max(30, "姓名不能超过 30 个字。"),
  role: z.enum(roleValues, { error: "请选择角色。" }),
  unitId: unitIdField,
});

export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  displayName: createUserSchema.shape.displayName,
  role: createUserSchema.shape.role,
  unitId: unitIdField,
});

export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const auditFilterSchema = z.object({
  user: z.string().trim().max(64).optional().catch(undefined),
  action: z.string().trim().max(64).optional().catch(undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const userFilterSchema = z.object({
  unit: z.string().regex(/^\d+$/).optional().catch(undefined),
  role: z.enum(roleValues).optional().catch(undefined),
});
