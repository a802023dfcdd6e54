import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Parses input with a shared schema on the server; a failure becomes an AppError carrying the
 * first message per field, which the form shows at that field.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    throw new AppError("invalid", parsed.error.issues[0]?.message ?? "请按提示修改后重试。", fieldErrors);
  }
  return parsed.data;
}
